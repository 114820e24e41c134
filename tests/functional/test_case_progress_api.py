"""The case-progress API follows the same rules as the pages: scope, errors, events, audit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Dokumentasjonskrav, Kartleggingsdel
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.clock import local_date

CHILD = {"materielle_behov": "Klær.", "fritidsaktiviteter": "Svømming.", "venner": "Mange.",
         "skole_barnehage": "Barnehage.", "helse": "Frisk.", "snakket_med_barnet": False,
         "bekymring_barnevern": False}


class Api:
    def __init__(self, user: Any) -> None:
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}
        self.client = Client()

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{url}", params, **self.auth)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1{url}", json.dumps(body or {}),
                                content_type="application/json", **self.auth)

    def put(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.put(f"/api/v1{url}", json.dumps(body),
                               content_type="application/json", **self.auth)


@pytest.fixture
def family(make_soknad):  # type: ignore[no-untyped-def]
    return make_soknad(items=("LIVSOPPHOLD",), barn=2)


def test_mapping_each_child_through_the_api(family, users) -> None:
    api = Api(users["veileder_a"])
    barn = list(Barn.objects.filter(person=family.person))

    before = api.get(f"/soknader/{family.pk}/kartlegging").json()
    saved = api.post(f"/soknader/{family.pk}/kartlegging",
                     {"del_type": "BARN", "barn_id": barn[0].pk, "svar": CHILD})
    reason = api.post(f"/soknader/{family.pk}/kartlegging",
                      {"del_type": "BARN", "barn_id": barn[1].pk,
                       "ikke_kartlagt_grunn": "Barnet bor i Sverige med far."})
    after = api.get(f"/soknader/{family.pk}/kartlegging").json()

    assert before["barn_mangler"] == ["Barn 0", "Barn 1"]
    assert saved.status_code == 201 and saved.json()["fullfort"] is True
    assert reason.status_code == 201 and reason.json()["fullfort"] is False
    assert after["barn_mangler"] == []
    assert [d["tilstand"] for d in after["deler"] if d["barn_id"]] == ["FULLFORT", "GRUNN"]
    assert "Ikke kartlagt fordi: Barnet bor i Sverige med far." in after["sammendrag"]
    assert AuditEntry.objects.filter(channel="api", action="WRITE",
                                     purpose="kartlegging").count() == 2


def test_an_invalid_answer_has_the_one_error_shape(family, users) -> None:
    response = Api(users["veileder_a"]).post(
        f"/soknader/{family.pk}/kartlegging", {"del_type": "OKONOMI", "svar": {"gjeld": "ja"}})

    assert response.status_code == 400
    assert response.json() == {"code": "invalid_kartlegging",
                               "message": "svar.gjeld: svar ja eller nei.",
                               "extra": {"field": "svar.gjeld"}}


def test_documents_requested_and_received_through_the_api(family, users) -> None:
    api = Api(users["veileder_a"])

    created = api.post(f"/soknader/{family.pk}/dokumentasjon",
                       {"titler": ["Kontoutskrift", "Husleiekontrakt"], "dager": 10})
    body = created.json()
    received = api.post(f"/dokumentasjonskrav/{body['krav'][0]['id']}/mottatt",
                        {"levert_via": "ETTERSENDELSE"})
    pdf = api.get(f"/soknader/{family.pk}/brev/{body['brev_id']}")

    assert created.status_code == 201
    assert [k["tittel"] for k in body["krav"]] == ["Kontoutskrift", "Husleiekontrakt"]
    assert (body["antall_apne"], body["over_terskel"]) == (2, False)
    assert received.json()["status"] == "LEVERT"
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    event = Hendelse.objects.get(soknad=family, type="cases.dokumentasjon.etterspurt")
    assert event.data["brev_id"] == body["brev_id"]


def test_a_past_deadline_is_refused_with_its_field(family, users) -> None:
    response = Api(users["veileder_a"]).post(f"/soknader/{family.pk}/dokumentasjon",
                                             {"titler": ["A"], "frist": "2020-01-01"})

    assert response.status_code == 400
    assert response.json()["code"] == "unable_to_request_dokumentasjon"
    assert response.json()["extra"]["field"] == "frist"
    assert not Dokumentasjonskrav.objects.exists()


def test_another_office_gets_404_and_the_denial_is_logged(family, users) -> None:
    api = Api(users["veileder_b"])

    read = api.get(f"/soknader/{family.pk}/kartlegging")
    write = api.post(f"/soknader/{family.pk}/kartlegging",
                     {"del_type": "BOLIG", "svar": {"bosituasjon": "1"}})

    assert (read.status_code, write.status_code) == (404, 404)
    assert read.json()["code"] == "not_found"
    assert AuditEntry.objects.filter(action="DENIED", object_type="soknad",
                                     object_id=str(family.pk), channel="api").count() == 1
    assert not Kartleggingsdel.objects.exists()


def test_preliminary_reply_worklists_notes_and_tasks(family, users) -> None:
    api = Api(users["veileder_a"])
    today = local_date(timezone.now())

    reply = api.post(f"/soknader/{family.pk}/forelopig-svar",
                     {"grunn": "Vi venter på svar fra Husbanken.", "forventet_dato": "2031-01-10"})
    talk = api.post(f"/soknader/{family.pk}/samtaler", {
        "tidspunkt": "2024-03-04T09:00:00Z", "kanal": "VIDEO",
        "notat": "Videomøte om budsjettet.", "oppfolging": "Send budsjettmal",
        "oppfolging_frist": today.isoformat()})
    hits = api.get("/samtaler", q="budsjett").json()
    counts = {c["key"]: c["antall"] for c in api.get("/arbeidslister").json()}
    tasks = api.get("/arbeidslister/oppgaver").json()
    done = api.post(f"/oppgaver/{tasks[0]['oppgave_id']}/utfort")
    guidance = api.post(f"/soknader/{family.pk}/veiledning", {
        "dato": "2024-03-04", "temaer": ["OKONOMISK_RADGIVNING"], "henvist_til": "NAV"})

    assert reply.status_code == 201 and reply.json()["forventet_dato"] == "2031-01-10"
    assert talk.status_code == 201 and [h["soknad_id"] for h in hits] == [family.pk]
    assert counts["oppgaver"] == 1 and counts["kartlegging-barn"] == 1
    assert [t["soknad_id"] for t in tasks] == [family.pk]
    assert done.json()["utfort_at"] is not None
    assert guidance.status_code == 201


def test_office_settings_are_read_by_staff_and_changed_by_the_leder(users) -> None:
    current = Api(users["veileder_a"]).get("/kontorinnstillinger").json()
    changed = {**current, "dokumentasjon_terskel": 6, "apner": "08:00:00"}

    refused = Api(users["veileder_a"]).put("/kontorinnstillinger", changed)
    saved = Api(users["leder_a"]).put("/kontorinnstillinger", changed)
    invalid = Api(users["leder_a"]).put("/kontorinnstillinger", {**changed, "apne_dager": ""})

    assert current["dokumentasjon_terskel"] == 4
    assert refused.status_code == 404
    assert saved.status_code == 200 and saved.json()["dokumentasjon_terskel"] == 6
    assert invalid.status_code == 400 and invalid.json()["extra"]["field"] == "apne_dager"


def test_the_endpoints_are_in_the_openapi_document(db) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]

    for path in ("/api/v1/arbeidslister", "/api/v1/soknader/{soknad_id}/kartlegging",
                 "/api/v1/soknader/{soknad_id}/dokumentasjon",
                 "/api/v1/soknader/{soknad_id}/forelopig-svar", "/api/v1/kontorinnstillinger"):
        assert path in paths, path


def test_the_worklist_endpoint_names_an_unknown_list(users) -> None:
    response = Api(users["veileder_a"]).get("/arbeidslister/finnes-ikke")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
