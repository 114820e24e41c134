"""Issue 16 in the browser, at 360×740 (a phone) and 1366×900: a citizen logs in through the
development OIDC provider, applies (draft, leave, resume, send), the caseworker sees it in the
queue, and a citizen appeals a refusal in time. Every page passes axe-core with the wcag2a
and wcag2aa rules (any impact), and no page scrolls sideways.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.a11y import check_accessibility
from tests.helpers import NOW, synthetic_fnr
from tests.integration.decisions.fixtures import utkast, young_parent

__all__ = ["utkast", "young_parent"]
pytestmark = pytest.mark.django_db(transaction=True)
SIZES = [pytest.param((360, 740), id="phone"), pytest.param((1366, 900), id="desktop")]
WCAG = ("wcag2a", "wcag2aa")
FNR = synthetic_fnr(date(1991, 4, 12), 5)


def check(page: Any, where: str, width: int) -> None:
    check_accessibility(page, where, tags=WCAG)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{where}: {scroll} px wide at {width} px"


def oidc_login(page: Any, url: str, pid: str, width: int) -> None:
    page.goto(f"{url}/mine/logg-inn/")
    check(page, "innlogging", width)
    page.click("#idporten")
    page.wait_for_url("**/dev-idp/authorize?**")
    check(page, "test-innlogging", width)
    page.fill("#pid", pid)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url == f"{url}/mine/", (page.url, page.inner_text("main"))
    check(page, "mine søknader", width)


def next_step(page: Any, url: str, step: str) -> None:
    page.click("button[name=neste]")
    page.wait_for_url(f"{url}/mine/sok/{step}/")


@pytest.mark.parametrize("size", SIZES)
def test_apply_leave_resume_send_and_the_queue(live_server: Any, browser: Any, page: Any,
                                               users: Any, size: tuple[int, int]) -> None:
    width, height = size
    url = live_server.url
    page.set_viewport_size({"width": width, "height": height})
    oidc_login(page, url, FNR, width)

    page.click("main a[href='/mine/sok/']")
    check(page, "søknad: start", width)
    page.click("#start")
    page.wait_for_url(f"{url}/mine/sok/om-deg/")
    check(page, "søknad: om deg", width)
    for field, value in (("fornavn", "Nora"), ("etternavn", "Nilsen"), ("telefon", "41234567"),
                         ("kontonummer", "12345678903"), ("gatenavn", "Solheimsgaten"),
                         ("husnummer", "7"), ("postnummer", "5058"), ("poststed", "Bergen")):
        page.fill(f"#id_{field}", value)
    page.select_option("#id_enhetsnummer", "1201")
    next_step(page, url, "husstand")
    check(page, "søknad: familien", width)
    page.fill("#id_barn_1_navn", "Ida Nilsen")
    page.fill("#id_barn_1_fodselsdato", "2017-08-01")
    next_step(page, url, "bolig")
    check(page, "søknad: bolig", width)
    page.check("input[name=botype][value=leier]")
    page.fill("#id_antall_personer", "2")
    page.click("button[name=senere]")  # leave
    page.wait_for_url(f"{url}/mine/")

    page.goto(f"{url}/mine/sok/")  # resume
    check(page, "søknad: utkast", width)
    page.click("#fortsett")
    page.wait_for_url(f"{url}/mine/sok/om-deg/")
    assert page.input_value("#id_fornavn") == "Nora"
    page.goto(f"{url}/mine/sok/inntekt/")
    check(page, "søknad: inntekt", width)
    page.fill("#id_inntekt_barnetrygd", "1766")
    next_step(page, url, "utgifter")
    check(page, "søknad: utgifter", width)
    page.fill("#id_utgift_husleie", "9500")
    next_step(page, url, "soknad")
    check(page, "søknad: hva", width)
    page.check("input[name=hva_typer][value=livsopphold]")
    page.fill("#id_hvorfor", "Jeg mistet jobben.")
    next_step(page, url, "vedlegg")
    check(page, "søknad: vedlegg", width)
    page.click("button[name=neste]")
    page.wait_for_url(f"{url}/mine/sok/send/")
    check(page, "søknad: send", width)
    page.click("#send")
    page.wait_for_url("**/mine/soknad/*/oversikt/")
    check(page, "søknaden din", width)
    assert "Vi tok imot søknaden." in page.inner_text("main")

    staff = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    staff.goto(f"{url}/logg-inn/")
    staff.fill("#id_username", "va")
    staff.fill("#id_password", "test-passord-123")
    staff.click("button[type=submit]")
    staff.goto(f"{url}/arbeidsliste/")
    assert "Nilsen" in staff.inner_text("main")
    staff.context.close()


@pytest.fixture
def refusal_now(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    """A refusal sent to the young parent today (so the appeal deadline is ahead)."""
    from sosialsak.contexts.decisions.operations import make_vedtak, record_forsendelse

    actor = users["veileder_sf"]
    made = make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                       data=utkast(utfall="AVSLATT", justeringer=(), unntak=None,
                                   begrunnelse="Du har nok penger på konto til mars."),
                       now=NOW)
    today = timezone.localdate()
    return record_forsendelse(scope=scope_of(actor), actor=actor, vedtak_id=made.pk,
                              forsendelse="DIGITAL", sendt=today, mottatt=None,
                              now=timezone.now() - timedelta(minutes=1))


@pytest.mark.parametrize("size", SIZES)
def test_a_citizen_appeals_a_refusal_in_time(live_server: Any, page: Any, refusal_now: Any,
                                             young_parent: Any, size: tuple[int, int]) -> None:
    from sosialsak.contexts.decisions.models import Klage

    width, height = size
    url = live_server.url
    page.set_viewport_size({"width": width, "height": height})
    oidc_login(page, url, young_parent.person.fodselsnummer, width)
    page.click(f"main a[href='/mine/soknad/{young_parent.pk}/oversikt/']")
    check(page, "søknaden din med vedtak", width)
    page.click(f"a[href='/mine/vedtak/{refusal_now.pk}/klage/']")
    check(page, "klage", width)
    assert "Fristen for å klage er" in page.inner_text("#klagefrist")
    page.fill("#tekst", "Pengene på kontoen er til husleien.")
    page.click("#send-klage")
    page.wait_for_url(f"{url}/mine/soknad/{young_parent.pk}/oversikt/")
    check(page, "søknaden din etter klage", width)
    klage = Klage.objects.get()
    assert klage.for_sent is False and klage.kilde == "DIGISOS"


def test_the_wcag_check_is_not_vacuous(page: Any) -> None:
    """The wcag2a/wcag2aa run fails a page with a WCAG fault (an image without alt text)."""
    page.set_content('<html lang="nb"><head><title>t</title></head><body><main>'
                     '<h1>Tittel</h1><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility(page, "dårlig side", tags=WCAG)
