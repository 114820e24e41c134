"""A caseworker screens a long-term recipient, assesses and grants KVP, builds a full-time
programme from two tiltak, records an unauthorised absence and a reduction, and ends the
programme with an outcome; the innsyn file of the case validates against ../shared/digisos
(that assertion is skipped when ../shared is absent). Every page passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos" / "json"


@pytest.fixture
def long_term(make_soknad: Any, users: dict[str, Any], offices: dict[str, Any]) -> Any:
    """A recipient with § 18 support for the last seven months, and two measures."""
    from django.utils import timezone

    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
    from sosialsak.contexts.tiltak.operations import TiltakInput, create_tiltak
    from sosialsak.kernel.clock import local_date
    from sosialsak.rules.frister import add_months

    actor = users["veileder_a"]
    scope, now = scope_for(actor), timezone.now()
    soknad = make_soknad(actor=actor)
    month = local_date(now).replace(day=1)
    record_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=now, data=VedtakInput(
        post_ids=[soknad.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
        stonadsform="BIDRAG", periode_fra=add_months(month, -6),
        periode_til=add_months(month, 1), belop=7850, begrunnelse="Ingen inntekt."))
    for navn, timer in (("Arbeidstrening på kafé", "22.5"), ("Norskkurs", "15")):
        create_tiltak(scope=scope, actor=actor, kontor_id=offices["A"].pk, now=now,
                      data=TiltakInput(navn=navn, tilbyder="KOMMUNE", malgruppe="Voksne",
                                       timer_per_uke=Decimal(timer), kapasitet=5))
    return soknad


def _choose(page: Any, select: str, text: str) -> None:
    """Choose the option whose label starts with ``text``."""
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)


def _done(page: Any, text: str) -> None:
    assert text in page.inner_text("main"), page.inner_text("main")[:2000]


def test_screen_assess_grant_plan_absence_reduce_and_end(
    live_server: Any, page: Any, long_term: Any
) -> None:
    from django.utils import timezone

    from sosialsak.contexts.digisos.innsyn import build_innsyn
    from sosialsak.contexts.kvp.models import Deltakelse
    from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document
    from sosialsak.kernel.clock import local_date

    url = live_server.url
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "va")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")

    # The screening worklist has the long-term recipient.
    page.click("text=Aktuelle for kvalifiseringsprogram")
    check_accessibility(page, "arbeidsliste KVP")
    row = page.locator("table tbody tr", has_text="Langtidsmottaker")
    assert row.count() == 1
    row.locator("a").first.click()
    page.click("text=Kvalifiseringsprogram og tiltak")
    check_accessibility(page, "sakens KVP")
    page.select_option("#grunn", "LANGTID")
    page.click("text=Start KVP-vurdering")
    page.wait_for_url(re.compile(r".*/kvp/\d+/$"))
    kvp_url = page.url
    check_accessibility(page, "KVP-løp: vurdering")

    # § 29 assessment, the application, and the grant.
    page.check("input[name=arbeidsevne][value=ja]")
    page.select_option("#andre_ytelser", "ingen")
    page.check("input[name=arbeidsevnevurdering][value=ja]")
    page.check("input[name=egnet][value=ja]")
    page.fill("#vurd-begrunnelse", "Lang tid uten arbeid; trenger tett oppfølging.")
    page.click("text=Lagre vurderingen")
    _done(page, "personen har rett til kvalifiseringsprogram")
    page.click("text=Registrer søknaden")
    _done(page, "Søknaden er registrert som egen sak")
    check_accessibility(page, "KVP-løp: vedtak")
    start = local_date(timezone.now())
    page.check("input[name=utfall][value=INNVILGET]")
    page.fill("#fakta", "Du har hatt økonomisk stønad i sju måneder.")
    page.fill("#vedtak-begrunnelse", "Et program på full tid er egnet for deg.")
    page.fill("#start", start.isoformat())
    page.fill("#kontonummer", "12345678903")
    page.click("text=Fatt vedtaket")
    _done(page, "Vedtaket er fattet")
    assert page.inner_text("#kvp-status") == "Innvilget"

    # Refer to two measures, then a full-time plan from them (22,5 + 15 = 37,5 hours).
    page.click("text=Tilbake til saken")
    for navn, grunn in (("Arbeidstrening på kafé", "Arbeidstrening"), ("Norskkurs", "Norsk")):
        _choose(page, "#tiltak_id", navn)
        page.fill("#henvis-grunn", grunn)
        page.click("form button:has-text('Henvis')")
        _done(page, "Personen er henvist")
    check_accessibility(page, "henvisninger")
    page.goto(kvp_url)
    _choose(page, "#henvisning_0", "Arbeidstrening")
    page.click("text=Lagre programplanen")
    _done(page, "full tid")  # 22,5 hours alone is refused
    _choose(page, "#henvisning_0", "Arbeidstrening")
    _choose(page, "#henvisning_1", "Norskkurs")
    page.click("text=Lagre programplanen")
    _done(page, "Programplanen er lagret")
    page.click("text=Start programmet")
    _done(page, "Programmet har startet")
    check_accessibility(page, "KVP-løp: i program")

    # An unauthorised absence, and the reduction decision for it.
    day = start + timedelta(days=(7 - start.weekday()) % 7 + 7)  # a Monday in the programme
    page.fill("#fravaer-dato", day.isoformat())
    page.select_option("#fravaer-type", "UGYLDIG")
    page.fill("#merknad", "Møtte ikke og ga ikke beskjed.")
    page.click("text=Registrer fraværet")
    _done(page, "Fraværet er registrert")
    page.fill("#maned", day.isoformat())
    page.fill("#trekk-begrunnelse", "Du møtte ikke og ga ikke beskjed.")
    page.click("text=Fatt vedtak om trekk")
    _done(page, "Vedtak om trekk er fattet")
    assert page.locator("a", has_text="Vedtaksbrev (PDF)").count() == 1

    # End with an outcome: ordinary work (KOSTRA 11CF 01).
    page.fill("#avslutt-dato", (day + timedelta(days=30)).isoformat())
    page.select_option("#kostra_status", "3")
    page.check("input[name=situasjon_etter][value='01']")
    page.select_option("#viktigste_inntekt", "01")
    page.fill("#avslutt-begrunnelse", "Du har fått fast jobb.")
    page.click("text=Fatt vedtak om avslutning")
    _done(page, "Programmet er avsluttet")
    assert page.inner_text("#kvp-status") == "Avsluttet"
    check_accessibility(page, "KVP-løp: avsluttet")

    d = Deltakelse.objects.get()
    assert (d.kostra_status, d.situasjon_etter, d.reduksjoner.count()) == ("3", ["01"], 1)
    doc = build_innsyn(d.soknad)
    kinds = [(h["type"], h.get("utfall")) for h in doc["hendelser"]]
    assert ("vedtakFattet", "DELVIS_INNVILGET") in kinds and ("vedtakFattet", "AVSLATT") in kinds
    assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid
    if not SHARED.exists():
        pytest.skip("../shared/digisos/json is absent: official-schema check not run")
    assert load_official_schemas(SHARED).issues(DocumentKind.DIGISOS_SOKER.schema_file,
                                                doc) == ()
