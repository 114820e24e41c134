"""Retractions, never deletions: annul a condition, feilregistrer a sak (its items are undecided
again), and documentation a decision requires (delivered or annulled) — in the domain, the API
and on the decision page; a reason is always required."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.functional.test_case_progress_api import Api
from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = pytest.mark.django_db


@pytest.fixture
def vedtak(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    from sosialsak.contexts.decisions.operations import DokumentasjonskravUtkast

    _kvp(users, scope_of, young_parent)
    return _make(users, scope_of, young_parent, utkast(
        unntak=None, vilkar=(_activity(),), dokumentasjonskrav=(DokumentasjonskravUtkast(
            tittel="Kvittering for strøm", frist=date(2024, 4, 3)),)))


def _api(users: Any, url: str, body: dict[str, Any] | None = None) -> Any:
    return Api(users["veileder_sf"]).post(url.removeprefix("/api/v1"), body)


def test_the_letter_states_the_documentation_the_decision_requires(vedtak: Any) -> None:
    assert "Dokumentasjon du må levere innen 03.04.2024: Kvittering for strøm." in (
        vedtak.dokumenter.get().tekst)


def test_annulling_a_condition_needs_a_reason_and_publishes_it_annulled(
    users: Any, vedtak: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.intake.models import Hendelse

    vilkar = vedtak.vilkar.get()
    url = f"/api/v1/vilkar/{vilkar.pk}/annullering"
    missing = _api(users, url, {"grunn": " "})
    done = _api(users, url, {"grunn": "Tiltaket er lagt ned."})
    again = _api(users, url, {"grunn": "Igjen."})

    assert missing.status_code == 400
    assert (missing.json()["code"], missing.json()["extra"]["field"]) == ("grunn_mangler", "grunn")
    assert done.status_code == 200 and done.json()["status"] == "ANNULLERT"
    assert again.json()["code"] == "allerede_annullert"
    assert Vilkar.objects.get(pk=vilkar.pk).annullert_grunn == "Tiltaket er lagt ned."
    events = Hendelse.objects.filter(type="decisions.vilkar", data__referanse=vilkar.referanse)
    assert [e.data["status"] for e in events.order_by("id")] == ["RELEVANT", "ANNULLERT"]
    breach = _api(users, f"/api/v1/vilkar/{vilkar.pk}/brudd", {"hva": "Møtte ikke."})
    assert breach.json()["code"] == "vilkar_annullert"


def test_a_feilregistrert_sak_leaves_its_items_undecided(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, vedtak: Any
) -> None:
    from sosialsak.contexts.decisions.models import VedtakDokumentasjonskrav
    from sosialsak.contexts.decisions.operations import (
        UnableToRecordVedtak,
        VedtakInput,
        record_vedtak,
        undecided_items,
    )

    actor = users["veileder_sf"]
    husleie = young_parent.poster.get(type="HUSLEIE").pk
    rent = _make(users, scope_of, young_parent, utkast(post_ids=(husleie,), belop=9000,
                                                       individuell_vurdering="", justeringer=()))
    young_parent.refresh_from_db()
    assert young_parent.status == "FERDIGBEHANDLET" and undecided_items(young_parent) == []

    url = f"/api/v1/saker/{vedtak.sak_id}/feilregistrering"
    assert _api(users, url, {"grunn": ""}).json()["code"] == "grunn_mangler"
    done = _api(users, url, {"grunn": "Registrert på feil søknad."})

    assert done.status_code == 200 and done.json()["status"] == "FEILREGISTRERT"
    young_parent.refresh_from_db()
    assert undecided_items(young_parent) == ["Livsopphold"]
    assert young_parent.status == "UNDER_BEHANDLING"
    assert vedtak.vilkar.get().status == "ANNULLERT"  # nothing of the sak stays in force
    client = Client()
    client.force_login(users["veileder_sf"])
    case = client.get(f"/soknad/{young_parent.pk}/").content.decode()
    assert "Mangler vedtak" in case and "Feilregistrert" in case  # the item is open again
    krav = VedtakDokumentasjonskrav.objects.get()
    assert (krav.status, krav.endret_av_id) == ("ANNULLERT", users["veileder_sf"].pk)
    with pytest.raises(UnableToRecordVedtak):
        record_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                      sak=vedtak.sak, now=NOW, data=VedtakInput(
                          post_ids=[husleie], hjemmel="§ 18", utfall="AVSLATT",
                          begrunnelse="x"))
    assert rent.sak.status == "AKTIV"


def test_documentation_required_by_a_decision_is_delivered_or_annulled(
    users: Any, vedtak: Any
) -> None:
    from sosialsak.contexts.intake.models import Hendelse

    krav = vedtak.dokumentasjonskrav.get()
    levert = _api(users, f"/api/v1/vedtak-dokumentasjonskrav/{krav.pk}/levert")
    twice = _api(users, f"/api/v1/vedtak-dokumentasjonskrav/{krav.pk}/levert")
    annul = _api(users, f"/api/v1/vedtak-dokumentasjonskrav/{krav.pk}/annullering",
                 {"grunn": "Registrert ved en feil."})

    assert levert.json()["status"] == "LEVERT"
    assert twice.json()["code"] == "dokumentasjonskrav_ikke_apent"
    assert annul.json()["status"] == "ANNULLERT"
    events = Hendelse.objects.filter(type="decisions.dokumentasjonkrav").order_by("id")
    assert [e.data["status"] for e in events] == ["RELEVANT", "LEVERT", "ANNULLERT"]
    assert set(events[0].data) >= {"referanse", "sak", "tittel", "beskrivelse", "frist",
                                   "status", "utbetalinger"}


def test_the_decision_page_offers_the_retractions(
    client: Client, users: Any, vedtak: Any
) -> None:
    from sosialsak.contexts.decisions.models import Sak

    client.force_login(users["veileder_sf"])
    page = client.get(f"/vedtak/{vedtak.pk}/").content.decode()
    for action in ("annuller-vilkar", "feilregistrer", "krav-levert", "annuller-krav"):
        assert f"/vedtak/{vedtak.pk}/{action}/" in page
    assert 'for="fg"' in page and 'id="fg"' in page  # labelled

    refused = client.post(f"/vedtak/{vedtak.pk}/feilregistrer/", {"sak_id": vedtak.sak_id},
                          follow=True)
    assert Sak.objects.get(pk=vedtak.sak_id).status == "AKTIV"
    assert "begrunnelsen" in refused.content.decode()
    client.post(f"/vedtak/{vedtak.pk}/feilregistrer/",
                {"sak_id": vedtak.sak_id, "grunn": "Feil søknad."})
    assert Sak.objects.get(pk=vedtak.sak_id).status == "FEILREGISTRERT"
    assert "Feilregistrert" in client.get(f"/vedtak/{vedtak.pk}/").content.decode()


def test_another_office_cannot_retract(users: Any, vedtak: Any) -> None:
    from sosialsak.contexts.accounts.tokens import create_token

    token = create_token(user=users["veileder_b"])
    response = Client().post(f"/api/v1/saker/{vedtak.sak_id}/feilregistrering",
                             json.dumps({"grunn": "x"}), content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    vedtak.sak.refresh_from_db()
    assert vedtak.sak.status == "AKTIV"


def test_the_builder_form_reads_the_documentation_requirement_and_the_frame() -> None:
    from django.http import QueryDict

    from sosialsak.interfaces.caseworker.forms_decisions import utkast_from_post

    data = utkast_from_post(QueryDict(
        "dokkrav_tittel=Kvittering+for+str%C3%B8m&dokkrav_frist=2024-04-03"
        "&ramme_belop=2+000&ramme_beskrivelse=Str%C3%B8m"))
    empty = utkast_from_post(QueryDict(""))

    assert [(k.tittel, k.frist) for k in data.dokumentasjonskrav] == [
        ("Kvittering for strøm", date(2024, 4, 3))]
    assert data.ramme is not None and (data.ramme.belop, data.ramme.beskrivelse) == (
        2000, "Strøm")
    assert (empty.dokumentasjonskrav, empty.ramme) == ((), None)
