"""The benchmark's households as household JSON documents (the documented input contract).

Amounts are whole kroner (``int``) except one in ten, which has øre (``Decimal``, as
``parse_household_json`` reads ``1766.50``); children may have bosted ``delt``, adults are
born 1950–2000. Built from the same random ``BatchHouseholds`` the compute is timed on."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from sosialsak.rules import BatchHouseholds
from sosialsak.rules.household import HOUSING_COSTS, INCOME_TYPES


def _iso(packed: np.ndarray) -> list[str]:
    y, md = np.divmod(packed, 10000)
    m, d = np.divmod(md, 100)
    days = (((y - 1970) * 12 + m - 1).astype("datetime64[M]").astype("datetime64[D]")
            + (d - 1).astype("timedelta64[D]"))
    return np.datetime_as_string(days, unit="D").tolist()


def _kroner(ore: np.ndarray) -> list[Any]:
    values: list[Any] = (ore // 100).tolist()
    for i in np.flatnonzero(ore % 100).tolist():
        values[i] = Decimal(int(ore.flat[i])) / 100
    return values


def records_from_batch(h: BatchHouseholds, seed: int = 7) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    n = h.month.shape[0]
    months = np.datetime_as_string(h.month, unit="M").tolist()
    adult_birth = _iso(rng.integers(1950, 2001, (n, 2)) * 10000 + 101
                       + rng.integers(0, 12, (n, 2)) * 100 + rng.integers(0, 28, (n, 2)))
    births = h.child_birth
    child_iso = np.array(_iso(np.where(births > 0, births, 20000101).ravel()),
                         dtype=object).reshape(births.shape).tolist()
    delt = (rng.random(births.shape) < .1).tolist()
    has_child = (births > 0).tolist()
    housing = np.asarray(_kroner(h.housing_ore.ravel()), dtype=object).reshape(n, -1).tolist()
    income = np.asarray(_kroner(h.income_ore.ravel()), dtype=object).reshape(n, -1).tolist()
    adjust_ore = h.adjustment_ore if h.adjustment_ore is not None else np.zeros(n, np.int64)
    adjust = _kroner(adjust_ore)
    kommune = (h.kommune if h.kommune is not None else np.zeros(n, np.int64)).tolist()
    adults = h.adults.tolist()
    shares = h.shares_dwelling.tolist()
    cost_names = [c.value for c in HOUSING_COSTS]
    income_names = [t.value for t in INCOME_TYPES]
    out: list[dict[str, Any]] = []
    for i in range(n):
        doc: dict[str, Any] = {"month": months[i],
                               "adults": [{"birth_date": b} for b in adult_birth[i][:adults[i]]]}
        if kommune[i]:
            doc["kommune"] = f"{kommune[i]:04d}"
        if shares[i]:
            doc["shares_dwelling"] = True
        children = [{"birth_date": b, "bosted": "delt"} if d else {"birth_date": b}
                    for b, d, has in zip(child_iso[i], delt[i], has_child[i], strict=True)
                    if has]
        if children:
            doc["children"] = children
        costs = {k: v for k, v in zip(cost_names, housing[i], strict=True) if v}
        if costs:
            doc["housing_costs"] = costs
        items = [{"type": t, "amount": v}
                 for t, v in zip(income_names, income[i], strict=True) if v]
        if items:
            doc["income"] = items
        if adjust[i]:
            doc["individual_assessment"] = {"reason": "Vurdert",
                                            "adjustments": [{"amount": adjust[i],
                                                             "reason": "Vurdert"}]}
        out.append(doc)
    return out
