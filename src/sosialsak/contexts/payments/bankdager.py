"""Norwegian bank days: the calendar payment due dates are moved on.

A bank day is a weekday that is neither a public holiday (``holidays.Norway``: 1 January,
Maundy Thursday, Good Friday, Easter Monday, 1 May, Ascension Day, 17 May, Whit Monday,
25 and 26 December) nor Christmas Eve or New Year's Eve, when Norges Bank's settlement system
and the banks do not settle payments. Pure Python: no Django, no clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# Not public holidays, but no payment is settled on these days.
_BANK_CLOSED = {(12, 24), (12, 31)}


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Norway(years=year))


def is_bank_day(day: date) -> bool:
    """Return whether a payment can be settled on ``day``."""
    return (day.weekday() < 5 and (day.month, day.day) not in _BANK_CLOSED
            and day not in _holidays(day.year))


def previous_bank_day(day: date) -> date:
    """Return ``day`` if it is a bank day, else the nearest bank day before it."""
    while not is_bank_day(day):
        day -= timedelta(days=1)
    return day


def next_bank_day(day: date) -> date:
    """Return ``day`` if it is a bank day, else the nearest bank day after it."""
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day
