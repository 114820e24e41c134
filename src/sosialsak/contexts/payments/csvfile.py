"""The CSV file for the municipality's accounting: one row per vedtak's share of a payment.

Semicolon-separated, UTF-8 without BOM, CRLF line ends, one header row. Amounts are kroner with
two decimals and a decimal comma (``10200,00``), as Norwegian spreadsheets and accounting
imports read semicolon files. ``betalingsreferanse`` is the bank transfer's reference
(``EndToEndId`` in pain.001): equal to ``referanse`` for a payment of its own, and shared by
the rows of a combined monthly payment, so the ledger can book each vedtak's share and still
match the one transfer the bank reports. ``kid_melding`` holds the KID when there is one,
else the message to the recipient. Pure Python.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

HEADER = ("referanse", "betalingsreferanse", "forfallsdato", "belop", "mottaker",
          "kontonummer", "kid_melding", "vedtak_id", "sak")


@dataclass(frozen=True)
class CsvRow:
    referanse: str
    betalingsreferanse: str
    forfallsdato: date
    belop: int
    mottaker: str
    kontonummer: str
    kid_melding: str
    vedtak_id: int
    sak: str


def kroner(belop: int) -> str:
    """Return whole kroner as «1234,00»."""
    return f"{belop},00"


def _safe(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: neutralise it.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_csv(rows: list[CsvRow]) -> bytes:
    """Return the CSV file as UTF-8 bytes."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow([r.referanse, r.betalingsreferanse, r.forfallsdato.isoformat(),
                         kroner(r.belop), _safe(r.mottaker), r.kontonummer,
                         _safe(r.kid_melding), r.vedtak_id, r.sak])
    return out.getvalue().encode("utf-8")
