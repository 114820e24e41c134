"""A caseworker runs KVP through the pages: the catalogue with a full measure, referral to
the waiting list, screening, assessment, application, grant, a full-time plan, an absence
and its reduction decision, and the end; the read-only role sees no forms."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sosialsak.contexts.kvp.models import Deltakelse
from sosialsak.contexts.tiltak.models import Henvisning, Tiltak
from sosialsak.kernel.clock import local_date

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ok(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


def test_the_whole_course_in_the_pages(make_soknad: Any, users: Any) -> None:
    c = login(users["veileder_a"])
    case, other = make_soknad(), make_soknad()
    for navn, timer, kap in (("Arbeidstrening", "22,5", "1"), ("Norskkurs", "15", "")):
        r = c.post("/tiltak/", {"navn": navn, "tilbyder": "KOMMUNE", "malgruppe": "Voksne",
                                "timer_per_uke": timer, "kapasitet": kap})
        assert r.status_code == 302
    arbeid, norsk = Tiltak.objects.order_by("id")
    c.post(f"/soknad/{other.pk}/kvp/", {"handling": "henvis", "tiltak_id": arbeid.pk,
                                        "grunn": "Trening"})
    c.post(f"/soknad/{case.pk}/kvp/", {"handling": "henvis", "tiltak_id": arbeid.pk,
                                       "grunn": "Trening"})
    c.post(f"/soknad/{case.pk}/kvp/", {"handling": "henvis", "tiltak_id": norsk.pk,
                                       "grunn": "Norsk"})
    catalogue = _ok(c.get("/tiltak/"))
    assert "1 av 1 opptatt" in catalogue and "fullt" in catalogue
    assert "nr. 1 i køen" in _ok(c.get(f"/tiltak/{arbeid.pk}/"))
    waiting = Henvisning.objects.get(soknad=case, tiltak=arbeid)
    assert waiting.status == "VENTELISTE"
    first = Henvisning.objects.get(soknad=other)
    c.post(f"/tiltak/{arbeid.pk}/", {"handling": "stopp", "henvisning_id": first.pk,
                                     "grunn": "Fikk jobb", "utfall": "ARBEID",
                                     "situasjon_etter": "01"})
    c.post(f"/tiltak/{arbeid.pk}/", {"handling": "plass", "henvisning_id": waiting.pk})

    r = c.post(f"/soknad/{case.pk}/kvp/", {"handling": "aktuell", "grunn": "LANGTID"})
    d = Deltakelse.objects.get()
    assert r["Location"] == f"/kvp/{d.pk}/"
    url = f"/kvp/{d.pk}/"
    steps = [
        {"handling": "vurdering", "arbeidsevne": "ja", "andre_ytelser": "ingen",
         "arbeidsevnevurdering": "ja", "egnet": "ja", "begrunnelse": "Trenger program."},
        {"handling": "soknad", "kanal": "MUNTLIG"},
    ]
    for step in steps:
        c.post(url, step)
    start = local_date(timezone.now()) + timedelta(days=1)
    c.post(url, {"handling": "vedtak", "utfall": "INNVILGET", "fakta": "Lenge uten arbeid.",
                 "begrunnelse": "Rett til KVP.", "start": start.isoformat(),
                 "kontonummer": "12345678903"})
    short = c.post(url, {"handling": "plan", "henvisning_0": waiting.pk}, follow=True)
    assert "full tid" in short.content.decode()
    c.post(url, {"handling": "plan", "henvisning_0": waiting.pk,
                 "henvisning_1": Henvisning.objects.get(soknad=case, tiltak=norsk).pk})
    c.post(url, {"handling": "start"})
    d.refresh_from_db()
    assert d.status == "I_PROGRAM"
    day = start + timedelta(days=(7 - start.weekday()) % 7 + 7)
    c.post(url, {"handling": "fravaer", "dato": day.isoformat(), "type": "UGYLDIG"})
    r = c.post(url, {"handling": "reduksjon", "maned": day.isoformat(),
                     "begrunnelse": "Møtte ikke."}, follow=True)
    assert "Vedtak om trekk er fattet" in r.content.decode()
    page = _ok(c.get(url))
    assert "Vedtaksbrev (PDF)" in page
    r = c.post(url, {"handling": "avslutt", "dato": (day + timedelta(days=20)).isoformat(),
                     "kostra_status": "3", "situasjon_etter": ["01"],
                     "viktigste_inntekt": "01", "begrunnelse": "Jobb."}, follow=True)
    d.refresh_from_db()
    assert d.status == "AVSLUTTET", r.content.decode()[:3000]

    sf = login(users["statsforvalter"])
    page = _ok(sf.get(url))
    assert "handling" not in page  # no forms for the read-only role
    assert sf.post(url, {"handling": "start"}).status_code == 403
