"""Household facts for the livsopphold calculation (§ 18), as frozen dataclasses.

The first adult is the applicant; a second adult is a spouse or partner (ektepar/samboere).
``shares_dwelling`` says that a single applicant shares a dwelling with other adults who are not a
partner (person i bofellesskap). Children are the children living in the household; only those
under 18 on the first day of the month get a child rate. Money is ``Decimal`` kroner.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class IncomeType(enum.StrEnum):
    """Income types of the household JSON interface (stable names)."""

    SALARY = "salary"
    BENEFIT = "benefit"
    HOUSING_ALLOWANCE = "housing_allowance"
    CHILD_BENEFIT = "child_benefit"
    CHILD_SUPPORT = "child_support"
    STUDENT_SUPPORT = "student_support"
    CHILD_EARNINGS = "child_earnings"
    OTHER = "other"

    @property
    def label(self) -> str:
        return INCOME_LABELS[self]


INCOME_LABELS: dict[IncomeType, str] = {
    IncomeType.SALARY: "Lønn",
    IncomeType.BENEFIT: "Trygd eller annen stønad",
    IncomeType.HOUSING_ALLOWANCE: "Bostøtte",
    IncomeType.CHILD_BENEFIT: "Barnetrygd",
    IncomeType.CHILD_SUPPORT: "Barnebidrag",
    IncomeType.STUDENT_SUPPORT: "Studiestøtte",
    IncomeType.CHILD_EARNINGS: "Barns inntekt fra fritids- og feriejobb",
    IncomeType.OTHER: "Annen inntekt",
}

INCOME_TYPES: tuple[IncomeType, ...] = tuple(IncomeType)


class HousingCost(enum.StrEnum):
    """Housing cost components, in the order of the JSON interface."""

    RENT = "rent"
    ELECTRICITY = "electricity"
    MUNICIPAL_FEES = "municipal_fees"
    INSURANCE = "insurance"

    @property
    def cap_parameter(self) -> str:
        return "boutgifter.tak." + _CAP_NAMES[self]

    @property
    def label(self) -> str:
        return _HOUSING_LABELS[self]


_CAP_NAMES = {
    HousingCost.RENT: "husleie",
    HousingCost.ELECTRICITY: "strom",
    HousingCost.MUNICIPAL_FEES: "kommunale_avgifter",
    HousingCost.INSURANCE: "forsikring",
}
_HOUSING_LABELS = {
    HousingCost.RENT: "Husleie",
    HousingCost.ELECTRICITY: "Strøm og oppvarming",
    HousingCost.MUNICIPAL_FEES: "Kommunale avgifter",
    HousingCost.INSURANCE: "Innboforsikring",
}
HOUSING_COSTS: tuple[HousingCost, ...] = tuple(HousingCost)


@dataclass(frozen=True)
class Person:
    birth_date: date


@dataclass(frozen=True)
class HousingCosts:
    """Actual monthly housing costs in kroner (≥ 0)."""

    rent: Decimal = Decimal(0)
    electricity: Decimal = Decimal(0)
    municipal_fees: Decimal = Decimal(0)
    insurance: Decimal = Decimal(0)

    def amount(self, cost: HousingCost) -> Decimal:
        return Decimal(getattr(self, cost.value))


@dataclass(frozen=True)
class Income:
    type: IncomeType
    amount: Decimal


@dataclass(frozen=True)
class Household:
    """The facts of one household; see the module docstring for the meaning of each field."""

    adults: tuple[Person, ...]
    children: tuple[Person, ...] = ()
    shares_dwelling: bool = False
    housing_costs: HousingCosts = field(default_factory=HousingCosts)
    income: tuple[Income, ...] = ()

    @property
    def applicant(self) -> Person:
        return self.adults[0]


def age_on(birth_date: date, on: date) -> int:
    """Return the age in whole years on ``on`` (negative when born after ``on``)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def first_of_month(value: date) -> date:
    return value.replace(day=1)
