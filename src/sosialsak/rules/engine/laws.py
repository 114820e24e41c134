"""Legal references as dated data: which act, and which § number, applies on a date.

Each act is a YAML file under ``parameters/hjemler/`` listing its versions. A version whose
commencement is not yet decided has ``in_force_from: null`` and is never used until a date is
supplied, either in the file or at run time (``Ruleset.with_commencements``), so the switch to the
new forvaltningsloven (LOV-2025-06-20-81, "fra den tid Kongen bestemmer") is a data change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sosialsak.rules.errors import InvalidParameterFile, ParameterNotFound


@dataclass(frozen=True)
class LawVersion:
    """One version of an act: its Lovdata id, commencement and § number per topic key."""

    law_id: str
    title: str
    in_force_from: date | None
    url: str
    sections: Mapping[str, str]


@dataclass(frozen=True)
class LawBook:
    """An act under a short key (``fvl``, ``sotjl``) and its versions."""

    key: str
    name: str
    versions: tuple[LawVersion, ...]


@dataclass(frozen=True)
class LegalReference:
    """A resolved reference, e.g. ``forvaltningsloven § 11 a`` (LOV-1967-02-10)."""

    key: str
    law: str
    section: str
    law_id: str
    url: str
    in_force_from: date

    @property
    def text(self) -> str:
        return f"{self.law} {self.section}"

    def __str__(self) -> str:
        return self.text


def load_law_books(root: Path) -> dict[str, LawBook]:
    """Return the law books in ``root`` (``*.yaml``), keyed by their short key."""
    books: dict[str, LawBook] = {}
    for path in sorted(root.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data: Any = yaml.safe_load(fh)
        try:
            versions = tuple(
                LawVersion(
                    law_id=str(v["id"]),
                    title=str(v["title"]),
                    in_force_from=v.get("in_force_from"),
                    url=str(v["url"]),
                    sections={str(k): str(s) for k, s in v["sections"].items()},
                )
                for v in data["versions"]
            )
            books[str(data["key"])] = LawBook(str(data["key"]), str(data["name"]), versions)
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidParameterFile(f"{path.name}: malformed law book ({exc})") from exc
    return books


def resolve(
    books: Mapping[str, LawBook], key: str, *, on: date, commencements: Mapping[str, date]
) -> LegalReference:
    """Return the reference for ``key`` (``fvl.klagefrist``) in force on ``on``.

    Raise ParameterNotFound naming the key and date when no version in force has the topic.
    """
    book_key, _, topic = key.partition(".")
    book = books.get(book_key)
    if book is None:
        raise ParameterNotFound(f"hjemler.{key}", on, "ukjent lov")
    best: tuple[date, LawVersion] | None = None
    for version in book.versions:
        start = commencements.get(version.law_id, version.in_force_from)
        if start is not None and start <= on and (best is None or start > best[0]):
            best = (start, version)
    if best is None:
        raise ParameterNotFound(f"hjemler.{key}", on, "ingen versjon av loven i kraft")
    start, version = best
    section = version.sections.get(topic)
    if section is None:
        raise ParameterNotFound(f"hjemler.{key}", on, f"{version.law_id} har ikke emnet")
    return LegalReference(key, book.name, section, version.law_id, version.url, start)
