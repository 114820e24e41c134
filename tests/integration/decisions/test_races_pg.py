"""Two requests that move one state machine at once: exactly one succeeds (issue 10, item 6).

Threat: approve and return of one four-eyes proposal sent at the same moment both succeeded on
PostgreSQL, so the log held both ``vedtak.fattet`` and ``vedtak.returnert``; two advance warnings
for one breach likewise (two letters). The state a write checks must be read under the lock it holds
(``sosialsak.contexts.locking``). SQLite serialises writers and cannot show the race, so these
tests need PostgreSQL (``DATABASE_URL=postgres://...``) and skip without it.

The race is made deterministic: the test holds the application's row lock, starts both
requests, waits until both wait for a lock (``pg_stat_activity``), then lets go. Before the fix
each request had read the proposal's status before waiting, so both saw it pending.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
LATER = NOW + timedelta(days=20)


@pytest.fixture(autouse=True)
def _postgres_only(db: Any) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (make test-postgres)")


def _waiting_for_locks() -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_stat_clear_snapshot()")  # fresh view inside our transaction
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()")
        row = cur.fetchone()
    return int(row[0]) if row else 0


def _race(soknad_id: int, *calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` at once against the same application; return each one's result or the
    exception it raised, in order."""
    from django.db import connections, transaction

    from sosialsak.contexts.intake.models import Soknad

    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            results[i] = calls[i]()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    with transaction.atomic():
        Soknad.objects.select_for_update().get(pk=soknad_id)
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while _waiting_for_locks() < len(calls):
            assert time.monotonic() < deadline, f"the requests never waited: {results}"
            time.sleep(0.05)
    for t in threads:
        t.join(30)
    return results


@pytest.fixture
def strict_office(users: Any, scope_of: Any, offices: Any) -> None:
    from sosialsak.contexts.decisions.operations import set_decision_settings
    from sosialsak.contexts.decisions.policy import DecisionSettings

    leder = users["leder_a"]
    set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                          data=DecisionSettings(godkjenning_over_belop=10000), now=NOW)


def test_approve_and_return_of_one_proposal_at_once_only_one_succeeds(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, strict_office: None
) -> None:
    from sosialsak.contexts.decisions.models import Vedtak, Vedtaksforslag
    from sosialsak.contexts.decisions.operations import (
        UnableToApprove,
        approve_vedtak,
        propose_vedtak,
        return_vedtak,
    )
    from sosialsak.contexts.intake.models import Hendelse

    va, leder = users["veileder_sf"], users["leder_a"]
    forslag = propose_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk,
                             data=utkast(), now=NOW)
    results = _race(
        young_parent.pk,
        lambda: approve_vedtak(scope=scope_of(leder), actor=leder, forslag_id=forslag.pk,
                               now=NOW),
        lambda: return_vedtak(scope=scope_of(leder), actor=leder, forslag_id=forslag.pk,
                              merknad="Mangler vurdering.", now=NOW))

    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == 1, results
    assert isinstance(failed[0], UnableToApprove)
    types = set(Hendelse.objects.filter(soknad=young_parent).values_list("type", flat=True))
    assert not {"decisions.vedtak.fattet", "decisions.vedtak.returnert"} <= types
    status = Vedtaksforslag.objects.get(pk=forslag.pk).status
    assert (status == "GODKJENT") == Vedtak.objects.filter(sak__soknad=young_parent).exists()


def test_two_advance_warnings_for_one_breach_at_once_send_one_letter(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    from sosialsak.contexts.decisions.models import VedtakDokument
    from sosialsak.contexts.decisions.operations import record_brudd, send_forhandsvarsel
    from sosialsak.contexts.decisions.policy import UnableToReduce

    _kvp(users, scope_of, young_parent)
    granted = _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(_activity(),)))
    actor = users["veileder_sf"]
    brudd = record_brudd(scope=scope_of(actor), actor=actor, vilkar_id=granted.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)

    def warn() -> Any:
        return send_forhandsvarsel(scope=scope_of(actor), actor=actor, brudd_id=brudd.pk,
                                   belop_redusert=11000, svarfrist=date(2024, 3, 18), now=NOW)

    results = _race(young_parent.pk, warn, warn)

    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == 1, results
    assert isinstance(failed[0], UnableToReduce)
    assert failed[0].code == "forhandsvarsel_finnes"
    assert VedtakDokument.objects.filter(soknad=young_parent,
                                         type="FORHANDSVARSEL").count() == 1
