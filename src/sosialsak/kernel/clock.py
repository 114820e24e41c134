"""Time is injected: the domain never reads the clock itself, so tests and audits can replay it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(tz=UTC)


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def local_date(at: datetime) -> date:
    """Return the Norwegian calendar date of an aware datetime.

    Never raises for a stored value at the edge of the calendar (9999-12-31 23:30 UTC is past
    year 9999 in Oslo): such a value stays on its own date, so no list breaks (issue 10)."""
    try:
        return at.astimezone(OSLO).date()
    except OverflowError:
        return at.date()
