"""Issue 11 follow-ups from the legal review: a reduction is right for each month.

* sotjl. § 20 third paragraph: a reduction for a broken condition is a new decision for a
  period; each month is reduced from that month's own amount (the rates and facts in force that
  month), a part month by days (the payment plan's convention, ``rules.prorate``), and the
  reduced amount must still cover what is necessary in *every* month of the period (the floor:
  the children's rates plus housing of that month's calculation, or the caseworker's assessed
  amount), not only in the first.
* fvl. § 16: the advance warning shows what the person would get, month by month when the
  months differ, with the total.
* Four-eyes (office setting) compares the decision's total over its period (docs/rules.md).

The original decision (``young_parent``): 12 300 kr a month, 1 March – 31 May 2024, paid on the
15th; the reductions are decided on 24 March 2024."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)  # Sunday 24 March 2024, after the reply deadline
SVARFRIST = date(2024, 3, 18)
KONTO = "12345678903"


def _text(tekst: str) -> str:
    return " ".join(tekst.replace("\xa0", " ").split())


def _granted(users: Any, scope_of: Any, soknad: Any, utkast: Any, **valg: Any) -> Any:
    from sosialsak.contexts.decisions.operations import UtbetalingValg

    _kvp(users, scope_of, soknad)
    return _make(users, scope_of, soknad, utkast(
        unntak=None, vilkar=(_activity(),), periode_fra=date(2024, 3, 1),
        periode_til=date(2024, 6, 1), utbetaling=UtbetalingValg(kontonummer=KONTO, **valg)))


def _warn(users: Any, scope_of: Any, vedtak: Any, belop: int, **periode: Any) -> Any:
    from sosialsak.contexts.decisions.operations import record_brudd, send_forhandsvarsel

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=vedtak.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)
    return send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk,
                               belop_redusert=belop, svarfrist=SVARFRIST, now=NOW, **periode)


def _reduce(users: Any, scope_of: Any, brudd: Any, belop: int, nodvendig: int = 0,
            **periode: Any) -> Any:
    from sosialsak.contexts.decisions.operations import decide_reduksjon

    actor = users["veileder_sf"]
    return decide_reduksjon(scope=scope_of(actor), actor=actor, brudd_id=brudd.pk,
                            belop_redusert=belop, individuell_vurdering="Forklaringen er vurdert.",
                            nodvendig_belop=nodvendig, now=LATER, **periode)


def _rows(vedtak: Any) -> list[tuple[date, int, str]]:
    return [(u.forfallsdato, u.belop, u.status) for u in vedtak.utbetalinger.order_by("id")]


class TestAPartMonthIsReducedByDays:
    def test_a_reduction_from_the_15th_pays_the_month_by_days(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 20 third paragraph: reduced from 15 April, April pays 1–14 April at the
        decision's 12 300 and 15–30 April at 11 000, each by days (rules.prorate); May 11 000.
        Before: April was paid 11 000 whole."""
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        periode = {"periode_fra": date(2024, 4, 15), "periode_til": date(2024, 6, 1)}
        brudd = _warn(users, scope_of, original, 11000, **periode)

        reduksjon = _reduce(users, scope_of, brudd, 11000, **periode)

        april = 5740 + 5867  # 12 300 × 14/30; 11 000 × 16/30 = 5 866.67
        assert reduksjon.maned_belop == [{"maned": "2024-04-01", "belop": april},
                                         {"maned": "2024-05-01", "belop": 11000}]
        assert _rows(reduksjon) == [(date(2024, 4, 15), april, "PLANLAGT"),
                                    (date(2024, 5, 15), 11000, "PLANLAGT")]
        tekst = _text(reduksjon.dokumenter.get().tekst)
        assert "5 867 kr" in tekst and "til sammen 16 867 kr" in tekst  # the reduction's own
        assert ("Utbetalingen for 04.2024 er 11 607 kr: 5 867 kr i redusert stønad for 16 "
                "dager, og 5 740 kr etter vedtaket av 04.03.2024") in tekst

    def test_a_time_limited_reduction_of_a_one_off_keeps_the_other_months(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 20 third paragraph, R35 4.20: a reduction for 24 March – 30 April of a
        three-month decision paid at once: March by days, April reduced, May at the
        decision's own 12 300 (before: May was paid at the reduced amount)."""
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="ENGANGS",
                            forfallsdato=date(2024, 3, 28))
        brudd = _warn(users, scope_of, original, 11000, periode_til=date(2024, 5, 1))

        reduksjon = _reduce(users, scope_of, brudd, 11000, periode_til=date(2024, 5, 1))

        march = 9126 + 2839  # 12 300 × 23/31; 11 000 × 8/31
        assert _rows(reduksjon) == [(date(2024, 3, 27), march + 11000 + 12300, "PLANLAGT")]


class TestTheFloorHoldsEveryMonth:
    def test_a_later_month_with_a_higher_child_rate_keeps_it(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 20 third paragraph (never below what is necessary; the children's needs
        protected): the child is 11 from May (R35 4.18, the 11–17 rate), so May's floor is
        higher than March's. Reduced to exactly March's floor, May still gets the higher child
        rate — each month from its own amount. Before: May was paid March's floor."""
        from sosialsak.contexts.decisions.operations._brudd import protected_by_month
        from sosialsak.contexts.people.models import Barn

        child = Barn.objects.get(person=young_parent.person)
        child.fodselsdato = date(2013, 4, 15)  # 11 on 1 May
        child.save()
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
        floors = protected_by_month(original)
        assert floors[date(2024, 5, 1)] > floors[date(2024, 4, 1)]
        belop = floors[date(2024, 4, 1)]
        brudd = _warn(users, scope_of, original, belop)

        reduksjon = _reduce(users, scope_of, brudd, belop)

        paid = {m["maned"]: m["belop"] for m in reduksjon.maned_belop}
        assert paid["2024-04-01"] == floors[date(2024, 4, 1)]
        assert paid["2024-05-01"] >= floors[date(2024, 5, 1)]

    def test_every_month_is_checked_against_its_own_floor(self) -> None:
        """sotjl. § 20 third paragraph: a month whose own amount is lower (here May) may not
        be reduced below its floor even when the first month is fine."""
        from sosialsak.contexts.decisions.policy import (
            UnableToReduce,
            check_reduced_months,
            reduced_months,
        )

        months = reduced_months(
            fra=date(2024, 4, 1), til=date(2024, 6, 1), vedtak_fra=date(2024, 3, 1),
            vedtak_til=date(2024, 6, 1), default=12300, cut=2000,
            amounts={date(2024, 4, 1): 12300, date(2024, 5, 1): 10000})
        assert [m.redusert for m in months] == [10300, 8000]
        check_reduced_months(months[:1], floors={date(2024, 4, 1): 9000}, nodvendig_belop=0)

        with pytest.raises(UnableToReduce) as exc:
            check_reduced_months(months, nodvendig_belop=0,
                                 floors={date(2024, 4, 1): 9000, date(2024, 5, 1): 9000})

        assert exc.value.code == "reduksjon_under_forsvarlig"
        assert exc.value.extra["maned"] == "2024-05-01"
        assert "05.2024" in exc.value.message


class TestTheWarningShowsEachMonth:
    def test_a_warning_from_the_15th_shows_each_month_and_the_total(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """fvl. § 16 (the person must know what is considered), sotjl. § 20: April is a part
        month (16 of 30 days), so the months differ: each month and the total are shown.
        Before: one month's amount, 12 300 → 11 000, for the whole period."""
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")

        brudd = _warn(users, scope_of, original, 11000, periode_fra=date(2024, 4, 15))

        tekst = _text(brudd.varsel.tekst)
        assert "april 2024" in tekst and "mai 2024" in tekst
        assert "6 560 kr" in tekst and "5 867 kr" in tekst  # 16/30 of 12 300 and of 11 000
        assert "18 860 kr" in tekst and "16 867 kr" in tekst  # the totals
        assert "ulikt fra måned til måned" in tekst

    def test_whole_months_at_one_amount_say_per_month_and_the_total(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """fvl. § 16: April and May are whole months at one amount: one line per month and
        the total for the period."""
        original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")

        brudd = _warn(users, scope_of, original, 11000, periode_fra=date(2024, 4, 1))

        tekst = _text(brudd.varsel.tekst)
        assert "fra 12 300 kr til 11 000 kr per måned" in tekst
        assert "22 000 kr" in tekst


class TestFourEyesComparesTheTotal:
    @pytest.fixture
    def threshold(self, users: Any, scope_of: Any, offices: Any) -> None:
        from sosialsak.contexts.decisions.operations import set_decision_settings
        from sosialsak.contexts.decisions.policy import DecisionSettings

        leder = users["leder_a"]
        set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                              data=DecisionSettings(godkjenning_over_belop=30000), now=NOW)

    @pytest.mark.parametrize("hyppighet", ["MANEDLIG", "ENGANGS"])
    def test_three_months_above_the_threshold_need_approval_paid_either_way(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any, threshold: None,
        hyppighet: str,
    ) -> None:
        """Office setting «godkjenning over beløp» (docs/rules.md): 3 × 12 300 = 36 900 kr
        over the period is above 30 000, whether paid monthly or at once. Before: the largest
        month (12 300) was compared for a decision calculated month by month."""
        from sosialsak.contexts.decisions.operations import UtbetalingValg, preview_vedtak

        _kvp(users, scope_of, young_parent)
        actor = users["veileder_sf"]
        preview = preview_vedtak(
            scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk, today=NOW.date(),
            data=utkast(unntak=None, vilkar=(_activity(),), periode_til=date(2024, 6, 1),
                        utbetaling=UtbetalingValg(kontonummer=KONTO, hyppighet=hyppighet)))

        assert preview.total == 36900
        assert preview.needs_approval

    def test_one_month_below_the_threshold_needs_none(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any, threshold: None
    ) -> None:
        """Office setting: one month of 12 300 kr is below 30 000."""
        from sosialsak.contexts.decisions.operations import preview_vedtak

        actor = users["veileder_sf"]
        preview = preview_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                                 data=utkast(), today=NOW.date())

        assert not preview.needs_approval
