"""Connect the contexts' ports at start-up. ``payments`` sits above ``decisions`` in the DAG,
so making a decision reaches the payment plan through the port installed here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.operations import UtbetalingValg, install_payment_planner


def _plan(
    *, scope: Scope, actor: object, vedtak_id: int, valg: UtbetalingValg, now: datetime
) -> Sequence[Any]:
    from sosialsak.contexts.payments.planning import create_payment_plan
    from sosialsak.contexts.payments.recipients import Mottaker

    mottaker = Mottaker(type=valg.mottaker_type, navn=valg.navn, kontonummer=valg.kontonummer,
                        organisasjonsnummer=valg.organisasjonsnummer,
                        samtykke_id=valg.samtykke_id, kid=valg.kid)
    return create_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak_id,
                               hyppighet=valg.hyppighet, now=now, mottaker=mottaker,
                               forfallsdato=valg.forfallsdato)


def install() -> None:
    install_payment_planner(_plan)
