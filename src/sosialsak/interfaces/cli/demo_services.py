"""Demo data for the social services (issue 14): every new worklist gets content.

At NAV Årstad: a family with two children in a § 27 stay that began more than three months
ago at a hospits not approved for children; a provider never assessed; an individuell plan
with participants, one withdrawn consent and a review date passed; a gjeldsrådgivning case
referred to namsmannen; and a concern sent to barnevernet without reply. Deterministic: the
records go on the office's oldest family applications, with dates counted from ``now``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import HusstandBarn
from sosialsak.contexts.services import operations as ops
from sosialsak.contexts.services.models import Samtykke
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import add_months


def load(*, kontor: NavKontor, now: datetime) -> None:
    actor = kontor.ansatte.filter(groups__name=Role.VEILEDER).order_by("username").get(
        username="veileder")
    scope = scope_for(actor)
    today = local_date(now)
    families = list(Soknad.objects.filter(kontor=kontor).filter(
        Exists(HusstandBarn.objects.filter(husstand=OuterRef("husstand"))))
        .exclude(person__adressebeskyttelse="STRENGT_FORTROLIG")
        .order_by("pk").values_list("person_id", flat=True).distinct()[:4])
    stay_family, plan_person, money_person, concern_person = (families * 4)[:4]

    hospits = ops.create_botilbud(scope=scope, actor=actor, data=ops.BotilbudInput(
        navn="Nordnes Hospits", type="HOSPITS", adresse="Nordnesgaten 3, 5005 Bergen"))
    ops.record_vurdering(scope=scope, actor=actor, botilbud_id=hospits.pk, now=now,
                         data=ops.VurderingInput(
                             dato=today - timedelta(days=60), vurdert_av="Lena Leder",
                             funn="Rene rom med lås. Felles kjøkken; ikke egnet for barn.",
                             forsvarlig=True, godkjent_for_barn=False))
    ops.create_botilbud(scope=scope, actor=actor, data=ops.BotilbudInput(
        navn="Fjordhotellet", type="HOTELL", adresse="Strandkaien 1, 5013 Bergen"))
    leilighet = ops.create_botilbud(scope=scope, actor=actor, data=ops.BotilbudInput(
        navn="Kommunal gjennomgangsbolig Årstad", type="KOMMUNAL"))
    ops.record_vurdering(scope=scope, actor=actor, botilbud_id=leilighet.pk, now=now,
                         data=ops.VurderingInput(
                             dato=today - timedelta(days=30), vurdert_av="Lena Leder",
                             funn="Egen leilighet med kjøkken.", forsvarlig=True,
                             godkjent_for_barn=True))
    start = add_months(today, -4)
    ops.record_opphold(scope=scope, actor=actor, person_id=stay_family, now=now,
                       data=ops.OppholdInput(botilbud_id=hospits.pk, fra=start,
                                             pris_per_dogn=950, antall_voksne=1,
                                             antall_barn=2))

    plan = ops.create_plan(scope=scope, actor=actor, person_id=plan_person, now=now,
                           data=ops.PlanInput(
                               mal="Få egen bolig og komme i arbeidspraksis innen ett år.",
                               neste_evaluering=today - timedelta(days=10),
                               barn_langvarige_behov=True,
                               barnekoordinator="Kari Koordinator, Bergen kommune"))
    helse = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=now,
                             data=ops.DeltakerInput(tjeneste="HELSE", navn="Årstad legekontor",
                                                    kontakt="55 00 00 00",
                                                    samtykke=("HELSE", "MAL_OG_TILTAK")))
    barnevern = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=now,
                                 data=ops.DeltakerInput(tjeneste="BARNEVERN",
                                                        navn="Barnevernet i Årstad",
                                                        samtykke=("BARN",)))
    bolig = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=now,
                             data=ops.DeltakerInput(tjeneste="BOLIG",
                                                    navn="Boligetaten, Bergen kommune",
                                                    samtykke=("BOLIG", "MAL_OG_TILTAK")))
    ops.add_tiltak(scope=scope, actor=actor, plan_id=plan.pk, now=now, data=ops.TiltakInput(
        hva="Søke kommunal bolig", formal="BOLIG", ansvarlig_id=bolig.pk,
        frist=today + timedelta(days=30)))
    ops.add_tiltak(scope=scope, actor=actor, plan_id=plan.pk, now=now, data=ops.TiltakInput(
        hva="Time hos fastlegen om søvn", formal="HELSE", ansvarlig_id=helse.pk,
        frist=today + timedelta(days=14)))
    ops.record_mote(scope=scope, actor=actor, plan_id=plan.pk, now=now, data=ops.MoteInput(
        dato=today - timedelta(days=20), formal="MAL_OG_TILTAK",
        referat="Ansvarsgruppen gikk gjennom målene. Boligsøknad sendes denne måneden.",
        deltaker_ids=(helse.pk, bolig.pk)))
    withdrawn = Samtykke.objects.get(deltaker=barnevern, formal="BARN")
    ops.withdraw_samtykke(scope=scope, actor=actor, samtykke_id=withdrawn.pk,
                          now=now - timedelta(days=2))

    r = ops.record_radgivning(scope=scope, actor=actor, person_id=money_person, now=now,
                              data=ops.RadgivningInput(
                                  art="GJELD", vedtak_dato=today - timedelta(days=40),
                                  utfall="INNVILGET", niva="III",
                                  start=today - timedelta(days=35)))
    ops.add_henvisning(scope=scope, actor=actor, radgivning_id=r.pk, now=now,
                       data=ops.HenvisningInput(til="NAMSMANNEN", navn="Namsmannen i Bergen",
                                                dato=today - timedelta(days=7),
                                                notat="Søknad om gjeldsordning."))

    ops.record_bekymring(scope=scope, actor=actor, person_id=concern_person, now=now,
                         data=ops.BekymringInput(barn_navn="Barnet i husstanden",
                                                 sendt_dato=today - timedelta(days=30),
                                                 barneverntjeneste="Barnevernet i Årstad"))
