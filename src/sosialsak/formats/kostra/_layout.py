"""SSB's file description for one schema and reporting year, as read from its YAML."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

ENV = "SOSIALSAK_KOSTRA_DIR"
# src/sosialsak/formats/kostra/_layout.py -> the checkout -> its sibling shared/kostra
_BESIDE_CHECKOUT = Path(__file__).resolve().parents[4].parent / "shared" / "kostra"


class LayoutMissing(Exception):
    """SSB's file description for the schema and year is not where we look."""


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    start: int  # 1-based, as in SSB's description
    size: int
    data_type: str  # STRING_TYPE, INTEGER_TYPE, DATE_TYPE
    mandatory: bool
    date_pattern: str
    codes: tuple[str, ...]
    code_labels: tuple[tuple[str, str], ...]

    @property
    def end(self) -> int:
        """The last position (inclusive, 1-based)."""
        return self.start + self.size - 1

    @property
    def slice(self) -> slice:
        return slice(self.start - 1, self.end)


@dataclass(frozen=True)
class Layout:
    schema: str
    year: int
    title: str
    fields: tuple[Field, ...]

    @property
    def record_length(self) -> int:
        return max(f.end for f in self.fields)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        """The fields by name (looked up per record by the writer and the controls)."""
        return {f.name: f for f in self.fields}

    @cached_property
    def spans(self) -> tuple[tuple[str, int, int], ...]:
        """(name, start, stop) as Python slice bounds, for reading a record fast."""
        return tuple((f.name, f.start - 1, f.end) for f in self.fields)

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.by_name)

    def field(self, name: str) -> Field:
        return self.by_name[name]

    def has(self, name: str) -> bool:
        return name in self.by_name

    def codes(self, name: str) -> tuple[tuple[str, str], ...]:
        """The code list of a field, (code, SSB's label), for choices in the UI."""
        return self.field(name).code_labels


def kostra_dir() -> Path:
    """Where SSB's file descriptions are: ``SOSIALSAK_KOSTRA_DIR``, else ``../shared/kostra``."""
    configured = os.environ.get(ENV, "").strip()
    return Path(configured) if configured else _BESIDE_CHECKOUT


def load_layout(schema: str, year: int, directory: Path | None = None) -> Layout:
    """Read ``file_description_<schema>_<year>.yaml``; raise ``LayoutMissing`` if absent."""
    path = (directory or kostra_dir()) / f"file_description_{schema}_{year}.yaml"
    return _load(str(path), schema, year)


@cache
def _load(path: str, schema: str, year: int) -> Layout:
    p = Path(path)
    if not p.is_file():
        raise LayoutMissing(
            f"Fant ikke SSBs filbeskrivelse for {schema} {year} ({p}). Sett {ENV} til mappen "
            "med file_description_*.yaml fra SSBs kontrollprogram.")
    raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    fields = tuple(
        Field(name=f["name"], description=f.get("description") or "", start=int(f["from"]),
              size=int(f["size"]), data_type=f["dataType"], mandatory=bool(f["mandatory"]),
              date_pattern=f.get("datePattern") or "",
              codes=tuple(str(c["code"]) for c in f.get("codeList") or []),
              code_labels=tuple((str(c["code"]), str(c["value"]))
                                for c in f.get("codeList") or []))
        for f in raw["fields"])
    if str(raw["id"]) != schema or int(raw["reportingYear"]) != year:
        raise LayoutMissing(f"{p} beskriver {raw['id']} {raw['reportingYear']}, "
                            f"ikke {schema} {year}.")
    return Layout(schema=schema, year=year, title=str(raw.get("title", "")), fields=fields)
