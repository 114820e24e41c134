"""The caseworker's work queue: the office's open applications, urgent first, then oldest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Min, Q

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.casefile.deadlines import Deadline, next_deadline
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import parse_saksnummer
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.clock import local_date


@dataclass(frozen=True)
class QueueRow:
    id: int
    navn: str
    mottatt_at: datetime
    kanal: str
    kanal_label: str
    status: str
    status_label: str
    nodhjelp: bool
    antall_poster: int
    beskyttet: bool
    saksbehandler: str
    kontor: str
    neste_frist: Deadline | None


@dataclass(frozen=True)
class QueueFilter:
    status: str = ""
    mine_only: bool = False
    search: str = ""
    # Issue 12: "mine", "unassigned" (no saksbehandler) or "team" (the caller's own office).
    assigned: str = ""


OPEN_STATUSES = ("MOTTATT", "UNDER_BEHANDLING")


def work_queue(
    *, scope: Scope, actor: object, filters: QueueFilter, today: date, purpose: str,
    limit: int = 500, include_closed: bool = False,
) -> list[QueueRow]:
    """Return the applications in scope for the queue and log each read in one query."""
    qs = scoped_soknader(scope).select_related("person", "husstand", "kontor", "saksbehandler")
    if filters.status:
        qs = qs.filter(status=filters.status)
    elif not include_closed:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.mine_only:
        qs = qs.filter(saksbehandler_id=getattr(actor, "pk", None))
    if filters.assigned == "mine":
        qs = qs.filter(saksbehandler_id=getattr(actor, "pk", None))
    elif filters.assigned == "unassigned":
        qs = qs.filter(saksbehandler__isnull=True)
    elif filters.assigned == "team":
        qs = qs.filter(kontor_id=getattr(actor, "kontor_id", None))
    term = filters.search.strip()
    if term:
        # The name as stated in the application, never the person record (issue 10).
        qs = qs.filter(Q(husstand__fornavn__icontains=term)
                       | Q(husstand__etternavn__icontains=term)
                       | Q(pk=parse_saksnummer(term) or -1)
                       # Issue 12: a fødselsnummer/D-nummer finds the person's applications.
                       | Q(person__fodselsnummer=term.replace(" ", "")[:11] or "-"))
    qs = qs.annotate(
        n_poster=Count("poster", distinct=True),
        krav_frist=Min("dokumentasjonskrav__frist",
                       filter=Q(dokumentasjonskrav__status="ETTERSPURT")),
    ).order_by("-nodhjelp", "mottatt_at")
    rows = list(qs[:limit])
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s.pk for s in rows], purpose=purpose,
                kontor_ids=[s.kontor_id for s in rows])
    return [
        QueueRow(
            id=s.pk, navn=s.soker_navn, mottatt_at=shown_at(s.mottatt_at), kanal=s.kanal,
            kanal_label=str(s.get_kanal_display()), status=s.status,
            status_label=str(s.get_status_display()), nodhjelp=s.nodhjelp,
            antall_poster=s.n_poster,
            beskyttet=s.beskyttet,
            saksbehandler=s.saksbehandler.get_full_name() if s.saksbehandler else "",
            kontor=s.kontor.navn,
            neste_frist=next_deadline(
                mottatt=local_date(s.mottatt_at), status=s.status,
                krav_frist=s.krav_frist, today=today,
            ),
        )
        for s in rows
    ]
