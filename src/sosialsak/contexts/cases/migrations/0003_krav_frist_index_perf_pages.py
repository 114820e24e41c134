# Issue 13 (fast at national scale).
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_case_progress'),
    ]

    operations = [
        # Serves the work queue (/arbeidsliste/, GET /api/v1/soknader): the next open
        # documentation deadline of each listed application; and the worklists
        # /arbeidslister/ "dokumentasjon-frist-ute" and "dokumentasjon-paminnelse".
        migrations.AddIndex(
            model_name='dokumentasjonskrav',
            index=models.Index(condition=models.Q(('status', 'ETTERSPURT')), fields=['soknad', 'frist'], name='krav_etterspurt_frist'),
        ),
    ]
