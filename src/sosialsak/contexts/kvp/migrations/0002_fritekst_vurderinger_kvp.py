"""Copy the free-text KVP assessments (``decisions.KvpVurdering``) into ``kvp.Vurdering`` as
``kilde = FRITEKST``, so the person's KVP page shows them beside the structured ones. The
old rows stay where they are (the § 20 a check reads them)."""

from django.db import migrations


def copy(apps, schema_editor):  # type: ignore[no-untyped-def]
    Old = apps.get_model("decisions", "KvpVurdering")
    New = apps.get_model("kvp", "Vurdering")
    New.objects.bulk_create(
        New(person_id=o.person_id, soknad_id=o.soknad_id, kilde="FRITEKST",
            vurdert_dato=o.vurdert_dato, har_rett=o.har_rett, begrunnelse=o.begrunnelse,
            fritekst_id=o.pk, vurdert_at=o.vurdert_at, vurdert_av_id=o.vurdert_av_id)
        for o in Old.objects.exclude(pk__in=New.objects.exclude(fritekst__isnull=True)
                                     .values("fritekst_id")).iterator())


class Migration(migrations.Migration):
    dependencies = [("kvp", "0001_kvp_kvp"), ("decisions", "0007_vedtak_maned_belop_lawwire")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
