"""Step 2 of the columnar input path: raw values to numbers, with which are valid.

Integer amounts are checked with NumPy in one go; text (months, dates, bosted, income types,
kommune) is judged once per *distinct value* by the scalar parser's own functions, so that the
two paths cannot disagree on what a valid value is. ``_BAD`` (−1) marks a refused value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from sosialsak.rules.columnar_records import MISSING
from sosialsak.rules.errors import InvalidHousehold
from sosialsak.rules.household import INCOME_TYPES, Bosted, IncomeType
from sosialsak.rules.household_json import _DATE, _KOMMUNE, MAX_AMOUNT, _amount, _month
from sosialsak.rules.money import to_ore
from sosialsak.rules.vurdering import ADJUSTMENT_BASES

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
_BAD = -1  # a converted value that the scalar parser refuses


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
