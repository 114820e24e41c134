"""Stønad til livsopphold for one household and one month (sosialtjenesteloven § 18).

The rule, as the guideline rates (statlige veiledende retningslinjer) apply it, 2019 onwards:

* **Norm** = the adult rate — *ektepar/samboere* when a spouse or partner lives in the household,
  *person i bofellesskap* when a single applicant shares a dwelling with other adults who are not a
  partner, otherwise *enslig* — plus the child rate for each child under 18 in the household, by
  the child's age band on the first day of the month. The rate set is the one in force on the
  first day of the month (state rates, or the municipality's own rates from their start date).
* **Housing** (rent, electricity and heating, municipal fees, home insurance) is not in the
  rates; each cost is taken at actual cost, capped where the municipality has set a cap.
* **Counted income** is the household's income for the month except income the law leaves
  out: barnetrygd from 1 September 2022 (§ 18 third paragraph) and children's earnings from
  leisure and holiday work.
* **Amount** = norm + housing ± the caseworker's adjustments − counted income, never below 0,
  rounded half up to whole kroner.

Every result carries its explanation lines and the control flags (see ``vurdering``). The lines
are exact (øre included) and add up to the amount: a negative total gets an ``ikke_under_null``
line and the rounding an ``avrunding`` line, so nothing is rounded per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sosialsak.rules.engine.explanation import ExplanationLine
from sosialsak.rules.engine.overlays import RATE_NAMES
from sosialsak.rules.engine.ruleset import ParameterValue, Ruleset, load_ruleset
from sosialsak.rules.household import (
    HOUSING_COSTS,
    Bosted,
    Household,
    IncomeType,
    age_on,
    first_of_month,
)
from sosialsak.rules.livsopphold_checks import (
    age_bands,
    check_household,
    household_flags,
    household_type,
)
from sosialsak.rules.money import format_kr, round_kroner
from sosialsak.rules.vurdering import (
    Flag,
    IndividualAssessment,
    Under18Assessment,
    assessment_lines,
    control_flags,
)

RATES = "veiledende_satser.livsopphold."
ADULT_LABELS = {
    "enslig": "enslig",
    "ektepar_samboere": "ektepar/samboere",
    "bofellesskap": "person i bofellesskap",
}


@dataclass(frozen=True)
class RateSetInfo:
    """Which rate set a calculation used, so that a stale table is visible on every result."""

    valid_from: date
    layer: str
    source: str
    stale: bool
    expected_update: date | None


@dataclass(frozen=True)
class LivsoppholdResult:
    """The amount for the month, its components, its explanation and its flags."""

    month: date
    kommune: str | None
    household_type: str
    amount: int
    norm: int
    housing: Decimal
    adjustments: Decimal
    income_counted: Decimal
    children_counted: int
    rate_set: RateSetInfo
    individual_assessment: bool
    lines: tuple[ExplanationLine, ...]
    flags: tuple[Flag, ...]

    @property
    def rate_set_from(self) -> date:
        return self.rate_set.valid_from

    @property
    def stale(self) -> bool:
        return self.rate_set.stale


def rate_set_info(*, rules: Ruleset, on: date, kommune: str | None = None) -> RateSetInfo:
    """Return the rate set in force on ``on``: its start, origin and staleness."""
    rates = [rules.value(RATES + name, on=on, kommune=kommune) for name in RATE_NAMES]
    newest = max(rates, key=lambda v: v.valid_from)
    return RateSetInfo(newest.valid_from, newest.layer, newest.source,
                       any(v.stale for v in rates), newest.expected_update)


def _origin(value: ParameterValue) -> str:
    return "Kommunal sats" if value.layer.startswith("kommune") else "Veiledende sats"


def _norm_lines(
    household: Household, month: date, rules: Ruleset, kommune: str | None, hjemmel: str,
    under_18: Under18Assessment | None,
) -> tuple[list[ExplanationLine], int, int]:
    kind = household_type(household)
    if under_18 is not None:
        adult_rate = int(under_18.amount)
        age = age_on(household.applicant.birth_date, month)
        lines = [ExplanationLine(
            kind="sats_voksen", rule="Individuell vurdering, søker under 18 år",
            hjemmel=hjemmel, amount=Decimal(adult_rate),
            detail=f"{age} år første dag i måneden; veiledende satser for voksne er ikke "
                   f"brukt. Begrunnelse: {under_18.reason.strip()}")]
    else:
        adult = rules.value(RATES + kind, on=month, kommune=kommune)
        adult_rate = adult.as_int()
        lines = [ExplanationLine.from_parameter(
            kind="sats_voksen", rule=f"{_origin(adult)}, {ADULT_LABELS[kind]}",
            hjemmel=hjemmel, amount=Decimal(adult_rate), used=adult)]
    counted = 0
    bands = age_bands(rules=rules, on=month)
    for child in household.children:
        age = max(age_on(child.birth_date, month), 0)
        band = next((b for b in bands if b.fra <= age <= b.til), None)
        born = child.birth_date.isoformat()
        if band is None:
            lines.append(ExplanationLine(
                kind="barn_over_17", rule="Barn 18 år eller eldre får ikke barnesats",
                hjemmel=hjemmel, amount=Decimal(0), detail=f"født {born}, {age} år"))
            continue
        rate = rules.value(RATES + band.rate, on=month, kommune=kommune)
        counted += 1
        shared = ("; delt bosted: full barnesats i denne husstanden"
                  if child.bosted is Bosted.DELT else "")
        lines.append(ExplanationLine.from_parameter(
            kind="sats_barn", rule=f"{_origin(rate)}, barn {band.fra}–{band.til} år",
            hjemmel=hjemmel, amount=Decimal(rate.as_int()), used=rate,
            detail=f"født {born}, {age} år første dag i måneden{shared}"))
    if household.samvaer_children:
        lines.append(ExplanationLine(
            kind="barn_samvaer", rule="Barn med samvær bor ikke i husstanden og får ikke "
            "barnesats", hjemmel=hjemmel, amount=Decimal(0),
            detail=f"{household.samvaer_children} barn; utgifter til samvær vurderes "
                   "individuelt (rundskriv R35 4.18.1.5)"))
    return lines, adult_rate, counted


def _housing_lines(
    household: Household, month: date, rules: Ruleset, kommune: str | None, hjemmel: str
) -> list[ExplanationLine]:
    lines = []
    for cost in HOUSING_COSTS:
        actual = household.housing_costs.amount(cost)
        cap = rules.value(cost.cap_parameter, on=month, kommune=kommune)
        limit = cap.as_optional_int()
        if limit is not None and actual > limit:
            lines.append(ExplanationLine.from_parameter(
                kind="bolig", rule=f"{cost.label}, begrenset til kommunens tak", hjemmel=hjemmel,
                amount=Decimal(limit), used=cap,
                detail=f"faktisk {format_kr(actual)}"))
        elif actual:
            lines.append(ExplanationLine(kind="bolig", rule=f"{cost.label}, faktisk utgift",
                                         hjemmel=hjemmel, amount=actual))
    return lines


def _income_lines(
    household: Household, month: date, rules: Ruleset
) -> list[ExplanationLine]:
    lines = []
    for item in household.income:
        counts = rules.value(f"inntekt.medregnes.{item.type.value}", on=month)
        key = {IncomeType.CHILD_BENEFIT: "sotjl.barnetrygd",
               IncomeType.CHILD_EARNINGS: "sotjl.barns_inntekt"}.get(item.type, "sotjl.livsopphold")
        hjemmel = rules.hjemmel(key, on=month).text
        if counts.as_bool():
            lines.append(ExplanationLine.from_parameter(
                kind="inntekt", rule=f"{item.type.label} trekkes fra", hjemmel=hjemmel,
                amount=-item.amount, used=counts))
        else:
            lines.append(ExplanationLine.from_parameter(
                kind="inntekt_holdes_utenfor", rule=f"{item.type.label} regnes ikke som inntekt",
                hjemmel=hjemmel, amount=Decimal(0), used=counts,
                detail=f"{format_kr(item.amount)} holdes utenfor"))
    return lines


def _final_steps(total: Decimal, amount: int, hjemmel: str) -> list[ExplanationLine]:
    """Return the lines from the exact total to the paid amount: up to 0, then rounding."""
    lines = []
    floored = max(Decimal(0), total)
    if floored != total:
        lines.append(ExplanationLine(
            kind="ikke_under_null", rule="Stønaden kan ikke bli lavere enn 0 kr",
            hjemmel=hjemmel, amount=floored - total,
            detail=f"inntekt og fradrag er {format_kr(-total)} mer enn behovet"))
    if amount != floored:
        lines.append(ExplanationLine(
            kind="avrunding", rule="Avrunding til hele kroner", hjemmel=hjemmel,
            amount=amount - floored, detail="halv krone og mer rundes opp"))
    return lines


def calculate_livsopphold(
    *,
    household: Household,
    month: date,
    rules: Ruleset | None = None,
    kommune: str | None = None,
    assessment: IndividualAssessment | None = None,
    under_18: Under18Assessment | None = None,
) -> LivsoppholdResult:
    """Return stønad til livsopphold for ``household`` in ``month`` (any day; the 1st is used).

    ``rules`` defaults to the baseline state rules; pass ``load_ruleset().with_rate_sets(...)``
    to apply registered state and municipal rate sets, and ``kommune`` to select the latter.
    ``under_18`` is the individual assessment for an applicant under 18 (it replaces the adult
    rate; refused for an applicant of 18 or more). Raise ParameterNotFound when no rate
    applies, InvalidHousehold / InvalidAssessment on bad facts.
    """
    rules = rules or load_ruleset()
    month = first_of_month(month)
    check_household(household, month, rules, under_18)
    if assessment is not None:
        assessment.validate()
    hjemmel = rules.hjemmel("sotjl.livsopphold", on=month).text
    lines, adult_rate, children = _norm_lines(household, month, rules, kommune, hjemmel,
                                              under_18)
    norm = int(sum(line.amount for line in lines))
    housing_lines = _housing_lines(household, month, rules, kommune, hjemmel)
    housing = sum((line.amount for line in housing_lines), Decimal(0))
    income_lines = _income_lines(household, month, rules)
    income = -sum((line.amount for line in income_lines), Decimal(0))
    adjustments = assessment.total if assessment else Decimal(0)
    total = norm + housing + adjustments - income
    amount = round_kroner(max(Decimal(0), total))

    rate_set = rate_set_info(rules=rules, on=month, kommune=kommune)
    kind = household_type(household)
    reference_kind = "ektepar_samboere" if kind == "ektepar_samboere" else "enslig"
    flags = control_flags(
        rules=rules, on=month, applicant_age=age_on(household.applicant.birth_date, month),
        adult_rate=adult_rate,
        reference_adult_rate=rules.integer(RATES + reference_kind, on=month, kommune=kommune),
        children_counted=children, assessment=assessment, stale=rate_set.stale,
        rate_set_from=rate_set.valid_from,
    ) + household_flags(household, assessment, rules.hjemmel("sotjl.livsopphold", on=month).text)
    result_line = ExplanationLine(
        kind="resultat", rule="Stønad til livsopphold for måneden", hjemmel=hjemmel,
        amount=Decimal(amount),
        detail="norm + boutgifter ± individuelle justeringer − inntekt, ikke under 0, "
               "avrundet til hele kroner")
    all_lines = (*lines, *housing_lines, *income_lines,
                 *assessment_lines(assessment, hjemmel=hjemmel),
                 *_final_steps(total, amount, hjemmel), result_line)
    return LivsoppholdResult(
        month=month, kommune=kommune, household_type=kind, amount=amount, norm=norm,
        housing=housing, adjustments=adjustments, income_counted=income,
        children_counted=children, rate_set=rate_set,
        individual_assessment=assessment is not None, lines=all_lines, flags=flags,
    )

