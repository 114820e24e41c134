"""Issue 14, items 4-8: the services' writes and reads, through scope and audit.

§ 28: consent to share is per participant and purpose; a participant's view or export shows
nothing else, and a withdrawal takes effect at once. § 27: stays with children and stays beyond
three months are on worklists, as are providers not assessed in twelve months; an exclusion
from a provider is an enkeltvedtak with a reasoned letter and the appeal information
(fvl. §§ 24-25, 27). § 45: a concern without reply after the office's days is on a worklist.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.casefile.worklists import worklist, worklist_counts
from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.decisions.models import VedtakDokument
from sosialsak.contexts.services import operations as ops
from sosialsak.contexts.services import policy, queries
from sosialsak.contexts.services.models import Samtykke
from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.errors import NotFound

TODAY = date(2026, 5, 1)
NOW = datetime(2026, 5, 1, 10, 0, tzinfo=OSLO)


def _plan(scope: Any, actor: Any, family: Any) -> Any:
    return ops.create_plan(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                           data=ops.PlanInput(mal="Egen bolig og jobb innen ett år.",
                                              neste_evaluering=date(2026, 4, 1)))


# --- § 28 individuell plan and consent ---------------------------------------------------------

def test_par_28_participant_sees_only_what_was_consented_for_that_purpose(
        scope: Any, actor: Any, family: Any) -> None:
    plan = _plan(scope, actor, family)
    helse = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=NOW,
                             data=ops.DeltakerInput(tjeneste="HELSE", navn="Fastlegen",
                                                    samtykke=("HELSE",)))
    bolig = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=NOW,
                             data=ops.DeltakerInput(tjeneste="BOLIG", navn="Boligkontoret",
                                                    samtykke=("BOLIG", "MAL_OG_TILTAK")))
    ops.add_tiltak(scope=scope, actor=actor, plan_id=plan.pk, now=NOW, data=ops.TiltakInput(
        hva="Søke kommunal bolig", formal="BOLIG", ansvarlig_id=bolig.pk))
    ops.add_tiltak(scope=scope, actor=actor, plan_id=plan.pk, now=NOW, data=ops.TiltakInput(
        hva="Time hos psykolog", formal="HELSE", ansvarlig_id=helse.pk))
    ops.record_mote(scope=scope, actor=actor, plan_id=plan.pk, now=NOW, data=ops.MoteInput(
        dato=TODAY, referat="Gjennomgang av gjeld", formal="OKONOMI",
        deltaker_ids=(helse.pk, bolig.pk)))

    view = queries.participant_view(scope=scope, actor=actor, deltaker_id=helse.pk, at=NOW,
                                    purpose="test")
    assert view.formal == ["HELSE"]
    assert view.mal is None  # no consent for the plan's goals
    assert [t.hva for t in view.tiltak] == ["Time hos psykolog"]
    assert view.moter == []  # the meeting's minutes are about the economy

    view = queries.participant_view(scope=scope, actor=actor, deltaker_id=bolig.pk, at=NOW,
                                    purpose="test")
    assert view.mal == "Egen bolig og jobb innen ett år."
    assert [t.hva for t in view.tiltak] == ["Søke kommunal bolig"]

    with pytest.raises(policy.NoConsent):  # an export for a purpose not consented to
        queries.participant_view(scope=scope, actor=actor, deltaker_id=helse.pk, at=NOW,
                                 formal="OKONOMI", purpose="eksport")
    assert AuditEntry.objects.filter(action="DENIED", object_type="individuell_plan_deltaker",
                                     object_id=str(helse.pk)).exists()


def test_par_28_withdrawn_consent_stops_sharing_at_once(scope: Any, actor: Any,
                                                       family: Any) -> None:
    plan = _plan(scope, actor, family)
    d = ops.add_deltaker(scope=scope, actor=actor, plan_id=plan.pk, now=NOW,
                         data=ops.DeltakerInput(tjeneste="BARNEVERN", navn="Barnevernet",
                                                samtykke=("BARN",)))
    ops.add_tiltak(scope=scope, actor=actor, plan_id=plan.pk, now=NOW, data=ops.TiltakInput(
        hva="Foreldreveiledning", formal="BARN", ansvarlig_id=d.pk))
    s = Samtykke.objects.get(deltaker=d)
    later = NOW + timedelta(minutes=5)
    assert queries.participant_view(scope=scope, actor=actor, deltaker_id=d.pk, at=later,
                                    formal="BARN", purpose="eksport").tiltak

    ops.withdraw_samtykke(scope=scope, actor=actor, samtykke_id=s.pk, now=later)

    view = queries.participant_view(scope=scope, actor=actor, deltaker_id=d.pk, at=later,
                                    purpose="test")
    assert view.formal == [] and view.tiltak == []
    with pytest.raises(policy.NoConsent):
        queries.participant_view(scope=scope, actor=actor, deltaker_id=d.pk, at=later,
                                 formal="BARN", purpose="eksport")
    # the withdrawal is kept (who and when), and a new consent can be given later
    s.refresh_from_db()
    assert s.trukket_at == later and s.trukket_av_id == actor.pk
    ops.give_samtykke(scope=scope, actor=actor, deltaker_id=d.pk, formal="BARN",
                      now=later + timedelta(days=1))


def test_par_28_other_office_cannot_see_or_change_the_plan(
        scope: Any, actor: Any, family: Any, users: dict[str, Any], scope_of: Any) -> None:
    plan = _plan(scope, actor, family)
    other = users["veileder_b"]
    with pytest.raises(NotFound):
        queries.get_plan(scope=scope_of(other), actor=other, plan_id=plan.pk, today=TODAY,
                         now=NOW, purpose="test")
    with pytest.raises(NotFound):
        ops.add_deltaker(scope=scope_of(other), actor=other, plan_id=plan.pk, now=NOW,
                         data=ops.DeltakerInput(tjeneste="HELSE", navn="X"))
    sf = users["statsforvalter"]
    assert queries.get_plan(scope=scope_of(sf), actor=sf, plan_id=plan.pk, today=TODAY,
                            now=NOW, purpose="tilsyn").id == plan.pk
    with pytest.raises(NotFound):  # read-only
        ops.add_deltaker(scope=scope_of(sf), actor=sf, plan_id=plan.pk, now=NOW,
                         data=ops.DeltakerInput(tjeneste="HELSE", navn="X"))


def test_par_28_review_date_passed_is_on_the_worklist(scope: Any, actor: Any,
                                                     family: Any) -> None:
    plan = _plan(scope, actor, family)
    items = worklist(scope=scope, actor=actor, key="plan-evaluering", today=TODAY,
                     purpose="test")
    assert [i.soknad_id for i in items] == [family.pk]
    assert worklist_counts(scope=scope, actor=actor, today=TODAY)["plan-evaluering"] == 1
    ops.update_plan(scope=scope, actor=actor, plan_id=plan.pk, now=NOW, data=ops.PlanInput(
        mal=plan.mal, neste_evaluering=date(2026, 9, 1)))
    assert worklist(scope=scope, actor=actor, key="plan-evaluering", today=TODAY,
                    purpose="test") == []


# --- § 27 temporary housing --------------------------------------------------------------------

def _provider(scope: Any, actor: Any, *, assessed: date | None = None,
              barn: bool = False) -> Any:
    b = ops.create_botilbud(scope=scope, actor=actor,
                            data=ops.BotilbudInput(navn="Sentrum Hospits", type="HOSPITS"))
    if assessed:
        ops.record_vurdering(scope=scope, actor=actor, botilbud_id=b.pk, now=NOW,
                             data=ops.VurderingInput(dato=assessed, vurdert_av="Leder",
                                                     funn="Rent, låsbare rom", forsvarlig=True,
                                                     godkjent_for_barn=barn))
    return b


def test_par_27_stay_with_children_beyond_three_months_is_flagged(scope: Any, actor: Any,
                                                                  family: Any) -> None:
    b = _provider(scope, actor, assessed=date(2026, 1, 10), barn=False)
    stay = ops.record_opphold(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                              data=ops.OppholdInput(botilbud_id=b.pk, fra=date(2026, 1, 31),
                                                    pris_per_dogn=950, antall_barn=2))
    over = worklist(scope=scope, actor=actor, key="botilbud-over-3-maneder", today=TODAY,
                    purpose="test")
    assert [i.soknad_id for i in over] == [family.pk]
    assert "30.04.2026" in over[0].detalj and "ikke godkjent for barn" in over[0].detalj
    # the day before, 31 January + 3 months = 30 April: not yet beyond
    assert worklist(scope=scope, actor=actor, key="botilbud-over-3-maneder",
                    today=date(2026, 4, 30), purpose="test") == []
    kids = worklist(scope=scope, actor=actor, key="botilbud-barn", today=TODAY, purpose="test")
    assert len(kids) == 1
    counts = worklist_counts(scope=scope, actor=actor, today=TODAY)
    assert counts["botilbud-over-3-maneder"] == 1 and counts["botilbud-barn"] == 1
    mine = queries.person_services(scope=scope, actor=actor, person_id=family.person_id,
                                   today=TODAY, now=NOW, purpose="test").opphold
    assert mine[0].over_tre_maneder and mine[0].med_barn and mine[0].godkjent_for_barn is False

    ops.end_opphold(scope=scope, actor=actor, opphold_id=stay.pk, til=date(2026, 4, 20), now=NOW)
    assert worklist_counts(scope=scope, actor=actor, today=TODAY)["botilbud-over-3-maneder"] == 0


def test_par_27_providers_not_assessed_in_twelve_months(scope: Any, actor: Any,
                                                       users: dict[str, Any],
                                                       scope_of: Any) -> None:
    never = _provider(scope, actor)
    old = _provider(scope, actor, assessed=date(2025, 4, 30))
    fresh = _provider(scope, actor, assessed=date(2025, 5, 1))
    stale = queries.providers(scope=scope, actor=actor, today=TODAY, stale_only=True)
    assert {b.id for b in stale} == {never.pk, old.pk}
    assert fresh.pk not in {b.id for b in stale}
    assert queries.stale_provider_count(scope, TODAY) == 2
    other = users["veileder_b"]  # another office sees none of them
    assert queries.providers(scope=scope_of(other), actor=other, today=TODAY) == []


def test_par_27_a_child_approval_needs_a_sound_provider(scope: Any, actor: Any) -> None:
    b = _provider(scope, actor)
    with pytest.raises(policy.UnableToChangeService):
        ops.record_vurdering(scope=scope, actor=actor, botilbud_id=b.pk, now=NOW,
                             data=ops.VurderingInput(dato=TODAY, vurdert_av="X", funn="Skitt",
                                                     forsvarlig=False, godkjent_for_barn=True))


def test_par_27_exclusion_is_an_enkeltvedtak_with_reasons_and_appeal_letter(
        scope: Any, actor: Any, family: Any) -> None:
    b = _provider(scope, actor, assessed=TODAY)
    u = ops.exclude_from_botilbud(
        scope=scope, actor=actor, person_id=family.person_id, now=NOW,
        data=ops.UtestengelseInput(botilbud_id=b.pk, fra=date(2026, 5, 2),
                                   til=date(2026, 5, 31),
                                   fakta="Truet en annen beboer 28. april.",
                                   kontradiksjon="Sier han ble provosert.",
                                   begrunnelse="Hensynet til de andre beboerne veier tyngst."))
    doc = VedtakDokument.objects.get(pk=u.brev_id)
    assert doc.type == "VEDTAK" and bytes(doc.pdf).startswith(b"%PDF")
    text = " ".join(doc.tekst.split())
    for must in ("sosialtjenesteloven § 27", "Truet en annen beboer", "Sier han ble provosert",
                 "Hensynet til de andre beboerne", "Statsforvalteren i Vestland", "klage"):
        assert must in text, must
    assert AuditEntry.objects.filter(action="WRITE", object_type="utestengelse").exists()


def test_par_27_exclusion_without_reasons_is_refused(scope: Any, actor: Any,
                                                    family: Any) -> None:
    b = _provider(scope, actor)
    with pytest.raises(policy.UnableToChangeService) as exc:
        ops.exclude_from_botilbud(
            scope=scope, actor=actor, person_id=family.person_id, now=NOW,
            data=ops.UtestengelseInput(botilbud_id=b.pk, fra=TODAY, fakta="x",
                                       kontradiksjon="y", begrunnelse="  "))
    assert exc.value.extra["field"] == "begrunnelse"
    assert not VedtakDokument.objects.exists()


# --- § 17 counselling --------------------------------------------------------------------------

def test_par_17_counselling_with_level_referral_and_outcome(scope: Any, actor: Any,
                                                           family: Any) -> None:
    r = ops.record_radgivning(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                              data=ops.RadgivningInput(art="GJELD", vedtak_dato=TODAY,
                                                       utfall="INNVILGET", niva="III",
                                                       start=TODAY))
    ops.add_henvisning(scope=scope, actor=actor, radgivning_id=r.pk, now=NOW,
                       data=ops.HenvisningInput(til="NAMSMANNEN", dato=TODAY))
    ops.close_radgivning(scope=scope, actor=actor, radgivning_id=r.pk, avsluttet=TODAY,
                         resultat="GJELDSORDNING", notat="", now=NOW)
    got = queries.person_services(scope=scope, actor=actor, person_id=family.person_id,
                                  today=TODAY, now=NOW, purpose="test")
    assert got.kostra_gitt_okonomirad == "1" and got.kostra_individuell_plan == "2"
    assert got.radgivninger[0].henvisninger[0].til == "NAMSMANNEN"
    with pytest.raises(policy.UnableToChangeService):  # granted without a start date
        ops.record_radgivning(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                              data=ops.RadgivningInput(art="OKONOMISK", vedtak_dato=TODAY,
                                                       utfall="INNVILGET", niva="I"))


# --- § 45 concern ------------------------------------------------------------------------------

def test_par_45_concern_from_the_mapping_without_reply_is_on_the_worklist(
        scope: Any, actor: Any, family: Any, users: dict[str, Any], scope_of: Any) -> None:
    k = Kartleggingsdel.objects.create(
        person_id=family.person_id, soknad=family, del_type="BARN", barn_navn="Barn 0",
        svar={"bekymring_barnevern": True, "melding_barnevern_dato": "2026-04-01"},
        skrevet_at=NOW)
    mapped = queries.person_services(scope=scope, actor=actor, person_id=family.person_id,
                                     today=TODAY, now=NOW, purpose="test").kartlagte_bekymringer
    assert [(m.kartlegging_id, m.sendt_dato) for m in mapped] == [(k.pk, date(2026, 4, 1))]
    b = ops.record_bekymring(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                             data=ops.BekymringInput(barn_navn="Barn 0",
                                                     sendt_dato=date(2026, 4, 1),
                                                     barneverntjeneste="Barnevernet i Bergen",
                                                     kartlegging_id=k.pk))
    # default 14 days: due 15 April, so on the list on 1 May
    items = worklist(scope=scope, actor=actor, key="barnevern-uten-svar", today=TODAY,
                     purpose="test")
    assert [i.frist for i in items] == [date(2026, 4, 15)]
    # the leder gives the office 45 days: not yet on the list
    leder = users["leder_a"]
    ops.set_service_settings(scope=scope_of(leder), actor=leder, kontor_id=family.kontor_id,
                             data=policy.ServiceSettings(barnevern_svar_dager=45), now=NOW)
    assert worklist_counts(scope=scope, actor=actor, today=TODAY)["barnevern-uten-svar"] == 0
    assert worklist_counts(scope=scope, actor=actor,
                           today=date(2026, 5, 17))["barnevern-uten-svar"] == 1
    ops.record_svar(scope=scope, actor=actor, bekymring_id=b.pk, svar_dato=TODAY,
                    svar="Undersøkelse startet", neste_steg="Møte 10. mai", now=NOW)
    assert worklist_counts(scope=scope, actor=actor,
                           today=date(2026, 6, 1))["barnevern-uten-svar"] == 0
    with pytest.raises(NotFound):  # a veileder may not change the office's settings
        ops.set_service_settings(scope=scope, actor=actor, kontor_id=family.kontor_id,
                                 data=policy.ServiceSettings(barnevern_svar_dager=3), now=NOW)


def test_par_28_the_coordinator_is_staff_at_the_office(scope: Any, actor: Any, family: Any,
                                                      users: dict[str, Any]) -> None:
    for wrong in (users["veileder_b"], users["statsforvalter"]):
        with pytest.raises(policy.UnableToChangeService) as exc:
            ops.create_plan(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                            data=ops.PlanInput(mal="x", neste_evaluering=TODAY,
                                               koordinator_id=wrong.pk))
        assert exc.value.extra["field"] == "koordinator_id"
    plan = ops.create_plan(scope=scope, actor=actor, person_id=family.person_id, now=NOW,
                           data=ops.PlanInput(mal="x", neste_evaluering=TODAY,
                                              koordinator_id=users["leder_a"].pk))
    assert plan.koordinator_id == users["leder_a"].pk
