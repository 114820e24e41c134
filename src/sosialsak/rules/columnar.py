"""The columnar input path: many household JSON documents to ``BatchHouseholds`` at once.

``batch_from_households(records)`` gives the same arrays, and refuses with the same error, as
parsing and checking every household on its own (``household_request`` per row, then
``batch_from_requests``), but without a ``Decimal``, an enum or a dataclass per amount:

1. One Python pass over the records checks their *shape* (objects, lists, known keys, written
   reasons) and copies every leaf value into a flat column (long format for children, income
   and adjustments). The first row of the wrong shape ends the pass: no later row can give the
   first error.
2. Each column is converted and validated in vectorised form: integer amounts with NumPy,
   text (months, dates, bosted, income types, kommune) once per *distinct value* with the
   scalar parser's own functions, so that the rules for a valid value cannot drift apart.
   The adult age comes from the parameters once per distinct month.
3. If any row is bad, the first bad row is parsed again by the scalar path, which raises the
   error the scalar path raises (same class, same message, field ``households[i]. …``).

The table form (a dict of columns, or a CSV file) is in ``columnar_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np

from sosialsak.rules.batch import BatchHouseholds, batch_from_requests
from sosialsak.rules.columnar_records import MISSING, Columns, columns_from_records
from sosialsak.rules.columnar_values import (
    _BOSTED_CODE,
    I64,
    B,
    _basis,
    _bosted,
    _by_value,
    _income_type,
    _kommune,
    _packed_date,
    _packed_month,
    amounts_ore,
)
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidAssessment, InvalidHousehold
from sosialsak.rules.household import HOUSING_COSTS, INCOME_TYPES, Bosted
from sosialsak.rules.household_json import HouseholdRequest, parse_household
from sosialsak.rules.livsopphold_checks import adult_age, check_household


def _prefixed(row: int, field_name: str) -> str:
    return f"households[{row}]" if field_name == "$" else f"households[{row}].{field_name}"


def household_request(data: Any, row: int, rules: Ruleset | None = None) -> HouseholdRequest:
    """Parse and check one household as the scalar path does; errors name ``households[row]``.

    This is the reference the columnar path is proved against, and it gives the columnar
    path its error messages."""
    rules = rules or load_ruleset()
    try:
        req = parse_household(data)
        check_household(req.household, req.month, rules, req.under_18)
    except InvalidHousehold as exc:
        raise InvalidHousehold(_prefixed(row, exc.field),
                               exc.message.split(": ", 1)[-1]) from None
    except InvalidAssessment as exc:
        where = _prefixed(row, str(exc.extra.get("field", "$")))
        raise InvalidAssessment(f"households[{row}].{exc.message}", field=where) from None
    return req


def batch_from_households_scalar(records: Sequence[Any],
                                 rules: Ruleset | None = None) -> BatchHouseholds:
    """The documented scalar path: each household parsed and checked on its own (slow)."""
    rules = rules or load_ruleset()
    return batch_from_requests([household_request(r, i, rules) for i, r in enumerate(records)],
                               rules)


# --- step 3: the arrays, or the first bad row --------------------------------------------

def batch_from_columns(cols: Columns, rules: Ruleset | None = None,
                       scalar_row: Callable[[int], object] | None = None) -> BatchHouseholds:
    """Return the arrays of ``cols``; on a bad row, call ``scalar_row(row)`` (which raises the
    scalar path's error) for the first one."""
    rules = rules or load_ruleset()
    n = cols.stop
    bad = np.zeros(n + 1, dtype=np.bool_)  # bad[n]: the row of the wrong shape, if any
    bad[n] = cols.stop < cols.n
    month = _by_value(cols.month, _packed_month)
    bad[:n] |= month < 0
    kommune = _by_value(cols.kommune, _kommune)
    bad[:n] |= kommune < 0
    month_end = np.where(month % 10000 // 100 == 12, (month // 10000 + 1) * 10000 + 101,
                         month + 100)
    adult_from = _adult_ages(month, rules)
    a0 = _by_value(cols.adult0, _packed_date)
    has_a1 = np.fromiter((v is not MISSING for v in cols.adult1), dtype=np.bool_, count=n)
    a1 = _by_value(cols.adult1, lambda v: 0 if v is MISSING else _packed_date(v))
    minor = np.zeros(n, dtype=np.bool_)
    override = np.full(n, -1, dtype=np.int64)
    if cols.u18_row:
        u_rows = np.asarray(cols.u18_row, dtype=np.int64)
        u_ore, u_ok = amounts_ore(cols.u18_amount)
        bad[u_rows[~u_ok | (u_ore % 100 != 0)]] = True
        minor[u_rows] = True
        override[u_rows] = u_ore // 100
    for births, present, is_first in ((a0, np.ones(n, dtype=np.bool_), True),
                                      (a1, has_a1, False)):
        wrong = present & ((births < 0) | (births >= month_end))
        age = (month - births) // 10000
        young = present & (age < adult_from)
        wrong |= young & ~minor if is_first else young
        if is_first:
            wrong |= minor & (age >= adult_from)  # an assessment for an adult is refused
        bad[:n] |= wrong & (month >= 0)
        bad[:n] |= present & (births < 0)
    births, slots = _children(cols, month_end, bad)
    housing = np.zeros((n, len(HOUSING_COSTS)), dtype=np.int64)
    for j, values in enumerate(cols.housing):
        ore, ok = amounts_ore(values)
        housing[:, j] = ore
        bad[:n] |= ~ok
    income = _income(cols, n, bad)
    adjust = _adjustments(cols, n, bad)
    if bad.any():
        first = int(np.argmax(bad))
        if scalar_row is not None:
            scalar_row(first)
        raise AssertionError(f"columnar and scalar validation disagree on row {first}")
    width = max(int(slots.max()) + 1 if slots.size else 0, 1)
    child_birth = np.zeros((n, width), dtype=np.int64)
    child_rows = np.asarray(cols.child_row, dtype=np.int64)
    members = slots >= 0
    child_birth[child_rows[members], slots[members]] = births[members]
    return BatchHouseholds(
        month=(((month // 10000 - 1970) * 12 + month // 100 % 100 - 1)
               .astype("datetime64[M]")),
        adults=np.where(has_a1, 2, 1).astype(np.int64),
        shares_dwelling=np.asarray(cols.shares, dtype=np.bool_),
        child_birth=child_birth, housing_ore=housing, income_ore=income,
        adjustment_ore=adjust, kommune=kommune, adult_override=override)


def _adult_ages(month: I64, rules: Ruleset) -> I64:
    """The age from which the adult rates apply, looked up once per distinct month."""
    distinct, inverse = np.unique(month, return_inverse=True)
    ages = np.array([adult_age(rules=rules, on=date(int(m) // 10000, int(m) // 100 % 100, 1))
                     if m > 0 else 0 for m in distinct], dtype=np.int64)
    return ages[inverse.reshape(-1)] if distinct.size else np.zeros(0, dtype=np.int64)


def _children(cols: Columns, month_end: I64, bad: B) -> tuple[I64, I64]:
    """Return the children's packed birth dates (0 = none) and their slot among the members
    of their household (−1 for samvær), marking bad rows."""
    rows = np.asarray(cols.child_row, dtype=np.int64)
    births = _by_value(cols.child_birth, lambda v: 0 if v is MISSING else _packed_date(v))
    bosted = _by_value(cols.child_bosted, _bosted)
    samvaer = bosted == _BOSTED_CODE[Bosted.SAMVAER]
    wrong = (bosted < 0) | (births < 0) | ((births == 0) & ~samvaer)
    wrong |= births >= month_end[rows] if rows.size else wrong
    bad[rows[wrong]] = True
    member = ~samvaer
    slots = np.full(rows.size, -1, dtype=np.int64)
    if rows.size:
        order = np.flatnonzero(member)  # rows are ascending: records in order
        mrows = rows[order]
        start = np.searchsorted(mrows, mrows, side="left")
        slots[order] = np.arange(order.size) - start
    return births, slots


def _income(cols: Columns, n: int, bad: B) -> I64:
    income = np.zeros((n, len(INCOME_TYPES)), dtype=np.int64)
    if not cols.income_row:
        return income
    rows = np.asarray(cols.income_row, dtype=np.int64)
    kind = _by_value(cols.income_type, _income_type)
    ore, ok = amounts_ore(cols.income_amount)
    wrong = (kind < 0) | ~ok
    bad[rows[wrong]] = True
    good = ~wrong
    np.add.at(income, (rows[good], kind[good]), ore[good])
    return income


def _adjustments(cols: Columns, n: int, bad: B) -> I64:
    adjust = np.zeros(n, dtype=np.int64)
    if not cols.adjust_row:
        return adjust
    rows = np.asarray(cols.adjust_row, dtype=np.int64)
    ore, ok = amounts_ore(cols.adjust_amount, signed=True)
    basis = _by_value(cols.adjust_basis, _basis)
    wrong = ~ok | (ore == 0) | (basis < 0) | ((basis > 0) & (ore < 0))
    bad[rows[wrong]] = True
    np.add.at(adjust, rows[~wrong], ore[~wrong])
    return adjust


def batch_from_households(records: Sequence[Any],
                          rules: Ruleset | None = None) -> BatchHouseholds:
    """Return ``BatchHouseholds`` for household JSON documents (parsed JSON, as the scalar
    ``parse_household`` takes them), validated in columns; raise the scalar path's error
    (``InvalidHousehold`` or ``InvalidAssessment``, field ``households[i]. …``) for the
    first household it refuses."""
    rules = rules or load_ruleset()
    checked = rules

    def scalar_row(row: int) -> None:
        household_request(records[row], row, checked)

    return batch_from_columns(columns_from_records(records), rules, scalar_row)


__all__ = ["batch_from_columns", "batch_from_households", "batch_from_households_scalar",
           "household_request"]
