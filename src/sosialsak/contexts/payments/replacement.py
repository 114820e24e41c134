"""Replace a decision's remaining payments when a new decision changes it from a date.

A reduction (``decisions.decide_reduksjon``) replaces the original decision from the day it
takes effect. Its payments that are still planned and fall due on or after that day are stopped
(``operations.stop_planned_payments``), and the new decision's amount is planned for exactly the
periods the stopped payments covered, the same way the original was planned:

- **Frequency.** The original plan was monthly when it had more than one payment or a share in a
  combined monthly payment; otherwise it was one-off. (A one-month plan of a single payment is
  planned one-off on the stopped payment's due date, which is the date a monthly plan gives.)
- **Recipient.** The stopped payments' recipient, account, KID and consent, checked again.
- **Period.** From the first stopped payment's period to the last one's end, never before the
  end of a payment that is kept (paid, in a bank batch, or due before the reduction), so that
  no day is paid twice. Nothing is planned when nothing was stopped.
- **Amounts.** A month the new decision states (``Vedtak.maned_belop``: a reduction states
  each month it touches, a part month by days plus the original's own days of that month)
  pays that; a month of the replaced period the new decision does not state (a one-off
  covering the whole original period, a time-limited reduction) pays the original's own
  amount for it, so the replacement never pays the reduced amount for a month outside the
  reduction (issue 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.models import Vedtak
from sosialsak.contexts.payments.models import Hyppighet, Utbetaling, UtbetalingStatus
from sosialsak.contexts.payments.operations import stop_planned_payments
from sosialsak.contexts.payments.plan import MANEDLIG, PlanInput, UnableToPlanUtbetaling, build_plan
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.contexts.payments.recipients import Mottaker


@dataclass(frozen=True)
class ReplacedPlan:
    stoppet: list[Utbetaling]
    planlagt: list[Utbetaling]


def original_months(vedtak: Vedtak, today: date) -> dict[date, int]:
    """Return what ``vedtak`` pays for each month of its period as a monthly plan would (its
    own month amounts, part months by days); empty when it has no period or amount."""
    try:
        lines = build_plan(PlanInput(
            belop=vedtak.belop or 0, hyppighet=MANEDLIG, periode_fra=vedtak.periode_fra,
            periode_til=vedtak.periode_til, utbetalingsdag=1, today=today,
            maned_belop={date.fromisoformat(m["maned"]): int(m["belop"])
                         for m in vedtak.maned_belop or []}))
    except UnableToPlanUtbetaling:
        return {}
    return {p.maned: p.belop for p in lines if p.maned is not None}


def _period(stopped: list[Utbetaling], kept: list[Utbetaling]) -> tuple[date | None, date | None]:
    starts = [u.periode_fra for u in stopped]
    ends = [u.periode_til for u in stopped]
    if None in starts or None in ends:
        return None, None
    start = min(d for d in starts if d is not None)
    covered = [u.periode_til for u in kept if u.periode_til is not None]
    if covered:
        start = max(start, max(covered))
    return start, max(d for d in ends if d is not None)


@transaction.atomic
def replace_payment_plan(
    *, scope: Scope, actor: object, vedtak_id: int, ny_vedtak_id: int, fra: date,
    now: datetime, til: date | None = None,
) -> ReplacedPlan:
    """Stop ``vedtak_id``'s planned payments due on or after ``fra`` and plan
    ``ny_vedtak_id``'s amount in their place (same frequency and recipient)."""
    plan = list(Utbetaling.objects.filter(vedtak_id=vedtak_id)
                .exclude(status__in=[UtbetalingStatus.ANNULLERT, UtbetalingStatus.STOPPET]))
    stopped = stop_planned_payments(scope=scope, actor=actor, vedtak_id=vedtak_id,
                                    from_date=fra, to_date=til, now=now)
    if not stopped:
        return ReplacedPlan(stoppet=[], planlagt=[])
    stopped_ids = {u.pk for u in stopped}
    # Payments due after a time-limited change's end stay with the decision and come after it.
    kept = [u for u in plan if u.pk not in stopped_ids and (til is None or u.forfallsdato < til)]
    first = stopped[0]
    mottaker = Mottaker(type=first.mottaker_type, navn=first.mottaker_navn,
                        kontonummer=first.kontonummer,
                        organisasjonsnummer=first.mottaker_organisasjonsnummer,
                        samtykke_id=first.samtykke_id, kid=first.kid)
    monthly = len(plan) > 1 or any(u.samlet_i_id for u in plan)
    start, end = _period(stopped, kept)
    original = Vedtak.objects.filter(pk=vedtak_id).first()
    andre = original_months(original, first.forfallsdato) if original is not None else {}
    if monthly:
        if start is None or end is None or start >= end:
            return ReplacedPlan(stoppet=stopped, planlagt=[])
        planned = create_payment_plan(scope=scope, actor=actor, vedtak_id=ny_vedtak_id,
                                      hyppighet=Hyppighet.MANEDLIG, now=now, mottaker=mottaker,
                                      periode_fra=start, periode_til=end, andre_maneder=andre)
    else:
        planned = create_payment_plan(scope=scope, actor=actor, vedtak_id=ny_vedtak_id,
                                      hyppighet=Hyppighet.ENGANGS, now=now, mottaker=mottaker,
                                      forfallsdato=first.forfallsdato,
                                      periode_fra=first.periode_fra,
                                      periode_til=first.periode_til, andre_maneder=andre)
    return ReplacedPlan(stoppet=stopped, planlagt=planned)
