"""Connect the contexts' ports at start-up. ``payments`` sits above ``decisions`` in the DAG,
so making a decision reaches the payment plan, a reduction the replacement of the remaining
payments, and a feilregistrert sak the annulment of its unpaid payments, through the ports
installed here. The ports live in a light module of their own (``decisions.ports``) and the
adapters import ``payments`` on first use, so wiring costs a CLI call nothing (issue 13)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sosialsak.contexts.decisions import ports
from sosialsak.contexts.decisions.ports import ReplacedPayments
from sosialsak.contexts.followup.ports import install_vilkar_oppfylt_listener

if TYPE_CHECKING:
    from sosialsak.contexts.accounts.scope import Scope
    from sosialsak.contexts.decisions.operations import UtbetalingValg


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


def _replace(
    *, scope: Scope, actor: object, vedtak_id: int, ny_vedtak_id: int, fra: date, now: datetime,
    til: date | None = None,
) -> ReplacedPayments:
    from sosialsak.contexts.payments.replacement import replace_payment_plan

    done = replace_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak_id,
                                ny_vedtak_id=ny_vedtak_id, fra=fra, til=til, now=now)
    return ReplacedPayments(stoppet=[u.referanse for u in done.stoppet], planlagt=done.planlagt)


def _annul(*, scope: Scope, actor: object, vedtak_id: int, now: datetime) -> Sequence[str]:
    from sosialsak.contexts.payments.operations import annul_unpaid_payments

    return [u.referanse for u in annul_unpaid_payments(scope=scope, actor=actor,
                                                        vedtak_id=vedtak_id, now=now)]


def _stop(*, scope: Scope, actor: object, vedtak_id: int, fra: date, now: datetime
          ) -> Sequence[str]:
    from sosialsak.contexts.payments.operations import stop_planned_payments

    return [u.referanse for u in stop_planned_payments(scope=scope, actor=actor,
                                                        vedtak_id=vedtak_id, from_date=fra,
                                                        now=now)]


def _release(*, scope: Scope, actor: object, vilkar_id: int, now: datetime) -> Sequence[str]:
    from sosialsak.contexts.payments.holds import release_holds_for_vilkar

    return release_holds_for_vilkar(scope=scope, actor=actor, vilkar_id=vilkar_id, now=now)


def install() -> None:
    from django.conf import settings

    from sosialsak.contexts.people.register import install_register
    from sosialsak.contexts.people.register_adapters import register_from_settings

    install_register(register_from_settings(getattr(settings, "PERSON_REGISTER", {})))
    install_vilkar_oppfylt_listener(_release)
    ports.install_payment_annuller(_annul)
    ports.install_payment_stopper(_stop)
    ports.install_payment_planner(_plan)
    ports.install_payment_replacer(_replace)
