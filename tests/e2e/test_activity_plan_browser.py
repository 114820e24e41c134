"""A caseworker opens the activity plan from the case page, adds an activity, links the
decision's condition to it and marks the activity done (issue 14). Every page visited passes
axe-core with no serious or critical violation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def granted(make_soknad: Any, users: dict[str, Any], scope_of: Any) -> Any:
    """A granted decision with an activity condition (§ 20 a)."""
    from django.utils import timezone

    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak

    actor = users["veileder_a"]
    soknad = make_soknad()
    today = timezone.localdate()
    vedtak = record_vedtak(
        scope=scope_of(actor), actor=actor, soknad_id=soknad.pk, now=timezone.now(),
        data=VedtakInput(post_ids=[soknad.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
                         stonadsform="BIDRAG", belop=9000, periode_fra=today.replace(day=1),
                         periode_til=(today.replace(day=1) + timedelta(days=40)).replace(day=1),
                         begrunnelse="Du har ikke penger til det du trenger."))
    Vilkar.objects.create(vedtak=vedtak, beskrivelse="Møt til jobbklubb hver torsdag.",
                          referanse="e2e-vilkar", aktivitet=True)
    return soknad


def test_add_an_activity_link_the_condition_and_mark_it_done(
    live_server: Any, page: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.followup.models import Aktivitet

    url = live_server.url
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "va")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")

    page.goto(f"{url}/soknad/{granted.pk}/")
    page.click("text=Aktivitetsplan og vilkår")
    page.wait_for_url(f"{url}/soknad/{granted.pk}/aktivitetsplan/")
    check_accessibility(page, "aktivitetsplan, tom")
    assert page.locator("text=Ingen aktiviteter i planen ennå.").is_visible()

    # Add an activity.
    page.fill("#mal", "Komme i arbeid")
    page.fill("#hva", "Jobbklubb på NAV-kontoret")
    page.fill("#hvem", "Veileder")
    page.fill("#fra", date.today().isoformat())
    page.fill("#timer_per_uke", "4")
    page.click("button:has-text('Legg til aktivitet')")
    page.wait_for_selector("text=Aktiviteten er lagt til.")
    check_accessibility(page, "aktivitetsplan, én aktivitet")
    a = Aktivitet.objects.get()

    # Link the condition to it.
    vilkar = Vilkar.objects.get()
    page.select_option(f"#ko-{vilkar.pk}", str(a.pk))
    page.click(f"form:has(#ko-{vilkar.pk}) button")
    page.wait_for_selector("text=Koblingen mellom vilkår og aktivitet er lagret.")
    assert page.locator(f"#akt-{a.pk}").is_visible()
    linked = page.locator("article.aktivitet dd", has_text="Møt til jobbklubb hver torsdag.")
    assert linked.count() == 1

    # Mark the activity done.
    page.select_option(f"#st-{a.pk}", "FULLFORT")
    page.click(f"form:has(#st-{a.pk}) button")
    page.wait_for_selector("text=Statusen er endret.")
    check_accessibility(page, "aktivitetsplan, fullført")
    assert page.locator("article.aktivitet dd", has_text="Fullført").count() == 1

    # The history holds every step, in order.
    page.click(f"#akt-{a.pk} ~ details summary:has-text('Historikk')")
    rows = page.locator(f"article:has(#akt-{a.pk}) details table tbody tr")
    assert rows.count() == 3
    check_accessibility(page, "aktivitetsplan, historikk")
    a.refresh_from_db()
    assert a.status == "FULLFORT" and vilkar.aktivitetskobling.aktivitet_id == a.pk
