"""Step 1 of the columnar input path: household JSON documents copied into flat columns.

One Python pass checks each document's *shape* (objects, lists, known keys, written reasons) and
copies every leaf value, still raw, into a column (long format for children, income and
adjustments). The first row of the wrong shape ends the pass: no later row can give the first
error. See ``columnar`` for the whole path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sosialsak.rules.household import HOUSING_COSTS
from sosialsak.rules.household_json import _TOP

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
_HOUSING = tuple(c.value for c in HOUSING_COSTS)
_ADULT_KEYS = frozenset({"birth_date"})
_CHILD_KEYS = frozenset({"birth_date", "bosted"})
_INCOME_KEYS = frozenset({"type", "amount"})
_ASSESSMENT_KEYS = frozenset({"reason", "adjustments"})
_ADJUSTMENT_KEYS = frozenset({"amount", "reason", "basis"})
_UNDER_18_KEYS = frozenset({"amount", "reason"})


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


__all__ = ["MISSING", "Columns", "columns_from_records"]
