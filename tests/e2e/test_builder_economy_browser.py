"""The vedtak builder in a browser at 1366×900 (issue 12, items 3 and 4): the caseworker types
an income and a rent, the calculation follows as they type (sotjl. § 18: income is deducted,
the rent is added), and the letter beside the form shows the new amount. The letter panel lies
to the right of the form; axe finds nothing serious or critical."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility
from tests.helpers import register_state_rates_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def applicant(make_soknad: Any) -> Any:
    """An adult living alone who applied for livsopphold, with rent 9 500 in the application."""
    from sosialsak.contexts.intake.models import OkonomiPost

    register_state_rates_for(date.today().year, date.today().year + 1)
    soknad = make_soknad(items=("LIVSOPPHOLD",), barn=0)
    person = soknad.person
    person.fodselsdato = date(1985, 6, 1)
    person.kommunenummer = "4601"
    person.save()
    OkonomiPost.objects.create(soknad=soknad, kind="BOUTGIFT", type="husleie",
                               tittel="Husleie", belop=9500, kilde="bruker")
    return soknad


def _kroner(text: str) -> int:
    digits = re.sub(r"[^\d−-]", "", text.split(":")[-1]).replace("−", "-")
    return int(digits)


def _amount(page: Any) -> int:
    return _kroner(page.inner_text("#beregnet-belop"))


def _wait_for_amount(page: Any, before: int) -> int:
    page.wait_for_function(
        "before => { const el = document.querySelector('#beregnet-belop');"
        " if (!el) return false;"
        " const n = parseInt(el.textContent.split(':').pop().replace(/[^0-9]/g, ''), 10);"
        " return n !== before; }", arg=before)
    return _amount(page)


def _letter_has(page: Any, amount: int) -> None:
    shown = f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"
    page.wait_for_function(
        "shown => document.querySelector('#brev-preview').textContent.includes(shown)",
        arg=shown)


def test_typing_income_and_rent_changes_the_amount_and_the_letter_beside_the_form(
    live_server: Any, page: Any, applicant: Any
) -> None:
    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "vsf")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.goto(f"{url}/soknad/{applicant.pk}/vedtak/ny/")

    # Pre-filled from the application, with its source.
    assert page.input_value("#husleie") == "9500"
    assert page.inner_text("#kilde-husleie").startswith("fra søknaden")
    start = date.today().replace(day=1)
    post = applicant.poster.get(type="LIVSOPPHOLD").pk
    page.check(f"input[name=post_ids][value='{post}']")
    page.select_option("#hjemmel", "§ 18")
    page.select_option("#utfall", "INNVILGET")
    page.fill("#periode_fra", start.isoformat())
    page.fill("#periode_tom", ((start + timedelta(days=32)).replace(day=1)
                               - timedelta(days=1)).isoformat())
    page.fill("#husleie", "")
    page.wait_for_function("() => { const t = document.querySelector('#preview table.beregning');"
                           " return t && !t.textContent.includes('Husleie'); }")
    base = _amount(page)
    assert page.inner_text("#kilde-husleie") == "endret av saksbehandler"

    page.fill("#inntekt_salary", "4000")
    with_income = _wait_for_amount(page, base)
    assert with_income == base - 4000
    assert "Minus lønn" in page.inner_text("#preview")
    _letter_has(page, with_income)

    page.fill("#husleie", "9000")
    with_rent = _wait_for_amount(page, with_income)
    assert with_rent == with_income + 9000
    _letter_has(page, with_rent)
    assert "Husleie" in page.inner_text("#preview")

    # Two columns: the letter panel's left edge lies to the right of the form.
    form = page.locator("#vedtak-form").bounding_box()
    letter = page.locator("aside.builder-letter").bounding_box()
    assert form and letter
    assert letter["x"] >= form["x"] + form["width"]
    assert letter["y"] < 900  # beside the form, not below it
    check_accessibility(page, "vedtaksbygger med brev")

    # A narrow screen gets one column: the letter below the form.
    page.set_viewport_size({"width": 800, "height": 900})
    form = page.locator("#vedtak-form").bounding_box()
    letter = page.locator("aside.builder-letter").bounding_box()
    assert form and letter and letter["y"] >= form["y"] + form["height"]
