"""JSON API for the case workspace (issue 12): journal notes and documents on an application.

Same rules as the caseworker pages: scoped (another office's case is 404), the Statsforvalter
reads only (403 before any view runs), every read and write audited, one error shape.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.cases.journal import DocumentLine, case_documents, case_notes, notes_of
from sosialsak.contexts.cases.models import MAX_NOTAT
from sosialsak.contexts.cases.operations import Upload, check_upload, upload_document, write_note
from sosialsak.interfaces.api.bounds import MAX_ID, NO_NUL, Code, Id
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import now, scope_of

router = Router(tags=["saksgang"])
ERRORS: dict[int, Any] = {400: Error, 404: Error}
NoteText = Annotated[str, Field(min_length=1, max_length=MAX_NOTAT, pattern=NO_NUL)]


class NotatIn(Schema):
    type: Code = Field("NOTAT", description="SAMTALE, TELEFON, NOTAT or MOTE")
    tekst: NoteText
    korrigerer: Id | None = Field(None, description="the note (in this case) this corrects")


class NotatOut(Schema):
    id: int
    type: str
    type_label: str
    tekst: str
    skrevet_at: datetime
    skrevet_av: str
    korrigerer: int | None


class SaksdokumentOut(Schema):
    id: int
    type: str
    filnavn: str
    kilde: str
    kilde_label: str
    storrelse: int
    mottatt_at: datetime


@router.get("/soknader/{soknad_id}/notater", response={200: list[NotatOut], 404: Error},
            summary="List journalnotater")
def list_notater(request: HttpRequest, soknad_id: Id) -> list[dict[str, Any]]:
    """List journalnotatene i søknaden, de nyeste først. Lesingen loggføres."""
    with audit_channel("api"):
        notes = case_notes(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                           purpose="api: lese journalnotater")
    return [dataclasses.asdict(n) for n in notes]


@router.post("/soknader/{soknad_id}/notater", response={201: NotatOut, **ERRORS},
             summary="Skriv journalnotat")
def post_notat(request: HttpRequest, soknad_id: Id, body: NotatIn) -> tuple[int, dict[str, Any]]:
    """Skriv et journalnotat (samtale, telefon, notat eller møte). Notater endres aldri: en
    korrigering er et nytt notat som peker på det det retter (`korrigerer`)."""
    with audit_channel("api"):
        note = write_note(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                          type=body.type, tekst=body.tekst, korrigerer_id=body.korrigerer,
                          now=now())
    line = next(n for n in notes_of(note.soknad) if n.id == note.pk)
    return 201, dataclasses.asdict(line)


@router.get("/soknader/{soknad_id}/dokumenter", response={200: list[SaksdokumentOut], 404: Error},
            summary="List dokumenter i saken")
def list_dokumenter(request: HttpRequest, soknad_id: Id) -> list[dict[str, Any]]:
    """List vedlegg og dokumenter i søknaden (fra nav.no og lastet opp av kontoret), de nyeste
    først. Filen lastes ned fra saksbehandlersiden; lesingen loggføres."""
    with audit_channel("api"):
        docs = case_documents(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                              purpose="api: lese dokumentliste")
    return [dataclasses.asdict(d) for d in docs]


@router.post("/soknader/{soknad_id}/dokumenter", response={201: SaksdokumentOut, **ERRORS},
             summary="Last opp dokument")
def post_dokument(request: HttpRequest, soknad_id: Id, fil: File[UploadedFile],
                  dokumenttype: str = Form("", max_length=100, pattern=NO_NUL,
                                           description="what the document is"),
                  krav_id: int | None = Form(None, ge=1, le=MAX_ID,
                                             description="an open documentation request")
                  ) -> tuple[int, dict[str, Any]]:
    """Last opp et dokument kontoret har fått eller skannet (multipart, feltet `fil`): PDF,
    JPEG eller PNG, sjekket på innholdet, høyst 10 MB. Med `krav_id` oppfylles et åpent
    dokumentasjonskrav i saken. En fil som avvises, lagres ikke."""
    check_upload(filnavn=fil.name or "", size=fil.size or 0, head=fil.read(16))
    fil.seek(0)
    with audit_channel("api"):
        v = upload_document(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            now=now(), upload=Upload(filnavn=fil.name or "", content=fil.read(),
                                                     dokumenttype=dokumenttype, krav_id=krav_id))
    return 201, dataclasses.asdict(DocumentLine(v.pk, v.type, v.filnavn, v.kilde,
                                                str(v.get_kilde_display()), v.storrelse,
                                                v.mottatt_at))
