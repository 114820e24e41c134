"""Retention periods per kind of case data, from dated reference data
(``reference/oppbevaring.yaml``; issue 18 item 5). Pure: no Django, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from sosialsak.rules.errors import InvalidParameterFile, ParameterNotFound

REFERENCE_FILE = Path(__file__).resolve().parent / "reference" / "oppbevaring.yaml"
TILTAK = ("SLETT", "ANONYMISER")


@dataclass(frozen=True)
class Oppbevaring:
    """One kind of data: kept ``aar`` years after the case closed, then ``tiltak``."""

    kategori: str
    beskrivelse: str
    tiltak: str  # SLETT | ANONYMISER
    aar: int
    hjemmel: str
    kilde: str
    bekreftet: bool  # False: "kommunen bekrefter"
    krever_arkivuttrekk: bool
    gjelder_fra: date

    def utlop(self, avsluttet: date) -> date:
        """The first day the data may be removed: ``aar`` years after the case closed
        (29 February counts as 28 February in a year without it)."""
        year = avsluttet.year + self.aar
        try:
            return avsluttet.replace(year=year)
        except ValueError:
            return date(year, 2, 28)


def _load() -> dict[str, list[Oppbevaring]]:
    with REFERENCE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out: dict[str, list[Oppbevaring]] = {}
    try:
        for kategori, spec in data["kategorier"].items():
            if spec["tiltak"] not in TILTAK:
                raise InvalidParameterFile(f"{kategori}: ukjent tiltak {spec['tiltak']!r}")
            entries = []
            for start, v in spec["values"].items():
                if not isinstance(start, date) or int(v["aar"]) < 1 or not v["hjemmel"]:
                    raise InvalidParameterFile(f"{kategori}: ugyldig verdi fra {start}")
                entries.append(Oppbevaring(
                    kategori=kategori, beskrivelse=str(spec["beskrivelse"]),
                    tiltak=spec["tiltak"], aar=int(v["aar"]), hjemmel=str(v["hjemmel"]),
                    kilde=str(v.get("kilde", "")), bekreftet=bool(v.get("bekreftet", False)),
                    krever_arkivuttrekk=bool(spec.get("krever_arkivuttrekk", True)),
                    gjelder_fra=start))
            out[kategori] = sorted(entries, key=lambda e: e.gjelder_fra)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidParameterFile(f"{REFERENCE_FILE.name}: {type(exc).__name__}") from exc
    return out


@cache
def _all() -> dict[str, list[Oppbevaring]]:
    return _load()


def kategorier() -> tuple[str, ...]:
    return tuple(_all())


def oppbevaring(kategori: str, on: date) -> Oppbevaring:
    """The rule for ``kategori`` in force on ``on``; raise ParameterNotFound otherwise."""
    found = [e for e in _all().get(kategori, []) if e.gjelder_fra <= on]
    if not found:
        raise ParameterNotFound(f"oppbevaring.{kategori}", on)
    return found[-1]
