"""The port for what follows a condition being met. ``payments`` sits above ``followup`` in the
context DAG, so this context cannot import it; the interface layer installs the listener that
releases payments held for the condition (``interfaces.wiring``), called in the same
transaction as the change of the condition."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sosialsak.contexts.accounts.scope import Scope

Listener = Callable[..., Sequence[str]]
_listeners: list[Listener] = []


def install_vilkar_oppfylt_listener(listener: Listener) -> None:
    """Install the one listener (``payments.holds.release_holds_for_vilkar`` via an adapter)."""
    _listeners[:] = [listener]


def vilkar_oppfylt(*, scope: Scope, actor: object, vilkar_id: int, now: datetime) -> list[str]:
    """Tell the listener that the condition is met; return the references it released."""
    if not _listeners:
        raise RuntimeError("No listener installed (interfaces.wiring.install()).")
    return list(_listeners[0](scope=scope, actor=actor, vilkar_id=vilkar_id, now=now))
