"""Reads for staff: search the conversation notes, and fetch a stored letter. Both are scoped
and audit-logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import is_staff_scope, staff_readable
from sosialsak.contexts.cases.models import Brev, Dokumentasjonskrav, Samtale
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules.frister import forelopig_svar_frist


class InvalidSearch(ValidationFailed):
    code = "invalid_search"


@dataclass(frozen=True)
class NoteHit:
    samtale_id: int
    soknad_id: int
    navn: str
    tidspunkt: datetime
    kanal_label: str
    utdrag: str


def _excerpt(text: str, term: str, width: int = 80) -> str:
    at = text.casefold().find(term.casefold())
    start = max(0, at - width) if at >= 0 else 0
    end = min(len(text), (at if at >= 0 else 0) + len(term) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search_notes(*, scope: Scope, actor: object, term: str, limit: int = 50) -> list[NoteHit]:
    """Return the conversation notes in scope containing ``term``, newest first, and log a
    read per application found. Raise InvalidSearch for a term shorter than three letters."""
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")
    term = term.strip()
    if len(term) < 3:
        raise InvalidSearch("q: skriv minst tre tegn.", field="q")
    rows = list(Samtale.objects.filter(soknad__in=scoped_soknader(scope),
                                       notat_sok__contains=term.casefold())
                .select_related("soknad__husstand").order_by("-tidspunkt", "-id")[:limit])
    kontor = {r.soknad_id: r.soknad.kontor_id for r in rows}
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(kontor),
                purpose="søk i samtalenotater", kontor_ids=list(kontor.values()))
    return [NoteHit(r.pk, r.soknad_id, r.soknad.soker_navn, r.tidspunkt,
                    str(r.get_kanal_display()), _excerpt(r.notat, term)) for r in rows]


@dataclass(frozen=True)
class LetterFile:
    filnavn: str
    pdf: bytes


def letter_pdf(*, scope: Scope, actor: object, soknad_id: int, brev_id: int) -> LetterFile:
    """Return a stored letter of the application as PDF; log the read."""
    staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose="lese brev")
    brev = Brev.objects.filter(pk=brev_id, soknad_id=soknad_id).first()
    if brev is None:
        raise NotFound("Fant ikke brevet.")
    return LetterFile(brev.filnavn, bytes(brev.pdf))


@dataclass(frozen=True)
class CaseHeader:
    """What a case-progress form page shows about the application it belongs to."""

    id: int
    navn: str
    status_label: str
    apen: bool
    nodhjelp: bool
    mottatt_at: datetime
    apne_krav: int
    terskel: int
    forelopig_svar_frist: date
    can_write: bool


def case_header(*, scope: Scope, actor: object, soknad_id: int, purpose: str) -> CaseHeader:
    """Return the header of a case-progress form page; log the read (staff only)."""
    s = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose=purpose)
    return CaseHeader(
        id=s.pk, navn=s.soker_navn, status_label=str(s.get_status_display()),
        apen=s.status in ("MOTTATT", "UNDER_BEHANDLING"), nodhjelp=s.nodhjelp,
        mottatt_at=s.mottatt_at,
        apne_krav=Dokumentasjonskrav.objects.filter(soknad=s, status="ETTERSPURT").count(),
        terskel=settings_for(s.kontor_id).dokumentasjon_terskel,
        forelopig_svar_frist=forelopig_svar_frist(mottatt=local_date(s.mottatt_at)),
        can_write=scope.can_write,
    )
