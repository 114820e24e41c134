"""Kvalifiseringsprogram and kvalifiseringsstønad (sosialtjenesteloven §§ 29–39).

* **Right** (§ 29, from 1 January 2019): working age from 18, substantially reduced work and
  earning capacity, no or very limited income-replacement benefits, and an assessment of work
  capacity (arbeidsevnevurdering) made. The upper age (67) is our reading of "working age".
* **Benefit** (§ 35): 2 G per year; participants under 25 get 2/3. The G is the one in force on
  each day (G changes on 1 May), and the age on each day decides the share.
* **Daily and monthly amounts — the divisor.** dagsats = yearly amount / 260 (5 weekdays × 52
  weeks; parameter ``kvalifiseringsstonad.dager_per_ar``). A full month of participation at one
  yearly amount pays yearly / 12. A partial month — or a month in which the yearly amount changes
  (25th birthday) — pays one dagsats for each weekday (Monday–Friday, holidays included)
  of participation, but never more than a full month at the highest yearly amount in it.
  A month counts as full when the person takes part on every weekday of it (starting on the
  Monday after a weekend 1st is a full month).
* **Absence** (§ 36): each weekday of unexcused absence deducts one dagsats; never below 0.
  Sick leave with a self-declaration or doctor's note is not unexcused absence.
* **Length** (§ 30): up to 2 years while the conditions are met; extendable by up to 1 year
  in special cases (so at most 3 years). Periods are half-open: [start, slutt).

Amounts are exact fractions; the month's total is rounded half up to whole kroner.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from sosialsak.rules.engine.explanation import ExplanationLine
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidFacts
from sosialsak.rules.frister import add_months
from sosialsak.rules.household import age_on, first_of_month
from sosialsak.rules.kvp_tillegg import KvpInntekt, KvpInntektType, barnetillegg, inntekt_reduksjon
from sosialsak.rules.money import round_kroner, to_ore_decimal
from sosialsak.rules.vilkar import Sjekk

P = "kvalifiseringsstonad."


class AndreYtelser(enum.StrEnum):
    """The applicant's income-replacement benefits under folketrygdloven/arbeidsmarkedsloven."""

    INGEN = "ingen"
    SVART_BEGRENSET = "svart_begrenset"
    ANDRE = "andre"


@dataclass(frozen=True)
class Sjekkliste:
    items: tuple[Sjekk, ...]

    @property
    def oppfylt(self) -> bool:
        return all(item.ok for item in self.items)


def kvp_inngangsvilkar(
    *, fodselsdato: date, on: date, vesentlig_nedsatt_arbeidsevne: bool,
    andre_ytelser: AndreYtelser, arbeidsevnevurdering: bool, rules: Ruleset | None = None,
) -> Sjekkliste:
    """Return the § 29 eligibility checklist on ``on``; every item explains itself."""
    rules = rules or load_ruleset()
    hj = rules.hjemmel("sotjl.kvp_rett", on=on).text
    lo = rules.integer(P + "alder_min", on=on)
    hi = rules.integer(P + "alder_maks", on=on)
    age = age_on(fodselsdato, on)
    age_ok = lo <= age < hi
    return Sjekkliste((
        Sjekk("KVP_ALDER", age_ok, True, f"Søkeren er {age} år; programmet er for personer i "
              f"yrkesaktiv alder fra {lo} år (under {hi}).", hj),
        Sjekk("KVP_ARBEIDSEVNE", vesentlig_nedsatt_arbeidsevne, True,
              "Arbeids- og inntektsevnen er vesentlig nedsatt." if vesentlig_nedsatt_arbeidsevne
              else "Arbeids- og inntektsevnen må være vesentlig nedsatt.", hj),
        Sjekk("KVP_ANDRE_YTELSER", andre_ytelser is not AndreYtelser.ANDRE, True,
              "Søkeren har ingen eller svært begrensede ytelser etter folketrygdloven eller "
              "arbeidsmarkedsloven." if andre_ytelser is not AndreYtelser.ANDRE else
              "Søkeren har andre ytelser som ikke er svært begrensede; da er det ikke rett til "
              "programmet.", hj),
        Sjekk("KVP_ARBEIDSEVNEVURDERING", arbeidsevnevurdering, True,
              "Arbeidsevnevurdering er gjort." if arbeidsevnevurdering else
              "Det må være gjort en arbeidsevnevurdering.", hj),
    ))


@dataclass(frozen=True)
class KvpSats:
    """The yearly, monthly and daily amounts on a date, exact."""

    on: date
    grunnbelop: int
    grunnbelop_fra: date
    andel: Fraction
    aarlig: Fraction
    maanedlig: Fraction
    dagsats: Fraction
    divisor: int


def kvp_sats(*, on: date, fodselsdato: date, rules: Ruleset | None = None) -> KvpSats:
    """Return the KVP amounts on ``on`` for a participant born ``fodselsdato``.

    Raise ParameterNotFound before 2019-05-01 (the first G in our table).
    """
    rules = rules or load_ruleset()
    g = rules.value("grunnbelop", on=on)
    antall = rules.fraction(P + "antall_g_per_ar", on=on)
    grense = rules.integer(P + "aldersgrense_redusert_sats", on=on)
    andel = (rules.fraction(P + "andel_under_25", on=on)
             if age_on(fodselsdato, on) < grense else Fraction(1))
    divisor = rules.integer(P + "dager_per_ar", on=on)
    aarlig = antall * g.as_int() * andel
    return KvpSats(on, g.as_int(), g.valid_from, andel, aarlig, aarlig / 12,
                   aarlig / divisor, divisor)


@dataclass(frozen=True)
class KvpMaaned:
    month: date
    amount: int
    full_month: bool
    dager: int
    fravaersdager: int
    lines: tuple[ExplanationLine, ...]
    barnetillegg: Decimal = Decimal(0)
    inntekt_trukket: Decimal = Decimal(0)


def _weekdays(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)
            if (start + timedelta(days=i)).weekday() < 5]


def kvp_maaned(
    *, month: date, fodselsdato: date, deltakelse_fra: date, deltakelse_til: date | None = None,
    fravaer_uten_gyldig_grunn: Sequence[date] = (), rules: Ruleset | None = None,
    barn: Sequence[date] = (), andre_inntekter: Sequence[KvpInntekt] = (),
) -> KvpMaaned:
    """Return kvalifiseringsstønad for ``month`` (see the module docstring for the method).

    ``deltakelse_til`` is exclusive (the first day no longer in the programme). ``barn`` are
    the birth dates of the children the participant supports (barnetillegg), and
    ``andre_inntekter`` the month's other income and benefits (reduction, § 35); see
    ``kvp_tillegg``.
    """
    rules = rules or load_ruleset()
    first = first_of_month(month)
    nxt = add_months(first, 1)
    start, end = max(deltakelse_fra, first), min(deltakelse_til or nxt, nxt)
    hj = rules.hjemmel("sotjl.kvp_stonad", on=first).text
    days = _weekdays(start, end) if start < end else []
    rates = {d: kvp_sats(on=d, fodselsdato=fodselsdato, rules=rules) for d in days}
    lines: list[ExplanationLine] = []
    for sats in {(r.grunnbelop, r.andel): r for r in rates.values()}.values():
        g = rules.value("grunnbelop", on=sats.on)
        share = "" if sats.andel == 1 else f" × {sats.andel} (under 25 år)"
        antall = sats.aarlig / sats.andel / sats.grunnbelop
        lines.append(ExplanationLine.from_parameter(
            kind="kvp_sats",
            rule=f"{antall} G per år{share}: {round_kroner(sats.aarlig)} kr; "
                 f"dagsats = årsbeløp / {sats.divisor}",
            hjemmel=hj, amount=to_ore_decimal(sats.aarlig), used=g,
            detail=f"dagsats {round_kroner(sats.dagsats)} kr, full måned "
                   f"{round_kroner(sats.maanedlig)} kr"))
    full = days == _weekdays(first, nxt) and len({r.aarlig for r in rates.values()}) == 1
    if full:
        base = next(iter(rates.values())).maanedlig
        lines.append(ExplanationLine(kind="kvp_maaned", rule="Full måned: årsbeløp / 12",
                                     hjemmel=hj, amount=to_ore_decimal(base)))
    elif days:
        by_day = sum((r.dagsats for r in rates.values()), Fraction(0))
        cap = max(r.maanedlig for r in rates.values())
        base = min(by_day, cap)
        lines.append(ExplanationLine(
            kind="kvp_delmaaned", rule=f"Del av måned: {len(days)} dager × dagsats", hjemmel=hj,
            amount=to_ore_decimal(base),
            detail=f"deltakelse {start.isoformat()}–{(end - timedelta(days=1)).isoformat()}"
                   + (", begrenset til full måned" if by_day > cap else "")))
    else:
        base = Fraction(0)
    absent = sorted({d for d in fravaer_uten_gyldig_grunn if d.weekday() < 5})
    outside = [d for d in absent if d not in rates]
    if outside:
        raise InvalidFacts(f"fravaer: {outside[0].isoformat()} er ikke en deltakelsesdag i "
                           f"{first.strftime('%Y-%m')}.", field="fravaer_uten_gyldig_grunn")
    reduction = sum((rates[d].dagsats for d in absent), Fraction(0))
    if absent:
        lines.append(ExplanationLine(
            kind="kvp_fravaer",
            rule=f"Trekk for {len(absent)} dag{'er' if len(absent) != 1 else ''} ugyldig fravær",
            hjemmel=rules.hjemmel("sotjl.kvp_fravaer", on=first).text,
            amount=-to_ore_decimal(reduction)))
    income, income_lines = inntekt_reduksjon(inntekter=andre_inntekter, first=first, rules=rules)
    lines += income_lines
    stonad = max(Fraction(0), base - reduction - income)
    if stonad != base - reduction - income:
        lines.append(ExplanationLine(
            kind="ikke_under_null", rule="Stønaden kan ikke bli lavere enn 0 kr", hjemmel=hj,
            amount=to_ore_decimal(stonad - (base - reduction - income))))
    tillegg, tillegg_lines = barnetillegg(days=days, barn=barn, first=first, rules=rules)
    lines += tillegg_lines
    amount = round_kroner(stonad + tillegg)
    lines.append(ExplanationLine(kind="resultat", rule="Kvalifiseringsstønad for måneden",
                                 hjemmel=hj, amount=to_ore_decimal(Fraction(amount))))
    return KvpMaaned(first, amount, full, len(days), len(absent), tuple(lines),
                     to_ore_decimal(tillegg), to_ore_decimal(income))


@dataclass(frozen=True)
class ProgramPeriode:
    start: date
    ordinaer_slutt: date
    maks_slutt: date


def kvp_programperiode(*, start: date, rules: Ruleset | None = None) -> ProgramPeriode:
    """Return the ordinary end (2 years) and the latest end with extension (3 years)."""
    rules = rules or load_ruleset()
    ordinary = rules.integer(P + "programlengde_maneder", on=start)
    extra = rules.integer(P + "forlengelse_maneder", on=start)
    return ProgramPeriode(start, add_months(start, ordinary), add_months(start, ordinary + extra))


def sjekk_programlengde(
    *, start: date, slutt: date, forlengelse_begrunnelse: str = "", vilkar_oppfylt: bool = True,
    rules: Ruleset | None = None,
) -> Sjekk:
    """Check a programme period [start, slutt) against the § 30 length rules."""
    rules = rules or load_ruleset()
    if slutt <= start:
        raise InvalidFacts("slutt: programmet må slutte etter at det starter.", field="slutt")
    hj = rules.hjemmel("sotjl.kvp_varighet", on=start).text
    periode = kvp_programperiode(start=start, rules=rules)
    code = "KVP_PROGRAMLENGDE"
    if not vilkar_oppfylt:
        return Sjekk(code, False, True, "Programmet kan bare løpe så lenge vilkårene for "
                     "deltakelse er oppfylt.", hj)
    if slutt <= periode.ordinaer_slutt:
        return Sjekk(code, True, True, "Programmet er innenfor 2 år.", hj)
    if slutt <= periode.maks_slutt:
        if forlengelse_begrunnelse.strip():
            return Sjekk(code, True, True, "Programmet er forlenget ut over 2 år i et særlig "
                         f"tilfelle: {forlengelse_begrunnelse.strip()}", hj)
        return Sjekk(code, False, True, "Programmet varer mer enn 2 år. Forlengelse med inntil "
                     "1 år krever særlige grunner; skriv begrunnelsen.", hj)
    last = (periode.maks_slutt - timedelta(days=1)).isoformat()
    return Sjekk(code, False, True, f"Programmet kan vare i høyst 3 år med forlengelse (siste "
                 f"dag {last}).", hj)


__all__ = ["AndreYtelser", "KvpInntekt", "KvpInntektType", "KvpMaaned", "KvpSats", "ProgramPeriode",
           "Sjekkliste", "kvp_inngangsvilkar", "kvp_maaned", "kvp_programperiode", "kvp_sats",
           "sjekk_programlengde"]
