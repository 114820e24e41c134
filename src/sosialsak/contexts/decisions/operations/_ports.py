"""The payment planner port. ``payments`` sits above ``decisions`` in the context DAG, so this
context cannot import it; the interface layer installs the planner at start-up
(``interfaces.wiring``), and making a decision calls it once through ``plan_payments``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Protocol

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.operations._inputs import UtbetalingValg


class PlannedPayment(Protocol):
    referanse: str
    belop: int
    forfallsdato: date
    mottaker_navn: str


Planner = Callable[..., Sequence[PlannedPayment]]
_planner: list[Planner] = []


def install_payment_planner(planner: Planner) -> None:
    """Install the planner (``payments.planning.create_payment_plan`` through an adapter)."""
    _planner[:] = [planner]


def plan_payments(
    *, scope: Scope, actor: object, vedtak_id: int, valg: UtbetalingValg, now: datetime
) -> Sequence[PlannedPayment]:
    """Plan the payments of a granted decision; the single call site the lead can switch."""
    if not _planner:
        raise RuntimeError("No payment planner installed (interfaces.wiring.install()).")
    return _planner[0](scope=scope, actor=actor, vedtak_id=vedtak_id, valg=valg, now=now)
