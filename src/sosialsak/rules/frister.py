"""Statutory deadlines, each with the rule that set it.

* **Foreløpig svar** (forvaltningsloven 1967 § 11 a; new act § 17): when an application cannot be
  answered within one month of receipt, a preliminary reply is due by then.
* **Klagefrist** (fvl. 1967 § 29; new act § 63): three weeks from when notice of the decision
  reached the party.
* **Dokumentasjonsfrist**: set by the caseworker (a date, or a number of days from the request).

Counting follows domstolloven § 148 (used by analogy): a deadline in weeks or months ends on the
day with the same name or number as the starting day, or on the last day of a shorter month; a
deadline in days does not count the starting day. By § 149, a deadline ending on a Saturday,
Sunday or public holiday (helligdag, 1 May, 17 May) moves to the next working day; Norwegian
holidays come from the ``holidays`` package. The § numbers are dated data, so the switch to
LOV-2025-06-20-81 needs no code change.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

from sosialsak.kernel.bounds import (
    EARLIEST_CASE_DATE,
    LATEST_CASE_DATE,
    MAX_DAYS,
    clamp_case_date,
    in_case_range,
)
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidFacts


@dataclass(frozen=True)
class Frist:
    """A deadline: when it falls, the rule, and how it was counted (one sentence per step)."""

    kind: str
    due: date
    start: date
    hjemmel: str
    rule: str
    steps: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return f"{self.rule} ({self.hjemmel}). " + " ".join(self.steps)


@cache
def _holidays(year: int) -> dict[date, str]:
    return dict(holidays.Norway(years=year, language="no"))


def non_working_reason(day: date) -> str | None:
    """Return why ``day`` is not a working day (``lørdag``, ``søndag``, holiday name), or None."""
    name = _holidays(day.year).get(day)
    if name:
        return name.lower()
    if day.weekday() == 5:
        return "lørdag"
    if day.weekday() == 6:
        return "søndag"
    return None


def next_working_day(day: date) -> tuple[date, tuple[str, ...]]:
    """Return the first working day on or after ``day`` and the reasons for each skipped day."""
    skipped = []
    while day < date.max and (reason := non_working_reason(day)) is not None:
        skipped.append(f"{day:%d.%m.%Y} er {reason}")
        day += timedelta(days=1)
    return day, tuple(skipped)


def add_days(start: date, days: int) -> date:
    """Return ``start`` plus ``days``, held within the calendar (never OverflowError), so that a
    stored far-off date cannot break a list that computes deadlines (issue 10)."""
    try:
        return start + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def add_months(start: date, months: int) -> date:
    """Return the same day ``months`` later, or the last day of that month (domstolloven § 148).

    Held within the calendar: past year 9999 gives ``date.max``, before year 1 ``date.min``, so a
    stored far-off date never makes a deadline computation raise (issue 10)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _finish(
    *, kind: str, start: date, raw: date, rules: Ruleset, hjemmel_key: str, rule: str,
    counted: str,
) -> Frist:
    hjemmel = rules.hjemmel(hjemmel_key, on=start).text
    moved_rule = rules.hjemmel("dl.frist_helligdag", on=start).text
    due, skipped = next_working_day(raw)
    steps = [counted]
    if skipped:
        steps.append(f"Fristen flyttes til neste virkedag {due:%d.%m.%Y} fordi "
                     f"{', '.join(skipped)} ({moved_rule}, brukt tilsvarende).")
    return Frist(kind, due, start, hjemmel, rule, tuple(steps))


def forelopig_svar(*, mottatt: date, rules: Ruleset | None = None) -> Frist:
    """Return when a preliminary reply is due for an application received on ``mottatt``."""
    rules = rules or load_ruleset()
    months = rules.integer("frister.forelopig_svar_maneder", on=mottatt)
    raw = add_months(mottatt, months)
    return _finish(
        kind="forelopig_svar", start=mottatt, raw=raw, rules=rules,
        hjemmel_key="fvl.forelopig_svar",
        rule="Kan søknaden ikke besvares innen én måned etter at den kom inn, skal søkeren få et "
             "foreløpig svar med grunnen og når svar kan ventes",
        counted=f"Søknaden kom inn {mottatt:%d.%m.%Y}; én måned senere er {raw:%d.%m.%Y}.",
    )


def forelopig_svar_frist(*, mottatt: date, rules: Ruleset | None = None) -> date:
    """Return just the due date of the preliminary reply (see ``forelopig_svar``).

    Lists call this for every open application, so a stored receipt date outside the case range
    is held inside it (``kernel.bounds.clamp_case_date``) instead of breaking the list."""
    if rules is None:
        return _baseline_forelopig_svar_frist(clamp_case_date(mottatt))
    return forelopig_svar(mottatt=clamp_case_date(mottatt), rules=rules).due


@lru_cache(maxsize=4096)
def _baseline_forelopig_svar_frist(mottatt: date) -> date:
    # The baseline rule set is loaded once per process (``load_ruleset`` is cached), so its
    # deadline for a day never changes: a 100-row list computes each day once (issue 13).
    return forelopig_svar(mottatt=mottatt).due


def klagefrist(*, kom_fram: date, rules: Ruleset | None = None) -> Frist:
    """Return the appeal deadline for a decision that reached the party on ``kom_fram``.

    With digital delivery the new act (§ 63) counts the decision as reached when the
    notification is sent; pass that date as ``kom_fram``.
    """
    rules = rules or load_ruleset()
    weeks = rules.integer("frister.klagefrist_uker", on=kom_fram)
    raw = add_days(kom_fram, 7 * weeks)
    return _finish(
        kind="klagefrist", start=kom_fram, raw=raw, rules=rules, hjemmel_key="fvl.klagefrist",
        rule=f"Klagefristen er {weeks} uker fra vedtaket kom fram til parten",
        counted=f"Vedtaket kom fram {kom_fram:%d.%m.%Y}; {weeks} uker senere er "
                f"{raw:%d.%m.%Y}.",
    )


@dataclass(frozen=True)
class KomFram:
    """When a decision is taken to have reached the person, and why (one sentence)."""

    dato: date
    kjent: bool  # the actual date of arrival is known
    forklaring: str


def kom_fram(
    *, kanal: str, sendt: date, mottatt: date | None = None, rules: Ruleset | None = None,
) -> KomFram:
    """Return when a decision sent on ``sendt`` by ``kanal`` (DIGITAL, POST, UTLEVERT) reached
    the person (fvl 1967 § 29: the deadline runs from when notice *came forward*).

    A known date of arrival (``mottatt``) counts. Otherwise: handed over at the office, that
    day; digital (nav.no), the day it was made available and the notification sent (new act
    § 63 second sentence says so expressly; we use the same for the 1967 act); by post, the
    sending day plus ``frister.postgang_dager`` (a conservative local estimate, not law).
    Never the decision date as such: a decision made but not sent has not come forward.
    """
    if mottatt is not None:
        if mottatt < sendt:
            raise InvalidFacts("Vedtaket kan ikke ha kommet fram før det ble sendt.",
                               field="mottatt_dato")
        return KomFram(mottatt, True, f"Personen fikk vedtaket {mottatt:%d.%m.%Y}.")
    if kanal == "UTLEVERT":
        return KomFram(sendt, True, f"Vedtaket ble gitt personen {sendt:%d.%m.%Y}.")
    if kanal == "DIGITAL":
        return KomFram(sendt, False, f"Vedtaket ble gjort tilgjengelig digitalt og varslet "
                       f"{sendt:%d.%m.%Y}; det regnes som kommet fram da.")
    if kanal == "POST":
        rules = rules or load_ruleset()
        days = rules.integer("frister.postgang_dager", on=sendt)
        day = sendt + timedelta(days=days)
        return KomFram(day, False, f"Vedtaket ble sendt i posten {sendt:%d.%m.%Y}; uten kjent "
                       f"mottaksdato regner vi det som kommet fram {days} dager senere, "
                       f"{day:%d.%m.%Y}.")
    raise InvalidFacts(f"ukjent forsendelse «{kanal}».", field="forsendelse")


def klage_i_tide(*, klagefrist: date, mottatt: date, sendt: date | None = None) -> bool:
    """Return whether an appeal is in time: received, or posted or sent, by the deadline
    (fvl 1967 § 30: an appeal handed to the post before the deadline is in time even if it
    arrives later)."""
    return min(mottatt, sendt or mottatt) <= klagefrist


def dokumentasjonsfrist(
    *, sendt: date, dager: int | None = None, frist: date | None = None,
    rules: Ruleset | None = None,
) -> Frist:
    """Return the documentation deadline for a request sent on ``sendt``.

    The caseworker sets it as a number of ``dager`` (the sending day not counted) or as a date
    ``frist``; with neither, the suggested default (``frister.dokumentasjon_standard_dager``) is
    used. Raise InvalidFacts if the deadline would be on or before the sending day.
    """
    rules = rules or load_ruleset()
    if frist is not None and dager is not None:
        raise InvalidFacts("Oppgi enten antall dager eller en dato, ikke begge.", field="dager")
    if dager is not None and not 1 <= dager <= MAX_DAYS:  # issue 10: dager=4000000 broke it
        raise InvalidFacts(f"Antall dager må ligge mellom 1 og {MAX_DAYS}.", field="dager")
    if frist is not None and not in_case_range(frist):
        raise InvalidFacts(f"Fristen må ligge mellom {EARLIEST_CASE_DATE:%d.%m.%Y} og "
                           f"{LATEST_CASE_DATE:%d.%m.%Y}.", field="frist")
    if frist is None:
        if dager is None:
            dager = rules.integer("frister.dokumentasjon_standard_dager", on=sendt)
        raw = add_days(sendt, dager)
        counted = (f"Kravet ble sendt {sendt:%d.%m.%Y}; {dager} dager senere er "
                   f"{raw:%d.%m.%Y}.")
    else:
        raw = frist
        counted = f"Saksbehandler satte fristen til {raw:%d.%m.%Y}."
    if raw <= sendt:
        raise InvalidFacts("Fristen må være etter datoen kravet ble sendt.", field="frist")
    return _finish(
        kind="dokumentasjon", start=sendt, raw=raw, rules=rules,
        hjemmel_key="fvl.utredningsplikt",
        rule="Frist for å sende dokumentasjon, satt av saksbehandler for å opplyse saken",
        counted=counted,
    )
