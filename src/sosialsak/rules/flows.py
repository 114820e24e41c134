"""Stock, inflow and outflow of recipients by month (the method of the 2023 Oslo Economics /
Frisch report on økonomisk sosialhjelp). Pure: sets of people in, numbers out.

* stock(m)  = the people paid sosialhjelp in month m;
* inflow(m) = people in stock(m) who were not in stock(m − 1);
* outflow(m) = stock(m − 1) + inflow(m) − stock(m), the people who left after m − 1;
* outflow share(m) = outflow(m) / stock(m − 1) (none when stock(m − 1) is empty).

The report's worked example: February has 37 000 in stock, 10 000 of them new, and 5 000 more
than January (32 000) ⇒ outflow = 32 000 + 10 000 − 37 000 = 5 000.

The first month of a series has no month before it in the data: its inflow and outflow are
unknown (None), not "everybody new".
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class Flow:
    month: date
    stock: int
    inflow: int | None
    outflow: int | None
    previous_stock: int | None

    @property
    def outflow_share(self) -> Fraction | None:
        """outflow / stock(m − 1), exact; None when unknown or the month before is empty."""
        if self.outflow is None or not self.previous_stock:
            return None
        return Fraction(self.outflow, self.previous_stock)


def outflow(*, previous_stock: int, inflow: int, stock: int) -> int:
    """outflow(m) = stock(m − 1) + inflow(m) − stock(m)."""
    if min(previous_stock, inflow, stock) < 0 or inflow > stock:
        raise ValueError("stock and inflow are counts, and the inflow is part of the stock")
    out = previous_stock + inflow - stock
    if out < 0:
        raise ValueError("more people stayed than were there the month before")
    return out


def month_steps(first: date, last: date) -> list[date]:
    """The first days of each month from ``first`` to ``last``, both included."""
    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m = date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return out


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), 12 if month.month == 1 else month.month - 1, 1)


def flows(stocks: Mapping[date, frozenset[Hashable] | set[Hashable]],
          months: Sequence[date], *, first_has_previous: bool = True) -> list[Flow]:
    """The flow of each month in ``months`` (first days, in order), from the people in stock
    each month; a month missing from ``stocks`` has nobody in stock. ``first_has_previous``:
    whether the month before the first is known (else the first month has no inflow)."""
    out: list[Flow] = []
    for i, m in enumerate(months):
        prev_m = previous_month(m)
        now = set(stocks.get(m, ()))
        if i == 0 and not first_has_previous:
            out.append(Flow(m, len(now), None, None, None))
            continue
        before = set(stocks.get(prev_m, ()))
        inflow = len(now - before)
        out.append(Flow(m, len(now), inflow,
                        outflow(previous_stock=len(before), inflow=inflow, stock=len(now)),
                        len(before)))
    return out


def sosialhjelp_is_main_income(*, paid: int, other_incomes: Sequence[int]) -> bool:
    """Whether sosialhjelp was the main source of income in a month (KOSTRA's VKLO = 5): what
    was paid that month is at least each other income source the person reported (an income
    named twice is one source, summed by the caller). No other income: yes."""
    return paid > 0 and all(paid >= i for i in other_incomes)
