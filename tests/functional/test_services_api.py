"""Issue 14, items 4-7 through the JSON API: scoped (another office gets 404), audited,
read-only for the statsforvalter (403 on every write), one error shape, and consent enforced
in the participant's view (§ 28)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry


class Api:
    def __init__(self, user: Any) -> None:
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}
        self.client = Client()

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{url}", params, **self.auth)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1{url}", json.dumps(body or {}),
                                content_type="application/json", **self.auth)


@pytest.fixture
def family(make_soknad: Any) -> Any:
    return make_soknad(barn=2)


def _stay(api: Api, person_id: int) -> Any:
    b = api.post("/botilbud", {"navn": "Fjellhospits", "type": "HOSPITS"})
    assert b.status_code == 201, b.json()
    return api.post(f"/personer/{person_id}/opphold", {
        "botilbud_id": b.json()["id"], "fra": "2024-01-31", "pris_per_dogn": 900,
        "antall_barn": 2})


def test_par_27_stay_with_children_is_flagged_and_scoped(family: Any,
                                                         users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])
    r = _stay(api, family.person_id)
    assert r.status_code == 201, r.json()
    assert r.json()["med_barn"] is True
    assert r.json()["tre_maneder"] == "2024-04-30"  # 31 Jan + 3 calendar months
    assert r.json()["godkjent_for_barn"] is None  # never assessed
    got = api.get(f"/personer/{family.person_id}/tjenester").json()
    assert got["opphold"][0]["over_tre_maneder"] is True  # the real clock is past May 2024
    stale = api.get("/botilbud", utdatert="true").json()
    assert [b["navn"] for b in stale] == ["Fjellhospits"]

    other = Api(users["veileder_b"])
    missing = other.get(f"/personer/{family.person_id}/tjenester")
    assert missing.status_code == 404
    assert set(missing.json()) == {"code", "message", "extra"}
    assert other.post(f"/opphold/{r.json()['id']}/avslutt", {"til": "2024-03-01"}
                      ).status_code == 404
    assert other.get("/botilbud").json() == []
    assert AuditEntry.objects.filter(action="DENIED", object_type="person",
                                     object_id=str(family.person_id)).exists()


def test_statsforvalter_reads_but_every_write_is_403(family: Any,
                                                     users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])
    _stay(api, family.person_id)
    sf = Api(users["statsforvalter"])
    assert sf.get(f"/personer/{family.person_id}/tjenester").status_code == 200
    for url, body in (
        (f"/personer/{family.person_id}/individuelle-planer",
         {"mal": "x", "neste_evaluering": "2024-06-01"}),
        ("/botilbud", {"navn": "x", "type": "HOTELL"}),
        (f"/personer/{family.person_id}/radgivninger",
         {"art": "GJELD", "vedtak_dato": "2024-03-01", "utfall": "AVSLATT", "niva": "I"}),
        (f"/personer/{family.person_id}/bekymringer",
         {"barn_navn": "Barn 0", "sendt_dato": "2024-03-01", "barneverntjeneste": "Bergen"}),
    ):
        r = sf.post(url, body)
        assert r.status_code == 403, url
        assert r.json()["code"] == "forbidden"


def test_par_28_participant_view_follows_consent_and_withdrawal(family: Any,
                                                                users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])
    plan = api.post(f"/personer/{family.person_id}/individuelle-planer",
                    {"mal": "Bo trygt med barna", "neste_evaluering": "2024-09-01",
                     "barn_langvarige_behov": True, "barnekoordinator": "Kari, kommunen"})
    assert plan.status_code == 201, plan.json()
    pid = plan.json()["id"]
    d = api.post(f"/individuelle-planer/{pid}/deltakere",
                 {"tjeneste": "SKOLE", "navn": "Nordnes skole", "samtykke": ["BARN"]})
    assert d.status_code == 201
    did = d.json()["id"]
    assert api.post(f"/individuelle-planer/{pid}/tiltak", {
        "hva": "Leksehjelp", "formal": "BARN", "ansvarlig_id": did}).status_code == 201
    assert api.post(f"/individuelle-planer/{pid}/moter", {
        "dato": "2024-03-01", "referat": "Husleie og gjeld", "formal": "OKONOMI",
        "deltaker_ids": [did]}).status_code == 201

    view = api.get(f"/deltakere/{did}/visning").json()
    assert view["formal"] == ["BARN"] and view["mal"] is None and view["moter"] == []
    assert [t["hva"] for t in view["tiltak"]] == ["Leksehjelp"]
    refused = api.get(f"/deltakere/{did}/visning", formal="OKONOMI")
    assert refused.status_code == 403 and refused.json()["code"] == "no_consent"

    full = api.get(f"/individuelle-planer/{pid}").json()
    samtykke = full["deltakere"][0]["samtykker"][0]["id"]
    w = api.post(f"/plan-samtykker/{samtykke}/trekk")
    assert w.status_code == 200, w.json()
    assert api.get(f"/deltakere/{did}/visning").json()["tiltak"] == []
    assert api.get(f"/deltakere/{did}/visning", formal="BARN").status_code == 403

    no_coordinator = api.post(f"/personer/{family.person_id}/individuelle-planer",
                              {"mal": "x", "neste_evaluering": "2024-09-01",
                               "barn_langvarige_behov": True})
    assert no_coordinator.status_code == 400
    assert no_coordinator.json()["extra"]["field"] == "barnekoordinator"


def test_par_27_exclusion_letter_and_par_17_and_par_45(family: Any,
                                                       users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])
    b = api.post("/botilbud", {"navn": "Byhotellet", "type": "HOTELL"}).json()["id"]
    u = api.post(f"/personer/{family.person_id}/utestengelser", {
        "botilbud_id": b, "fra": "2024-03-05", "fakta": "Brann i rommet",
        "kontradiksjon": "Det var et uhell", "begrunnelse": "Fare for andre beboere"})
    assert u.status_code == 201, u.json()
    pdf = api.get(f"/vedtak-dokumenter/{u.json()['brev_id']}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    r = api.post(f"/personer/{family.person_id}/radgivninger", {
        "art": "OKONOMISK", "vedtak_dato": "2024-03-01", "utfall": "INNVILGET", "niva": "II",
        "start": "2024-03-04"})
    assert r.status_code == 201
    assert api.post(f"/radgivninger/{r.json()['id']}/henvisninger",
                    {"til": "NAMSMANNEN", "dato": "2024-03-04"}).status_code == 201
    bad = api.post(f"/personer/{family.person_id}/radgivninger", {
        "art": "OKONOMISK", "vedtak_dato": "2024-03-01", "utfall": "INNVILGET", "niva": "IV"})
    assert bad.status_code == 422 and set(bad.json()) == {"code", "message", "extra"}

    m = api.post(f"/personer/{family.person_id}/bekymringer", {
        "barn_navn": "Barn 0", "sendt_dato": "2024-03-01", "barneverntjeneste": "Bergen"})
    assert m.status_code == 201
    got = api.get(f"/personer/{family.person_id}/tjenester").json()
    assert got["kostra_gitt_okonomirad"] == "1"
    assert got["bekymringer"][0]["venter_svar"] is True
    lines = api.get("/arbeidslister/barnevern-uten-svar").json()
    assert [x["soknad_id"] for x in lines] == [family.pk]
    assert api.post(f"/bekymringer/{m.json()['id']}/svar", {
        "svar_dato": "2024-03-10", "svar": "Henlagt"}).status_code == 200
    assert api.get("/arbeidslister/barnevern-uten-svar").json() == []
