"""KVP barnetillegg and the reduction for other income and benefits (sosialtjenesteloven § 35).

* **Barnetillegg**: per child under 18 the participant supports, per weekday of participation
  (5 days a week), at the dated daily amount ``kvalifiseringsstonad.barnetillegg_per_dag``. The
  current amount is not confirmed by our sources (``verified: false``); the explanation says so
  and the municipality confirms it by adding a dated value. A child counts on the days it is
  under 18. Barnetillegg is not reduced by absence or other income (our reading; the sources
  speak only of the benefit itself).
* **Reduction**: other income and benefits in the month reduce the benefit krone for krone when
  the dated parameter ``kvalifiseringsstonad.inntekt_reduserer`` says the type reduces it
  (dagpenger, sykepenger, foreldrepenger, earned income …; not bostøtte, barnebidrag,
  barnetrygd, kontantstøtte, engangsstønad or expense support for tiltak). The benefit is never
  reduced below 0.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sosialsak.rules.engine.explanation import ExplanationLine
from sosialsak.rules.engine.ruleset import Ruleset
from sosialsak.rules.errors import InvalidFacts, InvalidParameterFile
from sosialsak.rules.household import age_on
from sosialsak.rules.money import format_kr, to_ore_decimal

P = "kvalifiseringsstonad."
CHILD_AGE = 18


class KvpInntektType(enum.StrEnum):
    ARBEIDSINNTEKT = "arbeidsinntekt"
    DAGPENGER = "dagpenger"
    SYKEPENGER = "sykepenger"
    FORELDREPENGER = "foreldrepenger"
    ANNEN_YTELSE = "annen_ytelse"
    BOSTOTTE = "bostotte"
    BARNEBIDRAG = "barnebidrag"
    BARNETRYGD = "barnetrygd"
    KONTANTSTOTTE = "kontantstotte"
    ENGANGSSTONAD = "engangsstonad"
    TILTAK_UTGIFTSDEKNING = "tiltak_utgiftsdekning"


@dataclass(frozen=True)
class KvpInntekt:
    """Other income or a benefit the participant has in the month, in kroner (≥ 0)."""

    type: KvpInntektType
    belop: Decimal


def barnetillegg(
    *, days: Iterable[date], barn: Sequence[date], first: date, rules: Ruleset
) -> tuple[Fraction, list[ExplanationLine]]:
    """Return the month's barnetillegg for the participation ``days`` and its lines."""
    child_days = sum(1 for d in days for born in barn if born <= d and age_on(born, d) < CHILD_AGE)
    if not child_days:
        return Fraction(0), []
    rate = rules.value(P + "barnetillegg_per_dag", on=first)
    amount = Fraction(rate.as_int()) * child_days
    note = "" if rate.verified else (
        f" Satsen er ikke verifisert ({rate.source}); kommunen må bekrefte den.")
    line = ExplanationLine.from_parameter(
        kind="kvp_barnetillegg",
        rule=f"Barnetillegg: {child_days} barnedager × {format_kr(Decimal(rate.as_int()))}",
        hjemmel=rules.hjemmel("sotjl.kvp_barnetillegg", on=first).text,
        amount=to_ore_decimal(amount), used=rate,
        detail=f"per barn under 18 år per ukedag i programmet.{note}".strip())
    return amount, [line]


def inntekt_reduksjon(
    *, inntekter: Sequence[KvpInntekt], first: date, rules: Ruleset
) -> tuple[Fraction, list[ExplanationLine]]:
    """Return the reduction for other income in the month (before the floor at 0) and lines."""
    used = rules.value(P + "inntekt_reduserer", on=first)
    table = used.value
    if not isinstance(table, Mapping):
        raise InvalidParameterFile(f"{P}inntekt_reduserer: expected a mapping")
    hj = rules.hjemmel("sotjl.kvp_reduksjon_inntekt", on=first).text
    total = Fraction(0)
    lines = []
    for i, item in enumerate(inntekter):
        if item.belop < 0:
            raise InvalidFacts(f"andre_inntekter[{i}].belop: beløpet kan ikke være negativt.",
                               field=f"andre_inntekter[{i}].belop")
        reduces = table.get(KvpInntektType(item.type).value)
        if not isinstance(reduces, bool):
            raise InvalidParameterFile(f"{P}inntekt_reduserer: no true/false for {item.type}")
        if reduces:
            total += Fraction(item.belop)
            lines.append(ExplanationLine.from_parameter(
                kind="kvp_reduksjon", rule=f"{item.type.value} reduserer stønaden krone for "
                "krone", hjemmel=hj, amount=-item.belop, used=used))
        else:
            lines.append(ExplanationLine.from_parameter(
                kind="kvp_inntekt_holdes_utenfor", rule=f"{item.type.value} reduserer ikke "
                "stønaden", hjemmel=hj, amount=Decimal(0), used=used,
                detail=f"{format_kr(item.belop)} holdes utenfor"))
    return total, lines
