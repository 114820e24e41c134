"""One record a line: each value placed and formatted as the layout says, ISO-8859-1."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sosialsak.formats.kostra._layout import Field, Layout

ENCODING = "iso-8859-1"
Value = object  # str, int, date or None


class KostraWriteError(ValueError):
    """A value does not fit its field (a programming error in the derivation)."""


def java_to_strftime(pattern: str) -> str:
    """SSB's date patterns are Java's (``ddMMyyyy``, ``ddMMyy``); the same in strftime."""
    out = pattern.replace("yyyy", "%Y").replace("yy", "%y").replace("MM", "%m")
    out = out.replace("dd", "%d")
    if out.replace("%Y", "").replace("%y", "").replace("%m", "").replace("%d", ""):
        raise KostraWriteError(f"ukjent datomønster {pattern!r}")
    return out


def _date(value: date, pattern: str) -> str:
    return value.strftime(java_to_strftime(pattern))


def format_value(f: Field, value: Value) -> str:
    """The field's text: blanks for no value, integers right-aligned, text left-aligned."""
    if value is None or value == "":
        return " " * f.size
    if f.data_type == "DATE_TYPE":
        if not isinstance(value, date):
            raise KostraWriteError(f"{f.name}: dato ventet")
        text = _date(value, f.date_pattern)
    elif f.data_type == "INTEGER_TYPE":
        if isinstance(value, date) or not str(value).lstrip("-").isdigit():
            raise KostraWriteError(f"{f.name}: heltall ventet")
        text = str(int(str(value))).rjust(f.size)
    else:
        text = str(value).ljust(f.size)
    if len(text) != f.size:
        raise KostraWriteError(f"{f.name}: {len(text)} tegn, feltet har {f.size}")
    if f.codes and f.data_type == "STRING_TYPE" and str(value) not in f.codes:
        raise KostraWriteError(f"{f.name}: koden {value!r} finnes ikke i SSBs kodeliste")
    return text


def encode_record(layout: Layout, values: Mapping[str, Value]) -> str:
    """Return one record of exactly the layout's length; unknown names are an error."""
    unknown = values.keys() - layout.names
    if unknown:
        raise KostraWriteError(f"ukjente felt: {', '.join(sorted(unknown))}")
    line = [" "] * layout.record_length
    for f in layout.fields:
        line[f.slice] = format_value(f, values.get(f.name))
    return "".join(line)


def write_file(layout: Layout, records: Iterable[Mapping[str, Value]]) -> bytes:
    """Return the file: one record a line, each ending in a line feed, ISO-8859-1. A file with
    no records is one space, SSB's sign of 'nobody to report' (control 000)."""
    lines = [encode_record(layout, r) + "\n" for r in records]
    if not lines:
        return b" "
    return "".join(lines).encode(ENCODING)


def decode_line(layout: Layout, line: str) -> dict[str, str]:
    """Return each field's raw text (not stripped), by name."""
    return {name: line[a:b] for name, a, b in layout.spans}
