"""The combined monthly payment: several decisions, one transfer, each share traceable."""

from __future__ import annotations

import csv
import dataclasses
import io
import xml.etree.ElementTree as ET
from datetime import date

from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.payments.export import export_due_payments
from sosialsak.contexts.payments.models import SamletUtbetaling, Utbetaling
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.formats.pain001 import NAMESPACE
from tests.helpers import NOW
from tests.integration.payments.conftest import KONTO_SOKER

N = f"{{{NAMESPACE}}}"
APRIL_15 = date(2024, 4, 15)


def monthly(scope, actor, vedtak):  # type: ignore[no-untyped-def]
    return create_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                               hyppighet="MANEDLIG", now=NOW)


def export(scope, actor, kontor_id, fmt):  # type: ignore[no-untyped-def]
    # The exporter holds the export permission (a leder's by default; issue 12).
    scope = dataclasses.replace(scope, can_export_payments=True)
    return export_due_payments(scope=scope, actor=actor, kontor_id=kontor_id,
                               forfallsdato=APRIL_15, format=fmt, now=NOW)


def test_two_decisions_become_one_payment_a_month_with_traceable_shares(
    make_soknad, grant, profil, scope, actor
) -> None:
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
    profil(soknad, samlet=True)
    livsopphold = grant(soknad, belop=9000)
    strom = grant(soknad, item="STROM", belop=1200)

    monthly(scope, actor, livsopphold)
    monthly(scope, actor, strom)

    combined = list(SamletUtbetaling.objects.order_by("maned"))
    assert [(c.maned, c.forfallsdato, c.kontonummer) for c in combined] == [
        (date(2024, 4, 1), date(2024, 4, 15), KONTO_SOKER),
        (date(2024, 5, 1), date(2024, 5, 15), KONTO_SOKER),
        (date(2024, 6, 1), date(2024, 6, 14), KONTO_SOKER)]
    april = combined[0]
    shares = {u.vedtak_id: u.belop for u in april.andeler.all()}
    assert shares == {livsopphold.pk: 9000, strom.pk: 1200}
    assert {u.forfallsdato for u in april.andeler.all()} == {APRIL_15}
    events = Hendelse.objects.filter(soknad=soknad, type="payments.utbetaling",
                                     data__samlet_referanse=april.referanse)
    assert sorted((e.data["sak"], e.data["belop"]) for e in events) == sorted(
        [(livsopphold.sak.referanse, 9000), (strom.sak.referanse, 1200)])
    assert livsopphold.sak.referanse != strom.sak.referanse


def test_the_bank_sees_one_transfer_and_accounting_one_row_per_share(
    make_soknad, grant, profil, scope, actor, office_settings
) -> None:
    office_settings()
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
    profil(soknad, samlet=True)
    livsopphold, strom = grant(soknad, belop=9000), grant(soknad, item="STROM", belop=1200)
    monthly(scope, actor, livsopphold)
    monthly(scope, actor, strom)
    april = SamletUtbetaling.objects.get(maned=date(2024, 4, 1))

    bank = export(scope, actor, soknad.kontor_id, "PAIN001")
    ledger = export(scope, actor, soknad.kontor_id, "CSV")

    root = ET.fromstring(bank.innhold)
    txs = root.findall(f".//{N}CdtTrfTxInf")
    assert len(txs) == 1
    assert txs[0].findtext(f"{N}PmtId/{N}EndToEndId") == april.referanse
    assert txs[0].findtext(f"{N}Amt/{N}InstdAmt") == "10200.00"
    assert txs[0].findtext(f"{N}RmtInf/{N}Ustrd") == "NAV økonomisk stønad, april 2024"
    rows = list(csv.DictReader(io.StringIO(ledger.innhold.decode()), delimiter=";"))
    assert sorted((r["vedtak_id"], r["belop"], r["betalingsreferanse"]) for r in rows) == sorted(
        [(str(livsopphold.pk), "9000,00", april.referanse),
         (str(strom.pk), "1200,00", april.referanse)])
    assert (bank.sum_belop, ledger.sum_belop, bank.antall) == (10200, 10200, 2)


def test_without_the_wish_each_decision_is_paid_on_its_own(
    make_soknad, grant, profil, scope, actor
) -> None:
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
    profil(soknad, samlet=False)

    monthly(scope, actor, grant(soknad))
    monthly(scope, actor, grant(soknad, item="STROM", belop=1200))

    assert SamletUtbetaling.objects.count() == 0
    assert Utbetaling.objects.filter(samlet_i__isnull=True).count() == 6


def test_a_share_due_earlier_moves_the_combined_payment_earlier_never_later(
    make_soknad, grant, profil, scope, actor
) -> None:
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
    profil(soknad, samlet=True)
    # Livsopphold from Saturday 20 April: its April share falls due on Friday 19 April.
    late = monthly(scope, actor, grant(soknad, fra=date(2024, 4, 20), til=date(2024, 6, 1)))
    assert late[0].forfallsdato == date(2024, 4, 19)

    monthly(scope, actor, grant(soknad, item="STROM", belop=1200, fra=date(2024, 4, 1),
                                til=date(2024, 6, 1)))

    april = SamletUtbetaling.objects.get(maned=date(2024, 4, 1))
    assert april.forfallsdato == APRIL_15
    assert sorted(april.andeler.values_list("belop", "forfallsdato")) == [
        (1200, APRIL_15), (3300, APRIL_15)]  # 9 000 × 11 ÷ 30 = 3 300
    moved = Hendelse.objects.filter(type="payments.utbetaling",
                                    data__referanse=late[0].referanse).order_by("id")
    assert [e.data["forfallsdato"] for e in moved] == ["2024-04-19", "2024-04-15"]


def test_a_share_planned_after_the_month_went_to_the_bank_is_paid_on_its_own(
    make_soknad, grant, profil, scope, actor
) -> None:
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM", "MEDISINER"))
    profil(soknad, samlet=True)
    monthly(scope, actor, grant(soknad))
    monthly(scope, actor, grant(soknad, item="STROM", belop=1200))
    first = export(scope, actor, soknad.kontor_id, "CSV")

    extra = monthly(scope, actor, grant(soknad, item="MEDISINER", belop=500,
                                        til=date(2024, 6, 1)))
    second = export(scope, actor, soknad.kontor_id, "CSV")

    assert extra[0].samlet_i is None and extra[0].forfallsdato == APRIL_15
    assert extra[1].samlet_i == SamletUtbetaling.objects.get(maned=date(2024, 5, 1))
    assert (first.lopenummer, first.antall, first.sum_belop) == (1, 2, 10200)
    assert (second.lopenummer, second.antall, second.sum_belop) == (2, 1, 500)
    assert extra[0].referanse in second.innhold.decode()
