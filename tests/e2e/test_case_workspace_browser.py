"""The case workspace at 1366×900 on the demo's showcase case (Emma Eksempel, issue 12): the
overview fits the first screen, a section is reached by its nav link and by a shortcut, a
note is written with the keyboard only, shortcuts never fire while typing, and axe finds no
serious or critical violation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 1366, 900
SCREENSHOT = os.environ.get("SOSIALSAK_WORKSPACE_SCREENSHOT", "")


@pytest.fixture
def showcase() -> int:
    """The demo data (a few generated applications and the showcase case)."""
    from django.utils import timezone

    from sosialsak.contexts.intake.models import Soknad
    from sosialsak.interfaces.cli import demo_data

    demo_data.load(now=timezone.now(), count=4)
    return Soknad.objects.get(husstand__fornavn="Emma", husstand__etternavn="Eksempel").pk


@pytest.fixture
def screen(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nb-NO",
                                  timezone_id="Europe/Oslo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert violations == [], violations


def bottom(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => e.getBoundingClientRect().bottom"))


def focused_id(page: Any) -> str:
    return str(page.evaluate("() => document.activeElement && document.activeElement.id"))


def test_the_showcase_case_workspace(live_server: Any, screen: Any, showcase: int) -> None:
    from sosialsak.contexts.cases.models import Journalnotat
    from sosialsak.interfaces.cli.demo_data import DEMO_PASSWORD

    page = screen
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("#id_username", "veileder")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/arbeidslister/")
    case_url = f"{live_server.url}/soknad/{showcase}/"
    page.goto(case_url)
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT)

    # The overview: who, household, what is applied for, the next deadline, what is missing,
    # and who owns the case, all within the first 900 px.
    overview = page.locator("#oversikt")
    text = overview.inner_text()
    assert "Emma Eksempel" in text and "Ella Eksempel" in text and " år" in text
    assert "*****" in text  # the fødselsnummer is masked at the top
    assert "Husleie" in text and "Neste frist" in text and "Saksbehandler".upper() in text.upper()
    for part in ("hvem", "husstand", "poster", "frist", "status", "mangler"):
        assert bottom(page, f'[data-ov="{part}"]') <= HEIGHT, part
    assert bottom(page, "#oversikt") <= HEIGHT
    check_accessibility(page, "saken (oversikt)")

    # A section by its nav link: the heading gets focus and the section is on screen.
    page.click('.section-nav a[href="#utbetalinger"]')
    assert focused_id(page) == "h-utbet"
    top = page.eval_on_selector("#utbetalinger", "e => e.getBoundingClientRect().top")
    assert 0 <= top < HEIGHT / 2
    assert page.url.endswith("#utbetalinger")

    # And by a shortcut: g then v goes to Vedtak.
    page.keyboard.press("g")
    page.keyboard.press("v")
    assert focused_id(page) == "h-vedtak"
    assert page.eval_on_selector("#vedtak", "e => e.getBoundingClientRect().top") < HEIGHT / 2

    # "?" opens the shortcut help; Escape closes it.
    page.keyboard.press("?")
    assert page.locator("#hurtigtaster").is_visible()
    check_accessibility(page, "hurtigtaster")
    page.keyboard.press("Escape")
    assert not page.locator("#hurtigtaster").is_visible()

    # "/" goes to the search box; typing there never fires a shortcut.
    page.keyboard.press("/")
    assert focused_id(page) == "finn"
    page.keyboard.type("gv")
    assert page.input_value("#finn") == "gv" and focused_id(page) == "finn"
    page.keyboard.press("Escape")
    page.eval_on_selector("#finn", "e => e.blur()")

    # A note with the keyboard only: n, type, Ctrl+Enter.
    page.keyboard.press("n")
    assert focused_id(page) == "notat-tekst"
    page.keyboard.type("Emma ringte: hun har fått jobb fra 1. mars. gv n d")
    assert page.url.startswith(case_url) and focused_id(page) == "notat-tekst"
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    first = page.locator("#notater article.note").first
    assert "Emma ringte: hun har fått jobb fra 1. mars." in first.inner_text()
    assert Journalnotat.objects.get(soknad_id=showcase).skrevet_av.username == "veileder"
    check_accessibility(page, "saken etter notat")
