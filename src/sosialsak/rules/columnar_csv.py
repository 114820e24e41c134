"""Households from a CSV file: a header row of JSON paths (see ``columnar_table``), UTF-8.

Python's ``csv`` module reads it (no pandas or pyarrow); every cell is text, read as
``columnar_table`` reads text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sosialsak.rules.batch import BatchHouseholds
from sosialsak.rules.columnar_table import batch_from_table
from sosialsak.rules.engine.ruleset import Ruleset


def read_households_csv(source: str | Path | io.TextIOBase) -> dict[str, list[str]]:
    """Return the columns of a CSV file of households (a header row of JSON paths, UTF-8)."""
    if isinstance(source, str | Path):
        with open(source, newline="", encoding="utf-8") as handle:
            return read_households_csv(handle)
    reader = csv.reader(source)
    header = next(reader, [])
    rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(f"CSV line {number}: {len(row)} cells, the header has "
                             f"{len(header)}")
    return {name: [row[i] for row in rows] for i, name in enumerate(header)}


def batch_from_csv(source: str | Path | io.TextIOBase, rules: Ruleset | None = None
                   ) -> BatchHouseholds:
    """Return ``BatchHouseholds`` for a CSV file of households (see ``batch_from_table``)."""
    return batch_from_table(read_households_csv(source), rules)


__all__ = ["batch_from_csv", "read_households_csv"]
