"""Benchmark: livsopphold for 1,000,000 random household-months, batch vs scalar.

Run: ``.venv/bin/python bench/bench_rules.py`` (``make bench``). Prints, measured in one run,
the batch throughput (household-months per second) and its speed-up over the scalar function
in a Python loop. The scalar path is timed on a sample (default 20,000 rows) and extrapolated
to the full size; the sample's amounts are also checked against the batch. Not a timed test.
Targets: ≥ 1,000,000 household-months/s and ≥ 50× the scalar loop.

Then the input: the same households as household JSON documents (``bench/records.py``), built
into arrays by the columnar path (``rules.batch_from_households``, every row) and by the scalar
path (``parse_household`` + check per household, on the sample, extrapolated), with the input
build + compute beside the compute alone, and the mismatches. With the optional extra ``bench``
installed, the same rule in OpenFisca-core (``bench/openfisca_model.py``): its input build and
compute from the same documents, and its mismatches against ours. Target: our input build at
most 1.5× OpenFisca's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from records import records_from_batch

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
    batch_from_requests,
    calculate_batch,
    calculate_livsopphold,
    load_ruleset,
    parse_household,
)
from sosialsak.rules.columnar import batch_from_households
from sosialsak.rules.household import INCOME_TYPES

T = TypeVar("T")

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
    def kroner(high: int, shape: tuple[int, ...], share: float) -> np.ndarray:
        """Øre: whole kroner, one in ten with øre, present in ``share`` of the cells."""
        ore = rng.integers(0, high, shape) * 100 + rng.integers(1, 100, shape) * (
            rng.random(shape) < .1)
        return ore * (rng.random(shape) < share)

    housing = kroner(15_000, (n, 4), .7)
    income = kroner(10_000, (n, len(INCOME_TYPES)), .2)
    return BatchHouseholds(
        month=month, adults=rng.integers(1, 3, n), shares_dwelling=rng.random(n) < .2,
        child_birth=packed.astype(np.int64), housing_ore=housing.astype(np.int64),
        income_ore=income.astype(np.int64),
        adjustment_ore=(rng.integers(-1_000, 1_000, n) * 100 * (rng.random(n) < .1)),
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


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def input_build(households: BatchHouseholds, rules: Ruleset, args: argparse.Namespace,
                compute_s: float, amounts: np.ndarray) -> None:
    """Time the documented input path (household JSON documents → BatchHouseholds): the
    columnar path on every row, the documented scalar path (parse_household per document,
    then batch_from_requests) on a sample."""
    records, gen_s = timed(lambda: records_from_batch(households))
    print(f"\n-- input: {args.n:,} household JSON documents (made in {gen_s:.1f} s, not timed)")
    built, columnar_s = timed(lambda: batch_from_households(records, rules))
    result, compute2_s = timed(lambda: calculate_batch(households=built, rules=rules))
    sample = records[:args.sample]
    # The documented scalar path: parse each document, then batch_from_requests (which runs
    # the calculation's checks per household).
    scalar, scalar_s = timed(lambda: batch_from_requests([parse_household(d) for d in sample],
                                                         rules))
    scalar_full = scalar_s * args.n / len(sample)
    want = calculate_batch(households=scalar, rules=rules).amount
    per_row = sum(int(a != b) for a, b in zip(want, result.amount[:len(sample)], strict=True))
    print(f"columnar input build:      {columnar_s:.2f} s  ({columnar_s / args.n * 1e6:.1f} µs "
          "per household)")
    print(f"scalar input (sample):     {len(sample):,} in {scalar_s:.2f} s; extrapolated: "
          f"{scalar_full:.0f} s → columnar is {scalar_full / columnar_s:.0f}× faster")
    print(f"compute alone:             {compute_s:.2f} s; input build + compute: "
          f"{columnar_s + compute2_s:.2f} s = {(columnar_s + compute2_s) / compute_s:.1f}× "
          "the compute alone")
    print(f"mismatches: columnar vs scalar path (sample): {per_row} of {len(sample):,}; "
          f"vs the compute on the generated arrays: "
          f"{int((result.amount != amounts).sum())} of {args.n:,}")
    of = openfisca_bench(records, rules, result.amount)
    if of is None:
        return
    of_input, of_compute, of_mismatch = of
    print(f"OpenFisca-core input build: {of_input:.2f} s; compute: {of_compute:.2f} s; "
          f"mismatches against ours: {of_mismatch} of {args.n:,}")
    print(f"ours / OpenFisca: input build {columnar_s / of_input:.2f}× (target ≤ 1.5×), "
          f"compute {compute_s / of_compute:.2f}×")


def openfisca_bench(records: list[dict[str, Any]], rules: Ruleset, ours: np.ndarray
                    ) -> tuple[float, float, int] | None:
    try:
        import openfisca_model
    except ImportError as exc:
        print(f"OpenFisca-core column skipped: openfisca-core is not installed ({exc.name} "
              "missing; the optional extra: pip install -e '.[bench]').")
        return None
    return openfisca_model.run(records, rules, ours)


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
    input_build(households, rules, args, batch_s, result.amount)


if __name__ == "__main__":
    main()
