"""Households as a table: a dict of columns (lists or NumPy arrays) or a CSV file.

A column is named by the JSON path of its leaf in the household JSON (``docs/rules.md``), one
row per household-month: ``month``, ``kommune``, ``shares_dwelling``, ``adults[0].birth_date``,
``adults[1].birth_date``, ``children[j].birth_date``, ``children[j].bosted``,
``housing_costs.rent`` (…``electricity``, ``municipal_fees``, ``insurance``),
``income[j].type``, ``income[j].amount``, ``individual_assessment.reason``,
``individual_assessment.adjustments[j].amount`` (…``.reason``, ``.basis``),
``under_18_assessment.amount``, ``under_18_assessment.reason``.

Row *i* means the JSON document with every present cell at its path: an empty cell (``""``,
``None``, NaN, NaT) is absent, a list element exists up to the highest present index (a gap is
an empty element, which is an error as in JSON). Text in an amount column is read as a JSON
number would be (``Decimal``; text that is no number stays text and is refused), ``true`` and
``false`` in ``shares_dwelling`` are booleans, integer arrays are whole kroner. So the table
gives the same arrays, and the same first error (naming ``households[i]. …``), as
``household_request`` on that document. A CSV file of such columns: ``columnar_csv``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import numpy.typing as npt

from sosialsak.rules.batch import BatchHouseholds
from sosialsak.rules.columnar import batch_from_columns, household_request
from sosialsak.rules.columnar_records import MISSING, Columns, _reason_ok
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset

B = npt.NDArray[np.bool_]
Column = Sequence[Any] | npt.NDArray[Any]
_HOUSING = ("rent", "electricity", "municipal_fees", "insurance")
_TOP = {"month", "kommune", "shares_dwelling", "individual_assessment.reason",
        "under_18_assessment.amount", "under_18_assessment.reason",
        *(f"housing_costs.{k}" for k in _HOUSING)}
_GROUPS = {"adults": ("birth_date",), "children": ("birth_date", "bosted"),
           "income": ("type", "amount"),
           "individual_assessment.adjustments": ("amount", "reason", "basis")}
_INDEXED = re.compile(r"^(adults|children|income|individual_assessment\.adjustments)"
                      r"\[(0|[1-9]\d{0,3})\]\.(\w+)$")
_AMOUNTS = {"under_18_assessment.amount", *(f"housing_costs.{k}" for k in _HOUSING)}
_GROUP_AMOUNTS = {"income", "individual_assessment.adjustments"}


def _number(text: str) -> Any:
    """Text in an amount column, read as a JSON number is read: Decimal, else the text."""
    if text.isascii() and text.isdigit() and len(text) <= 15:
        return int(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _cells(column: Column, *, amount: bool, boolean: bool) -> Column:
    """Return a column's cells as JSON values (``MISSING`` when empty); an integer NumPy
    column of amounts stays an array."""
    if isinstance(column, np.ndarray):
        if column.dtype.kind in "iu" and amount:
            return column
        if column.dtype.kind == "M":
            unit = np.datetime_data(column.dtype)[0]
            text = np.datetime_as_string(column, unit="M" if unit in ("Y", "M") else "D")
            column = np.where(np.isnat(column), "", text)
        if column.dtype.kind == "S":
            column = column.astype("U")
        values: list[Any] = column.tolist()
    else:
        values = list(column)
    out: list[Any] = []
    for v in values:
        if v is None or v == "" or (type(v) is float and math.isnan(v)):
            out.append(MISSING)
        elif type(v) is str and amount:
            out.append(_number(v))
        elif type(v) is str and boolean and v in ("true", "false"):
            out.append(v == "true")
        else:
            out.append(v)
    return out


def _present(cells: Column, n: int) -> B:
    if isinstance(cells, np.ndarray):
        return np.ones(n, dtype=np.bool_)
    return np.fromiter((v is not MISSING for v in cells), dtype=np.bool_, count=n)


class _Table:
    """The cells of every column, the list groups' element counts, and each row's JSON."""

    def __init__(self, table: Mapping[str, Column]) -> None:
        lengths = {len(col) for col in table.values()}
        if len(lengths) > 1:
            raise ValueError(f"the columns have different lengths: {sorted(lengths)}")
        self.n = lengths.pop() if lengths else 0
        self.cells: dict[str, Column] = {}
        self.unknown: list[str] = []
        self.groups: dict[str, dict[int, dict[str, Column]]] = {g: {} for g in _GROUPS}
        for name, column in table.items():
            match = _INDEXED.match(name)
            group = match.group(1) if match else None
            is_amount = name in _AMOUNTS or (group in _GROUP_AMOUNTS and name.endswith(".amount"))
            cells = _cells(column, amount=is_amount, boolean=name == "shares_dwelling")
            self.cells[name] = cells
            if match and match.group(3) in _GROUPS[match.group(1)]:
                self.groups[match.group(1)].setdefault(int(match.group(2)), {})[
                    match.group(3)] = cells
            elif name not in _TOP:
                self.unknown.append(name)

    def cell(self, name: str, row: int) -> Any:
        col = self.cells.get(name)
        if col is None:
            return MISSING
        value = col[row]
        return int(value) if isinstance(value, np.integer) else value

    def document(self, row: int) -> dict[str, Any]:
        """Return row ``row`` as the household JSON document it stands for."""
        doc: dict[str, Any] = {}
        for name in self.cells:
            value = self.cell(name, row)
            if value is MISSING:
                continue
            match = _INDEXED.match(name)
            if name in self.unknown:
                doc[name] = value  # the scalar names it as an unknown field
            elif match:
                path, j, leaf = match.group(1).split("."), int(match.group(2)), match.group(3)
                items = _at(doc, path, [])
                items.extend({} for _ in range(j + 1 - len(items)))
                items[j][leaf] = value
            else:
                *path, leaf = name.split(".")
                _at(doc, path, {})[leaf] = value
        return doc

    def count(self, group: str) -> npt.NDArray[np.int64]:
        """Each row's number of elements in ``group`` (the highest present index + 1)."""
        count = np.zeros(self.n, dtype=np.int64)
        for j, fields in self.groups[group].items():
            present = np.zeros(self.n, dtype=np.bool_)
            for cells in fields.values():
                present |= _present(cells, self.n)
            count = np.where(present, np.maximum(count, j + 1), count)
        return count

    def complete(self, group: str, count: npt.NDArray[np.int64], need: Iterable[str]) -> B:
        """Rows where an element below ``count`` lacks a field in ``need``."""
        bad = np.zeros(self.n, dtype=np.bool_)
        for j in range(int(count.max()) if self.n else 0):
            fields = self.groups[group].get(j, {})
            for leaf in need:
                cells = fields.get(leaf)
                has = (_present(cells, self.n) if cells is not None
                       else np.zeros(self.n, dtype=np.bool_))
                bad |= (j < count) & ~has
        return bad


def _at(doc: dict[str, Any], path: list[str], empty: Any) -> Any:
    for i, key in enumerate(path):
        doc = doc.setdefault(key, empty if i == len(path) - 1 else {})
    return doc


def _reasons_bad(table: _Table, name: str, rows: B) -> B:
    """Rows in ``rows`` whose reason in column ``name`` is missing or blank."""
    cells = table.cells.get(name)
    bad = rows.copy()
    if cells is None:
        return bad
    for i in np.flatnonzero(rows):
        bad[i] = not _reason_ok(table.cell(name, int(i)))
    return bad


def _under_18(t: _Table) -> B:
    """Rows with an under-18 assessment (either of its cells present)."""
    return (_present(t.cells.get("under_18_assessment.amount", [MISSING] * t.n), t.n)
            | _present(t.cells.get("under_18_assessment.reason", [MISSING] * t.n), t.n))


def _shape_bad(t: _Table) -> B:
    """Rows whose JSON document has the wrong shape (the record pass would stop there)."""
    n = t.n
    bad = np.zeros(n, dtype=np.bool_)
    for name in t.unknown:
        bad |= _present(t.cells[name], n)
    bad |= ~_present(t.cells.get("month", [MISSING] * n), n)
    adults = t.count("adults")
    bad |= (adults < 1) | (adults > 2) | t.complete("adults", adults, ("birth_date",))
    shares = t.cells.get("shares_dwelling")
    if shares is not None:
        bad |= np.fromiter((v is not MISSING and type(v) is not bool for v in shares),
                           dtype=np.bool_, count=n)
    income = t.count("income")
    bad |= t.complete("income", income, ("type", "amount"))
    adjustments = t.count("individual_assessment.adjustments")
    assessed = (_present(t.cells.get("individual_assessment.reason", [MISSING] * n), n)
                | (adjustments > 0))
    bad |= _reasons_bad(t, "individual_assessment.reason", assessed)
    for j in range(int(adjustments.max()) if n else 0):
        bad |= _reasons_bad(t, f"individual_assessment.adjustments[{j}].reason", j < adjustments)
    bad |= _reasons_bad(t, "under_18_assessment.reason", _under_18(t))
    return bad


def _column(t: _Table, name: str, stop: int, default: Any) -> Column:
    cells = t.cells.get(name)
    if cells is None:
        return [default] * stop
    if isinstance(cells, np.ndarray):
        return cells[:stop]
    return [default if v is MISSING else v for v in cells[:stop]]


def _items(t: _Table, group: str, stop: int, leaves: dict[str, Any]
           ) -> tuple[list[int], dict[str, list[Any]]]:
    """The elements of ``group`` in rows below ``stop``, ordered by row then index."""
    count = t.count(group)[:stop]
    rows: list[int] = []
    slots: list[int] = []
    values: dict[str, list[Any]] = {leaf: [] for leaf in leaves}
    for j in range(int(count.max()) if stop else 0):
        where = np.flatnonzero(j < count)
        rows.extend(where.tolist())
        slots.extend([j] * where.size)
        fields = t.groups[group].get(j, {})
        for leaf, default in leaves.items():
            cells = fields.get(leaf)
            got = [t.cell(f"{_path(group, j, leaf)}", int(i)) for i in where] if cells is not None \
                else [MISSING] * where.size
            values[leaf].extend(default if v is MISSING else v for v in got)
    order = np.lexsort((np.asarray(slots, dtype=np.int64), np.asarray(rows, dtype=np.int64)))
    return ([rows[k] for k in order],
            {leaf: [vals[k] for k in order] for leaf, vals in values.items()})


def _path(group: str, j: int, leaf: str) -> str:
    return f"{group}[{j}].{leaf}"


def columns_from_table(table: Mapping[str, Column]) -> tuple[Columns, _Table]:
    """Return the columns of the rows before the first row of the wrong shape."""
    t = _Table(table)
    shape = _shape_bad(t)
    stop = int(np.argmax(shape)) if shape.any() else t.n
    cols = Columns(n=t.n, stop=stop)
    cols.month = list(_column(t, "month", stop, MISSING))
    cols.kommune = list(_column(t, "kommune", stop, None))
    cols.shares = list(_column(t, "shares_dwelling", stop, False))
    cols.adult0 = list(_column(t, "adults[0].birth_date", stop, MISSING))
    cols.adult1 = list(_column(t, "adults[1].birth_date", stop, MISSING))
    cols.housing = tuple(_column(t, f"housing_costs.{k}", stop, 0) for k in _HOUSING)
    cols.child_row, kids = _items(t, "children", stop, {"birth_date": MISSING,
                                                         "bosted": MISSING})
    cols.child_birth, cols.child_bosted = kids["birth_date"], kids["bosted"]
    cols.income_row, income = _items(t, "income", stop, {"type": MISSING, "amount": MISSING})
    cols.income_type, cols.income_amount = income["type"], income["amount"]
    cols.adjust_row, adj = _items(t, "individual_assessment.adjustments", stop,
                                  {"amount": None, "basis": None})
    cols.adjust_amount, cols.adjust_basis = adj["amount"], adj["basis"]
    amount = _column(t, "under_18_assessment.amount", stop, None)
    minor = np.flatnonzero(_under_18(t)[:stop]).tolist()
    cols.u18_row = minor
    cols.u18_amount = [int(amount[i]) if isinstance(amount, np.ndarray) else amount[i]
                       for i in minor]
    return cols, t


def batch_from_table(table: Mapping[str, Column], rules: Ruleset | None = None
                     ) -> BatchHouseholds:
    """Return ``BatchHouseholds`` for a table of households (see the module docstring);
    raise the scalar path's error for the first row it refuses (``households[i]. …``)."""
    rules = rules or load_ruleset()
    cols, t = columns_from_table(table)
    checked = rules

    def scalar_row(row: int) -> None:
        household_request(t.document(row), row, checked)

    return batch_from_columns(cols, rules, scalar_row)


__all__ = ["Column", "batch_from_table", "columns_from_table"]
