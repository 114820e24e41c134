"""Finishing a case while documents are still asked for (issue 11, item 13). fvl. § 17 asks
only for what the case needs; once the case is finished nav.no must not keep asking (Digisos
innsyn: ``dokumentasjonEtterspurt`` is the complete current list). The operation refuses with
a warning naming the open requests, or, when the caseworker chooses, withdraws them with an
event the person sees in innsyn. UI, API and CLI all pass through ``change_status``."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.helpers import NOW
from tests.integration.decisions.test_responsible_municipality import (
    _applicant,
    _make,
    _utkast,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_with_open_request(make_soknad: Any, scope_of: Any, users: dict[str, Any]) -> Any:
    from sosialsak.contexts.cases.operations import request_dokumentasjon

    actor = users["veileder_sf"]
    soknad = _applicant(make_soknad, actor, "A", bosted="4601")
    request_dokumentasjon(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                          titler=["Kontoutskrift"], now=NOW)
    _make(scope_of, actor, soknad, _utkast(soknad))
    soknad.refresh_from_db()
    if soknad.status == "MOTTATT":
        from sosialsak.contexts.decisions.operations import change_status

        change_status(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                      target="UNDER_BEHANDLING", now=NOW)
    return soknad


def _finish(scope_of: Any, users: dict[str, Any], soknad: Any, **kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import change_status

    actor = users["veileder_sf"]
    return change_status(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                         target="FERDIGBEHANDLET", now=NOW, **kw)


def _etterspurt(soknad: Any) -> list[Any]:
    from sosialsak.contexts.digisos.innsyn import innsyn_events

    return [e for e in innsyn_events(soknad) if type(e).__name__ == "DokumentasjonEtterspurt"]


class TestFinishingWithOpenDocumentationRequests:
    def test_finishing_is_refused_with_a_warning_naming_the_open_requests_fvl_17(
        self, decided_with_open_request: Any, scope_of: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.intake.policy import OpenRequests

        with pytest.raises(OpenRequests) as exc:
            _finish(scope_of, users, decided_with_open_request)

        decided_with_open_request.refresh_from_db()
        assert decided_with_open_request.status == "UNDER_BEHANDLING"
        assert "Kontoutskrift" in exc.value.message

    def test_closing_the_requests_withdraws_them_and_innsyn_stops_asking(
        self, decided_with_open_request: Any, scope_of: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.cases.models import Dokumentasjonskrav
        from sosialsak.contexts.intake.models import Hendelse

        soknad = _finish(scope_of, users, decided_with_open_request, close_requests=True)

        assert soknad.status == "FERDIGBEHANDLET"
        assert set(Dokumentasjonskrav.objects.filter(soknad=soknad)
                   .values_list("status", flat=True)) == {"ANNULLERT"}
        assert Hendelse.objects.filter(soknad=soknad, type="cases.dokumentasjon.lukket").exists()
        asked = _etterspurt(soknad)
        assert [d.dokumenttype for d in asked[0].dokumenter] == ["Kontoutskrift"]
        assert asked[-1].dokumenter == ()  # nav.no no longer asks the person

    def test_the_api_refuses_and_then_closes_on_request(
        self, decided_with_open_request: Any, users: dict[str, Any], client: Client
    ) -> None:
        client.force_login(users["veileder_sf"])
        url = f"/api/v1/soknader/{decided_with_open_request.pk}/status"

        refused = client.post(url, {"status": "FERDIGBEHANDLET"},
                              content_type="application/json")
        done = client.post(url, {"status": "FERDIGBEHANDLET", "lukk_dokumentasjonskrav": True},
                           content_type="application/json")

        assert refused.status_code == 400
        assert refused.json()["code"] == "open_documentation_requests"
        assert done.status_code == 200 and done.json()["status"] == "FERDIGBEHANDLET"

    def test_the_case_page_form_closes_them_when_ticked(
        self, decided_with_open_request: Any, users: dict[str, Any], client: Client
    ) -> None:
        client.force_login(users["veileder_sf"])
        url = reverse("case_status", args=[decided_with_open_request.pk])

        client.post(url, {"status": "FERDIGBEHANDLET"})
        decided_with_open_request.refresh_from_db()
        before = decided_with_open_request.status
        client.post(url, {"status": "FERDIGBEHANDLET", "lukk_dokumentasjonskrav": "1"})
        decided_with_open_request.refresh_from_db()

        assert before == "UNDER_BEHANDLING"
        assert decided_with_open_request.status == "FERDIGBEHANDLET"

    def test_the_cli_refuses_without_close_requests(
        self, decided_with_open_request: Any, users: dict[str, Any]
    ) -> None:
        args = ("status", str(decided_with_open_request.pk), "FERDIGBEHANDLET", "--user", "vsf")

        with pytest.raises(CommandError) as exc:
            call_command(*args, stdout=io.StringIO())
        call_command(*args, "--close-requests", stdout=io.StringIO())

        assert "Kontoutskrift" in str(exc.value)
        decided_with_open_request.refresh_from_db()
        assert decided_with_open_request.status == "FERDIGBEHANDLET"
