"""One saksnummer everywhere (issue 11, item 14; fvl. § 27: the person must be able to refer to
the case) and periods shown with their last day (item 15: stored half-open ``[fra, til)``,
read by people as ``fra–tom``)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.helpers import NOW
from tests.integration.decisions.test_responsible_municipality import (
    _applicant,
    _make,
    _utkast,
)

pytestmark = pytest.mark.django_db


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join((p.extract_text() or "") for p in reader.pages).replace("\xa0", " ")
    return " ".join(text.split())  # lines wrap differently as the numbers grow


@pytest.fixture
def decided(make_soknad: Any, scope_of: Any, users: dict[str, Any]) -> tuple[Any, Any, Any]:
    """A case with a documentation request and a decision for March 2024 ([1.3, 1.4))."""
    from sosialsak.contexts.cases.models import Brev
    from sosialsak.contexts.cases.operations import request_dokumentasjon

    actor = users["veileder_sf"]
    soknad = _applicant(make_soknad, actor, "A", bosted="4601")
    krav = request_dokumentasjon(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                                 titler=["Kontoutskrift"], now=NOW)
    vedtak = _make(scope_of, actor, soknad, _utkast(soknad))
    return soknad, vedtak, Brev.objects.get(pk=krav.brev_id)


class TestOneSaksnummer:
    def test_the_decision_and_the_documentation_letter_print_the_same_saksnummer_fvl_27(
        self, decided: tuple[Any, Any, Any]
    ) -> None:
        from sosialsak.contexts.decisions.models import VedtakDokument

        soknad, vedtak, brev = decided
        vedtaksbrev = _pdf_text(bytes(VedtakDokument.objects.get(vedtak=vedtak).pdf))
        dokbrev = _pdf_text(bytes(brev.pdf))

        for text in (vedtaksbrev, dokbrev):
            assert f"Oppgi saksnummeret {soknad.pk} når du tar kontakt" in text
        assert vedtak.sak.referanse not in vedtaksbrev or vedtak.sak.referanse.startswith(
            f"{soknad.pk}-")

    def test_innsyn_refers_to_the_sak_by_saksnummer_and_running_number(
        self, decided: tuple[Any, Any, Any]
    ) -> None:
        from sosialsak.contexts.digisos.innsyn import innsyn_events

        soknad, vedtak, _ = decided
        fattet = [e for e in innsyn_events(soknad) if type(e).__name__ == "VedtakFattet"]

        assert vedtak.sak.referanse == f"{soknad.pk}-1"
        assert [e.saksreferanse for e in fattet] == [f"{soknad.pk}-1"]

    def test_the_search_finds_the_case_by_saksnummer_or_sak_reference_and_the_page_shows_it(
        self, decided: tuple[Any, Any, Any], users: dict[str, Any], client: Client
    ) -> None:
        soknad, vedtak, _ = decided
        client.force_login(users["veileder_sf"])
        case_url = reverse("case", args=[soknad.pk])

        found = [client.get(reverse("queue"), {"q": q, "status": "UNDER_BEHANDLING"})
                 .content.decode() for q in (str(soknad.pk), vedtak.sak.referanse,
                                             f"Saksnummer {soknad.pk}")]
        page = client.get(case_url).content.decode()

        assert all(f'href="{case_url}"' in html for html in found)
        assert f'data-saksnummer="{soknad.pk}"' in page


class TestInclusivePeriods:
    def test_the_letter_shows_march_as_1_to_31_march_not_1_april(
        self, decided: tuple[Any, Any, Any]
    ) -> None:
        from sosialsak.contexts.decisions.models import VedtakDokument

        _, vedtak, _ = decided
        text = _pdf_text(bytes(VedtakDokument.objects.get(vedtak=vedtak).pdf))

        assert vedtak.periode_til == date(2024, 4, 1)  # stored half-open
        assert "Periode 1. mars til 31. mars 2024" in text
        assert "1. april" not in text

    def test_the_case_page_and_the_api_show_the_last_day_of_the_period(
        self, decided: tuple[Any, Any, Any], users: dict[str, Any], client: Client
    ) -> None:
        soknad, vedtak, _ = decided
        client.force_login(users["veileder_sf"])

        page = client.get(reverse("case", args=[soknad.pk])).content.decode()
        api = client.get(f"/api/v1/vedtak/{vedtak.pk}").json()

        assert "<span data-periode>01.03.2024–31.03.2024</span>" in page
        assert api["periode_tom"] == "2024-03-31" and api["periode_til"] == "2024-04-01"
