"""The household JSON interface: strict parsing with errors naming the field, and the output."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from sosialsak.rules import (
    InvalidHousehold,
    calculate_livsopphold,
    parse_household,
    parse_household_json,
    result_as_json,
)

EXAMPLE: dict[str, Any] = {
    "month": "2024-03", "kommune": "0301",
    "adults": [{"birth_date": "1990-04-01"}, {"birth_date": "1992-01-15"}],
    "shares_dwelling": False,
    "children": [{"birth_date": "2015-06-30"}],
    "housing_costs": {"rent": 9000, "electricity": 800, "municipal_fees": 0, "insurance": 0},
    "income": [{"type": "salary", "amount": 5000}, {"type": "child_benefit", "amount": 1766}],
}


def with_(path: str, value: Any) -> dict[str, Any]:
    """Return a copy of EXAMPLE with ``path`` (dotted, list indexes as numbers) replaced."""
    doc = json.loads(json.dumps(EXAMPLE))
    *parents, last = path.split(".")
    node: Any = doc
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return doc


def field_of(doc: Any) -> str:
    with pytest.raises(InvalidHousehold) as err:
        parse_household(doc)
    assert err.value.field in err.value.message
    return err.value.field


class TestParsing:
    def test_the_documented_example_parses_to_facts(self) -> None:
        req = parse_household_json(json.dumps(EXAMPLE))

        assert req.month == date(2024, 3, 1) and req.kommune == "0301"
        assert len(req.household.adults) == 2
        assert req.household.children[0].birth_date == date(2015, 6, 30)
        assert req.household.housing_costs.rent == Decimal(9000)

    def test_only_month_and_adults_are_required(self) -> None:
        req = parse_household({"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}]})

        assert req.kommune is None and req.household.children == ()

    def test_decimal_amounts_are_exact_never_floats(self) -> None:
        req = parse_household_json('{"month": "2024-03", "adults": [{"birth_date": '
                                   '"1980-01-01"}], "housing_costs": {"rent": 0.1}}')

        assert req.household.housing_costs.rent == Decimal("0.1")


class TestErrorsNameTheField:
    @pytest.mark.parametrize(("doc", "field"), [
        ({**EXAMPLE, "pets": 2}, "pets"),
        (with_("adults.0", {"birth_date": "1990-04-01", "name": "x"}), "adults[0].name"),
        (with_("housing_costs", {"rent": 1, "garage": 2}), "housing_costs.garage"),
        (with_("income.1", {"type": "lottery", "amount": 5}), "income[1].type"),
        (with_("income.0", {"type": "salary", "amount": -1}), "income[0].amount"),
        (with_("housing_costs", {"rent": -0.5}), "housing_costs.rent"),
        (with_("income.0", {"type": "salary", "amount": "5000"}), "income[0].amount"),
        (with_("income.0", {"type": "salary", "amount": True}), "income[0].amount"),
        (with_("income.0", {"type": "salary"}), "income[0].amount"),
        (with_("month", "2018-12"), "month"),
        (with_("month", "9999-12"), "month"),
        (with_("month", "2024-13"), "month"),
        (with_("month", "march"), "month"),
        (with_("children.0", {"birth_date": "2015-02-30"}), "children[0].birth_date"),
        (with_("children.0", {"birth_date": "30.06.2015"}), "children[0].birth_date"),
        (with_("children.0", {"birth_date": "2024-04-01"}), "children[0].birth_date"),
        (with_("adults.1", {"birth_date": 19920115}), "adults[1].birth_date"),
        (with_("adults", []), "adults"),
        (with_("kommune", "301"), "kommune"),
        (with_("shares_dwelling", "no"), "shares_dwelling"),
        (with_("children", {"birth_date": "2015-06-30"}), "children"),
        ({k: v for k, v in EXAMPLE.items() if k != "month"}, "month"),
        ([EXAMPLE], "$"),
    ])
    def test_bad_input_names_the_field(self, doc: Any, field: str) -> None:
        assert field_of(doc) == field

    def test_more_than_two_decimals_are_refused(self) -> None:
        with pytest.raises(InvalidHousehold, match=r"housing_costs\.rent: .*to desimaler"):
            parse_household_json('{"month": "2024-03", "adults": [{"birth_date": '
                                 '"1980-01-01"}], "housing_costs": {"rent": 1.005}}')

    @pytest.mark.parametrize("raw", [
        "1e400", "-1e400", "1" * 30, "9" * 5000, "1.5e30", "NaN", "Infinity", "-Infinity",
        "1e-400",
    ])
    def test_an_absurd_amount_names_the_field(self, raw: str) -> None:
        text = ('{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}], '
                '"housing_costs": {"rent": ' + raw + '}}')

        with pytest.raises(InvalidHousehold) as err:
            parse_household_json(text)

        assert err.value.field == "housing_costs.rent"
        assert err.value.message.startswith("housing_costs.rent: ")
        assert len(err.value.message) < 120

    @pytest.mark.parametrize(("doc", "field"), [
        ('{"month": %s, "adults": [{"birth_date": "1980-01-01"}]}' % ("1" * 5000), "month"),
        ('{"month": "2024-03", "adults": [{"birth_date": %s}]}' % ("7" * 5000),
         "adults[0].birth_date"),
        ('{"month": "2024-03", "adults": [{"birth_date": NaN}]}', "adults[0].birth_date"),
        ('{"month": "2024-03", "adults": [{"birth_date": "%s"}]}' % ("x" * 5000),
         "adults[0].birth_date"),
        ('{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}], '
         '"income": [{"type": "%s", "amount": 1}]}' % ("y" * 5000), "income[0].type"),
        ('{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}], '
         '"individual_assessment": {"reason": "Vurdert", '
         '"adjustments": [{"amount": -1e999, "reason": "x"}]}}',
         "individual_assessment.adjustments[0].amount"),
    ])
    def test_huge_or_odd_values_elsewhere_name_the_field_briefly(
        self, doc: str, field: str
    ) -> None:
        with pytest.raises(InvalidHousehold) as err:
            parse_household_json(doc)

        assert err.value.field == field
        assert len(err.value.message) < 200

    def test_deeply_nested_json_is_refused_cleanly(self) -> None:
        with pytest.raises(InvalidHousehold) as err:
            parse_household_json("[" * 100_000 + "]" * 100_000)

        assert err.value.field == "$"

    def test_malformed_json_is_reported(self) -> None:
        with pytest.raises(InvalidHousehold, match="ugyldig JSON"):
            parse_household_json("{not json")

    def test_an_adjustment_without_a_reason_is_refused(self) -> None:
        doc = {**EXAMPLE, "individual_assessment": {
            "reason": "Vurdert", "adjustments": [{"amount": -100, "reason": " "}]}}

        assert field_of(doc) == "individual_assessment.adjustments[0].reason"


class TestOutput:
    def test_the_output_has_the_documented_keys_and_integer_amounts(self) -> None:
        req = parse_household(EXAMPLE)
        result = calculate_livsopphold(household=req.household, month=req.month,
                                       kommune=req.kommune)

        out = result_as_json(result)

        assert {k: out[k] for k in ("amount", "norm", "housing", "income_counted",
                                    "rate_set_from")} == {
            "amount": 21850, "norm": 17050, "housing": 9800, "income_counted": 5000,
            "rate_set_from": "2024-01-01"}
        assert all(isinstance(line["amount"], int) for line in out["lines"])
        assert json.loads(json.dumps(out)) == out
