"""Issue 16 items 4 and 5 in the browser, at 360×740 and 1366×900: the caseworker has asked for
a document, the person uploads a photo and the request is fulfilled; then a message round trip
with read receipts both ways through the office inbox. axe (wcag2a, wcag2aa) reports nothing on
each page, and the person's pages have no horizontal scroll.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)
WCAG = ["wcag2a", "wcag2aa"]
PW = "test-passord-123"


def photo() -> bytes:
    raw = b"".join(b"\0" + b"\x20\x60\xa0" * 40 for _ in range(30))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def soknad(make_soknad: Any) -> Any:
    from sosialsak.contexts.accounts.operations import create_user

    soknad = make_soknad()
    bruker = create_user(username="bruker1", password=PW, role="bruker")
    soknad.person.user = bruker
    soknad.person.save()
    return soknad


def login(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", PW)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def check(page: Any, where: str, *, no_scroll: bool = True) -> None:
    check_accessibility(page, where, tags=WCAG)
    if no_scroll:
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, f"{where}: horizontal scroll"


@pytest.mark.parametrize("size", [(360, 740), (1366, 900)], ids=["mobile", "desktop"])
def test_upload_a_photo_and_a_message_round_trip(live_server: Any, browser: Any, soknad: Any,
                                                 tmp_path: Path, size: tuple[int, int]) -> None:
    from sosialsak.contexts.cases.models import Dokumentasjonskrav

    url = live_server.url
    person = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo",
                                 viewport={"width": size[0], "height": size[1]})
    office = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo",
                                 viewport={"width": 1366, "height": 900})
    try:
        # The caseworker asks for a document.
        o = office.new_page()
        login(o, url, "va")
        o.goto(f"{url}/soknad/{soknad.pk}/dokumentasjon/")
        o.fill("#id_andre", "Husleiekontrakt")
        o.click("main form button.primary")
        o.wait_for_url(f"{url}/soknad/{soknad.pk}/*")
        krav = Dokumentasjonskrav.objects.get(soknad=soknad, tittel="Husleiekontrakt")
        assert krav.status == "ETTERSPURT"

        p = person.new_page()
        login(p, url, "bruker1")
        p.goto(f"{url}/mine/")
        check(p, "mine")
        p.click(f"a[href='/mine/soknad/{soknad.pk}/oversikt/']")
        check(p, "søknaden")
        p.click("text=Send dokumenter")
        p.wait_for_url(f"{url}/mine/soknad/{soknad.pk}/dokument/")
        check(p, "send dokumenter")

        # A file of the wrong kind first: refused with a clear message, the page still passes.
        bad = tmp_path / "kontrakt.pdf"
        bad.write_bytes(b"not a pdf")
        p.select_option("#krav", str(krav.pk))
        p.set_input_files("#fil", str(bad))
        p.click("form.upload-form button.primary")
        assert "ikke en PDF, JPEG eller PNG" in p.locator("[role=alert]").inner_text()
        check(p, "send dokumenter, feil")

        img = tmp_path / "IMG_0042.png"
        img.write_bytes(photo())
        p.select_option("#krav", str(krav.pk))
        p.set_input_files("#fil", str(img))
        p.click("form.upload-form button.primary")
        p.wait_for_url(f"{url}/mine/soknad/{soknad.pk}/")
        assert "Dokumentet er sendt" in p.locator("[role=status]").inner_text()
        check(p, "søknaden etter opplasting")
        krav.refresh_from_db()
        assert krav.status == "LEVERT"
        assert Dokumentasjonskrav.objects.filter(soknad=soknad, status="ETTERSPURT").count() == 0

        # The person writes.
        p.goto(f"{url}/mine/")
        p.click("text=Meldinger til og fra NAV-kontoret")
        check(p, "meldinger")
        p.click(f"a[href='/mine/soknad/{soknad.pk}/meldinger/']")
        check(p, "tråd")
        p.fill("#tekst", "Jeg har sendt husleiekontrakten. Trenger dere mer?")
        p.click("main form button.primary")
        p.wait_for_url(f"{url}/mine/soknad/{soknad.pk}/meldinger/")
        assert p.locator("[data-lest=nei]").count() == 1
        check(p, "tråd etter sending")

        # The office reads it through the inbox and answers.
        o.click("text=Innboks")
        o.wait_for_url(f"{url}/innboks/")
        check(o, "innboks", no_scroll=False)
        o.click(f"a[href='/soknad/{soknad.pk}/meldinger/']")
        assert "Trenger dere mer?" in o.locator("main").inner_text()
        check(o, "tråd, kontoret", no_scroll=False)
        o.fill("#tekst", "Takk, vi har det vi trenger.")
        o.click("main form button.primary")
        o.wait_for_url(f"{url}/soknad/{soknad.pk}/meldinger/")
        assert o.locator("[data-lest=nei]").count() == 1

        # Receipts both ways.
        p.reload()
        assert p.locator("[data-lest=ja]").count() == 1
        assert "Takk, vi har det vi trenger." in p.locator("main").inner_text()
        check(p, "tråd med svar")
        o.reload()
        assert o.locator("[data-lest=ja]").count() == 1
    finally:
        person.close()
        office.close()
