"""Every month of a period calculated on its own: livsopphold (§ 18) and KVP (§ 35).

A decision for several months must not repeat the first month's amount: a child moves into the
next age band or turns 18, a new rate set takes effect (1 January, or mid-year as in 2020–2023),
G changes on 1 May. Each month is calculated with the facts and the parameters in force in that
month, and the period's total is the sum of the months' paid amounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidFacts
from sosialsak.rules.household import Household, age_on, first_of_month
from sosialsak.rules.household_json import result_as_json
from sosialsak.rules.kvalifiseringsstonad import KvpMaaned, kvp_maaned
from sosialsak.rules.kvp_tillegg import KvpInntekt
from sosialsak.rules.livsopphold import LivsoppholdResult, calculate_livsopphold
from sosialsak.rules.livsopphold_checks import adult_age
from sosialsak.rules.vurdering import IndividualAssessment, Under18Assessment

MAX_PERIOD_MONTHS = 120  # a longer period is a typing error


@dataclass(frozen=True)
class LivsoppholdPeriod:
    """Every month of a period calculated on its own, and the total of the paid amounts."""

    months: tuple[LivsoppholdResult, ...]
    total: int


def period_months(first: date, last: date) -> list[date]:
    """Return the first day of every month from ``first`` to ``last`` (both included)."""
    start, end = first_of_month(first), first_of_month(last)
    if end < start:
        raise InvalidFacts("to: siste måned er før første måned.", field="to")
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    if count > MAX_PERIOD_MONTHS:
        raise InvalidFacts(f"to: perioden kan være høyst {MAX_PERIOD_MONTHS} måneder.",
                           field="to")
    return [date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
            for i in range(count)]


def next_month(day: date) -> date:
    """Return the first day of the month after the month of ``day``."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(fra: date, til: date) -> list[date]:
    """Return the first day of every month the half-open period ``[fra, til)`` touches."""
    if til <= fra:
        return []
    return period_months(fra, til - timedelta(days=1))


def days_in(month: date, fra: date | None, til: date | None) -> int:
    """Return how many days of the month of ``month`` lie in ``[fra, til)`` (open ends: the
    whole month on that side)."""
    first = month.replace(day=1)
    nxt = next_month(first)
    start = max(first, fra) if fra else first
    end = min(nxt, til) if til else nxt
    return max((end - start).days, 0)


def prorate(belop: int, days: int, days_in_month: int) -> int:
    """Return ``belop`` for ``days`` of a month of ``days_in_month``, rounded to whole kroner
    with halves rounded up (the one convention for a part month: the payment plan, a decision
    calculated month by month, a reduction)."""
    if days >= days_in_month:
        return belop
    exact = Decimal(belop) * days / days_in_month
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_share(belop: int, month: date, fra: date | None, til: date | None) -> int:
    """Return what a whole-month amount ``belop`` pays for the days of ``month`` in
    ``[fra, til)``: the whole amount for a whole month, else its share by days."""
    first = month.replace(day=1)
    return prorate(belop, days_in(first, fra, til), (next_month(first) - first).days)


def month_shares(fra: date | None, til: date | None,
                 amounts: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    """Return what is paid for each month of ``[fra, til)`` given each month's whole-month
    amount: a month the period covers only partly pays its share by days."""
    return [(month, month_share(amount, month, fra, til)) for month, amount in amounts]


def calculate_livsopphold_period(
    *,
    household: Household,
    first_month: date,
    last_month: date,
    rules: Ruleset | None = None,
    kommune: str | None = None,
    assessment: IndividualAssessment | None = None,
    under_18: Under18Assessment | None = None,
) -> LivsoppholdPeriod:
    """Return livsopphold for each month from ``first_month`` to ``last_month`` (inclusive).

    Each month is its own calculation with the facts as they stand on its first day: the
    children's ages (a new age band, or 18 and out of the child rates), the applicant's age,
    and the rate set in force that month. The assessment applies to every month; an
    ``under_18`` assessment applies to the months before the applicant turns 18 (from then
    the adult rate applies). ``total`` is the sum of the months' paid (rounded) amounts.
    """
    rules = rules or load_ruleset()
    results: list[LivsoppholdResult] = []
    for month in period_months(first_month, last_month):
        minor = under_18
        # From the month the applicant is 18 the adult rate applies; in the first month an
        # assessment for an adult is refused by calculate_livsopphold.
        if minor is not None and results and (
                age_on(household.applicant.birth_date, month) >= adult_age(rules=rules,
                                                                            on=month)):
            minor = None
        results.append(calculate_livsopphold(household=household, month=month, rules=rules,
                                             kommune=kommune, assessment=assessment,
                                             under_18=minor))
    return LivsoppholdPeriod(tuple(results), sum(r.amount for r in results))


def period_as_json(period: LivsoppholdPeriod) -> dict[str, Any]:
    """Return a period as ``{"months": [result_as_json per month], "total": N}``."""
    return {"months": [result_as_json(r) for r in period.months], "total": period.total}


@dataclass(frozen=True)
class KvpPeriode:
    """Kvalifiseringsstønad for every month of a period, and the total."""

    months: tuple[KvpMaaned, ...]
    total: int


def kvp_periode(
    *,
    first_month: date,
    last_month: date,
    fodselsdato: date,
    deltakelse_fra: date,
    deltakelse_til: date | None = None,
    fravaer_uten_gyldig_grunn: Sequence[date] = (),
    barn: Sequence[date] = (),
    andre_inntekter: Mapping[date, Sequence[KvpInntekt]] | None = None,
    rules: Ruleset | None = None,
) -> KvpPeriode:
    """Return KVP for each month from ``first_month`` to ``last_month`` (inclusive): each month
    with the G in force on each of its days (G changes on 1 May), the age on each day (25th
    birthday) and the barnetillegg for the children under 18 on each day. ``andre_inntekter``
    maps a month's first day to that month's other income; absence days are given for the
    whole period and each month takes its own."""
    rules = rules or load_ruleset()
    income = andre_inntekter or {}
    months = []
    for month in period_months(first_month, last_month):
        nxt = next_month(month)
        months.append(kvp_maaned(
            month=month, fodselsdato=fodselsdato, deltakelse_fra=deltakelse_fra,
            deltakelse_til=deltakelse_til,
            fravaer_uten_gyldig_grunn=[d for d in fravaer_uten_gyldig_grunn if month <= d < nxt],
            barn=barn, andre_inntekter=income.get(month, ()), rules=rules))
    return KvpPeriode(tuple(months), sum(m.amount for m in months))
