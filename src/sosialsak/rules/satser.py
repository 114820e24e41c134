"""The rate set and G in force on a date, for display (``sosialsak rates``) and for letters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sosialsak.rules.engine.overlays import CAP_NAMES, RATE_NAMES
from sosialsak.rules.engine.ruleset import ParameterValue, Ruleset, load_ruleset
from sosialsak.rules.errors import ParameterNotFound


@dataclass(frozen=True)
class SatserIKraft:
    on: date
    kommune: str | None
    rates: dict[str, ParameterValue]
    caps: dict[str, ParameterValue]
    grunnbelop: ParameterValue | None

    @property
    def rate_set_from(self) -> date:
        return max(v.valid_from for v in self.rates.values())

    @property
    def stale(self) -> bool:
        return any(v.stale for v in self.rates.values())

    def as_dict(self) -> dict[str, Any]:
        layer = max(self.rates.values(), key=lambda v: v.valid_from)
        g = self.grunnbelop
        return {
            "date": self.on.isoformat(),
            "kommune": self.kommune,
            "rate_set_from": self.rate_set_from.isoformat(),
            "rate_set_source": layer.layer,
            "rate_set_reference": layer.source or layer.reference,
            "stale": self.stale,
            # when a newer set was expected; with stale, the set is older than the date asked
            "expected_update": min((v.expected_update.isoformat() for v in self.rates.values()
                                    if v.expected_update), default=None),
            "rates": {k: v.as_int() for k, v in self.rates.items()},
            "housing_caps": {k: v.as_optional_int() for k, v in self.caps.items()},
            "grunnbelop": None if g is None else {
                "value": g.value, "from": g.valid_from.isoformat(), "stale": g.stale},
        }


def first_rate_date(*, rules: Ruleset | None = None) -> date:
    """Return the first date on which the state's whole livsopphold rate set is known."""
    rules = rules or load_ruleset()
    return max(rules.parameter(f"veiledende_satser.livsopphold.{n}").values[0].start
               for n in RATE_NAMES)


def satser_i_kraft(*, on: date, kommune: str | None = None,
                   rules: Ruleset | None = None) -> SatserIKraft:
    """Return the livsopphold rate set, housing caps and G in force on ``on``.

    Raise ParameterNotFound when no rate set applies (before 2019-01-01); G is None before
    2019-05-01.
    """
    rules = rules or load_ruleset()
    rates = {n: rules.value(f"veiledende_satser.livsopphold.{n}", on=on, kommune=kommune)
             for n in RATE_NAMES}
    caps = {n: rules.value(f"boutgifter.tak.{n}", on=on, kommune=kommune) for n in CAP_NAMES}
    try:
        g: ParameterValue | None = rules.value("grunnbelop", on=on)
    except ParameterNotFound:
        g = None
    return SatserIKraft(on, kommune, rates, caps, g)
