"""Issue 15 in the browser: the leder opens the dashboard from the menu, sees the charts (SVG
with a title and a text alternative, and a table beside each), drills from one indicator to
the cases behind it and opens one. Every page passes axe-core (nothing serious/critical).

Screenshots at 1366×900 go to $SOSIALSAK_SCREENSHOTS when set (to look at the pages).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page: Any, name: str) -> None:
    where = os.environ.get("SOSIALSAK_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{where}/{name}.png", full_page=True)


@pytest.fixture
def caseload(make_soknad: Any) -> Any:
    """Young recipients decided in the last weeks, one without an activity condition, and
    payments over three months."""
    from sosialsak.contexts.decisions.models import Sak, Vedtak
    from sosialsak.contexts.payments.models import Utbetaling

    now = datetime.now(UTC)
    first = None
    for i in range(3):
        s = make_soknad(kanal="DIGITAL" if i else "TELEFON")
        s.person.fodselsdato = date(2001, 5, 1)
        s.person.save()
        sak = Sak.objects.create(soknad=s, referanse=f"e2e-sak-{i}", tittel="Livsopphold",
                                 opprettet_at=now)
        v = Vedtak.objects.create(sak=sak, hjemmel="§ 18", utfall="INNVILGET",
                                  begrunnelse="b", fattet_at=now - timedelta(days=3 + i))
        for back in range(i + 1):
            day = (now - timedelta(days=31 * back)).date()
            Utbetaling.objects.create(vedtak=v, referanse=f"e2e-u-{i}-{back}", belop=6000,
                                      forfallsdato=day, utbetalt_dato=day, status="UTBETALT",
                                      mottaker_navn="M", kontonummer="12345678903")
        first = first or s
    return first


def test_leder_dashboard_charts_and_drill(live_server: Any, page: Any, users: dict[str, Any],
                                          caseload: Any) -> None:
    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "la")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.click("nav >> text=Styringsinformasjon")
    page.wait_for_url(f"{url}/innsikt/")
    check_accessibility(page, "styringsinformasjon")
    shot(page, "innsikt")

    charts = page.locator("svg.chart[role=img]")
    assert charts.count() >= 3
    assert charts.first.is_visible()
    assert page.locator("#chart-flyt-t").text_content() == "Bestand, tilgang og avgang per måned"
    assert page.locator("#ind-aktivitetsplikt table").is_visible()

    section = page.locator("#ind-aktivitetsplikt")
    section.locator("tr", has_text="Verken vilkår").get_by_role("link").click()
    page.wait_for_url(f"{url}/innsikt/indikator/aktivitetsplikt/ingen/**")
    check_accessibility(page, "sakene bak tallet")
    shot(page, "innsikt-saker")
    rows = page.locator("#saker tbody tr")
    assert rows.count() == 3
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"{url}/soknad/**")
