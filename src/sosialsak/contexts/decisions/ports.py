"""The payment ports. ``payments`` sits above ``decisions`` in the context DAG, so this context
cannot import it; the interface layer installs the planner and the replacer at start-up
(``interfaces.wiring``). A module of its own, outside ``operations``, so installing them costs a
CLI call no import of the decisions' operations (issue 13, start-up).
Making a decision calls ``plan_payments`` once; a reduction calls ``replace_payments`` once, in
the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class ReplacedPayments:
    """What a replacement did: the references it stopped and the payments it planned."""

    stoppet: Sequence[str]
    planlagt: Sequence[PlannedPayment]


Replacer = Callable[..., ReplacedPayments]
_replacer: list[Replacer] = []


def install_payment_replacer(replacer: Replacer) -> None:
    """Install the replacer (``payments.replacement.replace_payment_plan`` through an adapter)."""
    _replacer[:] = [replacer]


def replace_payments(
    *, scope: Scope, actor: object, vedtak_id: int, ny_vedtak_id: int, fra: date, now: datetime,
    til: date | None = None,
) -> ReplacedPayments:
    """Stop ``vedtak_id``'s planned payments due on or after ``fra`` (and before ``til``) and plan
    ``ny_vedtak_id``'s amount for the periods they covered (same frequency and recipient)."""
    if not _replacer:
        raise RuntimeError("No payment replacer installed (interfaces.wiring.install()).")
    return _replacer[0](scope=scope, actor=actor, vedtak_id=vedtak_id,
                        ny_vedtak_id=ny_vedtak_id, fra=fra, til=til, now=now)


Annuller = Callable[..., Sequence[str]]
_annuller: list[Annuller] = []


def install_payment_annuller(annuller: Annuller) -> None:
    """Install the annuller (``payments.operations.annul_unpaid_payments`` through an adapter)."""
    _annuller[:] = [annuller]


def annul_payments(*, scope: Scope, actor: object, vedtak_id: int, now: datetime) -> Sequence[str]:
    """Annul ``vedtak_id``'s payments that have not left the office (planned or stopped, not in
    a bank batch) and return their references: a feilregistrert sak must not pay anything."""
    if not _annuller:
        raise RuntimeError("No payment annuller installed (interfaces.wiring.install()).")
    return _annuller[0](scope=scope, actor=actor, vedtak_id=vedtak_id, now=now)


Stopper = Callable[..., Sequence[str]]
_stopper: list[Stopper] = []


def install_payment_stopper(stopper: Stopper) -> None:
    """Install the stopper (``payments.operations.stop_planned_payments`` through an adapter)."""
    _stopper[:] = [stopper]


def stop_payments(*, scope: Scope, actor: object, vedtak_id: int, fra: date,
                  now: datetime) -> Sequence[str]:
    """Stop ``vedtak_id``'s planned payments due on or after ``fra`` that have not gone to the
    bank, and return their references (a new decision after an appeal replaces it)."""
    if not _stopper:
        raise RuntimeError("No payment stopper installed (interfaces.wiring.install()).")
    return _stopper[0](scope=scope, actor=actor, vedtak_id=vedtak_id, fra=fra, now=now)
