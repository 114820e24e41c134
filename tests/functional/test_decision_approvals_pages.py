# ruff: noqa: F811  (the fixtures are imported from the decisions fixtures)
"""Four-eyes from the office's side: the decisions waiting for approval (page and API), and the
leder's decision settings page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from tests.helpers import NOW
from tests.integration.decisions.fixtures import utkast, young_parent  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def forslag(users: Any, scope_of: Any, offices: Any, young_parent: Any, utkast: Any) -> Any:
    from sosialsak.contexts.decisions.operations import propose_vedtak, set_decision_settings
    from sosialsak.contexts.decisions.policy import DecisionSettings

    leder = users["leder_a"]
    set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                          data=DecisionSettings(godkjenning_over_belop=10000), now=NOW)
    va = users["veileder_sf"]
    return propose_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk,
                          data=utkast(), now=NOW)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_waiting_list_shows_the_proposal_and_the_count_in_the_menu(
    users: Any, forslag: Any, young_parent: Any
) -> None:
    from sosialsak.contexts.audit.models import AuditEntry

    other = _client(users["leder_a"]).get("/vedtaksforslag/").content.decode()
    own = _client(users["veileder_sf"]).get("/vedtaksforslag/").content.decode()

    assert young_parent.person.navn in other
    assert f'action="/vedtaksforslag/{forslag.pk}/godkjenn/"' in other
    assert 'href="/vedtaksforslag/">Til godkjenning <span class="count">1' in other
    assert f'action="/vedtaksforslag/{forslag.pk}/godkjenn/"' not in own
    assert "En annen saksbehandler må godkjenne det." in own
    # The approver reads the proposal itself before approving.
    assert "Les forslaget" in other and forslag.data["begrunnelse"] in other
    assert "01.03.2024–31.03.2024" in other  # issue 11 item 15: the period's last day
    case = _client(users["veileder_sf"]).get(f"/soknad/{young_parent.pk}/").content.decode()
    assert "1 vedtaksforslag venter på godkjenning." in case
    assert AuditEntry.objects.filter(purpose="vedtak til godkjenning",
                                     object_id=str(young_parent.pk)).count() == 2


def test_another_office_sees_nothing_waiting(users: Any, forslag: Any, young_parent: Any) -> None:
    body = _client(users["veileder_b"]).get("/vedtaksforslag/").content.decode()

    assert young_parent.person.navn not in body
    assert "Ingen vedtak venter på godkjenning." in body


def test_a_second_caseworker_approves_from_the_list(users: Any, forslag: Any) -> None:
    from sosialsak.contexts.decisions.models import Vedtak

    response = _client(users["leder_a"]).post(f"/vedtaksforslag/{forslag.pk}/godkjenn/")

    vedtak = Vedtak.objects.get()
    assert response["Location"] == f"/vedtak/{vedtak.pk}/"
    assert vedtak.godkjent_av_id == users["leder_a"].pk


def test_returning_needs_a_note_and_takes_it_off_the_list(
    users: Any, forslag: Any, young_parent: Any
) -> None:
    client = _client(users["leder_a"])
    empty = client.post(f"/vedtaksforslag/{forslag.pk}/send-tilbake/", {"merknad": " "},
                        follow=True).content.decode()
    done = client.post(f"/vedtaksforslag/{forslag.pk}/send-tilbake/",
                       {"merknad": "Barnets behov er ikke begrunnet godt nok."}, follow=True)

    assert "Skriv hvorfor forslaget sendes tilbake." in empty
    forslag.refresh_from_db()
    assert forslag.status == "RETURNERT"
    assert young_parent.person.navn not in done.content.decode().split("<main")[1]
    # The caseworker sees why, in the builder, before trying again.
    builder = _client(users["veileder_sf"]).get(f"/soknad/{young_parent.pk}/vedtak/ny/")
    assert "Barnets behov er ikke begrunnet godt nok." in builder.content.decode()


def test_the_api_lists_approves_and_returns(users: Any, scope_of: Any, forslag: Any,
                                            young_parent: Any, utkast: Any) -> None:
    from sosialsak.contexts.decisions.operations import propose_vedtak

    va = users["veileder_sf"]
    second = propose_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk,
                            data=utkast(), now=NOW)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['leder_a'])}"}
    client = Client()

    listed = client.get("/api/v1/vedtaksforslag", **auth).json()
    returned = client.post(f"/api/v1/vedtaksforslag/{second.pk}/retur",
                           json.dumps({"merknad": "Dobbelt forslag."}),
                           content_type="application/json", **auth)
    approved = client.post(f"/api/v1/vedtaksforslag/{forslag.pk}/godkjenning", **auth)
    after = client.get("/api/v1/vedtaksforslag", **auth).json()

    assert [(x["id"], x["egen"], x["belop"]) for x in listed] == [
        (forslag.pk, False, 12300), (second.pk, False, 12300)]
    assert returned.status_code == 200 and returned.json()["status"] == "RETURNERT"
    assert approved.status_code == 201
    assert after == []


def test_the_statsforvalter_gets_404_from_the_api(users: Any, forslag: Any) -> None:
    token = create_token(user=users["statsforvalter"])
    response = Client().get("/api/v1/vedtaksforslag", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 404


class TestDecisionSettingsPage:
    def test_the_leder_sees_and_saves_the_settings(self, users: Any, offices: Any) -> None:
        from sosialsak.contexts.decisions.operations import decision_settings

        client = _client(users["leder_a"])
        page = client.get("/kontor/vedtaksinnstillinger/")
        saved = client.post("/kontor/vedtaksinnstillinger/", {
            "godkjenning_over_belop": "15000", "godkjenning_ved_avslag": "on",
            "langtid_maneder": "4", "langtid_av_maneder": "9"})

        assert page.status_code == 200
        assert 'name="langtid_maneder"' in page.content.decode()
        assert saved.status_code == 302
        s = decision_settings(offices["A"].pk)
        assert (s.godkjenning_over_belop, s.godkjenning_ved_avslag, s.langtid_maneder,
                s.langtid_av_maneder) == (15000, True, 4, 9)

    def test_an_impossible_window_is_shown_on_the_field(self, users: Any) -> None:
        response = _client(users["leder_a"]).post("/kontor/vedtaksinnstillinger/", {
            "langtid_maneder": "10", "langtid_av_maneder": "6"})

        assert response.status_code == 200
        assert "Antall måneder må være mellom 1 og vinduet" in response.content.decode()

    @pytest.mark.parametrize("data", [None, {"langtid_maneder": "6", "langtid_av_maneder": "12"},
                                      {"langtid_maneder": "x"}])
    def test_a_veileder_gets_404(self, users: Any, data: Any) -> None:
        from sosialsak.contexts.audit.models import AuditEntry

        client = _client(users["veileder_a"])
        url = "/kontor/vedtaksinnstillinger/"
        response = client.get(url) if data is None else client.post(url, data)

        assert response.status_code == 404
        assert AuditEntry.objects.filter(action="DENIED",
                                         object_type="vedtaksinnstillinger").exists()
