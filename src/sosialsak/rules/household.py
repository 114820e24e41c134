"""Household facts for the livsopphold calculation (§ 18), as frozen dataclasses.

The first adult is the applicant; a second adult is a spouse or partner (ektepar/samboere).
``shares_dwelling`` says that a single applicant shares a dwelling with other adults who are not a
partner (person i bofellesskap). ``children`` are the children living in the household (bosted
FAST or DELT); only those under 18 on the first day of the month get a child rate. Children who
live elsewhere and visit (samvær) are only counted in ``samvaer_children``: they get no child
rate, and the extra costs of samvær are an individual assessment (an ``Adjustment`` with
``basis="samvaer"``). Who is in the household is decided in ONE place,
:func:`members_at_rate`, which the decision builder and ``calculate --soknad`` both call.
Money is ``Decimal`` kroner.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sosialsak.rules.errors import InvalidHousehold


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


class Bosted(enum.StrEnum):
    """Where a child lives, seen from the applicant's household (stable JSON names).

    FAST: the child lives permanently in the household. DELT: delt fast bosted (barneloven
    § 36), the child lives permanently in both parents' households. SAMVAER: the child lives
    elsewhere and visits (samværsrett, barneloven § 43).
    """

    FAST = "fast"
    DELT = "delt"
    SAMVAER = "samvaer"

    @classmethod
    def _missing_(cls, value: object) -> Bosted | None:
        """Accept the people context's stored codes too (``FAST``, ``DELT``, ``SAMVAER``)."""
        return cls.__members__.get(value.upper()) if isinstance(value, str) else None


@dataclass(frozen=True)
class Person:
    birth_date: date
    bosted: Bosted = Bosted.FAST  # children only; FAST or DELT (samvær children are not here)


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
    samvaer_children: int = 0  # children who visit (samvær): no child rate, see members_at_rate

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


@dataclass(frozen=True)
class PartnerFacts:
    """A spouse or cohabitant as recorded: the birth date may be missing in the record."""

    birth_date: date | None
    lives_together: bool = True


@dataclass(frozen=True)
class ChildFacts:
    """A child the applicant has parental responsibility for, and where the child lives."""

    birth_date: date | None
    bosted: Bosted | str = Bosted.FAST  # also the people context's codes (FAST, DELT, SAMVAER)


@dataclass(frozen=True)
class Members:
    """The people in the household at the guideline rates (the result of members_at_rate)."""

    adults: tuple[Person, ...]
    children: tuple[Person, ...]
    samvaer_children: int


def members_at_rate(
    *,
    applicant_birth_date: date | None,
    partner: PartnerFacts | None = None,
    children: Sequence[ChildFacts] = (),
) -> Members:
    """Return who is in the household for the livsopphold rates (sotjl. § 18, R35 4.18).

    * The applicant is always an adult member; a missing birth date is an error.
    * A spouse/cohabitant who lives with the applicant is the second adult (ektepar/samboere
      rate). A partner who lives together but has no birth date stops the calculation with an
      error naming ``partner.birth_date`` — never a silent single-person rate. A partner who
      does not live with the applicant is not in the household.
    * Children with bosted FAST or DELT are members (DELT: full child rate in this household;
      see docs/rules.md "Who is in the household" for the decision and its sources); a missing
      birth date names ``children[i].birth_date``. Children with SAMVAER are not members: they
      are counted in ``samvaer_children`` so the explanation shows them and the caseworker
      assesses the extra costs of samvær individually (R35 4.18.1.5).
    """
    if applicant_birth_date is None:
        raise InvalidHousehold("applicant.birth_date",
                               "søkerens fødselsdato mangler; livsopphold kan ikke beregnes.")
    adults = [Person(applicant_birth_date)]
    if partner is not None and partner.lives_together:
        if partner.birth_date is None:
            raise InvalidHousehold(
                "partner.birth_date",
                "ektefellen/samboeren bor sammen med søkeren, men fødselsdatoen mangler; "
                "registrer den før livsopphold beregnes (satsen for ektepar/samboere).")
        adults.append(Person(partner.birth_date))
    members: list[Person] = []
    samvaer = 0
    for i, child in enumerate(children):
        try:
            bosted = Bosted(child.bosted)
        except ValueError:
            raise InvalidHousehold(f"children[{i}].bosted", "ukjent bosted; gyldige: "
                                   + ", ".join(b.value for b in Bosted) + ".") from None
        if bosted is Bosted.SAMVAER:
            samvaer += 1
            continue
        if child.birth_date is None:
            raise InvalidHousehold(f"children[{i}].birth_date",
                                   "barnets fødselsdato mangler; barnesatsen følger alderen.")
        members.append(Person(child.birth_date, bosted))
    return Members(tuple(adults), tuple(members), samvaer)
