"""Reads of the case workspace: journal notes and the documents on an application.

``notes_of``/``documents_of`` build lines from an application already read (and audit-logged);
``case_notes``/``case_documents`` read it first, for staff only (the API's lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.cases.models import Journalnotat
from sosialsak.contexts.intake.models import Soknad, Vedlegg


@dataclass(frozen=True)
class NoteLine:
    id: int
    type: str
    type_label: str
    tekst: str
    skrevet_at: datetime
    skrevet_av: str
    korrigerer: int | None


@dataclass(frozen=True)
class DocumentLine:
    id: int
    type: str
    filnavn: str
    kilde: str
    kilde_label: str
    storrelse: int
    mottatt_at: datetime


def _name(user: object | None) -> str:
    if user is None:
        return ""
    return str(getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", ""))


def notes_of(soknad: Soknad) -> list[NoteLine]:
    """The application's journal notes, newest first (one query)."""
    rows = Journalnotat.objects.filter(soknad=soknad).select_related("skrevet_av")
    return [NoteLine(n.pk, n.type, str(n.get_type_display()), n.tekst, n.skrevet_at,
                     _name(n.skrevet_av), n.korrigerer_id) for n in rows]


def documents_of(rows: list[Vedlegg]) -> list[DocumentLine]:
    return [DocumentLine(v.pk, v.type, v.filnavn, v.kilde, str(v.get_kilde_display()),
                         v.storrelse, v.mottatt_at) for v in rows]


def case_notes(*, scope: Scope, actor: object, soknad_id: int, purpose: str) -> list[NoteLine]:
    """Staff read of the notes; NotFound (and a logged denial) outside the caller's scope."""
    return notes_of(staff_readable(scope=scope, actor=actor, soknad_id=soknad_id,
                                   purpose=purpose))


def case_documents(*, scope: Scope, actor: object, soknad_id: int,
                   purpose: str) -> list[DocumentLine]:
    """Staff read of the documents on the application (newest first)."""
    s = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose=purpose)
    return documents_of(list(Vedlegg.objects.filter(soknad=s).order_by("-mottatt_at", "-id")))
