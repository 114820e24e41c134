"""The caseworker's work queue (``contexts.casefile.queue``): urgent (nødhjelp) first, then the
oldest; only open applications in the caller's scope; each row shows its next deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue
from sosialsak.contexts.cases.models import Dokumentasjonskrav
from sosialsak.contexts.intake.models import Soknad

TODAY = date(2024, 3, 20)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


@pytest.fixture
def prepared(make_soknad: Any) -> dict[str, Any]:
    """Applications at office A (and one at B), received on different days, some urgent."""

    def soknad(received: date, *, office: str = "A", nodhjelp: bool = False,
               status: str = "MOTTATT") -> Any:
        s = make_soknad(office=office)
        Soknad.objects.filter(pk=s.pk).update(mottatt_at=at(received), nodhjelp=nodhjelp,
                                              status=status)
        return s

    cases = {
        "closed": soknad(date(2024, 1, 15), status="FERDIGBEHANDLET"),
        "new": soknad(date(2024, 3, 4)),
        "urgent_new": soknad(date(2024, 3, 10), nodhjelp=True),
        "old": soknad(date(2024, 2, 1)),
        "mid": soknad(date(2024, 2, 20), status="UNDER_BEHANDLING"),
        "docs": soknad(date(2024, 2, 10)),
        "urgent_old": soknad(date(2024, 2, 25), nodhjelp=True),
        "other_office": soknad(date(2024, 1, 2), office="B"),
    }
    krav = {"tittel": "Kontoutskrift", "opprettet_at": at(date(2024, 2, 12))}
    Dokumentasjonskrav.objects.create(soknad=cases["docs"], frist=date(2024, 3, 8), **krav)
    # Delivered requirements no longer set a deadline, however early.
    Dokumentasjonskrav.objects.create(soknad=cases["docs"], frist=date(2024, 3, 1),
                                      status="LEVERT", levert_at=at(date(2024, 2, 20)),
                                      levert_via="PA_KONTORET", **krav)
    return cases


def queue(users: dict[str, Any], scope_of: Any, **filters: Any) -> list[Any]:
    actor = users["veileder_a"]
    return work_queue(scope=scope_of(actor), actor=actor, filters=QueueFilter(**filters),
                      today=TODAY, purpose="arbeidsliste")


def test_urgent_first_then_oldest_only_open_in_scope(prepared, users, scope_of) -> None:
    rows = queue(users, scope_of)

    names = {s.pk: name for name, s in prepared.items()}
    assert [names[r.id] for r in rows] == [
        "urgent_old", "urgent_new", "old", "docs", "mid", "new"]
    assert [r.nodhjelp for r in rows] == [True, True, False, False, False, False]


def test_each_row_shows_its_next_deadline(prepared, users, scope_of) -> None:
    rows = {r.id: r.neste_frist for r in queue(users, scope_of)}

    def deadline(name: str) -> tuple[date, str, bool]:
        d = rows[prepared[name].pk]
        assert d is not None
        return d.due, d.label, d.overdue

    # Foreløpig svar one month after receipt (fvl § 11 a), moved off weekends and holidays.
    assert deadline("old") == (date(2024, 3, 1), "Foreløpig svar", True)
    assert deadline("mid") == (date(2024, 3, 20), "Foreløpig svar", False)  # due today
    assert deadline("new") == (date(2024, 4, 4), "Foreløpig svar", False)
    assert deadline("urgent_old") == (date(2024, 3, 25), "Foreløpig svar", False)
    assert deadline("urgent_new") == (date(2024, 4, 10), "Foreløpig svar", False)
    # 10 February + one month is Sunday 10 March, so the reply is due Monday 11 March; the
    # requested documents are due before that, on 8 March, and that is shown (overdue).
    assert deadline("docs") == (date(2024, 3, 8), "Dokumentasjon", True)


def test_filters_and_closed_applications(prepared, users, scope_of) -> None:
    closed = queue(users, scope_of, status="FERDIGBEHANDLET")
    everything = queue(users, scope_of, status="")

    assert [r.id for r in closed] == [prepared["closed"].pk]
    assert closed[0].neste_frist is None
    assert prepared["closed"].pk not in {r.id for r in everything}
    assert [r.id for r in queue(users, scope_of, status="UNDER_BEHANDLING")] == [
        prepared["mid"].pk]


def test_every_row_read_is_audited(prepared, users, scope_of) -> None:
    before = AuditEntry.objects.filter(action="READ", object_type="soknad").count()

    rows = queue(users, scope_of)

    logged = AuditEntry.objects.filter(action="READ", object_type="soknad",
                                       purpose="arbeidsliste")
    assert before == 0 and logged.count() == len(rows)
    assert set(logged.values_list("object_id", flat=True)) == {str(r.id) for r in rows}
