"""The builder's calculation in plain words, month by month (issue 12, item 3).

The rules' explanation lines carry parameter keys and sources for the record
(``render_for_caseworker``); the builder shows the caseworker what a letter reader would
understand: «Veiledende sats for enslig: 7 850 kr», «Minus lønn: 4 000 kr», «Husleie:
9 000 kr», each with its § reference, never ``veiledende_satser.livsopphold.enslig = 7850``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sosialsak.contexts.decisions.economy import (
    ENDRET,
    HOUSING_FIELDS,
    INCOME_FIELDS,
    Kilde,
    source_of,
)
from sosialsak.contexts.decisions.operations._builder import Built
from sosialsak.contexts.decisions.operations._inputs import VedtakUtkast
from sosialsak.rules.engine.explanation import ExplanationLine

PLUS, MINUS, INFO = "+", "-", ""


@dataclass(frozen=True)
class LineExplained:
    tekst: str  # the rule in words, without its sign («lønn» for «Minus lønn»)
    belop: Decimal  # ≥ 0; the sign is ``fortegn``
    fortegn: str  # PLUS, MINUS or INFO (no amount: e.g. barnetrygd is not counted)
    hjemmel: str
    detail: str = ""
    kind: str = ""  # the rules' line kind: «inntekt» reads «Minus lønn»


@dataclass(frozen=True)
class MonthExplained:
    month: date
    lines: tuple[LineExplained, ...]
    amount: int  # the month's amount before a part month's share (the month table has that)
    satser_fra: date | None = None  # the rate set in force that month
    satser_lag: str = ""  # stat, stat (registrert), kommune 0301
    utdatert: bool = False  # the rates are older than the next expected update


@dataclass(frozen=True)
class Figure:
    """One figure of the economy used in the calculation, and where it came from."""

    name: str  # the builder's field
    belop: int
    kilde: str  # economy.SOKNAD, KARTLEGGING or ENDRET
    dato: date | None = None  # the application's or the mapping's date


def _text(line: ExplanationLine) -> str:
    rule = line.rule
    if line.kind in ("sats_voksen", "sats_barn") and rule.startswith(("Veiledende", "Kommunal")):
        return rule.replace(", ", " for ", 1)  # «Veiledende sats for enslig»
    if line.kind == "bolig":
        return rule.removesuffix(", faktisk utgift")
    if line.kind == "inntekt":
        return rule.removesuffix(" trekkes fra").lower()
    return rule


def _line(line: ExplanationLine) -> LineExplained:
    amount = Decimal(line.amount)
    sign = INFO if amount == 0 else MINUS if amount < 0 else PLUS
    return LineExplained(_text(line), abs(amount), sign, line.hjemmel, line.detail, line.kind)


def explain_months(built: Built) -> list[MonthExplained]:
    """Return each month of the decision's calculation in words (livsopphold or KVP)."""
    if built.kvp is not None:
        return [MonthExplained(m.month, tuple(_line(x) for x in m.lines if x.kind != "resultat"),
                               m.amount) for m in built.kvp.months]
    months = built.period.months if built.period else ([built.result] if built.result else [])
    return [MonthExplained(
        r.month, tuple(_line(x) for x in r.lines if x.kind != "resultat"), r.amount,
        r.rate_set.valid_from, r.rate_set.layer, r.rate_set.stale) for r in months]


def figures(data: VedtakUtkast, prefill: dict[str, Kilde]) -> list[Figure]:
    """Return the economy's figures in the input (incomes by type, housing costs) with where
    each came from: as pre-filled, or changed by the caseworker."""
    by_type: dict[str, int] = {}
    for i in data.inntekter:
        by_type[i.type] = by_type.get(i.type, 0) + i.belop
    values = [(name, by_type.get(t.value, 0)) for name, t in INCOME_FIELDS]
    values += [(name, getattr(data, name)) for name, _ in HOUSING_FIELDS]
    out = []
    for name, value in values:
        given = prefill.get(name)
        if not value and given is None:
            continue
        kilde = source_of(name, value, prefill)
        out.append(Figure(name, value, kilde, given.dato if given and kilde != ENDRET else None))
    return out
