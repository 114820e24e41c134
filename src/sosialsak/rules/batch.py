"""Livsopphold for many households at once, vectorised with NumPy (int64 øre throughout).

The batch applies exactly the rule of ``livsopphold.calculate_livsopphold`` (and a property test
proves it gives the same amounts): for each rate table — the state's, and each municipality's
with its own rate sets — it resolves every parameter once per *breakpoint* (a date on which any
value changes), then finds each household's row with ``searchsorted`` on ``table * 10^8 +
YYYYMMDD`` of the month's first day. Children's ages come from packed ``YYYYMMDD`` birth dates
(``(month - birth) // 10000``), income types are filtered by the dated "counts as income"
parameters, housing costs are capped, and the amount is rounded half up to whole kroner.

Explanations and flags are not produced here: use the scalar function for a single case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from sosialsak.rules.engine.overlays import RATE_NAMES
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidAssessment, InvalidHousehold, ParameterNotFound
from sosialsak.rules.household import HOUSING_COSTS, INCOME_TYPES
from sosialsak.rules.household_json import HouseholdRequest
from sosialsak.rules.livsopphold import age_bands, check_household
from sosialsak.rules.money import to_ore

I64 = npt.NDArray[np.int64]
RATES = "veiledende_satser.livsopphold."
NO_CAP = np.iinfo(np.int64).max // 4
NEVER = 99_999_999
_KEY = 100_000_000
_CHUNK = 1 << 17


@dataclass(frozen=True)
class BatchHouseholds:
    """Households as arrays. Money in øre; birth dates packed ``YYYYMMDD`` (0 = no child)."""

    month: npt.NDArray[np.datetime64]  # datetime64[M], shape (n,)
    adults: npt.NDArray[np.integer]  # 1 or 2
    shares_dwelling: npt.NDArray[np.bool_]
    child_birth: I64  # (n, k)
    housing_ore: I64  # (n, 4) in HOUSING_COSTS order
    income_ore: I64  # (n, 8) in INCOME_TYPES order
    adjustment_ore: I64 | None = None  # (n,), signed
    kommune: npt.NDArray[np.int64] | None = None  # kommunenummer as int (301), 0 = none
    # An applicant under 18: the individually assessed amount in kroner replaces the adult
    # rate (Under18Assessment); -1 = none.
    adult_override: I64 | None = None


@dataclass(frozen=True)
class BatchResult:
    amount: I64  # whole kroner
    norm: I64  # whole kroner
    housing_ore: I64
    income_counted_ore: I64
    rate_set_from: npt.NDArray[np.datetime64]  # datetime64[D]
    stale: npt.NDArray[np.bool_]


def _pack(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


@dataclass(frozen=True)
class _Table:
    keys: I64
    table: I64
    rates: I64  # (rows, 6) kroner
    caps: I64  # (rows, 4) øre
    bands: I64  # (rows, 3): lower bound of band 2, of band 3, highest child age
    counts: npt.NDArray[np.bool_]  # (rows, 8)
    rate_from: I64
    stale_from: I64


def _build(rules: Ruleset, kommuner: Sequence[str | None]) -> _Table:
    rate_names = [RATES + n for n in RATE_NAMES]
    cap_names = [c.cap_parameter for c in HOUSING_COSTS]
    income_names = [f"inntekt.medregnes.{t.value}" for t in INCOME_TYPES]
    cols: dict[str, list[object]] = {k: [] for k in
                                     ("keys", "table", "rates", "caps", "bands", "counts",
                                      "rate_from", "stale_from")}
    for t, kommune in enumerate(kommuner):
        names = [*rate_names, *cap_names, *income_names, RATES + "aldersgrupper"]
        for bp in rules.breakpoints(names, kommune=kommune):
            try:
                rates = [rules.value(n, on=bp, kommune=kommune) for n in rate_names]
            except ParameterNotFound:
                continue  # before the first rate set; rows here are reported by the lookup
            bands = age_bands(rules=rules, on=bp)
            if len(bands) != 3 or [b.fra for b in bands] != [0, bands[0].til + 1,
                                                              bands[1].til + 1]:
                raise NotImplementedError("batch supports three contiguous age bands from 0")
            caps = [rules.value(n, on=bp, kommune=kommune).as_optional_int() for n in cap_names]
            cols["keys"].append(t * _KEY + _pack(bp))
            cols["table"].append(t)
            cols["rates"].append([r.as_int() for r in rates])
            cols["caps"].append([NO_CAP if c is None else c * 100 for c in caps])
            cols["bands"].append([bands[1].fra, bands[2].fra, bands[2].til])
            cols["counts"].append([rules.boolean(n, on=bp) for n in income_names])
            cols["rate_from"].append(_pack(max(r.valid_from for r in rates)))
            cols["stale_from"].append(min(
                (_pack(r.expected_update) for r in rates if r.expected_update), default=NEVER))
    def a(name: str) -> I64:
        return np.asarray(cols[name], dtype=np.int64)

    return _Table(a("keys"), a("table"), a("rates"), a("caps"), a("bands"),
                  np.asarray(cols["counts"], dtype=np.bool_), a("rate_from"), a("stale_from"))


def _packed_months(month: npt.NDArray[np.datetime64]) -> I64:
    m = month.astype("datetime64[M]").astype(np.int64)
    return ((m // 12 + 1970) * 10000 + (m % 12 + 1) * 100 + 1).astype(np.int64)


def _unpack_days(packed: I64) -> npt.NDArray[np.datetime64]:
    y, md = np.divmod(packed, 10000)
    mo, d = np.divmod(md, 100)
    months = ((y - 1970) * 12 + mo - 1).astype("datetime64[M]")
    return months.astype("datetime64[D]") + (d - 1).astype("timedelta64[D]")


def calculate_batch(
    *, households: BatchHouseholds, rules: Ruleset | None = None
) -> BatchResult:
    """Return livsopphold for every household-month in ``households`` (see module docstring)."""
    rules = rules or load_ruleset()
    n = households.month.shape[0]
    table_of = np.zeros(n, dtype=np.int64)
    kommuner: list[str | None] = [None]
    if households.kommune is not None and rules.municipal:
        for code in sorted(rules.municipal):
            hit = households.kommune == int(code)
            if hit.any():
                kommuner.append(code)
                table_of[hit] = len(kommuner) - 1
    tab = _build(rules, kommuner)
    packed = _packed_months(households.month)
    idx = np.searchsorted(tab.keys, table_of * _KEY + packed, side="right") - 1
    bad = (idx < 0) | (tab.table[np.maximum(idx, 0)] != table_of)
    if bad.any():
        first = int(np.argmax(bad))
        day = date(int(packed[first] // 10000), int(packed[first] // 100 % 100), 1)
        raise ParameterNotFound(RATES + "enslig", day, f"rad {first}")
    out = {k: np.empty(n, dtype=np.int64) for k in ("amount", "norm", "housing", "income")}
    for lo in range(0, n, _CHUNK):
        s = slice(lo, min(lo + _CHUNK, n))
        _chunk(households, s, idx[s], packed[s], tab, out)
    return BatchResult(
        amount=out["amount"], norm=out["norm"], housing_ore=out["housing"],
        income_counted_ore=out["income"], rate_set_from=_unpack_days(tab.rate_from[idx]),
        stale=packed >= tab.stale_from[idx],
    )


def _chunk(
    h: BatchHouseholds, s: slice, idx: I64, packed: I64, tab: _Table, out: dict[str, I64]
) -> None:
    rates = tab.rates[idx]
    adults = h.adults[s]
    adult = np.where(adults == 2, rates[:, 1], np.where(h.shares_dwelling[s], rates[:, 2],
                                                        rates[:, 0]))
    if h.adult_override is not None:
        adult = np.where(h.adult_override[s] >= 0, h.adult_override[s], adult)
    births = h.child_birth[s]
    age = np.maximum((packed[:, None] - births) // 10000, 0)
    bands = tab.bands[idx]
    child_rate = np.where(age < bands[:, 0:1], rates[:, 3:4],
                          np.where(age < bands[:, 1:2], rates[:, 4:5], rates[:, 5:6]))
    child_rate = np.where((births > 0) & (age <= bands[:, 2:3]), child_rate, 0)
    norm = adult + child_rate.sum(axis=1)
    housing = np.minimum(h.housing_ore[s], tab.caps[idx]).sum(axis=1)
    income = (h.income_ore[s] * tab.counts[idx]).sum(axis=1)
    need = norm * 100 + housing
    if h.adjustment_ore is not None:
        need = need + h.adjustment_ore[s]
    out["amount"][s] = (np.maximum(need - income, 0) + 50) // 100
    out["norm"][s] = norm
    out["housing"][s] = housing
    out["income"][s] = income


def batch_from_requests(requests: Sequence[HouseholdRequest],
                        rules: Ruleset | None = None) -> BatchHouseholds:
    """Return the arrays for parsed household requests (for tests, imports and benchmarks).

    Each household is checked as the scalar function checks it (an adult under 18, a person
    not yet born), so the batch never pays what a single calculation refuses; the error's
    field names the row: ``households[i].adults[0].birth_date``."""
    rules = rules or load_ruleset()
    for row, req in enumerate(requests):
        try:
            check_household(req.household, req.month, rules, req.under_18)
        except InvalidHousehold as exc:
            raise InvalidHousehold(f"households[{row}].{exc.field}",
                                   exc.message.split(": ", 1)[-1]) from None
        except InvalidAssessment as exc:
            where = f"households[{row}].{exc.extra.get('field', '$')}"
            raise InvalidAssessment(f"households[{row}].{exc.message}", field=where) from None
    n = len(requests)
    k = max((len(r.household.children) for r in requests), default=0)
    births = np.zeros((n, max(k, 1)), dtype=np.int64)
    housing = np.zeros((n, len(HOUSING_COSTS)), dtype=np.int64)
    income = np.zeros((n, len(INCOME_TYPES)), dtype=np.int64)
    adjust = np.zeros(n, dtype=np.int64)
    kommune = np.zeros(n, dtype=np.int64)
    override = np.full(n, -1, dtype=np.int64)
    position = {t: i for i, t in enumerate(INCOME_TYPES)}
    for row, req in enumerate(requests):
        hh = req.household
        for j, child in enumerate(hh.children):
            births[row, j] = _pack(child.birth_date)
        for j, cost in enumerate(HOUSING_COSTS):
            housing[row, j] = to_ore(hh.housing_costs.amount(cost))
        for item in hh.income:
            income[row, position[item.type]] += to_ore(item.amount)
        if req.assessment is not None:
            adjust[row] = to_ore(req.assessment.total)
        kommune[row] = int(req.kommune) if req.kommune else 0
        if req.under_18 is not None:
            override[row] = int(req.under_18.amount)
    return BatchHouseholds(
        month=np.array([r.month.strftime("%Y-%m") for r in requests], dtype="datetime64[M]"),
        adults=np.array([len(r.household.adults) for r in requests], dtype=np.int64),
        shares_dwelling=np.array([r.household.shares_dwelling for r in requests], dtype=bool),
        child_birth=births, housing_ore=housing, income_ore=income, adjustment_ore=adjust,
        kommune=kommune, adult_override=override,
    )
