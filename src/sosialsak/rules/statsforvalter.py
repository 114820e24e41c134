"""The appeal body (klageinstans) for a municipality on a date, from dated reference data
(``reference/statsforvalter.yaml``): the Statsforvalter of the county the responsible
municipality (sotjl. § 3) belongs to. Pure: no Django, no clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from sosialsak.rules.errors import InvalidParameterFile, ParameterNotFound

REFERENCE_FILE = Path(__file__).resolve().parent / "reference" / "statsforvalter.yaml"
_KOMMUNE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Embete:
    """One Statsforvalter (or, before 2021, Fylkesmann) for some counties in a period."""

    navn: str
    fylker: tuple[str, ...]
    valid_from: date
    valid_to: date | None  # inclusive; None = still in force

    def covers(self, fylke: str, on: date) -> bool:
        return fylke in self.fylker and self.valid_from <= on and (
            self.valid_to is None or on <= self.valid_to)


@cache
def embeter() -> tuple[Embete, ...]:
    """Return every embete in the reference file (cached; raise on a malformed file)."""
    with REFERENCE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        out = tuple(Embete(navn=e["navn"], fylker=tuple(e["fylker"]), valid_from=e["from"],
                           valid_to=e.get("to")) for e in data["embeter"])
    except (KeyError, TypeError) as exc:
        raise InvalidParameterFile(f"{REFERENCE_FILE.name}: {exc}") from exc
    for i, a in enumerate(out):  # one embete per county and day, or the lookup is ambiguous
        for b in out[i + 1:]:
            if set(a.fylker) & set(b.fylker) and a.valid_from <= (b.valid_to or date.max) and (
                    b.valid_from <= (a.valid_to or date.max)):
                raise InvalidParameterFile(f"{REFERENCE_FILE.name}: {a.navn} and {b.navn} "
                                           "overlap")
    return out


def statsforvalter(*, kommunenummer: str, on: date) -> Embete:
    """Return the embete that hears appeals from ``kommunenummer`` on ``on``.

    Raise ParameterNotFound when the number is malformed or its county has no embete that day
    (e.g. a Viken number 30xx after the 2024 split): a letter must not name a guessed body."""
    if not _KOMMUNE.match(kommunenummer or ""):
        raise ParameterNotFound("statsforvalter", on, f"ugyldig kommunenummer «{kommunenummer}»")
    fylke = kommunenummer[:2]
    for embete in embeter():
        if embete.covers(fylke, on):
            return embete
    raise ParameterNotFound("statsforvalter", on, f"ingen statsforvalter for fylke {fylke}")
