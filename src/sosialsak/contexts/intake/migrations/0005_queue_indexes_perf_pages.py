# Issue 13 (fast at national scale).
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0004_husstand_per_soknad_secperson'),
    ]

    operations = [
        # Serves the work queue /arbeidsliste/ and GET /api/v1/soknader without a status
        # filter: an office's open applications in keyset order (nodhjelp DESC, mottatt_at,
        # id), so a page reads its own rows only. Also the worklists' open-case filters.
        migrations.AddIndex(
            model_name='soknad',
            index=models.Index(condition=models.Q(('status__in', ('MOTTATT', 'UNDER_BEHANDLING'))), fields=['kontor', '-nodhjelp', 'mottatt_at', 'id'], name='soknad_queue_open'),
        ),
        # Serves the same pages filtered on one status (?status=FERDIGBEHANDLET ...).
        migrations.AddIndex(
            model_name='soknad',
            index=models.Index(fields=['kontor', 'status', '-nodhjelp', 'mottatt_at', 'id'], name='soknad_queue_status'),
        ),
    ]
