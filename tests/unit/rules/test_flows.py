"""Stock, inflow and outflow (issue 15 item 4): the formula of the 2023 Oslo Economics/Frisch
report on hand-made sets of people with known answers, and its worked example."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from sosialsak.rules.flows import flows, month_steps, outflow
from sosialsak.rules.stats import median, percentile, share

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)


def test_the_reports_worked_example() -> None:
    # February: 37 000 in stock, 10 000 of them new, 5 000 more than January (32 000).
    assert outflow(previous_stock=32_000, inflow=10_000, stock=37_000) == 5_000


def test_the_worked_example_from_people() -> None:
    january = set(range(32_000))
    # 27 000 stay, 5 000 leave, 10 000 come: February is 37 000.
    february = set(range(5_000, 32_000)) | set(range(100_000, 110_000))
    feb = flows({JAN: january, FEB: february}, [FEB])[0]
    assert (feb.stock, feb.inflow, feb.outflow, feb.previous_stock) == (37_000, 10_000, 5_000,
                                                                         32_000)
    assert feb.outflow_share == Fraction(5_000, 32_000)


def test_a_series_with_a_month_nobody_was_paid() -> None:
    stocks = {JAN: {"a", "b", "c"}, MAR: {"b", "d"}}  # nobody in February
    jan, feb, mar = flows(stocks, [JAN, FEB, MAR], first_has_previous=False)
    assert (jan.inflow, jan.outflow, jan.outflow_share) == (None, None, None)
    assert (feb.stock, feb.inflow, feb.outflow) == (0, 0, 3)
    assert feb.outflow_share == 1
    # b came back: he is new in March (not in February's stock), as the report counts him.
    assert (mar.stock, mar.inflow, mar.outflow, mar.outflow_share) == (2, 2, 0, None)


def test_the_month_before_the_first_gives_the_first_its_inflow() -> None:
    (feb,) = flows({JAN: {1, 2}, FEB: {2, 3, 4}}, [FEB])
    assert (feb.inflow, feb.outflow) == (2, 1)


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        outflow(previous_stock=10, inflow=5, stock=4)  # inflow larger than the stock
    with pytest.raises(ValueError):
        outflow(previous_stock=1, inflow=0, stock=5)  # 4 stayed who were never there


def test_month_steps_cross_the_year() -> None:
    assert month_steps(date(2023, 11, 15), date(2024, 2, 1)) == [
        date(2023, 11, 1), date(2023, 12, 1), JAN, FEB]


def test_median_and_nearest_rank_percentile() -> None:
    days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
    assert median(days) == 5.5
    assert percentile(days, 90) == 9
    assert percentile(days, 100) == 30
    assert median([4, 1, 9]) == 4
    assert median([]) is None and percentile([], 90) is None
    assert share(1, 4) == Fraction(1, 4) and share(0, 0) is None
