"""Writes for payments: plan a payment from a decision and move it through its statuses."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import Utfall, Vedtak
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.payments.models import MottakerType, Utbetaling, UtbetalingStatus
from sosialsak.kernel.errors import DomainError, NotFound, ValidationFailed
from sosialsak.kernel.identity import parse_kontonummer

TRANSITIONS = {
    UtbetalingStatus.PLANLAGT: {UtbetalingStatus.UTBETALT, UtbetalingStatus.STOPPET,
                                UtbetalingStatus.ANNULLERT},
    UtbetalingStatus.STOPPET: {UtbetalingStatus.PLANLAGT, UtbetalingStatus.ANNULLERT},
    UtbetalingStatus.UTBETALT: set(),
    UtbetalingStatus.ANNULLERT: set(),
}


class UnableToPlanUtbetaling(ValidationFailed):
    code = "unable_to_plan_utbetaling"


def _event(utbetaling: Utbetaling, actor: object, now: datetime) -> None:
    soknad = utbetaling.vedtak.sak.soknad
    record_hendelse(
        soknad=soknad, type="payments.utbetaling", actor=actor, at=now,
        data={"referanse": utbetaling.referanse, "status": utbetaling.status,
              "belop": utbetaling.belop, "forfallsdato": utbetaling.forfallsdato.isoformat(),
              "mottaker_type": utbetaling.mottaker_type, "vedtak_id": utbetaling.vedtak_id,
              "sak": utbetaling.vedtak.sak.referanse},
    )
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="utbetaling", kontor_id=soknad.kontor_id)


@transaction.atomic
def plan_utbetaling(
    *, scope: Scope, actor: object, vedtak_id: int, belop: int, forfallsdato: date,
    kontonummer: str, mottaker_navn: str, now: datetime,
    mottaker_type: str = MottakerType.SOKER, melding: str = "",
) -> Utbetaling:
    """Plan one payment under a granted decision; the account number is checked (mod 11)."""
    vedtak = Vedtak.objects.select_related("sak__soknad").filter(pk=vedtak_id).first()
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    writable_soknad(scope, vedtak.sak.soknad_id)
    if vedtak.utfall not in (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET):
        raise UnableToPlanUtbetaling("vedtak: bare innvilgede vedtak kan gi utbetaling.",
                                     field="vedtak")
    if belop <= 0:
        raise UnableToPlanUtbetaling("belop: beløpet må være større enn 0.", field="belop")
    konto = parse_kontonummer(kontonummer, field="kontonummer")
    if not mottaker_navn.strip():
        raise UnableToPlanUtbetaling("mottaker_navn: skriv hvem som skal få pengene.",
                                     field="mottaker_navn")
    utbetaling = Utbetaling.objects.create(
        vedtak=vedtak, referanse=uuid.uuid4().hex[:20], belop=belop, forfallsdato=forfallsdato,
        kontonummer=konto, mottaker_navn=mottaker_navn.strip(), mottaker_type=mottaker_type,
        melding=melding,
    )
    _event(utbetaling, actor, now)
    return utbetaling


class IllegalPaymentTransition(DomainError):
    code = "illegal_payment_transition"


@transaction.atomic
def set_utbetaling_status(
    *, scope: Scope, actor: object, utbetaling_id: int, status: str, now: datetime
) -> Utbetaling:
    """Move a payment planned → paid / stopped / annulled (and stopped → planned)."""
    utbetaling = (Utbetaling.objects.select_related("vedtak__sak__soknad")
                  .select_for_update().filter(pk=utbetaling_id).first())
    if utbetaling is None:
        raise NotFound("Fant ikke utbetalingen.")
    writable_soknad(scope, utbetaling.vedtak.sak.soknad_id)
    if status not in TRANSITIONS.get(utbetaling.status, set()):  # type: ignore[call-overload]
        raise IllegalPaymentTransition(
            f"Utbetalingen kan ikke gå fra {utbetaling.status} til {status}.", field="status"
        )
    utbetaling.status = status
    if status == UtbetalingStatus.UTBETALT:
        utbetaling.utbetalt_dato = now.date()
    utbetaling.save(update_fields=["status", "utbetalt_dato"])
    _event(utbetaling, actor, now)
    return utbetaling
