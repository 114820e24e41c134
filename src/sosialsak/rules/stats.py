"""Small descriptive statistics for the indicators (pure): median and percentiles by the
nearest-rank method, so a reported p90 is always a value that occurred, and a share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def percentile(values: Sequence[float], p: int) -> float | None:
    """The nearest-rank ``p``-th percentile (1–100): the smallest value with at least p % of
    the values at or below it. None for no values."""
    if not 1 <= p <= 100:
        raise ValueError("p must be 1–100")
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(p * len(ordered) / 100), 1) - 1]


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        return None
    ordered, n = sorted(values), len(values)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def share(part: int, whole: int) -> Fraction | None:
    """part / whole, exact; None when there is nothing to divide by."""
    if whole <= 0:
        return None
    if not 0 <= part <= whole:
        raise ValueError("the part must lie within the whole")
    return Fraction(part, whole)
