"""KOSTRA 11CF codes for a KVP participation and for tiltak outcomes, from dated reference data
(``reference/kostra_11cf.yaml``), never a table in code.

* ``STATUS``: the participation's status (field STATUS).
* ``SITUASJON_ETTER``: the situation right after the programme (fields AVSL_*; several may be
  ticked). A tiltak referral's outcome is stored as one of these codes, so the same codes fill
  the report's «situation after» fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REFERENCE_FILE = Path(__file__).parent / "reference" / "kostra_11cf.yaml"


@dataclass(frozen=True)
class Kode:
    code: str
    text: str
    field: str = ""


@dataclass(frozen=True)
class Kodeverk11CF:
    reporting_year: int
    status: tuple[Kode, ...]
    situasjon_etter: tuple[Kode, ...]

    def status_choices(self) -> list[tuple[str, str]]:
        return [(k.code, f"{k.code} {k.text}") for k in self.status]

    def situasjon_choices(self) -> list[tuple[str, str]]:
        return [(k.code, f"{k.code} {k.text}") for k in self.situasjon_etter]

    def situasjon(self, code: str) -> Kode | None:
        return next((k for k in self.situasjon_etter if k.code == code), None)


@cache
def kodeverk_11cf() -> Kodeverk11CF:
    """Return the 11CF codes shipped with the code."""
    data: dict[str, Any] = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    return Kodeverk11CF(
        reporting_year=int(data["reporting_year"]),
        status=tuple(Kode(str(c), str(t)) for c, t in data["status"].items()),
        situasjon_etter=tuple(Kode(str(c), str(v["text"]), str(v["field"]))
                              for c, v in data["situasjon_etter"].items()))


# The codes a tiltak outcome may fill: a job, education, another benefit, other. A dropped-out
# referral ("avbrutt") has no «situation after»; see tiltak.policy.
UTFALL_KODER: dict[str, tuple[str, ...]] = {
    "ARBEID": ("01", "11"),
    "UTDANNING": ("04",),
    "ANNEN_YTELSE": ("03", "13", "14", "15", "16"),
    "ANNET": ("10", "17"),
    "AVBRUTT": (),
}

__all__ = ["UTFALL_KODER", "Kode", "Kodeverk11CF", "kodeverk_11cf"]
