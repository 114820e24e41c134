# ruff: noqa: F811  (the young_parent fixture is imported from the decisions fixtures)
"""The rules of issues 5 and 6 hold through the JSON API as in the UI: the children rule, the
nødhjelp follow-up task, four-eyes, breach → warning → reduction, late appeals, forwarding;
and the reads and settings an integrator needs (a decision, its letters, the payments page,
the office's decision and payment settings)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sosialsak.kernel.clock import local_date
from tests.functional.test_case_progress_api import Api
from tests.functional.test_decision_api import (
    _body,
    _confirmed_rates,  # noqa: F401 (autouse fixture)
)
from tests.integration.decisions.fixtures import young_parent  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _simple(soknad: Any, item: str, **over: Any) -> dict[str, Any]:
    body = {"post_ids": [soknad.poster.get(type=item).pk], "hjemmel": "§ 18",
            "utfall": "INNVILGET", "stonadsform": "BIDRAG", "belop": 800,
            "fakta": "Tomt kjøleskap.", "begrunnelse": "Du trenger mat i dag."}
    body.update(over)
    return body


def test_a_livsopphold_decision_waits_for_the_childrens_mapping(make_soknad, users) -> None:
    soknad = make_soknad(barn=1)
    api = Api(users["veileder_sf"])

    refused = api.post(f"/soknader/{soknad.pk}/vedtak", _simple(
        soknad, "LIVSOPPHOLD", individuell_vurdering="Vurdert.", periode_fra="2024-03-01",
        periode_til="2024-04-01", barn=[{"barn_id": soknad.person.barn.get().pk,
                                          "vurdering": "Trenger klær."}]))

    assert refused.status_code == 400
    assert refused.json()["code"] == "children_not_mapped"


def test_nodhjelp_through_the_api_opens_the_task_to_map_the_children(
    make_soknad, users
) -> None:
    from sosialsak.contexts.cases.models import Oppgave

    urgent = make_soknad(items=("NODHJELP",), barn=2)
    made = Api(users["veileder_sf"]).post(f"/soknader/{urgent.pk}/vedtak", _simple(
        urgent, "NODHJELP", hjemmel="§ 18 nødhjelp"))

    assert made.status_code == 201, made.content
    task = Oppgave.objects.get(soknad=urgent)
    assert task.type == "KARTLEGGING" and task.apen


def test_four_eyes_through_the_api(users: Any, young_parent: Any) -> None:
    leder, veileder = Api(users["leder_a"]), Api(users["veileder_sf"])
    assert leder.put("/kontor/vedtaksinnstillinger", {
        "godkjenning_over_belop": 5000, "godkjenning_ved_avslag": False,
        "langtid_maneder": 6, "langtid_av_maneder": 12}).status_code == 200
    assert veileder.get("/kontor/vedtaksinnstillinger").status_code == 404

    refused = veileder.post(f"/soknader/{young_parent.pk}/vedtak", _body(young_parent))
    proposed = veileder.post(f"/soknader/{young_parent.pk}/vedtak/forslag", _body(young_parent))
    own = veileder.post(f"/vedtaksforslag/{proposed.json()['id']}/godkjenning")
    approved = leder.post(f"/vedtaksforslag/{proposed.json()['id']}/godkjenning")

    assert refused.status_code == 400 and refused.json()["code"] == "godkjenning_kreves"
    assert proposed.status_code == 201
    assert own.status_code == 400 and own.json()["code"] == "godkjenning_samme_person"
    assert approved.status_code == 201
    vedtak = veileder.get(f"/vedtak/{approved.json()['id']}").json()
    assert vedtak["godkjent_av_id"] == users["leder_a"].pk
    letter = veileder.get(f"/vedtak-dokumenter/{vedtak['dokumenter'][0]['id']}")
    assert letter["Content-Type"] == "application/pdf" and letter.content[:5] == b"%PDF-"
    assert leder.get("/kontor/vedtaksinnstillinger").json()["godkjenning_over_belop"] == 5000


def _decided_with_condition(api: Api, soknad: Any, konsekvens: str,
                            sanksjon: str = "01") -> dict[str, Any]:
    api.post(f"/soknader/{soknad.pk}/kvp-vurdering", {"har_rett": False,
                                                      "begrunnelse": "Ikke aktuelt nå."})
    made = api.post(f"/soknader/{soknad.pk}/vedtak", _body(soknad, unntak=None, vilkar=[{
        "kode": "08", "beskrivelse": "Møt til veiledningssamtale hver tirsdag.",
        "frist": "2030-01-01", "oppfolging": "Vi snakker sammen hver uke.",
        "konsekvens": konsekvens, "sanksjon": sanksjon}]))
    assert made.status_code == 201, made.content
    return api.get(f"/vedtak/{made.json()['id']}").json()


def test_a_reduction_needs_the_stated_consequence_and_a_warning(
    users: Any, young_parent: Any
) -> None:
    api = Api(users["veileder_sf"])
    vedtak = _decided_with_condition(api, young_parent,
                                     "Stønaden kan bli redusert om vilkåret ikke blir oppfylt.")
    brudd = api.post(f"/vilkar/{vedtak['vilkar'][0]['id']}/brudd", {
        "hva": "Møtte ikke.", "forklaring": "Var syk."}).json()["id"]
    reduksjon = {"belop_redusert": 11000, "individuell_vurdering": "Vurdert.",
                 "nodvendig_belop": 9000}

    early = api.post(f"/brudd/{brudd}/reduksjon", reduksjon)
    varsel = api.post(f"/brudd/{brudd}/forhandsvarsel", {"belop_redusert": 11000,
                                                         "svarfrist": "2030-01-01"})

    assert early.status_code == 400
    assert early.json()["code"] == "reduksjon_ikke_forhandsvarslet"
    assert varsel.status_code == 201, varsel.content
    before_deadline = api.post(f"/brudd/{brudd}/reduksjon", reduksjon)
    assert before_deadline.status_code == 400  # the person may still answer the warning
    assert before_deadline.json()["code"] == "reduksjon_svarfrist_ikke_ute"

    _reply_deadline_passed(brudd)
    done = api.post(f"/brudd/{brudd}/reduksjon", reduksjon)
    assert done.status_code == 201, done.content
    assert done.json()["status"] == "REDUKSJON"
    assert api.get(f"/vedtak/{done.json()['id']}").json()["belop"] == 11000


def _reply_deadline_passed(brudd_id: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from sosialsak.contexts.decisions.models import Vilkarsbrudd

    Vilkarsbrudd.objects.filter(pk=brudd_id).update(  # time passes
        svarfrist=timezone.localdate() - timedelta(days=1))


def test_reductions_and_changes_after_appeal_go_through_approval_by_api(
    users: Any, young_parent: Any
) -> None:
    api, leder = Api(users["veileder_sf"]), Api(users["leder_a"])
    vedtak = _decided_with_condition(api, young_parent,
                                     "Stønaden kan bli redusert om vilkåret ikke blir oppfylt.")
    assert leder.put("/kontor/vedtaksinnstillinger", {
        "godkjenning_over_belop": 5000, "godkjenning_ved_avslag": True,
        "langtid_maneder": 6, "langtid_av_maneder": 12}).status_code == 200
    brudd = api.post(f"/vilkar/{vedtak['vilkar'][0]['id']}/brudd", {
        "hva": "Møtte ikke.", "forklaring": ""}).json()["id"]
    api.post(f"/brudd/{brudd}/forhandsvarsel", {"belop_redusert": 11000,
                                                "svarfrist": "2030-01-01"})
    _reply_deadline_passed(brudd)
    reduksjon = {"belop_redusert": 11000, "individuell_vurdering": "Vurdert.",
                 "nodvendig_belop": 9000}

    refused = api.post(f"/brudd/{brudd}/reduksjon", reduksjon)
    proposed = api.post(f"/brudd/{brudd}/reduksjon/forslag", reduksjon)
    approved = leder.post(f"/vedtaksforslag/{proposed.json()['id']}/godkjenning")

    assert refused.status_code == 400 and refused.json()["code"] == "godkjenning_kreves"
    assert proposed.status_code == 201, proposed.content
    assert approved.status_code == 201, approved.content
    reduced = api.get(f"/vedtak/{approved.json()['id']}").json()
    assert (reduced["art"], reduced["godkjent_av_id"]) == ("REDUKSJON", users["leder_a"].pk)

    klage = api.post(f"/vedtak/{reduced['id']}/klager", {
        "tekst": "Uenig.", "mottatt": _local_day(reduced["fattet_at"])}).json()
    from tests.functional.test_decision_api import _body

    ny = {"vurdering": "Klagen tas til følge.", "vedtak": _body(young_parent, unntak=None,
                                                                 vilkar=[], barn=[
        {"barn_id": young_parent.person.barn.get().pk, "vurdering": "Trenger klær."}])}
    ny["vedtak"]["unntak"] = {"grunner": ["03"], "begrunnelse": "Sykmeldt."}
    direct = api.post(f"/klager/{klage['id']}/omgjoring", ny)
    change = api.post(f"/klager/{klage['id']}/omgjoring/forslag", ny)
    made = leder.post(f"/vedtaksforslag/{change.json()['id']}/godkjenning")

    assert direct.status_code == 400 and direct.json()["code"] == "godkjenning_kreves"
    assert change.status_code == 201, change.content
    assert made.status_code == 201, made.content
    new = api.get(f"/vedtak/{made.json()['id']}").json()
    assert (new["art"], new["endrer_id"]) == ("OMGJORING", reduced["id"])


def test_a_condition_without_a_stated_consequence_cannot_lead_to_a_warning(
    users: Any, young_parent: Any
) -> None:
    api = Api(users["veileder_sf"])
    vedtak = _decided_with_condition(api, young_parent, "Vi tar en ny samtale om planen.",
                                     sanksjon="02")
    brudd = api.post(f"/vilkar/{vedtak['vilkar'][0]['id']}/brudd", {
        "hva": "Møtte ikke.", "forklaring": ""}).json()["id"]

    varsel = api.post(f"/brudd/{brudd}/forhandsvarsel", {"belop_redusert": 11000,
                                                         "svarfrist": "2030-01-01"})

    assert varsel.status_code == 400
    assert varsel.json()["code"] == "reduksjon_konsekvens_ikke_opplyst"


def test_a_late_appeal_and_forwarding_through_the_api(users: Any, young_parent: Any) -> None:
    from sosialsak.contexts.decisions.models import Vedtak

    api = Api(users["veileder_sf"])
    made = api.post(f"/soknader/{young_parent.pk}/vedtak", _body(young_parent))
    vedtak = Vedtak.objects.get(pk=made.json()["id"])
    fattet = local_date(vedtak.fattet_at)
    late = api.post(f"/vedtak/{vedtak.pk}/klager", {
        "tekst": "Uenig.", "mottatt": date(fattet.year + 1, 1, 10).isoformat(),
        "kom_fram": fattet.isoformat()}).json()
    assert late["for_sent"] is True

    unassessed = api.post(f"/klager/{late['id']}/oversending", {"vurdering": "Opprettholdt."})
    heard = api.post(f"/klager/{late['id']}/sen-klage", {
        "behandles": True, "vurdering": "Var innlagt.", "unnskyldelig": True,
        "saerlige_grunner": False})
    forwarded = api.post(f"/klager/{late['id']}/oversending", {"vurdering": "Opprettholdt."})

    assert unassessed.status_code == 400
    assert unassessed.json()["code"] == "sen_klage_ikke_vurdert"
    assert heard.status_code == 200 and heard.json()["status"] == "MOTTATT"
    assert forwarded.status_code == 200, forwarded.content
    klage = api.get(f"/vedtak/{vedtak.pk}").json()["klager"][0]
    assert klage["status"] == "OVERSENDT" and klage["pakke_id"] is not None
    pakke = api.get(f"/vedtak-dokumenter/{klage['pakke_id']}")
    assert pakke.content[:5] == b"%PDF-"
    outcome = api.post(f"/klager/{late['id']}/statsforvalter",
                       {"utfall": "STADFESTET", "dato": forwarded_day(vedtak).isoformat()})
    assert outcome.status_code == 200, outcome.content
    assert outcome.json()["status"] == "AVGJORT"


def forwarded_day(vedtak: Any) -> date:
    fattet = local_date(vedtak.fattet_at)
    return fattet.replace(year=fattet.year + 1, month=2, day=1)


def test_the_payments_page_and_settings_through_the_api(users: Any, young_parent: Any) -> None:
    veileder, leder = Api(users["veileder_sf"]), Api(users["leder_a"])
    veileder.post(f"/soknader/{young_parent.pk}/vedtak", _body(young_parent))

    page = veileder.get(f"/soknader/{young_parent.pk}/utbetalinger").json()
    bad = leder.put("/kontor/utbetalingsinnstillinger", {"utbetalingsdag": 30})
    good = leder.put("/kontor/utbetalingsinnstillinger", {"utbetalingsdag": 20})

    assert [(u["status"], [s for s, _ in u["neste"]]) for u in page["utbetalinger"]] == [
        ("PLANLAGT", ["UTBETALT", "STOPPET", "ANNULLERT"])]
    assert bad.status_code == 400 and bad.json()["extra"]["field"] == "utbetalingsdag"
    assert good.json()["utbetalingsdag"] == 20
    assert veileder.get("/kontor/utbetalingsinnstillinger").status_code == 404


def _local_day(stamp: str) -> str:
    """The Norwegian calendar day of an API timestamp: between 23:00 and 24:00 UTC it is
    already tomorrow in Oslo, and that is the day the rules count from."""
    from datetime import datetime

    return local_date(datetime.fromisoformat(stamp.replace("Z", "+00:00"))).isoformat()
