"""The vectorised batch gives exactly the scalar amounts (property test over 2019–2026)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosialsak.rules import (
    Adjustment,
    Bosted,
    Household,
    HouseholdRequest,
    HousingCaps,
    HousingCosts,
    Income,
    IncomeType,
    IndividualAssessment,
    ParameterNotFound,
    Person,
    RateSet,
    Ruleset,
    Under18Assessment,
    batch_from_requests,
    calculate_batch,
    calculate_livsopphold,
    load_ruleset,
)
from sosialsak.rules.money import to_ore

TEST_SETS = [  # fictional test data, not real rates
    RateSet(valid_from=date(2023, 3, 1), reference="TEST 0301", kommunenummer="0301",
            enslig=8000, ektepar_samboere=13000, bofellesskap=7000, barn_0_5=4000,
            barn_6_10=4100, barn_11_17=5200,
            housing_caps=HousingCaps(husleie=8000, strom=1500, forsikring=200)),
    RateSet(valid_from=date(2021, 6, 1), reference="TEST 4601", kommunenummer="4601",
            enslig=6600, ektepar_samboere=11000, bofellesskap=5500, barn_0_5=3000,
            barn_6_10=3300, barn_11_17=4300),
    RateSet(valid_from=date(2025, 1, 1), reference="TEST stat 2025", enslig=8200,
            ektepar_samboere=13700, bofellesskap=6900, barn_0_5=4000, barn_6_10=4100,
            barn_11_17=5350),
]
OVERLAID = load_ruleset().with_rate_sets(TEST_SETS)


@st.composite
def requests(draw: st.DrawFn) -> HouseholdRequest:
    year = draw(st.integers(2019, 2026))
    month = date(year, draw(st.integers(1, 12)), 1)
    month_end = date(year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)

    def born(min_years: int, max_years: int) -> Person:
        low = month_end - timedelta(days=365 * max_years + 20)
        high = month_end - timedelta(days=365 * min_years)
        return Person(draw(st.dates(min_value=low, max_value=high)))

    money = st.integers(0, 3_000_000).map(lambda ore: Decimal(ore) / 100)
    adult_by = date(month.year - 18, month.month, 1)  # 18 on the first day of the month

    def adult() -> Person:
        return Person(draw(st.dates(min_value=adult_by - timedelta(days=365 * 52),
                                    max_value=adult_by)))

    adults = tuple(adult() for _ in range(draw(st.integers(1, 2))))
    under_18 = None
    if draw(st.integers(0, 4)) == 0:  # an applicant under 18, assessed individually (R35)
        adults = (born(15, 17), *adults[1:])
        under_18 = Under18Assessment(Decimal(draw(st.integers(0, 12_000))), "Vurdert")
    children = tuple(Person(born(0, 20).birth_date, draw(st.sampled_from([Bosted.FAST,
                                                                            Bosted.DELT])))
                     for _ in range(draw(st.integers(0, 6))))
    income = tuple(Income(draw(st.sampled_from(list(IncomeType))), draw(money))
                   for _ in range(draw(st.integers(0, 4))))
    adjust = draw(st.lists(st.integers(-500_000, 500_000).filter(bool), max_size=2))
    assessment = (IndividualAssessment("Vurdert", tuple(Adjustment(Decimal(a) / 100, "Grunn")
                                                        for a in adjust))
                  if draw(st.booleans()) else None)
    household = Household(
        adults=adults, children=children, shares_dwelling=draw(st.booleans()),
        housing_costs=HousingCosts(*(draw(money) for _ in range(4))), income=income,
        samvaer_children=draw(st.integers(0, 2)))
    kommune = draw(st.sampled_from([None, "0301", "4601", "1103"]))
    return HouseholdRequest(month, kommune, household, assessment, under_18)


def assert_same(reqs: list[HouseholdRequest], rules: Ruleset) -> None:
    batch = calculate_batch(households=batch_from_requests(reqs), rules=rules)
    for i, req in enumerate(reqs):
        one = calculate_livsopphold(household=req.household, month=req.month, rules=rules,
                                    kommune=req.kommune, assessment=req.assessment,
                                    under_18=req.under_18)
        got = (int(batch.amount[i]), int(batch.norm[i]), int(batch.housing_ore[i]),
               int(batch.income_counted_ore[i]), batch.rate_set_from[i].item(),
               bool(batch.stale[i]))
        want = (one.amount, one.norm, to_ore(one.housing), to_ore(one.income_counted),
                one.rate_set_from, one.stale)
        assert got == want, f"row {i}: {req}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(requests(), min_size=1, max_size=20))
def test_batch_equals_scalar_with_state_rates(reqs: list[HouseholdRequest]) -> None:
    assert_same(reqs, load_ruleset())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(requests(), min_size=1, max_size=20))
def test_batch_equals_scalar_with_municipal_and_registered_rates(
    reqs: list[HouseholdRequest],
) -> None:
    assert_same(reqs, OVERLAID)


def test_batch_reproduces_hand_computed_amounts() -> None:
    reqs = [
        HouseholdRequest(date(2024, 3, 1), None, Household(adults=(Person(date(1980, 1, 1)),))),
        HouseholdRequest(date(2022, 8, 1), None, Household(
            adults=(Person(date(1985, 1, 1)),), children=(Person(date(2016, 3, 3)),),
            income=(Income(IncomeType.CHILD_BENEFIT, Decimal(1054)),))),
        HouseholdRequest(date(2022, 9, 1), None, Household(
            adults=(Person(date(1985, 1, 1)),), children=(Person(date(2016, 3, 3)),),
            income=(Income(IncomeType.CHILD_BENEFIT, Decimal(1054)),))),
        HouseholdRequest(date(2023, 8, 1), "0301", Household(adults=(Person(date(1980, 1, 1)),))),
    ]

    result = calculate_batch(households=batch_from_requests(reqs), rules=OVERLAID)

    assert result.amount.tolist() == [7850, 8946, 10000, 8000]
    assert result.amount.dtype == np.int64


def test_a_month_before_the_first_rate_set_is_refused() -> None:
    adult = Person(date(1980, 1, 1))
    reqs = [HouseholdRequest(date(2018, 12, 1), None, Household(adults=(adult,)))]

    with pytest.raises(ParameterNotFound, match="2018-12-01"):
        calculate_batch(households=batch_from_requests(reqs))


def test_the_batch_refuses_what_the_scalar_refuses() -> None:
    """An adult under 18 (the scalar refuses: adult rates start at 18) is refused by row."""
    from sosialsak.rules import InvalidHousehold, calculate_livsopphold

    ok = HouseholdRequest(date(2024, 3, 1), None, Household(adults=(Person(date(1980, 1, 1)),)))
    young = HouseholdRequest(date(2024, 3, 1), None,
                             Household(adults=(Person(date(2006, 3, 2)),)))

    with pytest.raises(InvalidHousehold) as scalar:
        calculate_livsopphold(household=young.household, month=young.month)
    with pytest.raises(InvalidHousehold) as batch:
        batch_from_requests([ok, young])

    assert scalar.value.field == "adults[0].birth_date"
    assert batch.value.field == "households[1].adults[0].birth_date"
