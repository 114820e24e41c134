"""Issue 18 item 5 in the browser: the leder's retention page lists what has passed its
retention period and removes it only when confirmed; the page passes axe-core (nothing
serious/critical) before and after."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility
from tests.helpers import NOW

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed(make_soknad: Any, users: dict[str, Any]) -> Any:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.archive.models import Arkivuttrekk
    from sosialsak.contexts.archive.retention import list_due
    from sosialsak.contexts.intake.models import Soknad

    soknad = make_soknad()
    Soknad.objects.filter(pk=soknad.pk).update(status="FERDIGBEHANDLET", status_endret_at=NOW)
    Arkivuttrekk.objects.create(soknad=soknad, uttrekk_id=uuid.uuid4(), laget_at=NOW,
                                sha256="0" * 64, antall_dokumenter=0)
    list_due(scope=scope_for(users["leder_a"]), now=NOW + timedelta(days=11 * 366))
    return soknad


def test_a_leder_confirms_anonymisation_on_an_accessible_page(
        live_server: Any, page: Any, listed: Any) -> None:
    from sosialsak.contexts.archive.models import Slettekandidat

    url = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "la")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.click("nav >> text=Oppbevaringstid")
    page.wait_for_url(f"{url}/kontor/oppbevaring/")
    check_accessibility(page, "oppbevaring")

    kandidat = Slettekandidat.objects.get(soknad=listed)
    page.get_by_label(f"Velg sak {listed.pk}, soknad").check()
    page.click("text=Bekreft sletting og anonymisering")
    page.wait_for_url(f"{url}/kontor/oppbevaring/")
    assert "1 oppføring er slettet eller anonymisert." in page.content()
    check_accessibility(page, "oppbevaring etter bekreftelse")
    kandidat.refresh_from_db()
    assert kandidat.status == "UTFORT"
