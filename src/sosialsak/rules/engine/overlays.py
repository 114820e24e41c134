"""Overlay data: rate sets registered without a code change, passed in as plain data.

The app layer (``contexts/rates``) stores two kinds of rate set and hands them to the rules as
``RateSet`` values:

* a **state** rate set (``kommunenummer=None``), e.g. the circular for 2025 once it is known.
  It is merged into the state timeline from the YAML files: the latest start date wins, so an
  older registered set never hides a newer one.
* a **municipal** rate set: a municipality may use its own rates from a date. From its start
  date it takes precedence over the state's rates for households in that municipality, until
  the municipality registers another set. It may also cap housing costs.

Nothing here reads a database; the rules stay framework-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sosialsak.rules.engine.parameters import DatedValue
from sosialsak.rules.errors import InvalidRateSet

RATE_PREFIX = "veiledende_satser.livsopphold."
CAP_PREFIX = "boutgifter.tak."
RATE_NAMES = ("enslig", "ektepar_samboere", "bofellesskap", "barn_0_5", "barn_6_10", "barn_11_17")
CAP_NAMES = ("husleie", "strom", "kommunale_avgifter", "forsikring")
_KOMMUNE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class HousingCaps:
    """Monthly caps on housing costs in whole kroner; None means no cap for that cost."""

    husleie: int | None = None
    strom: int | None = None
    kommunale_avgifter: int | None = None
    forsikring: int | None = None


@dataclass(frozen=True)
class RateSet:
    """A registered set of the six guideline rates (whole kroner per month) from a date."""

    valid_from: date
    reference: str
    enslig: int
    ektepar_samboere: int
    bofellesskap: int
    barn_0_5: int
    barn_6_10: int
    barn_11_17: int
    kommunenummer: str | None = None
    housing_caps: HousingCaps | None = None

    @property
    def is_municipal(self) -> bool:
        return self.kommunenummer is not None

    @property
    def layer(self) -> str:
        return f"kommune {self.kommunenummer}" if self.kommunenummer else "stat (registrert)"

    def validate(self) -> None:
        """Raise InvalidRateSet naming the field when the set is malformed."""
        if not self.reference.strip():
            raise InvalidRateSet("reference: oppgi kilden (f.eks. rundskrivets nummer).",
                                 field="reference")
        if self.kommunenummer is not None and not _KOMMUNE.match(self.kommunenummer):
            raise InvalidRateSet("kommunenummer: fire siffer.", field="kommunenummer")
        for name in RATE_NAMES:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise InvalidRateSet(f"{name}: et helt, positivt kronebeløp.", field=name)
        if self.housing_caps is not None:
            if self.kommunenummer is None:
                raise InvalidRateSet("housing_caps: bare kommunale satser kan ha tak på "
                                     "boutgifter.", field="housing_caps")
            for name in CAP_NAMES:
                cap = getattr(self.housing_caps, name)
                if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int)
                                        or cap < 0):
                    raise InvalidRateSet(f"housing_caps.{name}: et helt kronebeløp ≥ 0.",
                                         field=f"housing_caps.{name}")

    def dated_values(self) -> dict[str, DatedValue]:
        """Return this set as parameter values keyed by parameter name."""
        out = {
            RATE_PREFIX + name: DatedValue(self.valid_from, getattr(self, name), self.reference,
                                           self.reference, self.layer)
            for name in RATE_NAMES
        }
        if self.is_municipal:
            caps = self.housing_caps or HousingCaps()
            for name in CAP_NAMES:
                out[CAP_PREFIX + name] = DatedValue(self.valid_from, getattr(caps, name),
                                                    self.reference, self.reference, self.layer)
        return out


@dataclass(frozen=True)
class Layer:
    """Dated values for some parameters, from one authority (the state, or one municipality)."""

    name: str
    values: Mapping[str, tuple[DatedValue, ...]] = field(default_factory=dict)


def build_layers(rate_sets: Iterable[RateSet]) -> tuple[Layer, dict[str, Layer]]:
    """Return (state layer, municipal layers by kommunenummer) from registered rate sets."""
    state: dict[str, list[DatedValue]] = {}
    municipal: dict[str, dict[str, list[DatedValue]]] = {}
    for rate_set in rate_sets:
        rate_set.validate()
        target = (state if rate_set.kommunenummer is None
                  else municipal.setdefault(rate_set.kommunenummer, {}))
        for name, value in rate_set.dated_values().items():
            target.setdefault(name, []).append(value)

    def freeze(values: dict[str, list[DatedValue]]) -> dict[str, tuple[DatedValue, ...]]:
        out = {}
        for name, dated in values.items():
            starts = [v.start for v in dated]
            if len(set(starts)) != len(starts):
                raise InvalidRateSet(f"valid_from: to satssett gjelder fra samme dato for {name}.",
                                     field="valid_from")
            out[name] = tuple(sorted(dated, key=lambda v: v.start))
        return out

    return (
        Layer("stat (registrert)", freeze(state)),
        {k: Layer(f"kommune {k}", freeze(v)) for k, v in municipal.items()},
    )
