"""Parameters: one YAML file per parameter, values keyed by start date, each with a reference.

A parameter file looks like this (see ``docs/rules.md``)::

    description: Statens veiledende sats for livsopphold, enslig
    unit: NOK per måned
    law: sosialtjenesteloven § 18
    update_cycle: {every: year, date: "01-01"}
    values:
      2024-01-01:
        value: 7850
        source: Rundskriv A-3/2023
        reference: https://www.regjeringen.no/...

A value applies from its start date until the next start date (start dates only, never end
dates). History is never edited: a change is a new dated value. ``update_cycle`` says when a
newer value is expected, so that a value applied after that date is flagged as possibly stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from sosialsak.rules.errors import InvalidParameterFile

Value = int | Decimal | Fraction | bool | str | None | tuple[Any, ...] | Mapping[str, Any]


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from ``start`` until the next value's start."""

    start: date
    value: Value
    reference: str
    source: str = ""
    layer: str = "stat"
    verified: bool = True  # false: a figure our sources do not confirm (see its source note)


@dataclass(frozen=True)
class UpdateCycle:
    """A yearly update on a fixed day (guideline rates on 1 January, G on 1 May)."""

    month: int
    day: int

    def next_after(self, start: date) -> date:
        """Return the first expected update date strictly after ``start``."""
        candidate = date(start.year, self.month, self.day)
        return candidate if candidate > start else date(start.year + 1, self.month, self.day)


@dataclass(frozen=True)
class Parameter:
    """A named, dated parameter. ``values`` are sorted by start date, oldest first."""

    name: str
    description: str
    unit: str
    law: str
    values: tuple[DatedValue, ...]
    update_cycle: UpdateCycle | None = None

    def latest(self, on: date) -> DatedValue | None:
        """Return the value in force on ``on``, or None when ``on`` precedes every value."""
        found = None
        for dated in self.values:
            if dated.start <= on:
                found = dated
            else:
                break
        return found

    def merged_with(self, extra: Iterable[DatedValue]) -> Parameter:
        """Return this parameter with ``extra`` values merged in; on equal dates ``extra`` wins."""
        by_start = {v.start: v for v in self.values}
        for value in extra:
            by_start[value.start] = value
        ordered = tuple(by_start[k] for k in sorted(by_start))
        return Parameter(self.name, self.description, self.unit, self.law, ordered,
                         self.update_cycle)


def _convert(raw: Any) -> Value:
    if isinstance(raw, float):
        raise InvalidParameterFile("floats are not allowed in parameters; write a string")
    if isinstance(raw, str) and "/" in raw:
        num, den = raw.split("/", 1)
        if num.strip().isdigit() and den.strip().isdigit():
            return Fraction(int(num), int(den))
    if isinstance(raw, str):
        try:
            return Decimal(raw) if raw.replace(".", "", 1).lstrip("-").isdigit() else raw
        except ArithmeticError:  # pragma: no cover - guarded by isdigit
            return raw
    if isinstance(raw, list):
        return tuple(_convert(x) if not isinstance(x, dict) else x for x in raw)
    return raw  # YAML scalars: int, bool, date, None


def _cycle(raw: Any, where: str) -> UpdateCycle | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("every") != "year" or "date" not in raw:
        raise InvalidParameterFile(f"{where}: update_cycle must be {{every: year, date: 'MM-DD'}}")
    month, day = (int(x) for x in str(raw["date"]).split("-"))
    return UpdateCycle(month, day)


def parse_parameter(name: str, data: Mapping[str, Any], *, where: str = "") -> Parameter:
    """Return a Parameter from the parsed YAML mapping ``data``; raise InvalidParameterFile."""
    where = where or name
    values = data.get("values")
    if not isinstance(values, dict) or not values:
        raise InvalidParameterFile(f"{where}: 'values' must map start dates to values")
    dated: list[DatedValue] = []
    for start, entry in values.items():
        if not isinstance(start, date):
            raise InvalidParameterFile(f"{where}: start {start!r} is not a YYYY-MM-DD date")
        if not isinstance(entry, dict) or "value" not in entry or not entry.get("reference"):
            raise InvalidParameterFile(f"{where} {start}: each value needs 'value' and 'reference'")
        verified = entry.get("verified", True)
        if not isinstance(verified, bool):
            raise InvalidParameterFile(f"{where} {start}: 'verified' must be true or false")
        dated.append(DatedValue(start, _convert(entry["value"]), str(entry["reference"]),
                                str(entry.get("source", "")), verified=verified))
    dated.sort(key=lambda v: v.start)
    return Parameter(
        name=name,
        description=str(data.get("description", "")),
        unit=str(data.get("unit", "")),
        law=str(data.get("law", "")),
        values=tuple(dated),
        update_cycle=_cycle(data.get("update_cycle"), where),
    )


def load_parameters(root: Path) -> dict[str, Parameter]:
    """Return every parameter under ``root``; the dotted name follows the file path."""
    found: dict[str, Parameter] = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).with_suffix("")
        if rel.parts[0] == "hjemler":
            continue
        name = ".".join(rel.parts)
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        if not isinstance(data, dict):
            raise InvalidParameterFile(f"{path}: expected a mapping")
        found[name] = parse_parameter(name, data, where=str(rel))
    return found
