"""The rule set: baseline parameters from YAML plus overlay layers, looked up by date.

Lookup order for ``value(name, on=..., kommune=...)``:

1. the municipality's own layer, when ``kommune`` has registered rate sets and one of them has
   started on ``on`` (a municipal set takes precedence over the state's from its start date);
2. the state timeline: the YAML values merged with registered state rate sets (latest start
   date wins; on equal dates the registered set wins).

No value → ``ParameterNotFound`` naming the parameter and date. A value that is the newest one in
its timeline, applied on or after the date the next update was expected (``update_cycle``), is
returned with ``stale=True`` so that an outdated table is visible on every result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from types import MappingProxyType

from sosialsak.rules.engine.laws import LawBook, LegalReference, load_law_books, resolve
from sosialsak.rules.engine.overlays import Layer, RateSet, build_layers
from sosialsak.rules.engine.parameters import DatedValue, Parameter, Value, load_parameters
from sosialsak.rules.errors import InvalidParameterFile, ParameterNotFound

PARAMETER_DIR = Path(__file__).resolve().parent.parent / "parameters"


@dataclass(frozen=True)
class ParameterValue:
    """A value resolved for a date, with where it came from and whether it may be stale."""

    name: str
    value: Value
    valid_from: date
    reference: str
    source: str
    layer: str
    stale: bool = False
    expected_update: date | None = None
    verified: bool = True

    def as_int(self) -> int:
        """Return the value as an int; raise InvalidParameterFile if it is not a whole number."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
            raise InvalidParameterFile(f"{self.name}: expected a number, got {value!r}")
        if value != int(value):
            raise InvalidParameterFile(f"{self.name}: expected a whole number, got {value}")
        return int(value)

    def as_optional_int(self) -> int | None:
        return None if self.value is None else self.as_int()

    def as_fraction(self) -> Fraction:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
            raise InvalidParameterFile(f"{self.name}: expected a number, got {value!r}")
        return Fraction(value)

    def as_bool(self) -> bool:
        if not isinstance(self.value, bool):
            raise InvalidParameterFile(f"{self.name}: expected true/false, got {self.value!r}")
        return self.value


@dataclass(frozen=True, eq=False)
class Ruleset:
    """Parameters, overlay layers and legal references; immutable, cheap to derive from."""

    parameters: Mapping[str, Parameter]
    law_books: Mapping[str, LawBook]
    municipal: Mapping[str, Layer] = field(default_factory=dict)
    commencements: Mapping[str, date] = field(default_factory=dict)
    rate_sets: tuple[RateSet, ...] = ()

    # -- derivation -------------------------------------------------------------------------
    def with_rate_sets(self, rate_sets: Iterable[RateSet]) -> Ruleset:
        """Return a rule set with registered state and municipal rate sets as overlays."""
        sets = tuple(rate_sets)
        state, municipal = build_layers(sets)
        params = dict(self.parameters)
        for name, values in state.values.items():
            params[name] = params[name].merged_with(values)
        return Ruleset(MappingProxyType(params), self.law_books, MappingProxyType(municipal),
                       self.commencements, self.rate_sets + sets)

    def with_commencements(self, commencements: Mapping[str, date]) -> Ruleset:
        """Return a rule set where acts (by Lovdata id) enter into force on the given dates."""
        merged = {**self.commencements, **commencements}
        return Ruleset(self.parameters, self.law_books, self.municipal,
                       MappingProxyType(merged), self.rate_sets)

    # -- lookup -----------------------------------------------------------------------------
    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise ParameterNotFound(name, date.min, "ukjent parameter") from None

    def value(self, name: str, *, on: date, kommune: str | None = None) -> ParameterValue:
        """Return the value of ``name`` in force on ``on`` (see the module docstring)."""
        base = self.parameter(name)
        if kommune is not None and kommune in self.municipal:
            local = self.municipal[kommune].values.get(name, ())
            found = _latest(local, on)
            if found is not None:
                return self._resolved(base, found, local, on)
        found = base.latest(on)
        if found is None:
            first = base.values[0].start.isoformat()
            raise ParameterNotFound(name, on, f"første verdi gjelder fra {first}")
        return self._resolved(base, found, base.values, on)

    def get(self, name: str, *, on: date, kommune: str | None = None) -> Value:
        """Return just the value of ``name`` on ``on``."""
        return self.value(name, on=on, kommune=kommune).value

    def integer(self, name: str, *, on: date, kommune: str | None = None) -> int:
        """Return the whole-number value of ``name`` on ``on``."""
        return self.value(name, on=on, kommune=kommune).as_int()

    def fraction(self, name: str, *, on: date) -> Fraction:
        """Return the exact numeric value of ``name`` on ``on`` (e.g. ``2/3``)."""
        return self.value(name, on=on).as_fraction()

    def boolean(self, name: str, *, on: date) -> bool:
        """Return the true/false value of ``name`` on ``on``."""
        return self.value(name, on=on).as_bool()

    def hjemmel(self, key: str, *, on: date) -> LegalReference:
        """Return the legal reference for ``key`` (``fvl.klagefrist``) in force on ``on``."""
        return resolve(self.law_books, key, on=on, commencements=self.commencements)

    def breakpoints(self, names: Iterable[str], *, kommune: str | None = None) -> list[date]:
        """Return every start date of ``names`` (state and the municipality's), sorted."""
        starts: set[date] = set()
        for name in names:
            starts.update(v.start for v in self.parameter(name).values)
            if kommune is not None and kommune in self.municipal:
                starts.update(v.start for v in self.municipal[kommune].values.get(name, ()))
        return sorted(starts)

    @staticmethod
    def _resolved(
        base: Parameter, found: DatedValue, timeline: tuple[DatedValue, ...], on: date
    ) -> ParameterValue:
        stale = False
        expected = None
        if base.update_cycle is not None and found is timeline[-1]:
            expected = base.update_cycle.next_after(found.start)
            stale = on >= expected
        return ParameterValue(base.name, found.value, found.start, found.reference,
                              found.source, found.layer, stale, expected, found.verified)


def _latest(values: tuple[DatedValue, ...], on: date) -> DatedValue | None:
    found = None
    for dated in values:
        if dated.start <= on:
            found = dated
    return found


@cache
def load_ruleset() -> Ruleset:
    """Return the baseline rule set from the YAML files shipped with the package (cached)."""
    return Ruleset(
        MappingProxyType(load_parameters(PARAMETER_DIR)),
        MappingProxyType(load_law_books(PARAMETER_DIR / "hjemler")),
    )
