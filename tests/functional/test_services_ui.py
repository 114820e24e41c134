"""Issue 14, items 4-7 on the caseworker pages: the person's services page and its forms, the
plan with consent (§ 28), the flags on a stay (§ 27), the exclusion decision with its letter,
scope (another office: 404) and the read-only statsforvalter (403 on forms and writes)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.services.models import Samtykke


@pytest.fixture
def family(make_soknad: Any) -> Any:
    return make_soknad(barn=1)


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_caseworker_records_a_stay_with_children_and_sees_the_flags(
        family: Any, users: dict[str, Any]) -> None:
    c = _client(users["veileder_a"])
    person = c.get(f"/person/{family.person_id}/")
    assert f"/person/{family.person_id}/tjenester/" in person.content.decode()
    r = c.post("/tjenester/botilbud/", {"navn": "Havnehospits", "type": "HOSPITS"})
    assert r.status_code == 302
    page = c.get("/tjenester/botilbud/?utdatert=1").content.decode()
    assert "Havnehospits" in page and "Ikke vurdert siste 12 måneder" in page
    form = c.get(f"/person/{family.person_id}/tjenester/opphold/ny/").content.decode()
    value = form.split('<option value="')[1].split('"')[0]
    r = c.post(f"/person/{family.person_id}/tjenester/opphold/ny/", {
        "botilbud_id": value, "fra": "2024-01-31", "antall_voksne": 1, "antall_barn": 1,
        "pris_per_dogn": 800})
    assert r.status_code == 302, r.content.decode()[:2000]
    page = c.get(f"/person/{family.person_id}/tjenester/").content.decode()
    assert "Barn i botilbudet" in page and "Ikke godkjent for barn" in page
    assert "Over 3 måneder (fra 30.04.2024)" in page
    start = c.get("/arbeidslister/").content.decode()
    assert "Midlertidig botilbud over 3 måneder" in start
    assert "1 botilbud er ikke kvalitetsvurdert" in start


def test_plan_participant_and_withdrawn_consent(family: Any, users: dict[str, Any]) -> None:
    c = _client(users["veileder_a"])
    r = c.post(f"/person/{family.person_id}/tjenester/plan/ny/", {
        "mal": "Stabil bolig", "neste_evaluering": "2024-06-01"})
    assert r.status_code == 302
    plan_url = c.get(f"/person/{family.person_id}/tjenester/").content.decode().split(
        'href="/tjenester/plan/')[1].split('"')[0]
    plan_id = int(plan_url.strip("/"))
    r = c.post(f"/tjenester/plan/{plan_id}/deltaker/", {
        "tjeneste": "HELSE", "navn": "Legekontoret", "samtykke": ["HELSE", "BOLIG"]})
    assert r.status_code == 302
    s = Samtykke.objects.get(formal="HELSE")
    view = c.get(f"/tjenester/deltaker/{s.deltaker_id}/visning/?formal=HELSE")
    assert view.status_code == 200
    r = c.post(f"/tjenester/plan/{plan_id}/samtykke/{s.pk}/trekk/")
    assert r.status_code == 302
    assert c.get(f"/tjenester/deltaker/{s.deltaker_id}/visning/?formal=HELSE"
                 ).status_code == 403
    assert "Trukket tilbake" in c.get(f"/tjenester/plan/{plan_id}/").content.decode()

    other = _client(users["veileder_b"])
    assert other.get(f"/tjenester/plan/{plan_id}/").status_code == 404
    assert other.get(f"/person/{family.person_id}/tjenester/").status_code == 404
    sf = _client(users["statsforvalter"])
    assert sf.get(f"/tjenester/plan/{plan_id}/").status_code == 200
    assert sf.get(f"/person/{family.person_id}/tjenester/plan/ny/").status_code == 403
    assert sf.post(f"/tjenester/plan/{plan_id}/samtykke/{s.pk}/trekk/").status_code == 403


def test_exclusion_form_makes_the_decision_letter(family: Any, users: dict[str, Any]) -> None:
    c = _client(users["veileder_a"])
    c.post("/tjenester/botilbud/", {"navn": "Byhotellet", "type": "HOTELL"})
    form = c.get(f"/person/{family.person_id}/tjenester/utestengelse/ny/").content.decode()
    value = form.split('<option value="')[1].split('"')[0]
    missing = c.post(f"/person/{family.person_id}/tjenester/utestengelse/ny/", {
        "botilbud_id": value, "fra": "2024-03-05", "fakta": "Brann",
        "kontradiksjon": "Uhell", "begrunnelse": ""})
    assert missing.status_code == 200 and 'role="alert"' in missing.content.decode()
    r = c.post(f"/person/{family.person_id}/tjenester/utestengelse/ny/", {
        "botilbud_id": value, "fra": "2024-03-05", "fakta": "Brann",
        "kontradiksjon": "Uhell", "begrunnelse": "Fare for andre"})
    assert r.status_code == 302
    page = c.get(f"/person/{family.person_id}/tjenester/").content.decode()
    assert "Vedtaksbrev (PDF)" in page
    href = page.split('href="/vedtaksdokument/')[1].split('"')[0]
    pdf = c.get(f"/vedtaksdokument/{href}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_stay_links_the_decision_that_granted_it(make_soknad: Any,
                                                  users: dict[str, Any]) -> None:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
    from tests.helpers import NOW

    family = make_soknad(barn=0)
    va = users["veileder_a"]
    vedtak = record_vedtak(scope=scope_for(va), actor=va, soknad_id=family.pk, now=NOW,
                           data=VedtakInput(post_ids=[family.poster.first().pk],
                                            hjemmel="§ 18", utfall="AVSLATT",
                                            begrunnelse="Har inntekt."))
    c = _client(va)
    c.post("/tjenester/botilbud/", {"navn": "Havnehospits", "type": "HOSPITS"})
    form = c.get(f"/person/{family.person_id}/tjenester/opphold/ny/").content.decode()
    assert f'<option value="{vedtak.pk}">' in form
    value = form.split('<option value="')[1].split('"')[0]
    r = c.post(f"/person/{family.person_id}/tjenester/opphold/ny/", {
        "botilbud_id": value, "fra": "2024-03-01", "antall_voksne": 1, "antall_barn": 0,
        "pris_per_dogn": 800, "vedtak_id": vedtak.pk})
    assert r.status_code == 302
    page = c.get(f"/person/{family.person_id}/tjenester/").content.decode()
    assert f"/vedtak/{vedtak.pk}/" in page
