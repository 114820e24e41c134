"""Give every existing application its own household (issue 10), copied from the person record.

Each application gets a ``Husstand`` with the person's current details (kilde PERSONREGISTER, dated
when the application was received) and the person's children as its members; the partner row
goes to the newest application and is copied for the older ones. A child row is kept by the
office of the person's newest application, so its kartlegging stays where it was written.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Soknad = apps.get_model("intake", "Soknad")
    Husstand = apps.get_model("people", "Husstand")
    HusstandBarn = apps.get_model("people", "HusstandBarn")
    Barn = apps.get_model("people", "Barn")
    Partner = apps.get_model("people", "Partner")
    newest: dict[int, object] = {}
    for s in Soknad.objects.select_related("person").order_by("person_id", "-mottatt_at", "-id"):
        p = s.person
        h = Husstand.objects.create(
            person=p, kilde="PERSONREGISTER", oppgitt_at=s.mottatt_at, kontor_id=s.kontor_id,
            registrert_av_id=s.registrert_av_id, fornavn=p.fornavn, etternavn=p.etternavn,
            gateadresse=p.gateadresse, postnummer=p.postnummer, poststed=p.poststed,
            kommunenummer=p.kommunenummer, telefon=p.telefon, tolkebehov=p.tolkebehov,
            tolkesprak=p.tolkesprak)
        s.husstand = h
        s.save(update_fields=["husstand"])
        first = p.pk not in newest
        if first:
            newest[p.pk] = s
            Barn.objects.filter(person=p, kontor__isnull=True).update(kontor_id=s.kontor_id)
        for b in Barn.objects.filter(person=p):
            HusstandBarn.objects.create(husstand=h, barn=b, bosted=b.bosted)
        for partner in Partner.objects.filter(person=p, husstand__isnull=True)[:1]:
            if first:
                partner.husstand = h
                partner.save(update_fields=["husstand"])
        if not first:
            original = Partner.objects.filter(person=p).order_by("id").first()
            if original is not None:
                Partner.objects.create(
                    person=p, husstand=h, relasjon=original.relasjon, navn=original.navn,
                    fodselsnummer=original.fodselsnummer, fodselsdato=original.fodselsdato,
                    bor_sammen=original.bor_sammen)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_soknad_husstand_secperson"),
        ("people", "0002_husstand_secperson"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
