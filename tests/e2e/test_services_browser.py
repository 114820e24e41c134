"""Issue 14 in the browser: a caseworker records a § 27 stay with children and sees its flags
(children in the housing, provider not approved for children, beyond three months), then adds
a participant to an individuell plan with consent and withdraws the consent (§ 28), and the
participant's view shows nothing any more. Every page visited passes axe-core.

Screenshots at 1366×900 go to $SOSIALSAK_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page: Any, name: str) -> None:
    where = os.environ.get("SOSIALSAK_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{where}/{name}.png", full_page=True)


def login(page: Any, url: str, username: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")


def test_stay_with_children_flag_and_withdrawn_consent(live_server: Any, page: Any,
                                                       users: dict[str, Any],
                                                       make_soknad: Any) -> None:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.services import operations as ops

    family = make_soknad(barn=2)
    va = users["veileder_a"]
    ops.create_botilbud(scope=scope_for(va), actor=va,
                        data=ops.BotilbudInput(navn="Nordnes Hospits", type="HOSPITS"))
    url = live_server.url
    login(page, url, "va")

    page.goto(f"{url}/person/{family.person_id}/")
    page.click(f"a[href='/person/{family.person_id}/tjenester/']")
    page.wait_for_url(f"{url}/person/{family.person_id}/tjenester/")
    check_accessibility(page, "sosiale tjenester")

    page.click(f"a[href='/person/{family.person_id}/tjenester/opphold/ny/']")
    check_accessibility(page, "nytt opphold")
    start = timezone.localdate() - timedelta(days=130)
    page.select_option("#id_botilbud_id", label="Nordnes Hospits")
    page.fill("#id_fra", start.isoformat())
    page.fill("#id_antall_barn", "2")
    page.fill("#id_pris_per_dogn", "950")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{url}/person/{family.person_id}/tjenester/#opphold")
    row = page.locator("#opphold-tabell tbody tr").first
    assert "Barn i botilbudet" in row.inner_text()
    assert "Ikke godkjent for barn" in row.inner_text()
    assert "Over 3 måneder" in row.inner_text()
    check_accessibility(page, "opphold med flagg")
    shot(page, "tjenester-opphold")

    page.goto(f"{url}/arbeidslister/")
    assert "Barn i midlertidig botilbud" in page.inner_text("main")

    page.goto(f"{url}/person/{family.person_id}/tjenester/plan/ny/")
    check_accessibility(page, "ny plan")
    page.fill("#id_mal", "Egen bolig for familien.")
    page.fill("#id_neste_evaluering", (timezone.localdate() + timedelta(days=90)).isoformat())
    page.click("main form button[type=submit]")
    page.click("section[aria-labelledby=planer] ul a")
    page.fill("#id_navn", "Nordnes skole")
    page.select_option("#id_tjeneste", "SKOLE")
    page.check("input[name=samtykke][value=BARN]")
    page.click("form[action$='/deltaker/'] button[type=submit]")
    page.wait_for_selector("text=Deltakeren er lagt til.")
    check_accessibility(page, "plan med deltaker")
    shot(page, "plan")

    page.get_by_role("button", name="Trekk tilbake samtykket (Barn og familie, Nordnes skole)"
                     ).click()
    page.wait_for_selector("text=Samtykket er trukket tilbake.")
    assert "Trukket tilbake" in page.inner_text("main")
    page.click("text=Se planen slik Nordnes skole får se den")
    assert "har ikke samtykket til å dele noe" in page.inner_text("main")
    check_accessibility(page, "deltakerens visning")
