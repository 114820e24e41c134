"""Explanation lines: every result says, line by line, how it was reached.

A line names the rule in words, its legal reference, the parameter used (with its value and the
date that value took effect, and where it came from: the state's table or a municipality's own
rate set) and the amount the line contributes (positive adds, negative deducts, zero informs).

Lines are exact (kroner and øre); only the final amount is rounded to whole kroner, and the step
is a line of its own (``avrunding``, and ``ikke_under_null`` when the total would be negative), so
that the lines as shown always add up to the totals as shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sosialsak.rules.engine.parameters import Value
from sosialsak.rules.engine.ruleset import ParameterValue
from sosialsak.rules.money import json_kroner


@dataclass(frozen=True)
class ExplanationLine:
    """One step of a calculation. ``kind`` is a stable code used by the plain-language renderer."""

    kind: str
    rule: str
    hjemmel: str
    amount: Decimal
    parameter: str | None = None
    value: Value = None
    valid_from: date | None = None
    source: str | None = None
    detail: str = ""

    @classmethod
    def from_parameter(
        cls, *, kind: str, rule: str, hjemmel: str, amount: Decimal, used: ParameterValue,
        detail: str = "",
    ) -> ExplanationLine:
        return cls(kind=kind, rule=rule, hjemmel=hjemmel, amount=amount, parameter=used.name,
                   value=used.value, valid_from=used.valid_from,
                   source=f"{used.layer}: {used.source}" if used.source else used.layer,
                   detail=detail)

    def as_dict(self) -> dict[str, Any]:
        """Return the line as JSON-ready primitives (the exact amount: whole kroner as an
        int, otherwise a number with øre)."""
        value: Any = self.value
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else str(value)
        elif value is not None and not isinstance(value, int | bool | str):
            value = str(value)
        return {
            "kind": self.kind,
            "rule": self.rule,
            "paragraph": self.hjemmel,
            "parameter": self.parameter,
            "value": value,
            "effective_from": self.valid_from.isoformat() if self.valid_from else None,
            "source": self.source,
            "amount": json_kroner(self.amount),
            "detail": self.detail,
        }
