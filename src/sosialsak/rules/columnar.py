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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from sosialsak.rules.batch import BatchHouseholds, batch_from_requests
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidAssessment, InvalidHousehold
from sosialsak.rules.household import HOUSING_COSTS, INCOME_TYPES, Bosted, IncomeType
from sosialsak.rules.household_json import (
    _DATE,
    _KOMMUNE,
    _TOP,
    MAX_AMOUNT,
    HouseholdRequest,
    _amount,
    _month,
    parse_household,
)
from sosialsak.rules.livsopphold_checks import adult_age, check_household
from sosialsak.rules.money import to_ore
from sosialsak.rules.vurdering import ADJUSTMENT_BASES

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
_HOUSING = tuple(c.value for c in HOUSING_COSTS)
_ADULT_KEYS = frozenset({"birth_date"})
_CHILD_KEYS = frozenset({"birth_date", "bosted"})
_INCOME_KEYS = frozenset({"type", "amount"})
_ASSESSMENT_KEYS = frozenset({"reason", "adjustments"})
_ADJUSTMENT_KEYS = frozenset({"amount", "reason", "basis"})
_UNDER_18_KEYS = frozenset({"amount", "reason"})
_MAX_ORE = int(MAX_AMOUNT) * 100
_BAD = -1  # a converted value that the scalar parser refuses


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


@dataclass
class Columns:
    """Leaf values of ``n`` households, copied out of their JSON shape (values still raw).

    Per row: ``month``, ``kommune`` (None when absent), ``shares`` (bool), ``adult0`` and
    ``adult1`` birth dates (``MISSING`` when there is no second adult), the four housing
    amounts. Long format (one entry per item, ``*_row`` its household): children
    (``child_slot`` its index in ``children``), income, adjustments and under-18 amounts.
    ``stop`` is the first row of the wrong shape (``n`` when none)."""

    n: int
    month: list[Any] = field(default_factory=list)
    kommune: list[Any] = field(default_factory=list)
    shares: list[bool] = field(default_factory=list)
    adult0: list[Any] = field(default_factory=list)
    adult1: list[Any] = field(default_factory=list)
    # lists, or integer arrays from a table
    housing: tuple[Any, ...] = field(default_factory=lambda: ([], [], [], []))
    child_row: list[int] = field(default_factory=list)
    child_birth: list[Any] = field(default_factory=list)
    child_bosted: list[Any] = field(default_factory=list)
    income_row: list[int] = field(default_factory=list)
    income_type: list[Any] = field(default_factory=list)
    income_amount: list[Any] = field(default_factory=list)
    adjust_row: list[int] = field(default_factory=list)
    adjust_amount: list[Any] = field(default_factory=list)
    adjust_basis: list[Any] = field(default_factory=list)
    u18_row: list[int] = field(default_factory=list)
    u18_amount: list[Any] = field(default_factory=list)
    stop: int = 0


def _reason_ok(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def columns_from_records(records: Sequence[Any]) -> Columns:
    """Copy the leaf values of household JSON documents into columns (step 1 above)."""
    cols = Columns(n=len(records))
    month, kommune, shares = cols.month, cols.kommune, cols.shares
    adult0, adult1 = cols.adult0, cols.adult1
    h_rent, h_el, h_fees, h_ins = cols.housing
    c_row, c_birth, c_bosted = cols.child_row, cols.child_birth, cols.child_bosted
    i_row, i_type, i_amount = cols.income_row, cols.income_type, cols.income_amount
    row = 0
    for row, d in enumerate(records):
        if not isinstance(d, dict) or not d.keys() <= _TOP or "month" not in d:
            break
        adults = d.get("adults")
        if not isinstance(adults, list) or not 1 <= len(adults) <= 2:
            break
        first = adults[0]
        if not isinstance(first, dict) or first.keys() != _ADULT_KEYS:
            break
        if len(adults) == 2:
            second = adults[1]
            if not isinstance(second, dict) or second.keys() != _ADULT_KEYS:
                break
            adult1.append(second["birth_date"])
        else:
            adult1.append(MISSING)
        adult0.append(first["birth_date"])
        share = d.get("shares_dwelling", False)
        if type(share) is not bool:
            break
        shares.append(share)
        month.append(d["month"])
        kommune.append(d.get("kommune"))
        housing = d.get("housing_costs")
        if housing is None and "housing_costs" not in d:
            housing = {}
        if not isinstance(housing, dict) or not housing.keys() <= _HOUSING_SET:
            break
        h_rent.append(housing.get("rent", 0))
        h_el.append(housing.get("electricity", 0))
        h_fees.append(housing.get("municipal_fees", 0))
        h_ins.append(housing.get("insurance", 0))
        children = d.get("children", ())
        if children:
            if not isinstance(children, list):
                break
            for child in children:
                if not isinstance(child, dict) or not child.keys() <= _CHILD_KEYS:
                    break
                c_birth.append(child.get("birth_date", MISSING))
                c_bosted.append(child.get("bosted", MISSING))
            else:
                c_row.extend([row] * len(children))
                children = None
            if children is not None:
                break
        elif "children" in d and not isinstance(children, list):
            break
        income = d.get("income", ())
        if income:
            if not isinstance(income, list):
                break
            for item in income:
                if not isinstance(item, dict) or item.keys() != _INCOME_KEYS:
                    break
                i_type.append(item["type"])
                i_amount.append(item["amount"])
            else:
                i_row.extend([row] * len(income))
                income = None
            if income is not None:
                break
        elif "income" in d and not isinstance(income, list):
            break
        if not _extras(d, row, cols):
            break
    else:
        row = len(records)
    cols.stop = row
    _trim(cols, row)
    return cols


_HOUSING_SET = frozenset(_HOUSING)


def _extras(d: dict[str, Any], row: int, cols: Columns) -> bool:
    """Copy the assessments of row ``row``; False when one has the wrong shape."""
    assessment = d.get("individual_assessment")
    if assessment is not None:
        if not isinstance(assessment, dict) or not assessment.keys() <= _ASSESSMENT_KEYS:
            return False
        if not _reason_ok(assessment.get("reason")):
            return False
        adjustments = assessment.get("adjustments", [])
        if not isinstance(adjustments, list):
            return False
        for adj in adjustments:
            if not isinstance(adj, dict) or not adj.keys() <= _ADJUSTMENT_KEYS:
                return False
            if not _reason_ok(adj.get("reason")):
                return False
            cols.adjust_row.append(row)
            cols.adjust_amount.append(adj.get("amount"))
            cols.adjust_basis.append(adj.get("basis"))
    minor = d.get("under_18_assessment")
    if minor is not None:
        if not isinstance(minor, dict) or not minor.keys() <= _UNDER_18_KEYS:
            return False
        if not _reason_ok(minor.get("reason")):
            return False
        cols.u18_row.append(row)
        cols.u18_amount.append(minor.get("amount"))
    return True


def _trim(cols: Columns, stop: int) -> None:
    """Drop what was copied of row ``stop`` (the row of the wrong shape) before it broke off."""
    per_row = [cols.month, cols.kommune, cols.shares, cols.adult0, cols.adult1, *cols.housing]
    for values in per_row:
        del values[stop:]
    for rows, lists in ((cols.child_row, (cols.child_birth, cols.child_bosted)),
                        (cols.income_row, (cols.income_type, cols.income_amount)),
                        (cols.adjust_row, (cols.adjust_amount, cols.adjust_basis)),
                        (cols.u18_row, (cols.u18_amount,))):
        keep = len(rows) - sum(1 for r in reversed(rows) if r >= stop) if rows else 0
        del rows[keep:]
        for values in lists:
            del values[keep:]


# --- step 2: values, by distinct value or vectorised ---------------------------------------

def _by_value(values: Sequence[Any], convert: Callable[[Any], int]) -> I64:
    """Return ``convert`` of every value, calling it once per distinct value."""
    cache: dict[Any, int] = {}
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        key = v if type(v) is str else (type(v), v)
        try:
            out[i] = cache[key]
        except KeyError:
            out[i] = cache[key] = convert(v)
        except TypeError:  # unhashable: a list or an object where text belongs
            out[i] = convert(v)
    return out


def _packed_date(value: Any) -> int:
    """A birth date as ``YYYYMMDD``, or _BAD when the scalar parser refuses it."""
    if not isinstance(value, str) or not _DATE.match(value):
        return _BAD
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return _BAD
    return day.year * 10000 + day.month * 100 + day.day


def _packed_month(value: Any) -> int:
    try:
        month = _month(value)
    except InvalidHousehold:
        return _BAD
    return month.year * 10000 + month.month * 100 + 1


def _kommune(value: Any) -> int:
    if value is None:
        return 0
    if not isinstance(value, str) or not _KOMMUNE.match(value):
        return _BAD
    return int(value)


_BOSTED_CODE = {Bosted.FAST: 0, Bosted.DELT: 1, Bosted.SAMVAER: 2}
_INCOME_CODE = {t: i for i, t in enumerate(INCOME_TYPES)}


def _bosted(value: Any) -> int:
    if value is MISSING:
        return 0
    try:
        return _BOSTED_CODE[Bosted(value)]
    except (ValueError, TypeError):
        return _BAD


def _income_type(value: Any) -> int:
    try:
        return _INCOME_CODE[IncomeType(value)]
    except (ValueError, TypeError):
        return _BAD


def _basis(value: Any) -> int:
    """0 = none, 1 = a known basis, _BAD = unknown (needs a non-negative amount too)."""
    if value is None:
        return 0
    return 1 if isinstance(value, str) and value in ADJUSTMENT_BASES else _BAD


def amounts_ore(values: Sequence[Any] | npt.NDArray[Any], *, signed: bool = False
                ) -> tuple[I64, B]:
    """Return amounts in øre and which are valid, as the scalar ``_amount`` judges them.

    Python ints (the common case) are checked with NumPy in one go; other values (Decimal
    from JSON, or anything the scalar refuses) are judged by ``_amount`` itself, one by one."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        kroner = values.astype(np.int64)
        return kroner * 100, _int_ok(kroner, signed)
    n = len(values)
    odd = [i for i, v in enumerate(values) if type(v) is not int]
    ints = values if not odd else [0 if type(v) is not int else v for v in values]
    try:
        kroner = np.array(ints, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
    except OverflowError:
        kroner = np.zeros(n, dtype=np.int64)
        odd = list(range(n))
    ore = kroner * 100
    ok = _int_ok(kroner, signed)
    for i in odd:
        try:
            ore[i] = to_ore(_amount(values[i], "", signed=signed))
            ok[i] = True
        except InvalidHousehold:
            ok[i] = False
    return ore, ok


def _int_ok(kroner: I64, signed: bool) -> B:
    limit = int(MAX_AMOUNT)
    ok: B = (kroner <= limit) & (kroner >= (-limit if signed else 0))
    return ok


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


__all__ = ["MISSING", "Columns", "amounts_ore", "batch_from_columns", "batch_from_households",
           "batch_from_households_scalar", "columns_from_records", "household_request"]
