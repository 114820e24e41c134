"""Helsetilsynet's catalogue of 51 risk points (Rapport 4/2022, Vedlegg 2) as versioned
reference data (``reference/risikopunkter.yaml``), with how the product meets each point.
Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sosialsak.rules.errors import InvalidParameterFile

REFERENCE_FILE = Path(__file__).resolve().parent / "reference" / "risikopunkter.yaml"
COVERAGES = ("check", "guard", "not_automatable")
POINT_COUNT = 51


@dataclass(frozen=True)
class Risikopunkt:
    """One risk point: its number, area, short name and text from the report, whether
    sosialtjenesteloven regulates it (None: the plain-text source cannot tell), and how the
    product meets it (``coverage`` one of COVERAGES; ``how`` the check, guard or reason)."""

    number: int
    area: str
    short_name: str
    text: str
    regulated: bool | None
    coverage: str
    how: str

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "area": self.area, "short_name": self.short_name,
                "text": self.text, "regulated": self.regulated, "coverage": self.coverage,
                "how": self.how}


@dataclass(frozen=True)
class Katalog:
    version: str
    source: str
    points: tuple[Risikopunkt, ...]

    def numbers(self) -> frozenset[int]:
        return frozenset(p.number for p in self.points)

    def point(self, number: int) -> Risikopunkt:
        return next(p for p in self.points if p.number == number)


@cache
def katalog() -> Katalog:
    """Return the catalogue (cached); raise InvalidParameterFile on a malformed file."""
    name = REFERENCE_FILE.name
    with REFERENCE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        points = tuple(Risikopunkt(number=int(p["number"]), area=str(p["area"]),
                                   short_name=str(p["short_name"]), text=str(p["text"]),
                                   regulated=p["regulated"], coverage=str(p["coverage"]),
                                   how=str(p["how"] or "")) for p in data["points"])
        out = Katalog(version=str(data["version"]), source=str(data["source"]), points=points)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidParameterFile(f"{name}: {exc}") from exc
    if [p.number for p in points] != list(range(1, POINT_COUNT + 1)):
        raise InvalidParameterFile(f"{name}: punktene skal være 1–{POINT_COUNT} i rekkefølge")
    for p in points:  # every point is met somehow, or says why it cannot be
        if p.coverage not in COVERAGES or not p.how.strip():
            raise InvalidParameterFile(f"{name}: punkt {p.number} mangler coverage eller how")
        if p.regulated not in (True, False, None):
            raise InvalidParameterFile(f"{name}: punkt {p.number}: regulated er true/false/null")
    return out
