"""Issue 17 in the browser: the leder opens the internal-control page from the menu, sees the
checks and the 51 risk points, registers an avvik by keyboard-reachable form, and the page
passes axe-core (nothing serious/critical) before and after."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_leder_registers_an_avvik_on_an_accessible_page(
        live_server: Any, page: Any, make_soknad: Any) -> None:
    from sosialsak.contexts.supervision.models import Avvik

    make_soknad()
    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "la")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.click("nav >> text=Internkontroll")
    page.wait_for_url(f"{url}/kontor/internkontroll/")
    assert page.locator("[data-kontroll]").count() == 5
    assert page.locator("[data-punkt]").count() == 51
    check_accessibility(page, "internkontroll")

    page.get_by_label("Hva skjedde? Ikke skriv navn eller fødselsnummer.").fill(
        "Vedtak sendt uten begrunnelse.")
    page.get_by_label("Når", exact=True).fill("2024-03-10")
    page.get_by_label("Alvorlighet", exact=True).select_option("HOY")
    page.get_by_label("Risikopunkt", exact=True).select_option("49")
    page.click("text=Registrer avviket")
    page.wait_for_url(f"{url}/kontor/internkontroll/**")
    assert "Avviket er registrert." in page.content()
    assert Avvik.objects.get().risikopunkt == 49
    check_accessibility(page, "internkontroll etter avvik")
