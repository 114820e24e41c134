"""Issue 12 in the browser: find a person by fødselsnummer from the header, the person page
with two applications, taking a case so it is under "Mine saker", and the Statsforvalter
(read-only) seeing no forms. Every page visited passes axe-core (nothing serious/critical).

Screenshots at 1366×900 go to $SOSIALSAK_SCREENSHOTS when set (to look at the pages).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility
from tests.helpers import NOW, synthetic_fnr

pytestmark = pytest.mark.django_db(transaction=True)
FNR = synthetic_fnr(date(1984, 6, 3), 3)


def shot(page: Any, name: str) -> None:
    where = os.environ.get("SOSIALSAK_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{where}/{name}.png", full_page=True)


def register(users: dict[str, Any], offices: dict[str, Any], days_ago: int) -> Any:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.intake.operations import (
        ApplicantInput,
        PostInput,
        SoknadInput,
        register_with_applicant,
    )

    va = users["veileder_a"]
    return register_with_applicant(
        scope=scope_for(va), actor=va, kontor=offices["A"],
        applicant=ApplicantInput(fodselsnummer=FNR, fornavn="Hedda", etternavn="Fjeld",
                                 telefon="41234567"),
        partner=None, barn=[],
        data=SoknadInput(kanal="TELEFON", mottatt_at=NOW - timedelta(days=days_ago),
                         poster=[PostInput(type="LIVSOPPHOLD", belop=12400)]))


@pytest.fixture
def hedda(users: dict[str, Any], offices: dict[str, Any]) -> tuple[Any, Any]:
    from sosialsak.contexts.intake.models import Soknad

    old = register(users, offices, 40)
    new = register(users, offices, 0)
    Soknad.objects.filter(pk=old.pk).update(status="BEHANDLES_IKKE")
    return old, new


def login(page: Any, url: str, username: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")


def test_find_by_fnr_and_the_person_page(live_server: Any, page: Any, users: dict[str, Any],
                                         hedda: tuple[Any, Any]) -> None:
    old, new = hedda
    url = live_server.url
    login(page, url, "va")

    page.fill("#finn", FNR)
    page.click("form.find button[type=submit]")
    page.wait_for_url(f"{url}/sok/?q={FNR}")
    check_accessibility(page, "søk")
    shot(page, "sok")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2  # the closed one too
    assert "Behandles ikke" in rows.nth(1).inner_text()

    page.click(f"main ul.people a[href='/person/{new.person_id}/']")
    page.wait_for_url(f"{url}/person/{new.person_id}/")
    check_accessibility(page, "person")
    shot(page, "person")
    saker = page.locator("#person-soknader tbody tr")
    assert saker.count() == 2
    assert saker.nth(0).locator("a").inner_text() == str(new.pk)
    assert saker.nth(1).locator("a").inner_text() == str(old.pk)


def test_registering_the_same_person_again_shows_a_hint(
    live_server: Any, page: Any, users: dict[str, Any], hedda: tuple[Any, Any]
) -> None:
    _old, new = hedda
    url = live_server.url
    login(page, url, "va")
    page.goto(f"{url}/soknad/ny/")
    page.fill("#id_fodselsnummer", FNR)
    page.press("#id_fodselsnummer", "Tab")
    page.wait_for_selector(f"#tidligere a[href='/person/{new.person_id}/']")
    check_accessibility(page, "registrering med treff")
    shot(page, "registrering")
    assert "allerede 2 søknader" in page.inner_text("#tidligere")


def test_a_veileder_takes_an_unassigned_case(live_server: Any, page: Any,
                                             users: dict[str, Any], hedda: tuple[Any, Any]
                                             ) -> None:
    _old, new = hedda
    url = live_server.url
    login(page, url, "va")

    page.goto(f"{url}/arbeidsliste/?tildelt=unassigned")
    check_accessibility(page, "arbeidsliste uten saksbehandler")
    assert page.locator("main table tbody tr", has_text="Hedda Fjeld").count() == 1
    page.click(f"main table a[href='/soknad/{new.pk}/'] >> nth=0")
    page.wait_for_url(f"{url}/soknad/{new.pk}/")
    check_accessibility(page, "saken")
    shot(page, "sak")
    page.click("text=Ta saken")
    page.wait_for_url(f"{url}/soknad/{new.pk}/")
    assert "Ta saken" not in page.inner_text("main")

    page.goto(f"{url}/arbeidsliste/")
    page.select_option("#tildelt", "mine")
    page.wait_for_url(f"{url}/arbeidsliste/?*tildelt=mine*")
    page.wait_for_selector("#queue tbody tr:has-text('Hedda Fjeld')")
    check_accessibility(page, "mine saker")
    shot(page, "mine")
    assert page.locator("#queue tbody tr").count() == 1


def test_a_leder_redistributes_from_the_list(live_server: Any, page: Any,
                                             users: dict[str, Any], hedda: tuple[Any, Any]
                                             ) -> None:
    _old, new = hedda
    url = live_server.url
    login(page, url, "la")
    page.goto(f"{url}/arbeidsliste/")
    check_accessibility(page, "arbeidsliste for leder")
    shot(page, "fordel")
    page.check(f"#velg-{new.pk}")
    page.select_option("#fordel-til", str(users["veileder_a"].pk))
    page.click("#fordel button[type=submit]")
    page.wait_for_selector("text=1 saker har fått ny saksbehandler.")
    assert page.locator("#queue tbody tr", has_text="Hedda Fjeld").count() == 1


def test_the_statsforvalter_sees_no_forms(live_server: Any, page: Any,
                                          users: dict[str, Any], hedda: tuple[Any, Any]) -> None:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak

    _old, new = hedda
    va = users["veileder_a"]
    vedtak = record_vedtak(
        scope=scope_for(va), actor=va, soknad_id=new.pk, now=NOW,
        data=VedtakInput(post_ids=[new.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
                         begrunnelse="Du har ikke penger til mat.", stonadsform="BIDRAG",
                         periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1),
                         belop=12400))
    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "sf46")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    for path in (f"/soknad/{new.pk}/", f"/person/{new.person_id}/", "/arbeidsliste/",
                 f"/sok/?q={FNR}", f"/soknad/{new.pk}/utbetalinger/",
                 f"/soknad/{new.pk}/kartlegging/", f"/vedtak/{vedtak.pk}/"):
        page.goto(f"{url}{path}")
        check_accessibility(page, f"statsforvalter {path}")
        visible = [f for f in page.locator("main form[method=post]").all() if f.is_visible()]
        # A type="button" only opens help (the case workspace's "Hurtigtaster"); every action
        # is a submit button, and none may show.
        buttons = [b for b in page.locator("main button:not([type=button])").all()
                   if b.is_visible()]
        assert visible == [], path
        assert buttons == [] or path.startswith("/sok/"), path  # the search box's button only
    page.goto(f"{url}/person/{new.person_id}/")
    history = page.locator("#historikk tbody tr")
    assert history.nth(0).inner_text().split("\t")[1] == "Vedtak"  # after the application
    assert "12\u00a0400\u00a0kr" in history.nth(0).inner_text()
    shot(page, "statsforvalter-person")
    page.goto(f"{url}/vedtak/{vedtak.pk}/")
    shot(page, "statsforvalter-vedtak")


def test_other_touched_pages_pass_axe(live_server: Any, page: Any, users: dict[str, Any],
                                      hedda: tuple[Any, Any]) -> None:
    """The payments day page (no bank-file download for a veileder), the audit log before any
    search, and our 403 page with its sentence."""
    _old, new = hedda
    url = live_server.url
    login(page, url, "va")
    page.goto(f"{url}/utbetalinger/")
    check_accessibility(page, "utbetalinger (veileder)")
    assert page.locator("form[action='/utbetalinger/eksport/']").count() == 0
    page.click(".who button")
    login(page, url, "la")
    page.goto(f"{url}/tilgangslogg/")
    check_accessibility(page, "tilgangslogg")
    shot(page, "tilgangslogg")
    assert page.locator("main table tbody tr").count() > 0  # entries before any search
    page.click(".who button")
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "sf46")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{url}/soknad/{new.pk}/samtale/")
    check_accessibility(page, "403")
    shot(page, "403")
    assert "Rollen din kan lese saker, men ikke endre dem." in page.inner_text("main")
