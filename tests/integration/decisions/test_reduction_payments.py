"""A reduction changes the payments: the original's planned payments from the reduction's start
are stopped, and the reduced amount is planned in their place the same way (issue 6)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)  # Sunday 24 March 2024
KONTO = "12345678903"


def _granted(users: Any, scope_of: Any, soknad: Any, utkast: Any, **valg: Any) -> Any:
    from sosialsak.contexts.decisions.operations import UtbetalingValg

    _kvp(users, scope_of, soknad)
    return _make(users, scope_of, soknad, utkast(
        unntak=None, vilkar=(_activity(),), periode_fra=date(2024, 3, 1),
        periode_til=date(2024, 6, 1), utbetaling=UtbetalingValg(kontonummer=KONTO, **valg)))


def _reduce(users: Any, scope_of: Any, vedtak: Any, belop: int = 11000) -> Any:
    from sosialsak.contexts.decisions.operations import (
        decide_reduksjon,
        record_brudd,
        send_forhandsvarsel,
    )

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=vedtak.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=belop,
                        svarfrist=date(2024, 3, 18), now=NOW)
    return decide_reduksjon(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=belop,
                            individuell_vurdering="Forklaringen er vurdert.",
                            nodvendig_belop=9000, now=LATER)


def _rows(vedtak: Any) -> list[tuple[date, int, str]]:
    return [(u.forfallsdato, u.belop, u.status) for u in vedtak.utbetalinger.order_by("id")]


def _active_periods(soknad: Any) -> list[tuple[date, date]]:
    from sosialsak.contexts.payments.models import Utbetaling

    return sorted((u.periode_fra, u.periode_til) for u in Utbetaling.objects.filter(
        vedtak__sak__soknad=soknad, status__in=["PLANLAGT", "UTBETALT"]))


class TestReductionReplacesPayments:
    def test_monthly_payments_from_the_reduction_are_stopped_and_replanned_reduced(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        assert _rows(original) == [(date(2024, 3, 15), 12300, "PLANLAGT"),
                                   (date(2024, 4, 15), 12300, "PLANLAGT"),
                                   (date(2024, 5, 15), 12300, "PLANLAGT")]

        reduksjon = _reduce(users, scope_of, original)

        assert reduksjon.periode_fra == date(2024, 3, 24)
        assert _rows(original) == [(date(2024, 3, 15), 12300, "PLANLAGT"),
                                   (date(2024, 4, 15), 12300, "STOPPET"),
                                   (date(2024, 5, 15), 12300, "STOPPET")]
        assert _rows(reduksjon) == [(date(2024, 4, 15), 11000, "PLANLAGT"),
                                    (date(2024, 5, 15), 11000, "PLANLAGT")]
        new = list(reduksjon.utbetalinger.all())
        assert {(u.mottaker_type, u.kontonummer, u.mottaker_navn) for u in new} == {
            ("SOKER", KONTO, young_parent.person.navn)}
        # Nothing paid twice: each month is covered by exactly one live payment.
        assert _active_periods(young_parent) == [
            (date(2024, 3, 1), date(2024, 4, 1)), (date(2024, 4, 1), date(2024, 5, 1)),
            (date(2024, 5, 1), date(2024, 6, 1))]

    def test_the_stop_and_the_new_plan_are_published_as_events(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.intake.models import Hendelse

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        reduksjon = _reduce(users, scope_of, original)

        stopped = list(original.utbetalinger.filter(status="STOPPET")
                       .values_list("referanse", flat=True))
        planned = list(reduksjon.utbetalinger.values_list("referanse", flat=True))
        events = Hendelse.objects.filter(soknad=young_parent, type="payments.utbetaling",
                                         at=LATER)
        assert sorted((e.data["referanse"], e.data["status"]) for e in events) == sorted(
            [(r, "STOPPET") for r in stopped] + [(r, "PLANLAGT") for r in planned])
        fattet = Hendelse.objects.filter(type="decisions.vedtak.fattet").last()
        assert fattet is not None
        assert fattet.data["utbetalinger"] == planned
        assert sorted(fattet.data["stoppet"]) == sorted(stopped)
        assert AuditEntry.objects.filter(purpose="utbetaling stoppet").count() == 2
        tekst = reduksjon.dokumenter.get().tekst
        assert "Slik betaler vi ut stønaden" in tekst and "15.\xa0april 2024" in tekst

    def test_a_paid_month_is_kept_and_the_new_plan_starts_after_it(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.payments.operations import set_utbetaling_status

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        april = original.utbetalinger.get(forfallsdato=date(2024, 4, 15))
        actor = users["veileder_sf"]
        set_utbetaling_status(scope=scope_of(actor), actor=actor, utbetaling_id=april.pk,
                              status="UTBETALT", now=NOW)  # paid early

        reduksjon = _reduce(users, scope_of, original)

        assert [s for _, _, s in _rows(original)] == ["PLANLAGT", "UTBETALT", "STOPPET"]
        assert _rows(reduksjon) == [(date(2024, 5, 15), 11000, "PLANLAGT")]
        assert len(_active_periods(young_parent)) == 3

    def test_a_one_off_payment_not_yet_due_is_replaced_by_a_reduced_one_off(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="ENGANGS",
                            forfallsdato=date(2024, 3, 28))  # Maundy Thursday → 27th

        reduksjon = _reduce(users, scope_of, original)

        # A three-month decision paid at once pays the three months (sotjl. § 18, issue 11:
        # every month of the period); the reduction from 24 March (sotjl. § 20 third
        # paragraph) pays March by days — 1–23 March at 12 300, 24–31 March at 11 000 — and
        # April and May reduced, at once.
        assert _rows(original) == [(date(2024, 3, 27), 3 * 12300, "STOPPET")]
        march = 9126 + 2839  # 12 300 × 23/31 = 9 125.81; 11 000 × 8/31 = 2 838.71
        assert _rows(reduksjon) == [(date(2024, 3, 27), march + 2 * 11000, "PLANLAGT")]
        new = reduksjon.utbetalinger.get()
        assert (new.periode_fra, new.periode_til) == (date(2024, 3, 1), date(2024, 6, 1))

    def test_a_one_off_payment_already_due_is_not_paid_again(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.payments.models import Utbetaling

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="ENGANGS")

        reduksjon = _reduce(users, scope_of, original)

        assert _rows(original) == [(date(2024, 3, 4), 3 * 12300, "PLANLAGT")]  # three months
        assert not Utbetaling.objects.filter(vedtak=reduksjon).exists()

    def test_a_refused_reduction_stops_nothing(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToReduce

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        with pytest.raises(UnableToReduce):
            _reduce(users, scope_of, original, belop=3000)

        assert {s for _, _, s in _rows(original)} == {"PLANLAGT"}


class TestRepeatedReductions:
    def test_one_breach_is_reduced_once(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToReduce, decide_reduksjon

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        _reduce(users, scope_of, original)
        brudd = original.vilkar.get().brudd.get()
        actor = users["veileder_sf"]
        with pytest.raises(UnableToReduce) as exc:
            decide_reduksjon(scope=scope_of(actor), actor=actor, brudd_id=brudd.pk,
                             belop_redusert=10000, individuell_vurdering="Igjen.",
                             nodvendig_belop=9000, now=LATER)

        assert exc.value.code == "allerede_redusert"
        from sosialsak.contexts.payments.operations import (
            IllegalPaymentTransition,
            set_utbetaling_status,
        )

        stopped = original.utbetalinger.get(status="STOPPET", forfallsdato=date(2024, 4, 15))
        with pytest.raises(IllegalPaymentTransition) as err:  # the reduction replaced it
            set_utbetaling_status(scope=scope_of(actor), actor=actor, utbetaling_id=stopped.pk,
                                  status="PLANLAGT", now=LATER)
        assert err.value.code == "vedtak_endret"
        assert len(_active_periods(young_parent)) == 3

    def test_a_second_breach_reduces_the_decision_in_force(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        first = _reduce(users, scope_of, original)  # April and May at 11 000

        second = _reduce(users, scope_of, original, belop=10000)

        assert second.endrer_id == first.pk
        assert _rows(first) == [(date(2024, 4, 15), 11000, "STOPPET"),
                                (date(2024, 5, 15), 11000, "STOPPET")]
        assert _rows(second) == [(date(2024, 4, 15), 10000, "PLANLAGT"),
                                 (date(2024, 5, 15), 10000, "PLANLAGT")]
        assert len(_active_periods(young_parent)) == 3  # still one payment a month


class TestFeilregistrertSakPaysNothing:
    def test_unpaid_payments_are_annulled_and_paid_ones_kept(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.decisions.operations import mark_sak_feilregistrert
        from sosialsak.contexts.intake.models import Hendelse
        from sosialsak.contexts.payments.operations import set_utbetaling_status

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        actor = users["veileder_sf"]
        march, april, may = original.utbetalinger.order_by("forfallsdato")
        set_utbetaling_status(scope=scope_of(actor), actor=actor, utbetaling_id=march.pk,
                              status="UTBETALT", now=NOW)
        set_utbetaling_status(scope=scope_of(actor), actor=actor, utbetaling_id=may.pk,
                              status="STOPPET", now=NOW)

        mark_sak_feilregistrert(scope=scope_of(actor), actor=actor, sak_id=original.sak_id,
                                grunn="Registrert på feil søknad.", now=LATER)

        assert [s for _, _, s in _rows(original)] == ["UTBETALT", "ANNULLERT", "ANNULLERT"]
        published = Hendelse.objects.filter(type="payments.utbetaling", at=LATER)
        assert sorted(e.data["referanse"] for e in published) == sorted(
            [april.referanse, may.referanse])
        assert {e.data["status"] for e in published} == {"ANNULLERT"}
        assert AuditEntry.objects.filter(purpose="utbetaling annullert").count() == 2

    def test_a_payment_in_a_bank_batch_is_left_to_the_bank(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import mark_sak_feilregistrert
        from sosialsak.contexts.payments.models import Betalingsoppdrag

        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        first = original.utbetalinger.order_by("forfallsdato").first()
        first.oppdrag = Betalingsoppdrag.objects.create(
            kontor=young_parent.kontor, forfallsdato=first.forfallsdato, lopenummer=1,
            msg_id="TEST-1", opprettet_at=NOW)
        first.save(update_fields=["oppdrag"])
        actor = users["veileder_sf"]

        mark_sak_feilregistrert(scope=scope_of(actor), actor=actor, sak_id=original.sak_id,
                                grunn="Registrert på feil søknad.", now=LATER)

        assert [s for _, _, s in _rows(original)] == ["PLANLAGT", "ANNULLERT", "ANNULLERT"]


def test_a_time_limited_reduction_replaces_only_the_payments_in_its_period(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    """R35 4.20/4.20 a: a reduction is time-limited. Reduced for April only, the original's
    May payment is kept at the full amount."""
    from sosialsak.contexts.decisions.operations import (
        decide_reduksjon,
        record_brudd,
        send_forhandsvarsel,
    )

    original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
    actor = users["veileder_sf"]
    scope = scope_of(actor)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=original.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
                        svarfrist=date(2024, 3, 18), now=NOW, periode_fra=date(2024, 4, 1),
                        periode_til=date(2024, 5, 1))

    reduksjon = decide_reduksjon(
        scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
        individuell_vurdering="Forklaringen er vurdert.", nodvendig_belop=9000, now=LATER,
        periode_fra=date(2024, 4, 1), periode_til=date(2024, 5, 1))

    assert (reduksjon.periode_fra, reduksjon.periode_til) == (date(2024, 4, 1), date(2024, 5, 1))
    assert _rows(original) == [(date(2024, 3, 15), 12300, "PLANLAGT"),
                               (date(2024, 4, 15), 12300, "STOPPET"),
                               (date(2024, 5, 15), 12300, "PLANLAGT")]
    assert _rows(reduksjon) == [(date(2024, 4, 15), 11000, "PLANLAGT")]
    assert _active_periods(young_parent) == [
        (date(2024, 3, 1), date(2024, 4, 1)), (date(2024, 4, 1), date(2024, 5, 1)),
        (date(2024, 5, 1), date(2024, 6, 1))]
