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


def register_state_rates_for(*years: int) -> None:
    """Register a state rate set from 1 January of each year with the 2024 figures (A-3/2023),
    so decisions dated by the real clock are not refused as made on stale rates (issue 11)."""
    from sosialsak.contexts.rates.operations import RateSetInput, register_rate_set

    for year in sorted(set(years)):
        register_rate_set(data=RateSetInput(
            valid_from=date(year, 1, 1), reference=f"Test: 2024-satsene videreført for {year}",
            enslig=7850, ektepar_samboere=13100, bofellesskap=6600, barn_0_5=3850,
            barn_6_10=3950, barn_11_17=5150), actor=None, now=NOW)
