"""Writes for case progress: request documentation and record what arrived."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Dokumentasjonskrav, KravStatus
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.kernel.errors import NotFound, ValidationFailed


class UnableToRequestDokumentasjon(ValidationFailed):
    code = "unable_to_request_dokumentasjon"


def _writable(scope: Scope, soknad_id: int) -> Soknad:
    soknad = scoped_soknader(scope).filter(pk=soknad_id).first()
    if soknad is None or not scope.can_write:
        raise NotFound("Fant ikke søknaden, eller du har ikke tilgang til å endre den.")
    return soknad


@transaction.atomic
def request_dokumentasjon(
    *, scope: Scope, actor: object, soknad_id: int, titler: list[str], frist: date,
    now: datetime, beskrivelse: str = "",
) -> list[Dokumentasjonskrav]:
    """Ask for documents with a deadline; write the event and audit entry in one transaction."""
    soknad = _writable(scope, soknad_id)
    titler = [t.strip() for t in titler if t.strip()]
    if not titler:
        raise UnableToRequestDokumentasjon("titler: velg minst ett dokument.", field="titler")
    if frist <= now.date():
        raise UnableToRequestDokumentasjon("frist: fristen må være etter i dag.", field="frist")
    krav = [
        Dokumentasjonskrav.objects.create(soknad=soknad, tittel=t, beskrivelse=beskrivelse,
                                          frist=frist, opprettet_at=now,
                                          opprettet_av_id=getattr(actor, "pk", None))
        for t in titler
    ]
    record_hendelse(
        soknad=soknad, type="cases.dokumentasjon.etterspurt", actor=actor, at=now,
        data={"krav": [{"id": k.pk, "tittel": k.tittel, "frist": frist.isoformat()} for k in krav]},
    )
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="be om dokumentasjon", kontor_id=soknad.kontor_id)
    return krav


@transaction.atomic
def mark_dokumentasjon_received(
    *, scope: Scope, actor: object, krav_id: int, now: datetime
) -> Dokumentasjonskrav:
    """Record that a requested document arrived."""
    krav = Dokumentasjonskrav.objects.select_related("soknad").filter(pk=krav_id).first()
    if krav is None:
        raise NotFound("Fant ikke dokumentasjonskravet.")
    soknad = _writable(scope, krav.soknad_id)
    if krav.status != KravStatus.ETTERSPURT:
        raise UnableToRequestDokumentasjon(
            "Dokumentet er ikke lenger etterspurt.", code="krav_not_open", field="status"
        )
    krav.status, krav.levert_at = KravStatus.LEVERT, now
    krav.save(update_fields=["status", "levert_at"])
    record_hendelse(soknad=soknad, type="cases.dokumentasjon.mottatt", actor=actor, at=now,
                    data={"krav_id": krav.pk, "tittel": krav.tittel})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere mottatt dokumentasjon", kontor_id=soknad.kontor_id)
    return krav
