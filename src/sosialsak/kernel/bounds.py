"""The one place for the ranges of dates and numbers the system accepts (issue 10).

Every way in (forms, API schemas, CLI arguments, operations) checks its input against these, so a
far-future date or a twenty-digit number is refused with a message naming the field instead of
being stored and breaking a list for others later. Pure Python: the rules, formats and every
interface may use it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sosialsak.kernel.errors import ValidationFailed

# Dates in a case (received, decided, paid, deadlines, periods): the system holds no case from
# before 2000, and nothing is planned beyond 2099.
EARLIEST_CASE_DATE = date(2000, 1, 1)
LATEST_CASE_DATE = date(2099, 12, 31)
# A receipt (mottatt) may lie a little ahead of the server's clock (clock skew, time zones).
RECEIPT_MAX_AHEAD = timedelta(days=1)
# Birth dates: nobody alive was born before 1900, and nobody is born in the future.
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
# Whole numbers: ids fit a 64-bit key; amounts in kroner and day counts have sane ceilings.
MAX_ID = 2**63 - 1
MAX_AMOUNT_KR = 100_000_000
MAX_DAYS = 365  # a deadline or a window counted in days


class OutOfRange(ValidationFailed):
    code = "out_of_range"


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def check_case_date(value: date | datetime, *, field: str) -> None:
    """Refuse a case date before 2000 or after 2099 (``field`` names it in the message)."""
    day = _day(value)
    if not EARLIEST_CASE_DATE <= day <= LATEST_CASE_DATE:
        raise OutOfRange(
            f"{field}: datoen må ligge mellom {EARLIEST_CASE_DATE:%d.%m.%Y} og "
            f"{LATEST_CASE_DATE:%d.%m.%Y}.", field=field)


def check_received(value: datetime, *, now: datetime, field: str = "mottatt_at") -> None:
    """Refuse a receipt time before 2000 or more than a day after ``now``."""
    check_case_date(value, field=field)
    if value > now + RECEIPT_MAX_AHEAD:
        raise OutOfRange(f"{field}: mottatt-tidspunktet kan ikke ligge fram i tid.", field=field)


def check_birth_date(value: date, *, today: date, field: str) -> None:
    """Refuse a birth date before 1900 or after ``today``."""
    if not EARLIEST_BIRTH_DATE <= value <= today:
        raise OutOfRange(
            f"{field}: fødselsdatoen må ligge mellom {EARLIEST_BIRTH_DATE:%d.%m.%Y} og i dag.",
            field=field)


def check_int(value: int, *, field: str, low: int = 0, high: int = MAX_AMOUNT_KR) -> None:
    """Refuse a whole number outside [low, high]."""
    if not low <= value <= high:
        raise OutOfRange(f"{field}: tallet må ligge mellom {low} og {high}.", field=field)


def is_id(value: int) -> bool:
    """True when ``value`` can be a database id (a positive 64-bit number)."""
    return 0 < value <= MAX_ID


def in_case_range(value: date) -> bool:
    return EARLIEST_CASE_DATE <= value <= LATEST_CASE_DATE


def parse_case_date(raw: str, *, field: str) -> date:
    """Parse ÅÅÅÅ-MM-DD and check it is a case date; raise OutOfRange naming ``field``."""
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise OutOfRange(f"{field}: skriv datoen som ÅÅÅÅ-MM-DD.", field=field) from None
    if len(raw.strip()) != 10:  # fromisoformat also takes 20240101; the form says ÅÅÅÅ-MM-DD
        raise OutOfRange(f"{field}: skriv datoen som ÅÅÅÅ-MM-DD.", field=field)
    check_case_date(day, field=field)
    return day


def parse_id(raw: str) -> int | None:
    """Return ``raw`` as an id, or None unless it is plain ASCII digits within ``MAX_ID``.

    ``str.isdigit`` alone is not enough: it is true for "²" and other digits ``int`` refuses.
    """
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if is_id(value) else None


def clamp_case_date(value: date) -> date:
    """Hold a stored date inside the case range, for computations that must never raise (a
    deadline shown in a list); input is refused by the checks above, this is the safety net."""
    return min(max(value, EARLIEST_CASE_DATE), LATEST_CASE_DATE)


_LAST_SHOWN = datetime(9999, 12, 30, tzinfo=UTC)


def shown_at(at: datetime) -> datetime:
    """A stored time a page can show: one at the very end of the calendar (which no longer
    fits once turned into Norwegian time) is held a day earlier, so the list still renders."""
    return min(at, _LAST_SHOWN) if at.tzinfo is not None else at
