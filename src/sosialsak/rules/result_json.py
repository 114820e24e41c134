"""A livsopphold result as the documented JSON object (``docs/rules.md``)."""

from __future__ import annotations

from typing import Any

from sosialsak.rules.livsopphold import LivsoppholdResult
from sosialsak.rules.money import json_kroner


def result_as_json(result: LivsoppholdResult) -> dict[str, Any]:
    """Return the result as the documented JSON object. ``amount`` and ``norm`` are whole
    kroner; ``housing``, ``income_counted``, ``adjustments`` and the lines' amounts are exact
    (øre as two decimals when not whole), and the lines add up to the totals."""
    return {
        "amount": result.amount,
        "norm": result.norm,
        "housing": json_kroner(result.housing),
        "income_counted": json_kroner(result.income_counted),
        "adjustments": json_kroner(result.adjustments),
        "month": result.month.strftime("%Y-%m"),
        "kommune": result.kommune,
        "household_type": result.household_type,
        "rate_set_from": result.rate_set.valid_from.isoformat(),
        "rate_set_source": result.rate_set.layer,
        "stale": result.rate_set.stale,
        "individual_assessment": result.individual_assessment,
        "flags": [{"code": f.code, "message": f.message, "paragraph": f.hjemmel}
                  for f in result.flags],
        "lines": [line.as_dict() for line in result.lines],
    }
