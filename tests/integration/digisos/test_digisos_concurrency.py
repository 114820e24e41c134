"""Concurrent identical Digisos deliveries (issue 10, item 6): on PostgreSQL one in four gave a
500 (IntegrityError while quarantining). Intake must be idempotent under concurrency: every
copy gets an answer, one row, one application."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

COPIES = 4


def _race(folder: Path) -> list[Any]:
    from django.db import connections

    from sosialsak.contexts.digisos.delivery import read_folder
    from sosialsak.contexts.digisos.importer import import_delivery

    barrier = threading.Barrier(COPIES)
    results: list[Any] = []

    def one() -> None:
        try:
            barrier.wait()
            results.append(import_delivery(delivery=read_folder(folder), now=NOW))
        except Exception as exc:  # the assertion shows what escaped
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(COPIES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")


@pytest.mark.usefixtures("_postgres_only")
@pytest.mark.parametrize("valid", [True, False])
def test_identical_deliveries_at_once_give_one_row_and_no_error(offices, tmp_path,
                                                                valid) -> None:
    from sosialsak.contexts.digisos.models import Levering
    from sosialsak.contexts.intake.models import Soknad

    folder = write_delivery(tmp_path / "d", digisos_id=did("race"), ekstern_ref="ref-race",
                            soknad=soknad_json() if valid else {"x": 1})

    results = _race(folder)

    assert not [r for r in results if isinstance(r, Exception)], results
    outcomes = sorted(r.outcome for r in results)
    if valid:
        assert outcomes == ["DUPLIKAT"] * (COPIES - 1) + ["IMPORTERT"]
        assert Soknad.objects.count() == 1
    else:
        assert outcomes == ["KARANTENE"] * COPIES
    assert Levering.objects.count() == 1
