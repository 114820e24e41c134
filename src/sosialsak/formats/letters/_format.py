"""Format amounts, dates and periods the Norwegian way, as a reader expects them in a letter."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
"""No-break space: keeps ``12 345 kr`` and ``1. mars 2024`` on one line."""

MINUS = "\u2212"

_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)


def kroner(amount: Decimal | int) -> str:
    """Return ``amount`` as Norwegian kroner: ``12 345 kr``, ``1 234,50 kr``, ``−500 kr``.

    Whole kroner are shown without decimals; øre are rounded half up to two decimals.
    Thousands are grouped with a no-break space, so the amount never breaks across lines.
    """
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = MINUS if value < 0 else ""
    value = abs(value)
    whole, ore = divmod(value, 1)
    grouped = f"{int(whole):,}".replace(",", NBSP)
    decimals = "" if ore == 0 else "," + f"{ore:.2f}"[2:]
    return f"{sign}{grouped}{decimals}{NBSP}kr"


def dato(day: date) -> str:
    """Return ``day`` written out: ``1. mars 2024``."""
    return f"{day.day}.{NBSP}{_MONTHS[day.month - 1]} {day.year}"


def maaned(day: date) -> str:
    """Return the month of ``day`` written out: ``mars 2024``."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def periode(fra: date, til: date) -> str:
    """Return a period in words: ``1. mars til 31. mars 2024`` (the year once when shared)."""
    if fra == til:
        return dato(fra)
    if fra.year == til.year:
        return f"{fra.day}.{NBSP}{_MONTHS[fra.month - 1]} til {dato(til)}"
    return f"{dato(fra)} til {dato(til)}"
