"""Shapes shared by the worklist sources (private)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scope_q, scoped_soknader
from sosialsak.contexts.offices.policy import Settings
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.clock import OSLO

OPEN = ("MOTTATT", "UNDER_BEHANDLING")


@dataclass(frozen=True)
class WorkItem:
    """One line of a worklist; ``soknad_id`` is the case it links to."""

    soknad_id: int
    kontor_id: int
    navn: str
    beskyttet: bool
    nodhjelp: bool
    mottatt_at: datetime
    kontor: str
    saksbehandler: str
    frist: date | None
    detalj: str
    overdue: bool
    oppgave_id: int | None = None
    # The line's place in its list's order (issue 13: the page's keyset cursor ``etter``):
    # whole numbers only (days, microseconds, ids), negated for a descending order.
    order: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Ctx:
    scope: Scope
    today: date
    settings: dict[int, Settings]
    mine_user_id: int | None  # only the caller's own cases when set
    # The queue's other two filters (issue 12): cases nobody handles, or the caller's office.
    unassigned: bool = False
    team_kontor_id: int | None = None

    def assigned_q(self, prefix: str = "") -> Q:
        """The assignment filter (mine / unassigned / my office) on the application at
        ``prefix``; no condition when none is chosen."""
        q = Q()
        if self.mine_user_id is not None:
            q &= Q(**{f"{prefix}saksbehandler_id": self.mine_user_id})
        if self.unassigned:
            q &= Q(**{f"{prefix}saksbehandler__isnull": True})
        if self.team_kontor_id is not None:
            q &= Q(**{f"{prefix}kontor_id": self.team_kontor_id})
        return q

    def base(self) -> QuerySet[Soknad]:
        return scoped_soknader(self.scope).filter(self.assigned_q())

    def on(self, prefix: str) -> Q:
        """The same rows as ``base`` for the application at ``prefix``, through the join."""
        return scope_q(self.scope, prefix) & self.assigned_q(prefix)

    def per_office(self, make: Callable[[Settings], Q]) -> Q:
        """Return ``kontor = k AND make(settings of k)`` for every office in scope, OR-ed."""
        q = Q(pk__in=[])
        for kontor_id, settings in self.settings.items():
            q |= Q(kontor_id=kontor_id) & make(settings)
        return q


def start_of(day: date) -> datetime:
    """Return midnight at the start of ``day`` in Norway, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=OSLO)


_EPOCH = datetime(1970, 1, 1, tzinfo=OSLO)


def micros(at: datetime) -> int:
    """``at`` as whole microseconds (an order key)."""
    return (at - _EPOCH) // timedelta(microseconds=1)


def item(s: Soknad, *, frist: date | None, detalj: str, overdue: bool,
         oppgave_id: int | None = None, order: tuple[int, int] = (0, 0)) -> WorkItem:
    """Build a line from an application fetched with person, kontor and saksbehandler."""
    return WorkItem(
        soknad_id=s.pk, kontor_id=s.kontor_id, navn=s.soker_navn,
        beskyttet=s.beskyttet, nodhjelp=s.nodhjelp,
        mottatt_at=shown_at(s.mottatt_at), kontor=s.kontor.navn,
        saksbehandler=s.saksbehandler.get_full_name() if s.saksbehandler else "",
        frist=frist, detalj=detalj, overdue=overdue, oppgave_id=oppgave_id, order=order)


RELATED = ("person", "husstand", "kontor", "saksbehandler")
