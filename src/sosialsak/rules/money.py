"""Exact money helpers: Decimal kroner, rounding to whole kroner, Norwegian formatting.

Money in the scalar path is ``Decimal`` (or ``Fraction`` where the law divides by three) and is
rounded only where the rule says so, half up to whole kroner.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ORE = Decimal("0.01")


def as_decimal(value: int | str | Decimal) -> Decimal:
    """Return ``value`` as a Decimal; refuse floats, which cannot hold money exactly."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("money must be int, str or Decimal, never float or bool")
    return value if isinstance(value, Decimal) else Decimal(value)


def round_kroner(value: Decimal | Fraction | int) -> int:
    """Return ``value`` rounded half up (away from zero at .5) to whole kroner."""
    if isinstance(value, Fraction):
        half = Fraction(1, 2)
        return math.floor(value + half) if value >= 0 else -math.floor(-value + half)
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def json_kroner(value: Decimal | int) -> int | float:
    """Return kroner for JSON: an int when whole, else a number with at most two decimals.

    The float is only the carrier of the JSON number: ``json.dumps`` writes the shortest text
    that reads back as the same float, which for at most two decimals and amounts far below
    2**53 øre is exactly the decimal amount (read it back with ``parse_float=Decimal``).
    """
    dec = Decimal(value)
    if dec == dec.to_integral_value():
        return int(dec)
    exact = dec.quantize(ORE)
    if exact != dec:
        raise ValueError(f"{value} has more than two decimals")
    return float(exact)


def to_ore(value: Decimal | int) -> int:
    """Return ``value`` (kroner, at most two decimals) as integer øre."""
    ore = Decimal(value) * 100
    if ore != ore.to_integral_value():
        raise ValueError(f"{value} has more than two decimals")
    return int(ore)


def format_kr(value: Decimal | int, *, unit: str = "kr") -> str:
    """Return ``value`` formatted the Norwegian way: ``13 100 kr``, ``1 766,50 kr``."""
    dec = Decimal(value)
    sign = "−" if dec < 0 else ""
    dec = abs(dec)
    whole = int(dec)
    frac = dec - whole
    text = f"{whole:,}".replace(",", " ")
    if frac:
        text += "," + f"{frac.quantize(ORE)}"[2:]
    return f"{sign}{text} {unit}".strip()


def to_ore_decimal(value: Fraction | Decimal | int) -> Decimal:
    """Return ``value`` as Decimal kroner rounded half up to whole øre (for display lines)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)
