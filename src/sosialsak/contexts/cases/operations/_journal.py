"""Journal notes and documents the office uploads to a case (the case workspace, issue 12).

Notes are append-only (a correction is a new note naming the one it corrects). An uploaded
document is checked by its content (magic bytes), never by its name, and bounded in size
before anything is stored; it is kept as an attachment (``Vedlegg``, "levert på kontoret")
under a random name through Django's storage, and may fulfil an open documentation request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import WRITE_NOT_FOUND, writable
from sosialsak.contexts.cases.models import (
    MAX_NOTAT,
    Dokumentasjonskrav,
    Journalnotat,
    KravStatus,
    LevertVia,
    NotatType,
)
from sosialsak.contexts.cases.scan import refuse_infected
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad, Vedlegg, VedleggKilde
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.formats.imagepdf import NotAnImage, image_to_pdf
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.kernel.paths import inside

# The upload limit (bytes); SOSIALSAK_UPLOAD_MAX_BYTES in settings, 10 MB by default.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# What a scanned or received document may be, told by its first bytes.
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)


class UnableToStore(ValidationFailed):
    code = "unable_to_store"


def max_upload_bytes() -> int:
    return int(getattr(settings, "SOSIALSAK_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> tuple[str, str] | None:
    """Return (extension, content type) for a PDF, JPEG or PNG by its first bytes, else None."""
    for magic, ext, mime in MAGIC:
        if head.startswith(magic):
            return ext, mime
    return None


@transaction.atomic
def write_note(*, scope: Scope, actor: object, soknad_id: int, type: str, tekst: str,
               now: datetime, korrigerer_id: int | None = None) -> Journalnotat:
    """Append a journal note; a correction names the note (on the same case) it corrects."""
    soknad = writable(scope, soknad_id, lock=True)
    if type not in NotatType.values:
        raise UnableToStore(f"type: ukjent type «{type[:20]}».", field="type")
    tekst = tekst.strip()
    if not tekst:
        raise UnableToStore("tekst: skriv notatet.", field="tekst")
    if len(tekst) > MAX_NOTAT:
        raise UnableToStore(f"tekst: notatet kan være høyst {MAX_NOTAT} tegn.", field="tekst")
    if korrigerer_id is not None and not Journalnotat.objects.filter(
            pk=korrigerer_id, soknad=soknad).exists():
        raise UnableToStore("korrigerer: fant ikke notatet i denne saken.", field="korrigerer")
    note = Journalnotat.objects.create(soknad=soknad, type=type, tekst=tekst, skrevet_at=now,
                                       skrevet_av_id=getattr(actor, "pk", None),
                                       korrigerer_id=korrigerer_id)
    record_hendelse(soknad=soknad, type="cases.journalnotat", actor=actor, at=now,
                    data={"journalnotat_id": note.pk, "type": type,
                          "korrigerer": korrigerer_id})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="skrive journalnotat", kontor_id=soknad.kontor_id)
    return note


@dataclass(frozen=True)
class Upload:
    filnavn: str  # as the caseworker's file was named; shown, never used as a path
    content: bytes
    dokumenttype: str = ""
    krav_id: int | None = None  # an open documentation request this document fulfils


def check_upload(*, filnavn: str, size: int, head: bytes) -> tuple[str, str]:
    """Refuse a file that is too big or not a PDF, JPEG or PNG by content; return its kind."""
    limit = max_upload_bytes()
    if size > limit:
        raise UnableToStore(
            f"fil: filen er for stor ({size / 1_048_576:.1f} MB). Største tillatte størrelse er "
            f"{limit / 1_048_576:.0f} MB.", code="file_too_large", field="fil")
    if size == 0:
        raise UnableToStore("fil: filen er tom.", code="file_empty", field="fil")
    kind = sniff(head)
    if kind is None:
        raise UnableToStore(
            "fil: filen er ikke en PDF, JPEG eller PNG (innholdet er sjekket, ikke bare "
            "filnavnet). Skann eller lagre dokumentet som PDF og prøv igjen.",
            code="file_type_refused", field="fil")
    return kind


def _plain_name(filnavn: str, ext: str) -> str:
    """The name shown in the list: the base name only, bounded, with the real extension."""
    base = filnavn.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\0", "")[:200]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'dokument'}.{ext}"


@transaction.atomic
def upload_document(*, scope: Scope, actor: object, soknad_id: int, upload: Upload,
                    now: datetime) -> Vedlegg:
    """Store a document the office received or scanned; fulfil ``krav_id`` when given.

    Nothing is stored when the file is refused. The file is written after the checks and
    removed again if the transaction fails.
    """
    soknad = writable(scope, soknad_id, lock=True)
    return store_document(soknad=soknad, actor=actor, upload=upload, now=now,
                          kilde=VedleggKilde.SKRANKE, levert_via=LevertVia.PA_KONTORET,
                          purpose="laste opp dokument", images_as_pdf=False)


@transaction.atomic
def upload_ettersendelse(*, scope: Scope, actor: object, soknad_id: int, upload: Upload,
                         now: datetime) -> Vedlegg:
    """Store a document the person sends on their own page (an ettersendelse), a photo as a
    PDF; fulfil ``krav_id`` when given. NotFound for anything but the person's own case."""
    soknad = own_soknad(scope, soknad_id, lock=True)
    return store_document(soknad=soknad, actor=actor, upload=upload, now=now,
                          kilde=VedleggKilde.ETTERSENDELSE, levert_via=LevertVia.OPPLASTING,
                          purpose="ettersende dokument", images_as_pdf=True)


def own_soknad(scope: Scope, soknad_id: int, *, lock: bool = False) -> Soknad:
    """Return the citizen's own application (locked when asked); NotFound otherwise."""
    if not scope.is_citizen:
        raise NotFound(WRITE_NOT_FOUND)
    qs = scoped_soknader(scope).filter(pk=soknad_id)
    if lock:
        qs = qs.select_for_update(of=("self",))
    soknad = qs.first()
    if soknad is None:
        raise NotFound(WRITE_NOT_FOUND)
    return soknad


def store_document(*, soknad: Soknad, actor: object, upload: Upload, now: datetime,
                   kilde: str, levert_via: str, purpose: str,
                   images_as_pdf: bool) -> Vedlegg:
    """The one way a document reaches a case (the caller holds the lock and the transaction):
    checked by content and size, scanned, a photo made a PDF when asked, stored under a random
    name, and fulfilling the open request ``upload.krav_id`` (which innsyn stops asking for)."""
    ext, _mime = check_upload(filnavn=upload.filnavn, size=len(upload.content),
                              head=upload.content[:16])
    krav = None
    if upload.krav_id is not None:
        krav = Dokumentasjonskrav.objects.filter(pk=upload.krav_id, soknad=soknad).first()
        if krav is None or krav.status not in (KravStatus.ETTERSPURT, KravStatus.IKKE_LEVERT):
            raise UnableToStore("krav: dokumentasjonskravet er ikke åpent i denne saken.",
                                code="krav_not_open", field="krav")
    refuse_infected(upload.content)
    content = upload.content
    if images_as_pdf and ext != "pdf":
        try:
            content, ext = image_to_pdf(content, ext), "pdf"
        except NotAnImage as exc:
            raise UnableToStore("fil: bildet kunne ikke leses. Ta et nytt bilde og prøv igjen.",
                                code="file_type_refused", field="fil") from exc
    filnavn = _plain_name(upload.filnavn, ext)
    # A random name: nothing of the person's file name (or its path) reaches the disk.
    stored = default_storage.save(
        f"vedlegg/{now:%Y/%m}/{secrets.token_hex(16)}.{ext}", ContentFile(content))
    try:
        inside(settings.MEDIA_ROOT, *stored.split("/"))  # the storage kept it under MEDIA_ROOT
        v = Vedlegg.objects.create(
            soknad=soknad, kilde=kilde,
            type=(upload.dokumenttype.strip() or (krav.tittel if krav else "annet"))[:100],
            filnavn=filnavn, fil=stored, sha256=hashlib.sha256(content).hexdigest(),
            storrelse=len(content), mottatt_at=now)
        if krav is not None:
            krav.status, krav.levert_at, krav.levert_via = (KravStatus.LEVERT, now, levert_via)
            krav.save(update_fields=["status", "levert_at", "levert_via"])
            record_hendelse(soknad=soknad, type="cases.dokumentasjon.mottatt", actor=actor,
                            at=now, data={"krav_id": krav.pk, "tittel": krav.tittel,
                                          "levert_via": levert_via, "vedlegg_id": v.pk})
        record_hendelse(soknad=soknad, type="cases.dokument.lastet_opp", actor=actor, at=now,
                        data={"vedlegg_id": v.pk, "krav_id": krav.pk if krav else None,
                              "kilde": kilde})
        record(actor=actor, action=Action.WRITE, object_type="vedlegg", object_id=v.pk,
               purpose=purpose, kontor_id=soknad.kontor_id)
    except BaseException:
        default_storage.delete(stored)
        raise
    return v
