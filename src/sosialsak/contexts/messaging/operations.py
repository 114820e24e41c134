"""Writes: send a message (either side), mark the other side's messages read.

A message from the person may carry a document: it goes through the same upload operation as
any document the person sends (``cases.store_document``), so it becomes an ettersendelse the
caseworker sees under Dokumenter. A message from the office sends the person a notification
that holds no personal data (``notify``).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import writable
from sosialsak.contexts.cases.models import LevertVia
from sosialsak.contexts.cases.operations import Upload, own_soknad, store_document
from sosialsak.contexts.intake.models import Soknad, VedleggKilde
from sosialsak.contexts.messaging.models import MAX_TEKST, Melding, Meldingstrad, Side
from sosialsak.contexts.messaging.notify import NOTIFICATION_TEXT, notifier
from sosialsak.kernel.errors import ValidationFailed


class UnableToSend(ValidationFailed):
    code = "unable_to_send"


def _thread(soknad: Soknad, now: datetime) -> Meldingstrad:
    trad, _created = Meldingstrad.objects.get_or_create(soknad=soknad,
                                                        defaults={"opprettet_at": now})
    return trad


def _text(tekst: str, *, has_file: bool) -> str:
    tekst = tekst.strip()
    if not tekst and not has_file:
        raise UnableToSend("tekst: skriv en melding.", field="tekst")
    if len(tekst) > MAX_TEKST:
        raise UnableToSend(f"tekst: meldingen kan være høyst {MAX_TEKST} tegn.", field="tekst")
    return tekst


@transaction.atomic
def send_from_person(*, scope: Scope, actor: object, soknad_id: int, tekst: str,
                     now: datetime, upload: Upload | None = None) -> Melding:
    """The person writes to the office about their own application (NotFound otherwise)."""
    soknad = own_soknad(scope, soknad_id, lock=True)
    tekst = _text(tekst, has_file=upload is not None)
    vedlegg = None
    if upload is not None:
        vedlegg = store_document(soknad=soknad, actor=actor, upload=upload, now=now,
                                 kilde=VedleggKilde.ETTERSENDELSE,
                                 levert_via=LevertVia.OPPLASTING,
                                 purpose="ettersende dokument med melding", images_as_pdf=True)
    trad = _thread(soknad, now)
    melding = Melding.objects.create(trad=trad, fra=Side.PERSON, tekst=tekst, skrevet_at=now,
                                     skrevet_av_id=getattr(actor, "pk", None), vedlegg=vedlegg)
    if trad.venter_svar_siden is None:
        trad.venter_svar_siden = now
        trad.save(update_fields=["venter_svar_siden"])
    record(actor=actor, action=Action.WRITE, object_type="melding", object_id=melding.pk,
           purpose="sende melding til kontoret", kontor_id=soknad.kontor_id)
    return melding


@transaction.atomic
def send_from_office(*, scope: Scope, actor: object, soknad_id: int, tekst: str,
                     now: datetime, upload: Upload | None = None) -> Melding:
    """The office answers (or writes first), perhaps with a document for the person (stored
    with the case's documents, through the same checks); the person is notified without any
    detail."""
    soknad = writable(scope, soknad_id, lock=True)
    tekst = _text(tekst, has_file=upload is not None)
    vedlegg = None
    if upload is not None:
        vedlegg = store_document(soknad=soknad, actor=actor,
                                 upload=Upload(filnavn=upload.filnavn, content=upload.content,
                                               dokumenttype="melding fra kontoret"),
                                 now=now, kilde=VedleggKilde.KONTOR,
                                 levert_via=LevertVia.PA_KONTORET,
                                 purpose="sende dokument med melding", images_as_pdf=True)
    trad = _thread(soknad, now)
    melding = Melding.objects.create(trad=trad, fra=Side.KONTOR, tekst=tekst, skrevet_at=now,
                                     skrevet_av_id=getattr(actor, "pk", None), vedlegg=vedlegg)
    # Answering is reading: what the person wrote before is read by the office now.
    Melding.objects.filter(trad=trad, fra=Side.PERSON, lest_at__isnull=True).update(lest_at=now)
    if trad.venter_svar_siden is not None:
        trad.venter_svar_siden = None
        trad.save(update_fields=["venter_svar_siden"])
    record(actor=actor, action=Action.WRITE, object_type="melding", object_id=melding.pk,
           purpose="sende melding til bruker", kontor_id=soknad.kontor_id)
    person_id = soknad.person_id
    transaction.on_commit(lambda: notifier().notify(person_id=person_id,
                                                    text=NOTIFICATION_TEXT))
    return melding


def mark_read(*, trad_id: int, reader: str, now: datetime) -> int:
    """Stamp the read receipt on the other side's unread messages; return how many."""
    other = Side.KONTOR if reader == Side.PERSON else Side.PERSON
    return Melding.objects.filter(trad_id=trad_id, fra=other, lest_at__isnull=True).update(
        lest_at=now)
