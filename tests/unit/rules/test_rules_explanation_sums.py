"""The explanation adds up: the shown lines sum to the shown totals, øre included.

Only the final amount is rounded to whole kroner (and never below 0); the lines before it are
exact, and a rounding line and a "not below 0" line make the step to the final amount visible.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosialsak.rules import (
    Adjustment,
    Household,
    HousingCosts,
    Income,
    IncomeType,
    IndividualAssessment,
    Person,
    calculate_livsopphold,
    parse_household_json,
    render_for_applicant,
    render_for_caseworker,
    result_as_json,
)

NORM_KINDS = {"sats_voksen", "sats_barn", "barn_over_17"}
INCOME_KINDS = {"inntekt", "inntekt_holdes_utenfor"}
ADJUSTMENT_KINDS = {"tillegg", "fradrag"}


def shown(value: Any) -> Decimal:
    """Return an amount as the JSON text shows it (what a reader adds up)."""
    assert isinstance(value, int | float) and not isinstance(value, bool)
    text = json.dumps(value)
    amount = Decimal(text)
    assert amount == amount.quantize(Decimal("0.01")), f"{text} has more than two decimals"
    return amount


def assert_adds_up(out: dict[str, Any]) -> None:
    lines = out["lines"]
    assert lines[-1]["kind"] == "resultat"
    assert shown(lines[-1]["amount"]) == out["amount"]
    assert sum(shown(x["amount"]) for x in lines[:-1]) == out["amount"]
    assert sum(shown(x["amount"]) for x in lines if x["kind"] in NORM_KINDS) == out["norm"]
    assert sum(shown(x["amount"]) for x in lines if x["kind"] == "bolig") == shown(out["housing"])
    assert -sum(shown(x["amount"]) for x in lines if x["kind"] in INCOME_KINDS) == shown(
        out["income_counted"])
    assert sum(shown(x["amount"]) for x in lines if x["kind"] in ADJUSTMENT_KINDS) == shown(
        out["adjustments"])
    assert isinstance(out["amount"], int) and out["amount"] >= 0


def test_three_housing_costs_with_ore_add_up_to_the_housing_total() -> None:
    req = parse_household_json(
        '{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}], "housing_costs": '
        '{"rent": 100.5, "electricity": 100.5, "municipal_fees": 100.5}}')
    result = calculate_livsopphold(household=req.household, month=req.month)

    out = json.loads(json.dumps(result_as_json(result)), parse_float=Decimal)

    housing = [x["amount"] for x in out["lines"] if x["kind"] == "bolig"]
    assert housing == [Decimal("100.5")] * 3 and out["housing"] == Decimal("301.5")
    rounding = [x for x in out["lines"] if x["kind"] == "avrunding"]
    assert [x["amount"] for x in rounding] == [Decimal("0.5")]
    assert out["amount"] == 7850 + 302  # 8 151.50 rounded half up
    assert_adds_up(json.loads(json.dumps(result_as_json(result))))


def test_the_caseworker_text_shows_the_ore_and_the_rounding() -> None:
    household = Household(adults=(Person(date(1980, 1, 1)),),
                          housing_costs=HousingCosts(rent=Decimal("100.5")))
    result = calculate_livsopphold(household=household, month=date(2024, 3, 1))

    text = render_for_caseworker(result)

    assert "100,50 kr" in text and "0,50 kr  Avrunding til hele kroner" in text
    assert "7 951 kr" in text
    assert "100,50 kroner" in render_for_applicant(result)


def test_income_above_the_need_shows_the_step_to_zero() -> None:
    household = Household(adults=(Person(date(1980, 1, 1)),),
                          income=(Income(IncomeType.SALARY, Decimal("9000.25")),))
    result = calculate_livsopphold(household=household, month=date(2024, 3, 1))

    out = result_as_json(result)

    assert out["amount"] == 0
    floor = [x for x in out["lines"] if x["kind"] == "ikke_under_null"]
    assert [shown(x["amount"]) for x in floor] == [Decimal("1150.25")]
    assert_adds_up(out)


money = st.integers(0, 2_000_000).map(lambda ore: Decimal(ore) / 100)


@st.composite
def households(draw: st.DrawFn) -> tuple[Household, date, IndividualAssessment | None]:
    month = date(draw(st.integers(2019, 2026)), draw(st.integers(1, 12)), 1)
    adult_by = date(month.year - 18, month.month, 1)
    adults = tuple(Person(draw(st.dates(adult_by - timedelta(days=365 * 50), adult_by)))
                   for _ in range(draw(st.integers(1, 2))))
    children = tuple(Person(draw(st.dates(month - timedelta(days=365 * 20), month)))
                     for _ in range(draw(st.integers(0, 4))))
    income = tuple(Income(draw(st.sampled_from(list(IncomeType))), draw(money))
                   for _ in range(draw(st.integers(0, 3))))
    adjust = draw(st.lists(st.integers(-300_000, 300_000).filter(bool), max_size=3))
    assessment = (IndividualAssessment("Vurdert", tuple(Adjustment(Decimal(a) / 100, "Grunn")
                                                        for a in adjust))
                  if draw(st.booleans()) else None)
    household = Household(adults=adults, children=children, shares_dwelling=draw(st.booleans()),
                          housing_costs=HousingCosts(*(draw(money) for _ in range(4))),
                          income=income)
    return household, month, assessment


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households())
def test_the_shown_lines_always_sum_to_the_shown_totals(
    case: tuple[Household, date, IndividualAssessment | None],
) -> None:
    household, month, assessment = case
    result = calculate_livsopphold(household=household, month=month, assessment=assessment)

    assert_adds_up(json.loads(json.dumps(result_as_json(result))))
    assert sum(line.amount for line in result.lines[:-1]) == result.amount
