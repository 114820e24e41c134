"""Writes for payments: plan one payment from a decision and move it through its statuses.

A whole plan (one-off or monthly, combined or not) is made by ``planning.create_payment_plan``;
``plan_utbetaling`` adds a single payment on a given date. Both check the recipient the same
way (``recipients.resolve_mottaker``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.models import Utfall, Vedtak
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.payments._events import utbetaling_event
from sosialsak.contexts.payments.models import (
    MottakerType,
    Tilbakeholdelse,
    Utbetaling,
    UtbetalingStatus,
)
from sosialsak.contexts.payments.plan import UnableToPlanUtbetaling
from sosialsak.contexts.payments.recipients import Mottaker, resolve_mottaker
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound

__all__ = [
    "IllegalPaymentTransition",
    "UnableToPlanUtbetaling",
    "annul_unpaid_payments",
    "check_in_force",
    "plan_utbetaling",
    "set_utbetaling_status",
    "stop_planned_payments",
]

TRANSITIONS = {
    UtbetalingStatus.PLANLAGT: {UtbetalingStatus.UTBETALT, UtbetalingStatus.STOPPET,
                                UtbetalingStatus.ANNULLERT},
    UtbetalingStatus.STOPPET: {UtbetalingStatus.PLANLAGT, UtbetalingStatus.ANNULLERT},
    UtbetalingStatus.UTBETALT: set(),
    UtbetalingStatus.ANNULLERT: set(),
}


def new_referanse() -> str:
    """Return a new payment reference (20 hex characters; fits pain.001's 35)."""
    return uuid.uuid4().hex[:20]


def check_in_force(vedtak: Vedtak) -> None:
    """Refuse paying under a decision in a feilregistrert sak, or one a newer decision has
    replaced (a reduction or a change after an appeal pays in its place)."""
    if vedtak.sak.status != "AKTIV":
        raise UnableToPlanUtbetaling("vedtak_id: saken er feilregistrert, og vedtaket gir ingen "
                                     "utbetaling.", field="vedtak_id")
    newer = vedtak.endringer.order_by("-fattet_at", "-id").first()
    if newer is not None:
        raise UnableToPlanUtbetaling(f"vedtak_id: vedtaket er erstattet av vedtak {newer.pk}; "
                                     "utbetalingene hører til det.", field="vedtak_id")


@transaction.atomic
def plan_utbetaling(
    *, scope: Scope, actor: object, vedtak_id: int, belop: int, forfallsdato: date,
    kontonummer: str, mottaker_navn: str, now: datetime,
    mottaker_type: str = MottakerType.SOKER, melding: str = "", organisasjonsnummer: str = "",
    samtykke_id: int | None = None, kid: str = "", periode_fra: date | None = None,
    periode_til: date | None = None,
) -> Utbetaling:
    """Plan one payment under a granted decision; the account number is checked (mod 11).
    ``periode_fra``/``periode_til``: the period the payment is for (a month's replacement).

    Paying anyone but the applicant needs ``samtykke_id`` or a § 21 decision.
    """
    vedtak = Vedtak.objects.select_related("sak__soknad__person").filter(pk=vedtak_id).first()
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    writable_soknad(scope, vedtak.sak.soknad_id)
    check_in_force(vedtak)
    if vedtak.utfall not in (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET):
        raise UnableToPlanUtbetaling("vedtak: bare innvilgede vedtak kan gi utbetaling.",
                                     field="vedtak")
    if belop <= 0:
        raise UnableToPlanUtbetaling("belop: beløpet må være større enn 0.", field="belop")
    if not mottaker_navn.strip():
        raise UnableToPlanUtbetaling("mottaker_navn: skriv hvem som skal få pengene.",
                                     field="mottaker_navn")
    mottaker = resolve_mottaker(
        vedtak=vedtak, person=vedtak.sak.soknad.person, today=local_date(now),
        last_due=forfallsdato, prefix="",
        mottaker=Mottaker(type=mottaker_type, navn=mottaker_navn, kontonummer=kontonummer,
                          organisasjonsnummer=organisasjonsnummer, samtykke_id=samtykke_id,
                          kid=kid),
    )
    utbetaling = Utbetaling.objects.create(
        vedtak=vedtak, referanse=new_referanse(), belop=belop, forfallsdato=forfallsdato,
        kontonummer=mottaker.kontonummer, mottaker_navn=mottaker.navn,
        mottaker_type=mottaker.type, mottaker_organisasjonsnummer=mottaker.organisasjonsnummer,
        samtykke=mottaker.samtykke, kid=mottaker.kid, melding=melding[:140],
        periode_fra=periode_fra, periode_til=periode_til,
    )
    utbetaling_event(utbetaling, actor, now)
    return utbetaling


class IllegalPaymentTransition(DomainError):
    code = "illegal_payment_transition"


def _check_restart(utbetaling: Utbetaling, now: datetime) -> None:
    """A stopped payment is started again only under a decision still in force, and only to a
    recipient it may still go to (a third party's consent may have been withdrawn)."""
    vedtak = utbetaling.vedtak
    try:
        check_in_force(vedtak)
    except UnableToPlanUtbetaling:
        raise IllegalPaymentTransition(
            "Vedtaket utbetalingen hører til, er endret eller feilregistrert. Utbetalingen kan "
            "ikke startes igjen.", code="vedtak_endret", field="status") from None
    resolve_mottaker(
        vedtak=vedtak, person=vedtak.sak.soknad.person, today=local_date(now),
        last_due=utbetaling.forfallsdato, prefix="",
        mottaker=Mottaker(type=utbetaling.mottaker_type, navn=utbetaling.mottaker_navn,
                          kontonummer=utbetaling.kontonummer,
                          organisasjonsnummer=utbetaling.mottaker_organisasjonsnummer,
                          samtykke_id=utbetaling.samtykke_id, kid=utbetaling.kid))


def _check_held(utbetaling: Utbetaling) -> None:
    """A payment held until a condition is met is released only by meeting the condition
    (issue 14: never silently)."""
    held = (Tilbakeholdelse.objects.filter(utbetaling=utbetaling, frigitt_at__isnull=True)
            .values_list("vilkar__beskrivelse", flat=True).first())
    if held is not None:
        raise IllegalPaymentTransition(
            f"Utbetalingen holdes tilbake til vilkåret «{held[:80]}» er oppfylt. Merk vilkåret "
            "som oppfylt for å frigi den.", code="utbetaling_holdt_tilbake", field="status")


@transaction.atomic
def set_utbetaling_status(
    *, scope: Scope, actor: object, utbetaling_id: int, status: str, now: datetime
) -> Utbetaling:
    """Move a payment planned → paid / stopped / annulled (and stopped → planned)."""
    utbetaling = (Utbetaling.objects.select_related("vedtak__sak__soknad__person")
                  .select_for_update().filter(pk=utbetaling_id).first())
    if utbetaling is None:
        raise NotFound("Fant ikke utbetalingen.")
    writable_soknad(scope, utbetaling.vedtak.sak.soknad_id)
    if status not in TRANSITIONS.get(utbetaling.status, set()):  # type: ignore[call-overload]
        raise IllegalPaymentTransition(
            f"Utbetalingen kan ikke gå fra {utbetaling.status} til {status}.", field="status"
        )
    if status == UtbetalingStatus.PLANLAGT:
        _check_held(utbetaling)
        _check_restart(utbetaling, now)
    utbetaling.status = status
    if status == UtbetalingStatus.UTBETALT:
        utbetaling.utbetalt_dato = local_date(now)
    utbetaling.save(update_fields=["status", "utbetalt_dato"])
    utbetaling_event(utbetaling, actor, now)
    return utbetaling


def _move_unsent(
    *, scope: Scope, actor: object, vedtak_id: int, now: datetime, fra: set[str], til: str,
    purpose: str, **where: object,
) -> list[Utbetaling]:
    """Move the decision's payments in a status of ``fra`` that are not in a bank batch (and
    match ``where``) to ``til``, in due-date order, each with its event."""
    soknad_id = (Vedtak.objects.filter(pk=vedtak_id)
                 .values_list("sak__soknad_id", flat=True).first())
    if soknad_id is None:
        raise NotFound("Fant ikke vedtaket.")
    writable_soknad(scope, soknad_id)
    # ``of=("self",)``: PostgreSQL cannot lock the nullable side of the samlet_i outer join.
    rows = list(Utbetaling.objects.select_related("vedtak__sak__soknad", "samlet_i")
                .select_for_update(of=("self",))
                .filter(vedtak_id=vedtak_id, status__in=fra, oppdrag__isnull=True, **where)
                .order_by("forfallsdato", "id"))
    for utbetaling in rows:
        utbetaling.status = til
        utbetaling.save(update_fields=["status"])
        utbetaling_event(utbetaling, actor, now, purpose=purpose)
    return rows


@transaction.atomic
def stop_planned_payments(
    *, scope: Scope, actor: object, vedtak_id: int, from_date: date, now: datetime,
    to_date: date | None = None,
) -> list[Utbetaling]:
    """Stop the decision's planned payments that fall due on or after ``from_date`` (a new
    decision replaces them) and return them in due-date order, each with its event.

    A payment already in a bank batch is left as it is: it has been handed to the bank, so it
    counts as paid here and whatever replaces the plan starts after it (never paid twice).
    """
    # ``to_date``: a time-limited change (a reduction for a period) stops only the payments
    # due before it; those due later stay with the decision.
    until = {"forfallsdato__lt": to_date} if to_date is not None else {}
    return _move_unsent(scope=scope, actor=actor, vedtak_id=vedtak_id, now=now,
                        fra={UtbetalingStatus.PLANLAGT}, til=UtbetalingStatus.STOPPET,
                        purpose="utbetaling stoppet", forfallsdato__gte=from_date, **until)


@transaction.atomic
def annul_unpaid_payments(
    *, scope: Scope, actor: object, vedtak_id: int, now: datetime
) -> list[Utbetaling]:
    """Annul every payment of the decision that has not left the office (planned or stopped,
    not in a bank batch), each with its event; the decision was made in a sak opened by
    mistake. Paid payments and payments handed to the bank are kept as they are: they
    happened, and any claim to have them back is a decision of its own."""
    return _move_unsent(scope=scope, actor=actor, vedtak_id=vedtak_id, now=now,
                        fra={UtbetalingStatus.PLANLAGT, UtbetalingStatus.STOPPET},
                        til=UtbetalingStatus.ANNULLERT, purpose="utbetaling annullert")
