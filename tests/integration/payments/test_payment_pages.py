"""The caseworker's payments pages: one application's payments with their status, the
person's account and wish for one monthly payment, consents (§ 22), and the leder's payment
settings (payment day, the municipality's account for the bank file)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sosialsak.contexts.payments.models import Samtykke, Utbetaling, Utbetalingsinnstillinger
from tests.integration.payments.conftest import KONTO_KOMMUNE, KONTO_SOKER, ORGNR_UTLEIER
from tests.integration.payments.test_payment_interfaces import login

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return response.content.decode()


def test_the_caseworker_keeps_account_consent_and_payment_status_on_one_page(
    make_soknad, grant, users
) -> None:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.payments.planning import create_payment_plan
    from sosialsak.contexts.payments.recipients import Mottaker
    from tests.helpers import NOW

    soknad = make_soknad(items=("LIVSOPPHOLD", "HUSLEIE"))
    client = login(users["veileder_a"])
    url = f"/soknad/{soknad.pk}/utbetalinger/"

    page = _text(client.get(url))
    assert "Ingen samtykker." in page and "Ingen utbetalinger." in page
    assert url in _text(client.get(f"/soknad/{soknad.pk}/"))  # linked from the case page

    bad = client.post(url, {"handling": "profil", "kontonummer": "12345678900"})
    assert bad.status_code == 400 and "Kontrollsifferet stemmer ikke" in _text(bad)
    assert 'value="12345678900" aria-invalid="true"' in _text(bad)  # what was typed stays
    client.post(url, {"handling": "profil", "kontonummer": KONTO_SOKER, "samlet": "ja"})
    client.post(url, {"handling": "samtykke", "gjelder": "Husleie til utleier",
                      "mottaker_navn": "Fjellveien Utleie AS",
                      "mottaker_organisasjonsnummer": ORGNR_UTLEIER})
    consent = Samtykke.objects.get()
    assert (consent.gjelder, consent.mottaker_organisasjonsnummer) == (
        "Husleie til utleier", ORGNR_UTLEIER)

    veileder = users["veileder_a"]
    vedtak = grant(soknad)
    create_payment_plan(scope=scope_for(veileder), actor=veileder, vedtak_id=vedtak.pk,
                        hyppighet="MANEDLIG", now=NOW, mottaker=Mottaker(type="SOKER", navn=""))
    first = Utbetaling.objects.order_by("forfallsdato").first()
    assert first is not None
    client.post(url, {"handling": "status", "utbetaling_id": first.pk, "status": "STOPPET"})
    before = client.post(url, {"handling": "trekk", "samtykke_id": consent.pk,
                               "trukket_dato": "2024-05-01"}, follow=True)
    assert "kan ikke trekkes tilbake før det ble gitt" in _text(before)
    client.post(url, {"handling": "trekk", "samtykke_id": consent.pk})  # from today

    first.refresh_from_db()
    consent.refresh_from_db()
    assert first.status == "STOPPET"
    assert consent.trukket_dato is not None
    page = _text(client.get(url))
    assert KONTO_SOKER in page and "checked" in page  # the monthly-payment wish
    stopped_row = re.search(rf"<td>{first.forfallsdato:%d\.%m\.%Y}</td>.*?</tr>", page, re.S)
    assert stopped_row is not None and "<td>Stoppet</td>" in stopped_row.group(0)
    assert f"{consent.trukket_dato:%d.%m.%Y}" in page


def test_another_office_gets_404_and_the_statsforvalter_only_reads(
    make_soknad, users
) -> None:
    soknad = make_soknad()
    url = f"/soknad/{soknad.pk}/utbetalinger/"

    assert login(users["veileder_b"]).get(url).status_code == 404
    assert login(users["veileder_b"]).post(
        url, {"handling": "profil", "kontonummer": KONTO_SOKER}).status_code == 404
    sf = login(users["statsforvalter"])
    response = sf.get(url)
    readonly = _text(response)
    assert response.status_code == 200 and "<h1>Utbetalinger og samtykke" in readonly
    assert "Registrer samtykke" not in readonly and 'name="handling"' not in readonly
    # Issue 12: a read-only role's change is 403 with a sentence, no longer "Fant ikke siden".
    assert sf.post(url, {"handling": "profil", "kontonummer": KONTO_SOKER}).status_code == 403


def test_the_leder_sets_the_payment_day_and_the_municipal_account(users, offices) -> None:
    leder = login(users["leder_a"])

    refused = login(users["veileder_a"]).get("/utbetalinger/innstillinger/")
    assert refused.status_code == 404
    assert "<h1>Fant ikke siden</h1>" in _text(refused)  # our page, in Bokmål
    assert "/utbetalinger/innstillinger/" in _text(leder.get("/utbetalinger/"))
    bad = leder.post("/utbetalinger/innstillinger/", {"utbetalingsdag": "31"}, follow=True)
    leder.post("/utbetalinger/innstillinger/", {
        "utbetalingsdag": "20", "debitor_navn": "Testkommune",
        "debitor_kontonummer": KONTO_KOMMUNE, "debitor_organisasjonsnummer": "964338531"})

    assert "fra 1 til 28" in _text(bad)
    row = Utbetalingsinnstillinger.objects.get(kontor=offices["A"])
    assert (row.utbetalingsdag, row.debitor_navn, row.debitor_kontonummer) == (
        20, "Testkommune", KONTO_KOMMUNE)
    assert 'value="20"' in _text(leder.get("/utbetalinger/innstillinger/"))
