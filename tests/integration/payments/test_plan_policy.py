"""The payment plan policy (pure, no database): dates, proration and bank days."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak.contexts.payments.bankdager import is_bank_day, previous_bank_day
from sosialsak.contexts.payments.plan import (
    PlanInput,
    UnableToPlanUtbetaling,
    build_plan,
    prorate,
)

MONDAY = date(2024, 3, 4)


def plan(**over: object) -> list[tuple[date, int]]:
    fields: dict[str, object] = {"belop": 9000, "hyppighet": "MANEDLIG",
                                 "periode_fra": date(2024, 4, 1),
                                 "periode_til": date(2024, 7, 1), "utbetalingsdag": 15,
                                 "today": MONDAY}
    fields.update(over)
    return [(p.forfallsdato, p.belop) for p in build_plan(PlanInput(**fields))]  # type: ignore[arg-type]


class TestBankDays:
    @pytest.mark.parametrize(("day", "expected"), [
        (date(2024, 5, 17), date(2024, 5, 16)),   # Grunnlovsdag (Friday)
        (date(2024, 4, 1), date(2024, 3, 27)),    # Easter Monday, Sunday, Saturday, Good
        #                                            Friday and Maundy Thursday before it
        (date(2024, 6, 15), date(2024, 6, 14)),   # Saturday
        (date(2024, 12, 24), date(2024, 12, 23)),  # Christmas Eve: banks do not settle
        (date(2025, 1, 1), date(2024, 12, 30)),   # New Year's Day, then New Year's Eve
        (date(2024, 4, 15), date(2024, 4, 15)),   # an ordinary Monday stays
    ])
    def test_a_due_date_moves_back_to_the_previous_bank_day(self, day: date,
                                                            expected: date) -> None:
        assert previous_bank_day(day) == expected

    def test_whit_monday_and_ascension_day_are_not_bank_days(self) -> None:
        assert not is_bank_day(date(2024, 5, 20)) and not is_bank_day(date(2024, 5, 9))


class TestOneOff:
    def test_a_one_off_payment_falls_due_on_the_first_day_of_the_period(self) -> None:
        assert plan(hyppighet="ENGANGS", belop=3000, periode_fra=date(2024, 3, 11),
                    periode_til=date(2024, 4, 1)) == [(date(2024, 3, 11), 3000)]

    def test_a_one_off_payment_for_a_past_period_is_paid_at_once(self) -> None:
        assert plan(hyppighet="ENGANGS", belop=1200, periode_fra=date(2024, 2, 1),
                    periode_til=None) == [(MONDAY, 1200)]

    def test_a_requested_date_on_17_may_moves_to_the_day_before(self) -> None:
        assert plan(hyppighet="ENGANGS", forfallsdato=date(2024, 5, 17)) == [
            (date(2024, 5, 16), 9000)]

    def test_a_one_off_made_on_a_saturday_is_paid_on_monday(self) -> None:
        assert plan(hyppighet="ENGANGS", periode_fra=None, periode_til=None,
                    today=date(2024, 3, 9)) == [(date(2024, 3, 11), 9000)]


class TestMonthly:
    def test_three_whole_months_on_the_15th_with_a_saturday_moved_back(self) -> None:
        assert plan() == [(date(2024, 4, 15), 9000), (date(2024, 5, 15), 9000),
                          (date(2024, 6, 14), 9000)]

    def test_a_period_starting_mid_month_prorates_the_first_month_by_days(self) -> None:
        # 20–31 March is 12 of 31 days: 9 000 × 12 ÷ 31 = 3 483.87 → 3 484 kr, due on the
        # period's first day, since it begins after the 15th.
        assert plan(periode_fra=date(2024, 3, 20), periode_til=date(2024, 5, 1)) == [
            (date(2024, 3, 20), 3484), (date(2024, 4, 15), 9000)]

    def test_a_period_ending_mid_month_prorates_the_last_month(self) -> None:
        # 1–9 May is 9 of 31 days: 9 000 × 9 ÷ 31 = 2 612.90 → 2 613 kr.
        assert plan(periode_til=date(2024, 5, 10)) == [(date(2024, 4, 15), 9000),
                                                        (date(2024, 5, 15), 2613)]

    def test_a_payment_day_on_17_may_is_paid_on_16_may(self) -> None:
        assert plan(utbetalingsdag=17, periode_fra=date(2024, 5, 1),
                    periode_til=date(2024, 6, 1)) == [(date(2024, 5, 16), 9000)]

    def test_april_paid_on_the_1st_goes_out_before_easter(self) -> None:
        assert plan(utbetalingsdag=1, periode_til=date(2024, 5, 1)) == [
            (date(2024, 3, 27), 9000)]

    def test_a_month_already_begun_is_paid_at_once(self) -> None:
        assert plan(periode_fra=date(2024, 3, 1), periode_til=date(2024, 5, 1),
                    today=date(2024, 3, 20)) == [(date(2024, 3, 20), 9000),
                                                 (date(2024, 4, 15), 9000)]

    def test_february_in_a_leap_year_has_29_days(self) -> None:
        assert prorate(9000, 10, 29) == 3103  # 3 103.45
        assert prorate(100, 1, 2) == 50 and prorate(3, 1, 2) == 2  # halves round up

    @pytest.mark.parametrize(("over", "field"), [
        ({"periode_til": None}, "periode_til"),
        ({"periode_fra": None}, "periode_fra"),
        ({"periode_til": date(2024, 4, 1)}, "periode_til"),
        ({"belop": 0}, "belop"),
        ({"utbetalingsdag": 29}, "utbetalingsdag"),
        ({"hyppighet": "UKENTLIG"}, "hyppighet"),
    ])
    def test_an_incomplete_plan_is_refused_naming_the_field(self, over: dict[str, object],
                                                            field: str) -> None:
        with pytest.raises(UnableToPlanUtbetaling) as err:
            plan(**over)

        assert err.value.extra["field"] == field
        assert err.value.code == "unable_to_plan_utbetaling"
