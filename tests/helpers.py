"""Constants and small helpers shared by the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sosialsak.kernel.identity import make_synthetic_fodselsnummer

NOW = datetime(2024, 3, 4, 9, 30, tzinfo=UTC)


def synthetic_fnr(born: date, n: int = 0) -> str:
    """Return a synthetic (never real) fødselsnummer for ``born``."""
    for individual in range(n, n + 50):
        try:
            return make_synthetic_fodselsnummer(birth_date=born, individual=individual)
        except ValueError:
            continue
    raise AssertionError("no synthetic number found")
