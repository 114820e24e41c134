"""The tiltak and KVP API: the whole course through the API in the caller's scope, with the
one error shape, the read-only role refused, and every read and write audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.kernel.clock import local_date
from tests.functional.test_case_progress_api import Api

pytestmark = pytest.mark.django_db
KONTO = "12345678903"


def _tiltak(api: Api, navn: str, timer: str, kapasitet: int | None = None) -> dict[str, Any]:
    r = api.post("/tiltak", {"navn": navn, "tilbyder": "KOMMUNE", "malgruppe": "Voksne",
                             "timer_per_uke": timer, "kapasitet": kapasitet,
                             "timeplan": "Man–fre 09–15", "sted": "Bergen"})
    assert r.status_code == 201, r.json()
    return r.json()


def test_the_whole_course_through_the_api(make_soknad: Any, users: Any) -> None:
    api = Api(users["veileder_a"])
    case = make_soknad()
    arbeid = _tiltak(api, "Arbeidstrening", "22.5", kapasitet=1)
    norsk = _tiltak(api, "Norskkurs", "15")

    a = api.post(f"/soknader/{case.pk}/henvisninger",
                 {"tiltak_id": arbeid["id"], "grunn": "Arbeidstrening"}).json()
    b = api.post(f"/soknader/{case.pk}/henvisninger",
                 {"tiltak_id": norsk["id"], "grunn": "Norsk"}).json()
    assert a["status"] == "HENVIST"
    assert api.get(f"/tiltak/{arbeid['id']}").json()["fullt"] is True

    d = api.post(f"/soknader/{case.pk}/kvp", {"grunn": "LANGTID"})
    assert d.status_code == 201
    kid = d.json()["id"]
    r = api.post(f"/kvp/{kid}/vurdering", {
        "vesentlig_nedsatt_arbeidsevne": True, "andre_ytelser": "ingen",
        "arbeidsevnevurdering": True, "egnet": True, "begrunnelse": "Trenger program."})
    assert r.json()["vurderinger"][0]["har_rett"] is True
    r = api.post(f"/kvp/{kid}/soknad", {"mottatt_at": timezone.now().isoformat(),
                                        "kanal": "MUNTLIG"})
    assert r.json()["status"] == "SOKT" and r.json()["reg_dato"]
    start = local_date(timezone.now()) + timedelta(days=3)
    r = api.post(f"/kvp/{kid}/vedtak", {"innvilget": True, "begrunnelse": "Rett til KVP.",
                                        "fakta": "Lang tid uten arbeid.",
                                        "start": start.isoformat(), "kontonummer": KONTO})
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "INNVILGET" and len(r.json()["utbetalinger"]) in (24, 25)

    short = api.put(f"/kvp/{kid}/programplan", {"linjer": [{"henvisning_id": a["id"]}]})
    assert short.status_code == 400
    assert short.json()["code"] == "ikke_full_tid" and set(short.json()) == {
        "code", "message", "extra"}
    r = api.put(f"/kvp/{kid}/programplan", {"linjer": [{"henvisning_id": a["id"]},
                                                       {"henvisning_id": b["id"]}]})
    assert r.json()["plan_timer"] == "37.5"
    r = api.post(f"/kvp/{kid}/start")
    assert r.json()["status"] == "I_PROGRAM"

    day = start + timedelta(days=(7 - start.weekday()) % 7 + 7)  # a Monday in the programme
    r = api.post(f"/kvp/{kid}/fravaer", {"dato": day.isoformat(), "type": "UGYLDIG"})
    assert r.json()["fravaer"][0]["reduksjon_id"] is None
    r = api.post(f"/kvp/{kid}/reduksjon", {"maned": day.isoformat(),
                                           "begrunnelse": "Møtte ikke."})
    assert r.status_code == 200, r.json()
    assert r.json()["reduksjoner"][0]["trekk"] > 0
    r = api.post(f"/kvp/{kid}/avslutning", {
        "dato": (day + timedelta(days=30)).isoformat(), "kostra_status": "3",
        "begrunnelse": "Jobb.", "situasjon_etter": ["01"], "viktigste_inntekt": "01"})
    assert r.json()["status"] == "AVSLUTTET" and r.json()["situasjon_etter"] == ["01"]
    r = api.post(f"/henvisninger/{a['id']}/stopp", {
        "dato": (day + timedelta(days=30)).isoformat(), "grunn": "Jobb",
        "utfall": "ARBEID", "situasjon_etter": "01"})
    assert r.json()["status"] == "AVSLUTTET"

    assert AuditEntry.objects.filter(channel="api", object_id=str(case.pk),
                                     action="READ").exists()
    assert AuditEntry.objects.filter(channel="api", action="WRITE",
                                     purpose="vedta trekk i kvalifiseringsstønad").exists()


def test_another_office_and_the_read_only_role(make_soknad: Any, users: Any) -> None:
    api = Api(users["veileder_a"])
    case = make_soknad()
    kid = api.post(f"/soknader/{case.pk}/kvp", {"grunn": "ANNET"}).json()["id"]

    other = Api(users["veileder_b"]).get(f"/kvp/{kid}")
    assert other.status_code == 404 and set(other.json()) == {"code", "message", "extra"}
    sf = Api(users["statsforvalter"])
    assert sf.get(f"/kvp/{kid}").status_code == 200
    assert sf.post(f"/kvp/{kid}/avbrudd", {"fra": date(2026, 1, 5).isoformat(),
                                           "grunn": "x"}).status_code == 403


def test_a_wrong_step_names_the_status(make_soknad: Any, users: Any) -> None:
    api = Api(users["veileder_a"])
    case = make_soknad()
    kid = api.post(f"/soknader/{case.pk}/kvp", {"grunn": "ANNET"}).json()["id"]
    r = api.post(f"/kvp/{kid}/start")
    assert r.status_code == 400 and r.json()["code"] == "illegal_kvp_transition"
    assert r.json()["extra"]["field"] == "status"
