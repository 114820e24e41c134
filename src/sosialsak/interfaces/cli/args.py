"""Argument types for the commands, bounded by ``kernel.bounds`` (issue 10).

Used as ``type=`` in ``add_argument``: a bad value stops the command with a message naming the
argument (argparse adds it) and exit status 2, before anything is read or written.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

from sosialsak.kernel import bounds
from sosialsak.kernel.errors import DomainError


def calendar_date(raw: str) -> date | None:
    """Return the date of a strict ÅÅÅÅ-MM-DD that exists in the calendar, else None (no
    range check: :func:`case_date` adds it)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def case_date(raw: str) -> date:
    """A date ÅÅÅÅ-MM-DD within the case range (2000–2099)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise argparse.ArgumentTypeError(f"ugyldig dato {raw[:30]!r}; bruk ÅÅÅÅ-MM-DD.")
    try:
        return bounds.parse_case_date(raw, field="dato")
    except DomainError as exc:
        raise argparse.ArgumentTypeError(f"datoen {raw!r} finnes ikke eller ligger utenfor "
                                         f"{bounds.EARLIEST_CASE_DATE.year}–"
                                         f"{bounds.LATEST_CASE_DATE.year}.") from exc


def case_month(raw: str) -> date:
    """A month ÅÅÅÅ-MM within the case range, as its first day."""
    if not re.fullmatch(r"\d{4}-\d{2}", raw):
        raise argparse.ArgumentTypeError("skriv måneden som ÅÅÅÅ-MM, f.eks. 2024-03.")
    return case_date(f"{raw}-01")


def record_id(raw: str) -> int:
    """An id: plain digits, at most ``bounds.MAX_ID``."""
    value = bounds.parse_id(raw)
    if value is None:
        raise argparse.ArgumentTypeError(f"skriv et helt, positivt tall, ikke {raw[:30]!r}.")
    return value


def small_count(raw: str, high: int = 64) -> int:
    """A small positive count (worker processes)."""
    value = bounds.parse_id(raw)
    if value is None or value > high:
        raise argparse.ArgumentTypeError(f"skriv et tall fra 1 til {high}.")
    return value


def report_year(raw: str) -> int:
    """A reporting year within the case range."""
    if not re.fullmatch(r"\d{4}", raw) or not (
            bounds.EARLIEST_CASE_DATE.year <= int(raw) <= bounds.LATEST_CASE_DATE.year):
        raise argparse.ArgumentTypeError(
            f"skriv et årstall fra {bounds.EARLIEST_CASE_DATE.year} til "
            f"{bounds.LATEST_CASE_DATE.year}, ikke {raw[:30]!r}.")
    return int(raw)


def kommunenummer(raw: str) -> str:
    """A kommunenummer: four digits."""
    if not re.fullmatch(r"\d{4}", raw):
        raise argparse.ArgumentTypeError(f"kommunenummer er fire siffer, ikke {raw[:30]!r}.")
    return raw


def bydelsnummer(raw: str) -> str:
    """An Oslo bydel: two digits."""
    if not re.fullmatch(r"\d{2}", raw):
        raise argparse.ArgumentTypeError(f"bydelsnummer er to siffer, ikke {raw[:30]!r}.")
    return raw
