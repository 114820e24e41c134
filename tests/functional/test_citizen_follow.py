"""Issue 16, items 3 and 6: the person follows their own application (timeline, letters,
period and amount, conditions, payments, documentation requests) and appeals a decision in
time. Anything not theirs is 404, and every read is audited.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.decisions.models import Klage, VedtakDokument
from tests.helpers import NOW
from tests.integration.decisions.fixtures import utkast, young_parent

__all__ = ["utkast", "young_parent"]
pytestmark = pytest.mark.django_db


def _citizen(soknad: Any, username: str) -> tuple[Client, Any]:
    from sosialsak.contexts.accounts.operations import create_user

    user = create_user(username=username, password=None, role="bruker")
    soknad.person.user = user
    soknad.person.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def refusal(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    """A refusal of the young parent's livsopphold, sent digitally on 4 March 2024."""
    from sosialsak.contexts.decisions.operations import make_vedtak, record_forsendelse

    actor = users["veileder_sf"]
    made = make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                       data=utkast(utfall="AVSLATT", justeringer=(), unntak=None,
                                   begrunnelse="Du har nok penger på konto til mars."),
                       now=NOW)
    return record_forsendelse(scope=scope_of(actor), actor=actor, vedtak_id=made.pk,
                              forsendelse="DIGITAL", sendt=NOW.date(), mottatt=None, now=NOW)


@pytest.fixture
def in_march(monkeypatch: Any) -> None:
    from sosialsak.interfaces.citizen import views_appeal

    monkeypatch.setattr(views_appeal, "now", lambda: NOW + timedelta(days=10))
    monkeypatch.setattr(views_appeal, "today", lambda: (NOW + timedelta(days=10)).date())


def test_the_follow_page_shows_decision_letter_timeline(refusal: Any, young_parent: Any) -> None:
    client, user = _citizen(young_parent, "kari")
    page = client.get(f"/mine/soknad/{young_parent.pk}/oversikt/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vi tok imot søknaden." in text  # the timeline, from the innsyn events
    # The office by its name, never its enhetsnummer (a walkthrough saw "sendt til 1201").
    kontor = young_parent.kontor
    assert f"Søknaden er sendt til {kontor.navn}." in text
    assert f"sendt til {kontor.enhetsnummer}" not in text
    assert "Vi har gjort vedtak: avslått." in text
    assert "Klag på vedtaket" in text
    dok = VedtakDokument.objects.get(vedtak=refusal)
    letter = client.get(f"/mine/soknad/{young_parent.pk}/brev/{dok.pk}.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    reads = AuditEntry.objects.filter(actor_id=user.pk, action="READ")
    assert reads.filter(object_type="vedtaksdokument", object_id=str(dok.pk)).exists()
    assert reads.filter(object_type="soknad", object_id=str(young_parent.pk)).exists()


def test_the_citizen_appeals_a_refusal_in_time(refusal: Any, young_parent: Any,
                                               in_march: None) -> None:
    client, user = _citizen(young_parent, "kari")
    page = client.get(f"/mine/vedtak/{refusal.pk}/klage/")
    assert "Fristen for å klage er 25. mars 2024." in page.content.decode()  # fvl § 29
    empty = client.post(f"/mine/vedtak/{refusal.pk}/klage/", {"tekst": " "})
    assert empty.status_code == 400 and "Skriv hvorfor du klager." in empty.content.decode()
    sent = client.post(f"/mine/vedtak/{refusal.pk}/klage/",
                       {"tekst": "Pengene på kontoen er til husleien."})
    assert sent.status_code == 302
    klage = Klage.objects.get()
    assert klage.vedtak_id == refusal.pk and klage.kilde == "DIGISOS"
    assert klage.for_sent is False and klage.klage_id  # a klage.json with its klageId
    assert AuditEntry.objects.filter(actor_id=user.pk, action="WRITE").exists()


def test_another_person_gets_404_for_everything(refusal: Any, young_parent: Any,
                                                make_soknad: Any, in_march: None) -> None:
    _citizen(young_parent, "kari")
    other_soknad = make_soknad()
    other, other_user = _citizen(other_soknad, "ola")
    dok = VedtakDokument.objects.get(vedtak=refusal)
    for url in (f"/mine/soknad/{young_parent.pk}/oversikt/",
                f"/mine/soknad/{young_parent.pk}/brev/{dok.pk}.pdf",
                f"/mine/soknad/{other_soknad.pk}/brev/{dok.pk}.pdf",  # own case, other letter
                f"/mine/vedtak/{refusal.pk}/klage/"):
        assert other.get(url).status_code == 404, url
    assert other.post(f"/mine/vedtak/{refusal.pk}/klage/", {"tekst": "x"}).status_code == 404
    assert not Klage.objects.exists()
    denied = AuditEntry.objects.filter(actor_id=other_user.pk, action="DENIED")
    assert denied.count() >= 4


def test_staff_are_refused_on_citizen_pages(users: Any, young_parent: Any) -> None:
    staff = Client()
    staff.force_login(users["veileder_sf"])
    assert staff.get(f"/mine/soknad/{young_parent.pk}/oversikt/").status_code == 403
