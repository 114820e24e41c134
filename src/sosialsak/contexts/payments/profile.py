"""Writes for the person's payment wishes: their account, a combined monthly payment, and
their consent to paying someone else (sotjl. § 22).

Each write is made in the context of one application (which decides scope) and is recorded on
that application's timeline and in the audit log. Withdrawing a consent stops the payments to
that recipient which have not yet been handed to the bank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.payments._events import utbetaling_event
from sosialsak.contexts.payments.models import (
    Betalingsprofil,
    Samtykke,
    Utbetaling,
    UtbetalingStatus,
)
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.kernel.identity import parse_kontonummer, parse_organisasjonsnummer


class UnableToRecordSamtykke(ValidationFailed):
    code = "unable_to_record_samtykke"


def _log(soknad: Soknad, actor: object, now: datetime, type: str, data: dict[str, object],
         purpose: str) -> None:
    record_hendelse(soknad=soknad, type=type, actor=actor, at=now, data=data)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


@transaction.atomic
def set_betalingsprofil(
    *, scope: Scope, actor: object, soknad_id: int, kontonummer: str,
    samlet_manedlig_utbetaling: bool, now: datetime,
) -> Betalingsprofil:
    """Save the applicant's own account and whether they want one payment a month."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    konto = parse_kontonummer(kontonummer, field="kontonummer")
    profil, _created = Betalingsprofil.objects.update_or_create(
        person_id=soknad.person_id, kontor_id=soknad.kontor_id,
        defaults={"kontonummer": konto, "samlet_manedlig_utbetaling": samlet_manedlig_utbetaling,
                  "endret_at": now, "endret_av_id": getattr(actor, "pk", None)},
    )
    _log(soknad, actor, now, "payments.betalingsprofil",
         {"samlet_manedlig_utbetaling": samlet_manedlig_utbetaling}, "betalingsprofil")
    return profil


@dataclass(frozen=True)
class SamtykkeInput:
    gitt_dato: date
    gjelder: str
    mottaker_navn: str
    mottaker_organisasjonsnummer: str = ""
    gyldig_til: date | None = None


@transaction.atomic
def record_samtykke(
    *, scope: Scope, actor: object, soknad_id: int, data: SamtykkeInput, now: datetime
) -> Samtykke:
    """Record the applicant's consent to paying the named recipient; raise naming the field."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    if not data.gjelder.strip():
        raise UnableToRecordSamtykke("gjelder: skriv hva samtykket gjelder, for eksempel "
                                     "«husleie til utleier».", field="gjelder")
    if not data.mottaker_navn.strip():
        raise UnableToRecordSamtykke("mottaker_navn: skriv hvem som kan få pengene.",
                                     field="mottaker_navn")
    if data.gitt_dato > local_date(now):
        raise UnableToRecordSamtykke("gitt_dato: et samtykke kan ikke være gitt fram i tid.",
                                     field="gitt_dato")
    if data.gyldig_til is not None and data.gyldig_til <= data.gitt_dato:
        raise UnableToRecordSamtykke("gyldig_til: samtykket må gjelde til etter at det er gitt.",
                                     field="gyldig_til")
    orgnr = parse_organisasjonsnummer(data.mottaker_organisasjonsnummer,
                                      field="mottaker_organisasjonsnummer") \
        if data.mottaker_organisasjonsnummer.strip() else ""
    samtykke = Samtykke.objects.create(
        person_id=soknad.person_id, soknad=soknad, gitt_dato=data.gitt_dato,
        gjelder=data.gjelder.strip()[:200], mottaker_navn=data.mottaker_navn.strip()[:140],
        mottaker_organisasjonsnummer=orgnr, gyldig_til=data.gyldig_til, registrert_at=now,
        registrert_av_id=getattr(actor, "pk", None),
    )
    _log(soknad, actor, now, "payments.samtykke",
         {"samtykke_id": samtykke.pk, "gjelder": samtykke.gjelder, "status": "GITT",
          "gitt_dato": data.gitt_dato.isoformat()}, "samtykke")
    return samtykke


@transaction.atomic
def withdraw_samtykke(
    *, scope: Scope, actor: object, samtykke_id: int, trukket_dato: date, now: datetime
) -> list[Utbetaling]:
    """Record that the consent is withdrawn from ``trukket_dato``; return the payments stopped.

    Payments under the consent that fall due on or after that date and are not yet in a bank
    file are stopped. One already handed to the bank must be stopped there.
    """
    samtykke = Samtykke.objects.select_for_update().filter(pk=samtykke_id).first()
    if samtykke is None:
        raise NotFound("Fant ikke samtykket.")
    soknad = writable_soknad(scope, samtykke.soknad_id, lock=True)
    if samtykke.trukket_dato is not None:
        raise UnableToRecordSamtykke("trukket_dato: samtykket er allerede trukket tilbake.",
                                     field="trukket_dato")
    if trukket_dato < samtykke.gitt_dato:
        raise UnableToRecordSamtykke(
            f"trukket_dato: samtykket kan ikke trekkes tilbake før det ble gitt "
            f"({samtykke.gitt_dato:%d.%m.%Y}).", field="trukket_dato")
    samtykke.trukket_dato = trukket_dato
    samtykke.save(update_fields=["trukket_dato"])
    _log(soknad, actor, now, "payments.samtykke",
         {"samtykke_id": samtykke.pk, "status": "TRUKKET",
          "trukket_dato": trukket_dato.isoformat()}, "samtykke trukket")
    stopped = list(Utbetaling.objects.select_related("vedtak__sak__soknad").filter(
        samtykke=samtykke, status=UtbetalingStatus.PLANLAGT, oppdrag__isnull=True,
        forfallsdato__gte=trukket_dato))
    for utbetaling in stopped:
        utbetaling.status = UtbetalingStatus.STOPPET
        utbetaling.save(update_fields=["status"])
        utbetaling_event(utbetaling, actor, now, purpose="stoppe utbetaling: samtykke trukket")
    return stopped
