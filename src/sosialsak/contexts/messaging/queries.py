"""Reads: a thread (which stamps the read receipts), the office inbox, the person's list.

Every read goes through the caller's scope and is audited; anything outside it is NotFound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.intake.queries import get_soknad, scope_q, scoped_soknader
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.messaging.models import Melding, Meldingstrad, Side
from sosialsak.contexts.messaging.operations import mark_read
from sosialsak.contexts.offices.queries import settings_for_many
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class MeldingView:
    id: int
    fra: str
    fra_label: str
    egen: bool  # written by the reader's side
    tekst: str
    skrevet_at: datetime
    lest_at: datetime | None
    vedlegg_id: int | None
    vedlegg_navn: str


@dataclass(frozen=True)
class ThreadView:
    soknad_id: int
    saksnummer: str
    kontor: str
    meldinger: list[MeldingView]


def read_thread(*, scope: Scope, actor: object, soknad_id: int, now: datetime,
                purpose: str) -> ThreadView:
    """Return the thread of one application in scope (an empty one when nothing is written),
    logging the read; stamp the read receipts of the other side's messages when the reader is
    the person or staff who may answer (a read-only Statsforvalter reads without receipts)."""
    soknad = get_soknad(scope=scope, actor=actor, pk=soknad_id, purpose=purpose)
    side = Side.PERSON if scope.is_citizen else Side.KONTOR
    trad = Meldingstrad.objects.filter(soknad=soknad).first()
    rows: list[Melding] = []
    if trad is not None:
        rows = list(trad.meldinger.select_related("vedlegg"))
        if scope.is_citizen or scope.can_write:
            mark_read(trad_id=trad.pk, reader=side, now=now)
    return ThreadView(
        soknad_id=soknad.pk, saksnummer=saksnummer(soknad.pk), kontor=soknad.kontor.navn,
        meldinger=[MeldingView(
            m.pk, m.fra, str(Side(m.fra).label), m.fra == side, m.tekst, shown_at(m.skrevet_at),
            shown_at(m.lest_at) if m.lest_at else None, m.vedlegg_id,
            m.vedlegg.filnavn if m.vedlegg else "") for m in rows])


@dataclass(frozen=True)
class InboxRow:
    soknad_id: int
    saksnummer: str
    navn: str
    beskyttet: bool
    siste_at: datetime
    uleste: int
    venter_svar_siden: datetime | None
    frist: date | None
    overdue: bool


def answer_deadline(venter_siden: datetime, svar_dager: int) -> date:
    return venter_siden.astimezone(OSLO).date() + timedelta(days=svar_dager)


def inbox(*, scope: Scope, actor: object, today: date, only_waiting: bool = False,
          limit: int = 200) -> list[InboxRow]:
    """The office's threads, those waiting for an answer first (oldest first), then the rest
    newest first; a read is logged per application listed."""
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")
    qs = (Meldingstrad.objects.filter(scope_q(scope, "soknad__"))
          .select_related("soknad", "soknad__person", "soknad__husstand", "soknad__kontor")
          .annotate(siste_at=Max("meldinger__skrevet_at"),
                    uleste=Count("meldinger", filter=Q(meldinger__fra=Side.PERSON,
                                                       meldinger__lest_at__isnull=True))))
    if only_waiting:
        qs = qs.filter(venter_svar_siden__isnull=False)
    threads = list(qs.order_by("venter_svar_siden", "-siste_at", "pk")[:limit])
    settings = settings_for_many(sorted({t.soknad.kontor_id for t in threads}))
    rows = []
    for t in threads:
        s = t.soknad
        frist = (answer_deadline(t.venter_svar_siden, settings[s.kontor_id].melding_svar_dager)
                 if t.venter_svar_siden else None)
        rows.append(InboxRow(s.pk, saksnummer(s.pk), s.soker_navn, s.beskyttet,
                             shown_at(t.siste_at) if t.siste_at else shown_at(t.opprettet_at),
                             t.uleste, shown_at(t.venter_svar_siden) if t.venter_svar_siden
                             else None, frist, frist is not None and frist < today))
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[r.soknad_id for r in rows], purpose="innboks for meldinger",
                kontor_ids=[t.soknad.kontor_id for t in threads])
    return rows


@dataclass(frozen=True)
class OwnThread:
    soknad_id: int
    saksnummer: str
    mottatt_at: datetime
    antall: int
    uleste: int


def own_threads(*, scope: Scope, actor: object) -> list[OwnThread]:
    """The person's applications with how many messages each has and how many are unread."""
    if not scope.is_citizen:
        raise NotFound("Fant ikke siden.")
    rows = list(scoped_soknader(scope).select_related("kontor").annotate(
        antall=Count("meldingstrad__meldinger"),
        uleste=Count("meldingstrad__meldinger", filter=Q(
            meldingstrad__meldinger__fra=Side.KONTOR,
            meldingstrad__meldinger__lest_at__isnull=True))).order_by("-mottatt_at", "-pk"))
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s.pk for s in rows], purpose="innsyn egne meldinger",
                kontor_ids=[s.kontor_id for s in rows])
    return [OwnThread(s.pk, saksnummer(s.pk), shown_at(s.mottatt_at), s.antall, s.uleste)
            for s in rows]
