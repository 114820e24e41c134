"""The scalar livsopphold calculation, its explanation and its flags (hand-computed figures)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sosialsak.rules import (
    Adjustment,
    Household,
    HousingCaps,
    HousingCosts,
    Income,
    IncomeType,
    IndividualAssessment,
    InvalidAssessment,
    InvalidHousehold,
    Person,
    RateSet,
    calculate_livsopphold,
    load_ruleset,
    render_for_applicant,
    render_for_caseworker,
)

MARCH_2024 = date(2024, 3, 1)
ADULT = Person(date(1980, 5, 5))


def family() -> Household:
    return Household(
        adults=(Person(date(1990, 4, 1)), Person(date(1992, 1, 15))),
        children=(Person(date(2015, 6, 30)),),
        housing_costs=HousingCosts(rent=Decimal(9000), electricity=Decimal(800)),
        income=(Income(IncomeType.SALARY, Decimal(5000)),
                Income(IncomeType.CHILD_BENEFIT, Decimal(1766))),
    )


class TestTheAmount:
    def test_the_example_household_gets_norm_plus_housing_minus_counted_income(self) -> None:
        result = calculate_livsopphold(household=family(), month=MARCH_2024)

        assert (result.amount, result.norm) == (21850, 17050)
        assert (result.housing, result.income_counted) == (Decimal(9800), Decimal(5000))
        assert result.rate_set_from == date(2024, 1, 1) and not result.stale

    def test_any_day_of_the_month_means_the_rate_on_the_first(self) -> None:
        result = calculate_livsopphold(household=Household(adults=(ADULT,)),
                                       month=date(2023, 7, 31))

        assert result.month == date(2023, 7, 1) and result.amount == 7550

    def test_the_same_household_before_september_2022_has_barnetrygd_deducted(self) -> None:
        result = calculate_livsopphold(household=family(), month=date(2022, 8, 1))

        # 11 150 + 3 350 + 9 800 − 5 000 − 1 766
        assert result.amount == 17534

    def test_a_deduction_cannot_take_the_amount_below_zero(self) -> None:
        assessment = IndividualAssessment("Vurdert", (Adjustment(Decimal(-10000), "Test"),))

        result = calculate_livsopphold(household=Household(adults=(ADULT,)), month=MARCH_2024,
                                       assessment=assessment)

        assert result.amount == 0

    def test_half_an_ore_above_fifty_rounds_up_and_below_rounds_down(self) -> None:
        def amount(rent: str) -> int:
            household = Household(adults=(ADULT,),
                                  housing_costs=HousingCosts(rent=Decimal(rent)))
            return calculate_livsopphold(household=household, month=MARCH_2024).amount

        assert amount("100.50") == 7951
        assert amount("100.49") == 7950


class TestOverlaysInTheCalculation:
    def test_a_municipal_cap_and_rate_set_are_used_for_that_municipality(self) -> None:
        rules = load_ruleset().with_rate_sets([RateSet(
            valid_from=date(2024, 2, 1), reference="Test", kommunenummer="4601", enslig=8000,
            ektepar_samboere=13000, bofellesskap=7000, barn_0_5=4000, barn_6_10=4100,
            barn_11_17=5200, housing_caps=HousingCaps(husleie=6000))])
        household = Household(adults=(ADULT,), housing_costs=HousingCosts(rent=Decimal(7000)))

        local = calculate_livsopphold(household=household, month=MARCH_2024, rules=rules,
                                      kommune="4601")
        elsewhere = calculate_livsopphold(household=household, month=MARCH_2024, rules=rules,
                                          kommune="0301")

        assert (local.amount, local.rate_set.layer) == (14000, "kommune 4601")
        assert local.lines[0].rule == "Kommunal sats, enslig"
        assert (elsewhere.amount, elsewhere.rate_set.layer) == (14850, "stat")


class TestTheExplanation:
    def test_each_line_names_rule_paragraph_parameter_value_date_and_amount(self) -> None:
        result = calculate_livsopphold(household=family(), month=MARCH_2024)
        adult, child = result.lines[0], result.lines[1]

        assert adult.as_dict() == {
            "kind": "sats_voksen", "rule": "Veiledende sats, ektepar/samboere",
            "paragraph": "sosialtjenesteloven § 18",
            "parameter": "veiledende_satser.livsopphold.ektepar_samboere", "value": 13100,
            "effective_from": "2024-01-01", "source": "stat: Rundskriv A-3/2023 (+3,8 %)",
            "amount": 13100, "detail": ""}
        assert (child.parameter, child.amount) == ("veiledende_satser.livsopphold.barn_6_10",
                                                   Decimal(3950))
        assert result.lines[-1].kind == "resultat" and result.lines[-1].amount == 21850

    def test_barnetrygd_is_shown_as_left_out_with_its_paragraph(self) -> None:
        result = calculate_livsopphold(household=family(), month=MARCH_2024)
        line = next(x for x in result.lines if x.kind == "inntekt_holdes_utenfor")

        assert line.hjemmel == "sosialtjenesteloven § 18 tredje ledd"
        assert line.valid_from == date(2022, 9, 1) and line.amount == 0

    def test_the_caseworker_text_shows_every_component(self) -> None:
        text = render_for_caseworker(calculate_livsopphold(household=family(), month=MARCH_2024))

        assert "Satssett fra 2024-01-01" in text
        assert "13 100 kr  Veiledende sats, ektepar/samboere" in text
        assert "= " in text and "21 850 kr  Stønad til livsopphold for måneden" in text
        assert "VEILEDENDE_SATS_UTEN_VURDERING" in text

    def test_the_applicant_text_is_plain_bokmaal(self) -> None:
        text = render_for_applicant(calculate_livsopphold(household=family(), month=MARCH_2024))

        assert "statens veiledende sats for ektepar/samboere. Den er 13 100 kroner" in text
        assert "For barnet som er født 30. juni 2015, har vi lagt til 3 950 kroner." in text
        assert "Barnetrygd regner vi ikke som inntekt" in text
        assert "Du får 21 850 kroner i stønad til livsopphold for mars 2024." in text

    def test_the_applicant_is_told_why_the_amount_is_zero(self) -> None:
        household = Household(adults=(ADULT,),
                              income=(Income(IncomeType.SALARY, Decimal(30000)),))

        text = render_for_applicant(calculate_livsopphold(household=household,
                                                          month=MARCH_2024))

        assert "Derfor får du ikke stønad til livsopphold for mars 2024." in text

    def test_a_stale_table_is_visible_to_the_caseworker(self) -> None:
        result = calculate_livsopphold(household=Household(adults=(ADULT,)),
                                       month=date(2025, 2, 1))

        assert result.stale and result.rate_set_from == date(2024, 1, 1)
        assert "MULIG UTDATERT: ny sats ventet 2025-01-01" in render_for_caseworker(result)


class TestIndividualAssessment:
    def test_an_assessment_without_a_reason_is_refused(self) -> None:
        with pytest.raises(InvalidAssessment) as err:
            calculate_livsopphold(household=Household(adults=(ADULT,)), month=MARCH_2024,
                                  assessment=IndividualAssessment("  "))

        assert err.value.extra["field"] == "individual_assessment.reason"

    def test_an_adjustment_without_a_reason_is_refused_naming_it(self) -> None:
        assessment = IndividualAssessment("Vurdert", (Adjustment(Decimal(100), ""),))

        with pytest.raises(InvalidAssessment, match=r"adjustments\[0\]\.reason"):
            calculate_livsopphold(household=Household(adults=(ADULT,)), month=MARCH_2024,
                                  assessment=assessment)

    def test_the_assessment_and_adjustments_are_explained(self) -> None:
        assessment = IndividualAssessment("Behov for spesialkost",
                                          (Adjustment(Decimal(500), "Spesialkost"),))

        result = calculate_livsopphold(household=Household(adults=(ADULT,)), month=MARCH_2024,
                                       assessment=assessment)

        assert result.individual_assessment and result.amount == 8350
        assert [x.kind for x in result.lines[-3:]] == ["vurdering", "tillegg", "resultat"]
        assert "Vi har lagt til 500 kroner: Spesialkost." in render_for_applicant(result)


class TestFlags:
    def test_a_large_family_is_flagged_from_three_children_under_18(self) -> None:
        kids = tuple(Person(date(2012 + i, 1, 1)) for i in range(3))
        two = calculate_livsopphold(household=Household(adults=(ADULT,), children=kids[:2]),
                                    month=MARCH_2024)
        three = calculate_livsopphold(household=Household(adults=(ADULT,), children=kids),
                                      month=MARCH_2024)

        assert "STOR_BARNEFAMILIE" not in {f.code for f in two.flags}
        assert "STOR_BARNEFAMILIE" in {f.code for f in three.flags}

    def test_sats_ungdom_names_the_age_and_both_amounts(self) -> None:
        result = calculate_livsopphold(
            household=Household(adults=(Person(date(2004, 1, 1)),), shares_dwelling=True),
            month=MARCH_2024)
        flag = next(f for f in result.flags if f.code == "SATS_UNGDOM")

        assert "20 år" in flag.message and "6 600 kr" in flag.message
        assert "7 850 kr" in flag.message


class TestFacts:
    def test_three_adults_are_refused(self) -> None:
        with pytest.raises(InvalidHousehold) as err:
            calculate_livsopphold(household=Household(adults=(ADULT, ADULT, ADULT)),
                                  month=MARCH_2024)

        assert err.value.field == "adults"

    def test_a_child_born_after_the_month_is_refused_naming_it(self) -> None:
        household = Household(adults=(ADULT,), children=(Person(date(2024, 4, 2)),))

        with pytest.raises(InvalidHousehold) as err:
            calculate_livsopphold(household=household, month=MARCH_2024)

        assert err.value.field == "children[0].birth_date"
