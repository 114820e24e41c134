"""Benchmark: livsopphold for 1,000,000 random household-months, batch vs scalar.

Run: ``.venv/bin/python bench/bench_rules.py`` (``make bench``). Prints, measured in one run,
the batch throughput (household-months per second) and its speed-up over the scalar function
in a Python loop. The scalar path is timed on a sample (default 20,000 rows) and extrapolated
to the full size; the sample's amounts are also checked against the batch. Not a timed test.
Targets: ≥ 1,000,000 household-months/s and ≥ 50× the scalar loop.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sosialsak.rules import (
    Adjustment,
    BatchHouseholds,
    Household,
    HousingCaps,
    HousingCosts,
    Income,
    IndividualAssessment,
    Person,
    RateSet,
    Ruleset,
    calculate_batch,
    calculate_livsopphold,
    load_ruleset,
)
from sosialsak.rules.household import INCOME_TYPES

MAX_CHILDREN = 6


def random_households(n: int, seed: int) -> BatchHouseholds:
    """Return ``n`` random household-months from 2019-01 to 2026-12 (øre, packed dates)."""
    rng = np.random.default_rng(seed)
    month = (np.datetime64("2019-01", "M") + rng.integers(0, 96, n)).astype("datetime64[M]")
    first = month.astype("datetime64[D]")
    n_children = rng.choice(np.arange(MAX_CHILDREN + 1), n, p=[.45, .2, .15, .1, .05, .03, .02])
    age_days = rng.integers(0, 20 * 365, (n, MAX_CHILDREN))
    born = first[:, None] - age_days.astype("timedelta64[D]")
    years = born.astype("datetime64[Y]")
    months = born.astype("datetime64[M]")
    packed = ((years.astype(np.int64) + 1970) * 10000
              + (months - years).astype(np.int64) * 100 + 100
              + (born - months).astype(np.int64) + 1)
    packed[np.arange(MAX_CHILDREN)[None, :] >= n_children[:, None]] = 0
    housing = rng.integers(0, 1_500_000, (n, 4)) * (rng.random((n, 4)) < .7)
    income = rng.integers(0, 1_000_000, (n, len(INCOME_TYPES))) * (rng.random((n, 8)) < .2)
    return BatchHouseholds(
        month=month, adults=rng.integers(1, 3, n), shares_dwelling=rng.random(n) < .2,
        child_birth=packed.astype(np.int64), housing_ore=housing.astype(np.int64),
        income_ore=income.astype(np.int64),
        adjustment_ore=(rng.integers(-100_000, 100_000, n) * (rng.random(n) < .1)),
        kommune=rng.choice(np.array([0, 301, 4601, 1103]), n),
    )


Scalar = tuple[Household, date, str | None, IndividualAssessment | None]


def households_for_scalar(h: BatchHouseholds, rows: range) -> list[Scalar]:
    """Return the same rows as scalar facts (dataclasses, Decimal kroner)."""
    out: list[Scalar] = []
    for i in rows:
        d = h.month[i].astype(date)
        children = tuple(Person(date(int(b) // 10000, int(b) // 100 % 100, int(b) % 100))
                         for b in h.child_birth[i] if b)
        housing = HousingCosts(*(Decimal(int(x)) / 100 for x in h.housing_ore[i]))
        income = tuple(Income(t, Decimal(int(x)) / 100)
                       for t, x in zip(INCOME_TYPES, h.income_ore[i], strict=True) if x)
        hh = Household(adults=(Person(date(1980, 1, 1)),) * int(h.adults[i]),
                       children=children, shares_dwelling=bool(h.shares_dwelling[i]),
                       housing_costs=housing, income=income)
        kommune = f"{int(h.kommune[i]):04d}" if h.kommune is not None and h.kommune[i] else None
        adj = 0 if h.adjustment_ore is None else int(h.adjustment_ore[i])
        assessment = (IndividualAssessment("bench", (Adjustment(Decimal(adj) / 100, "bench"),))
                      if adj else None)
        out.append((hh, date(d.year, d.month, 1), kommune, assessment))
    return out


def overlaid_rules() -> Ruleset:
    return load_ruleset().with_rate_sets([  # fictional test data, not real rates
        RateSet(valid_from=date(2023, 3, 1), reference="TEST", kommunenummer="0301", enslig=8000,
                ektepar_samboere=13000, bofellesskap=7000, barn_0_5=4000, barn_6_10=4100,
                barn_11_17=5200, housing_caps=HousingCaps(husleie=8000, strom=1500)),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rules = overlaid_rules()
    households = random_households(args.n, args.seed)
    calculate_batch(households=random_households(1000, 1), rules=rules)  # warm-up

    start = time.perf_counter()
    result = calculate_batch(households=households, rules=rules)
    batch_s = time.perf_counter() - start

    sample = households_for_scalar(households, range(min(args.sample, args.n)))
    start = time.perf_counter()
    amounts = [calculate_livsopphold(household=hh, month=m, rules=rules, kommune=k,
                                     assessment=a).amount for hh, m, k, a in sample]
    scalar_s = time.perf_counter() - start
    mismatched = sum(1 for i, a in enumerate(amounts) if a != result.amount[i])

    batch_rate = args.n / batch_s
    scalar_rate = len(sample) / scalar_s
    print(f"household-months:          {args.n:,}")
    print(f"batch (NumPy, int64):      {batch_s:.3f} s  → {batch_rate:,.0f} household-months/s")
    print(f"scalar loop (sample):      {len(sample):,} in {scalar_s:.3f} s → "
          f"{scalar_rate:,.0f}/s; extrapolated to {args.n:,}: {args.n / scalar_rate:.1f} s")
    print(f"speed-up batch vs scalar:  {batch_rate / scalar_rate:,.0f}×")
    print(f"targets: ≥1,000,000/s {'OK' if batch_rate >= 1e6 else 'MISSED'}; "
          f"≥50× {'OK' if batch_rate / scalar_rate >= 50 else 'MISSED'}")
    print(f"sample rows where scalar and batch amounts differ: {mismatched} of {len(sample):,}")


if __name__ == "__main__":
    main()
