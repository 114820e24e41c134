"""The caseworker's work queue: the office's open applications, urgent first, then oldest.

Paged by keyset (issue 13): the order is ``nodhjelp DESC, mottatt_at, id`` and a page starts
after the cursor of the last row of the page before, so page 1,000 costs what page 1 costs. The
order is served by the indexes ``soknad_queue_open`` / ``soknad_queue_status`` (intake
migration 0003); the per-row figures are computed for the page's rows only.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record, record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.casefile.deadlines import Deadline, next_deadline
from sosialsak.contexts.cases.models import Dokumentasjonskrav
from sosialsak.contexts.intake.models import Soknad, SoktStonad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import parse_saksnummer
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import ValidationFailed


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


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    neste: str | None  # cursor of the next page (``etter``), None on the last page
    total: int | None  # matching applications in all pages (None when not counted)


_FNR = re.compile(r"\d{11}")
OPEN_STATUSES = ("MOTTATT", "UNDER_BEHANDLING")
MAX_LIMIT = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_cursor(s: Soknad) -> str:
    """Return the opaque cursor after ``s``: its place in the queue order, no personal data."""
    micros = (s.mottatt_at - _EPOCH) // timedelta(microseconds=1)  # exact, no float
    raw = f"{int(s.nodhjelp)}.{micros}.{s.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[bool, datetime, int]:
    """Return (nodhjelp, mottatt_at, id) from a cursor; ValidationFailed naming ``etter``."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        flag, micros, pk = raw.split(".")
        if flag not in ("0", "1"):
            raise ValueError(flag)
        at = _EPOCH + timedelta(microseconds=int(micros))
        return flag == "1", at, int(pk)
    except (ValueError, UnicodeDecodeError, binascii.Error, OverflowError, OSError) as exc:
        raise ValidationFailed("etter: ugyldig sidemarkør; start fra første side.",
                               field="etter") from exc


def _after(cursor: tuple[bool, datetime, int]) -> Q:
    """Rows after ``cursor`` in the order (nodhjelp DESC, mottatt_at, id)."""
    nodhjelp, at, pk = cursor
    later = Q(mottatt_at__gt=at) | Q(mottatt_at=at, pk__gt=pk)
    return Q(nodhjelp=nodhjelp) & later | (Q(nodhjelp=False) if nodhjelp else Q(pk__in=[]))


def _filtered(scope: Scope, actor: object, filters: QueueFilter,
              include_closed: bool) -> QuerySet[Soknad]:
    qs = scoped_soknader(scope)
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
    return qs


def work_queue_page(
    *, scope: Scope, actor: object, filters: QueueFilter, today: date, purpose: str,
    limit: int = 100, etter: str = "", include_closed: bool = False, count: bool = True,
) -> QueuePage:
    """Return one page of the queue and log the read of each listed application in one insert.

    ``etter`` is the cursor of the previous page's last row (``QueuePage.neste``). Two queries
    (three with ``count``) whatever the page size and the number of applications.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(f"limit: må være mellom 1 og {MAX_LIMIT}.", field="limit")
    base = _filtered(scope, actor, filters, include_closed)
    page = base.filter(_after(decode_cursor(etter))) if etter else base
    n_poster = (SoktStonad.objects.filter(soknad=OuterRef("pk")).order_by()
                .values("soknad").annotate(n=Count("pk")).values("n"))
    krav = (Dokumentasjonskrav.objects.filter(soknad=OuterRef("pk"), status="ETTERSPURT")
            .order_by().values("soknad").annotate(f=Min("frist")).values("f"))
    got = list(page.select_related("person", "husstand", "kontor", "saksbehandler").annotate(
        n_poster=Coalesce(Subquery(n_poster, output_field=IntegerField()), 0),
        krav_frist=Subquery(krav),
    ).order_by("-nodhjelp", "mottatt_at", "pk")[:limit + 1])
    rows, more = got[:limit], len(got) > limit
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s.pk for s in rows], purpose=purpose,
                kontor_ids=[s.kontor_id for s in rows])
    if _FNR.fullmatch(filters.search.replace(" ", "")):
        # A search by fødselsnummer is logged even when it finds nothing (probing numbers
        # shows in the log), by its hit count, never the number (issue 12).
        record(actor=actor, action=Action.READ, object_type="sok", object_id="",
               purpose=f"{purpose} (fodselsnummer: {len(rows)} treff)",
               kontor_id=getattr(actor, "kontor_id", None))
    total = None
    if count:
        total = len(rows) if not etter and not more else base.order_by().count()
    # The choice labels once per page, not per row (``get_FOO_display`` rebuilds the choices
    # and translates on every call: a third of the queue's time at 100 rows; issue 13).
    labels = (_labels("kanal"), _labels("status"))
    return QueuePage(
        rows=[_row(s, today, labels) for s in rows],
        neste=encode_cursor(rows[-1]) if more else None,
        total=total,
    )


def _labels(field: str) -> dict[str, str]:
    """The field's choice labels in the active language (what ``get_FOO_display`` shows)."""
    choices = getattr(Soknad._meta.get_field(field), "flatchoices", ())
    return {str(k): str(v) for k, v in choices}


def _row(s: Any, today: date, labels: tuple[dict[str, str], dict[str, str]]) -> QueueRow:
    # ``s`` is a Soknad annotated n_poster, krav_frist.
    kanal, status = labels
    return QueueRow(
        id=s.pk, navn=s.soker_navn, mottatt_at=shown_at(s.mottatt_at), kanal=s.kanal,
        kanal_label=kanal.get(s.kanal, s.kanal), status=s.status,
        status_label=status.get(s.status, s.status), nodhjelp=s.nodhjelp,
        antall_poster=s.n_poster,
        beskyttet=s.beskyttet,
        saksbehandler=s.saksbehandler.get_full_name() if s.saksbehandler else "",
        kontor=s.kontor.navn,
        neste_frist=next_deadline(
            mottatt=local_date(s.mottatt_at), status=s.status,
            krav_frist=s.krav_frist, today=today,
        ),
    )


def work_queue(
    *, scope: Scope, actor: object, filters: QueueFilter, today: date, purpose: str,
    limit: int = MAX_LIMIT, include_closed: bool = False,
) -> list[QueueRow]:
    """Return the first ``limit`` rows of the queue (the citizen's own list), logging each read."""
    return work_queue_page(scope=scope, actor=actor, filters=filters, today=today,
                           purpose=purpose, limit=limit, include_closed=include_closed,
                           count=False).rows
