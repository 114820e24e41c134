"""Reads for the insight pages: the indicators and flows (counts only) and the cases behind a
figure (the drill-down: application ids in scope, each read audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.insight.area import Area, area_q
from sosialsak.contexts.insight.indicators import INDICATORS, Group, Indicator, Period
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.kernel.errors import NotFound

DRILL_LIMIT = 500  # a page of cases; the export has them all
PURPOSE = "styringsinformasjon: sakene bak et tall"


@dataclass(frozen=True)
class CaseRow:
    soknad_id: int
    saksnummer: str
    mottatt_at: datetime
    kanal: str
    status: str


@dataclass(frozen=True)
class Drill:
    indicator: Indicator
    group: Group
    rows: list[CaseRow]
    truncated: bool


def indicator(*, scope: Scope, area: Area, period: Period, today: date, key: str) -> Indicator:
    fn = INDICATORS.get(key)
    if fn is None:
        raise NotFound("Fant ikke indikatoren.")
    return fn(scope, area, period, today)


def cases_behind(*, scope: Scope, actor: object, area: Area, period: Period, today: date,
                 key: str, group: str, limit: int | None = DRILL_LIMIT,
                 export: bool = False) -> Drill:
    """The applications behind one figure, in scope, newest first; every one shown is logged
    as read (the list names the cases)."""
    ind = indicator(scope=scope, area=area, period=period, today=today, key=key)
    g = ind.group(group)
    if g is None:
        raise NotFound("Fant ikke tallet.")
    qs = (Soknad.objects.filter(area_q(scope, area), pk__in=g.soknad_ids)
          .order_by("-mottatt_at", "-pk").values_list("pk", "mottatt_at", "kanal", "status",
                                                      "kontor_id"))
    rows = list(qs[:limit + 1] if limit is not None else qs)
    truncated = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    labels_kanal = dict(Soknad._meta.get_field("kanal").choices or [])
    labels_status = dict(Soknad._meta.get_field("status").choices or [])
    record_many(actor=actor, action=Action.EXPORT if export else Action.READ, object_type="soknad",
                object_ids=[r[0] for r in rows], purpose=PURPOSE,
                kontor_ids=[r[4] for r in rows])
    return Drill(ind, g, [CaseRow(pk, saksnummer(pk), at, str(labels_kanal.get(k, k)),
                                  str(labels_status.get(st, st)))
                          for pk, at, k, st, _kontor in rows], truncated)
