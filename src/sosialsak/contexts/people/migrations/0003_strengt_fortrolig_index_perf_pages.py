# Issue 13 (fast at national scale).
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_husstand_secperson'),
    ]

    operations = [
        # Serves every page that lists or reads applications (work queue, worklists, API list
        # and read, case page): scoped_soknader excludes the few people with strengt fortrolig
        # adresse by NOT IN over this small partial index instead of joining every person.
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('adressebeskyttelse', 'STRENGT_FORTROLIG')), fields=['id'], name='person_strengt_fortrolig'),
        ),
    ]
