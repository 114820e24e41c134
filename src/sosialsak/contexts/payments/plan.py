"""The payment plan of a granted decision, as pure policy over frozen dataclasses.

The rules, in the order they apply:

1. **One-off (ENGANGS).** One payment of the whole amount. It falls due on the date asked for,
   else on the first day of the decision's period, else as soon as possible.
2. **Monthly (MANEDLIG).** ``belop`` is the amount for one whole calendar month. There is one
   payment for each calendar month that overlaps the half-open period ``[fra, til)``. It falls
   due on the office's payment day (1–28) in that month. When the period begins after that
   day, the month's payment falls due on the period's first day instead.
3. **Proration.** A month the period covers only partly (a start or end in the middle of the
   month) pays ``belop × days covered ÷ days in the month``, rounded to whole kroner with
   halves rounded up. Example: 9 000 kr from 20 March = 9 000 × 12 ÷ 31 = 3 483.87 → 3 484 kr.
   The one definition is ``rules.prorate`` (decisions and reductions use it too).
4. **Bank days.** A due date on a weekend, a public holiday, Christmas Eve or New Year's Eve
   moves to the **previous** bank day, so that the money arrives before the day the person
   counts on, never after it. Example: 17 May 2024 (a Friday) → 16 May; 1 April 2024 (Easter
   Monday) → 27 March.
5. **Each month its own amount.** A decision calculated month by month (``maned_belop``: a
   child's new age band, a new rate set or G inside the period) pays each month the amount the
   decision states for it, already prorated by the decision; a one-off payment of such a
   decision pays the sum of the months in the planned period.
6. **Never in the past.** A due date before ``earliest`` (the first bank day on or after the
   day the plan is made) becomes ``earliest``: a back-dated month is paid at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sosialsak.contexts.payments.bankdager import next_bank_day, previous_bank_day
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.periode import next_month, prorate

ENGANGS = "ENGANGS"
MANEDLIG = "MANEDLIG"
DEFAULT_UTBETALINGSDAG = 15


class UnableToPlanUtbetaling(ValidationFailed):
    code = "unable_to_plan_utbetaling"


@dataclass(frozen=True)
class PlanInput:
    belop: int
    hyppighet: str  # ENGANGS | MANEDLIG
    periode_fra: date | None
    periode_til: date | None
    utbetalingsdag: int
    today: date
    forfallsdato: date | None = None  # ENGANGS only: the date the money is needed
    # The amount paid for each month (first day → kroner) of a decision calculated month by
    # month; a month not in it pays ``belop`` (prorated).
    maned_belop: Mapping[date, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedPayment:
    forfallsdato: date
    belop: int
    periode_fra: date | None
    periode_til: date | None
    maned: date | None  # MANEDLIG: the first day of the month the payment is for


def _fail(field: str, message: str) -> UnableToPlanUtbetaling:
    return UnableToPlanUtbetaling(f"{field}: {message}", field=field)


def due_date(nominal: date, *, earliest: date) -> date:
    """Move ``nominal`` back to a bank day, but never before ``earliest``."""
    return max(previous_bank_day(nominal), earliest)


def build_plan(data: PlanInput) -> tuple[PlannedPayment, ...]:
    """Return the payments of a plan; raise UnableToPlanUtbetaling naming the field."""
    if data.belop <= 0:
        raise _fail("belop", "et innvilget vedtak må ha et beløp større enn 0 for å gi utbetaling.")
    if not 1 <= data.utbetalingsdag <= 28:
        raise _fail("utbetalingsdag", "utbetalingsdagen må være fra 1 til 28.")
    earliest = next_bank_day(data.today)
    if data.hyppighet == ENGANGS:
        nominal = data.forfallsdato or data.periode_fra or earliest
        belop = data.belop
        if data.maned_belop and data.periode_fra and data.periode_til:
            belop = sum(p.belop for p in _monthly(data, earliest))
        return (PlannedPayment(due_date(nominal, earliest=earliest), belop,
                               data.periode_fra, data.periode_til, None),)
    if data.hyppighet != MANEDLIG:
        raise _fail("hyppighet", "velg engangsutbetaling eller månedlig utbetaling.")
    if data.periode_fra is None:
        raise _fail("periode_fra", "månedlig utbetaling krever at vedtaket har en periode.")
    if data.periode_til is None:
        raise _fail("periode_til", "månedlig utbetaling krever en sluttdato for perioden.")
    if data.periode_til <= data.periode_fra:
        raise _fail("periode_til", "perioden må slutte etter at den begynner.")
    return tuple(_monthly(data, earliest))


def _monthly(data: PlanInput, earliest: date) -> list[PlannedPayment]:
    assert data.periode_fra is not None and data.periode_til is not None
    payments = []
    month = data.periode_fra.replace(day=1)
    while month < data.periode_til:
        following = next_month(month)
        start, end = max(month, data.periode_fra), min(following, data.periode_til)
        days_in_month = (following - month).days
        days = (end - start).days
        if month in data.maned_belop:
            belop = data.maned_belop[month]  # the decision's own amount for the month
        else:
            belop = prorate(data.belop, days, days_in_month)  # rule 3 (rules.prorate)
        nominal = max(month.replace(day=data.utbetalingsdag), start)
        if belop > 0:
            payments.append(PlannedPayment(due_date(nominal, earliest=earliest), belop,
                                           start, end, month))
        month = following
    return payments
