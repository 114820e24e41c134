# Issue 13 (fast at national scale).
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0005_forsendelse_svar_law_appeals'),
    ]

    operations = [
        # Serves the worklist /arbeidslister/ "vedtaksperiode" (periods that end soon) and its
        # count on the start page: without it every decision is scanned.
        migrations.AddIndex(
            model_name='vedtak',
            index=models.Index(fields=['periode_til'], name='vedtak_periode_til'),
        ),
    ]
