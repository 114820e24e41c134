"""Bounds on a Digisos JSON file, checked before and right after parsing.

A file from outside must never be able to stop intake or reach the database as an absurd value
(threats: a 100,000-deep ``[[[[…`` that makes the parser recurse until ``RecursionError``; a
1e30 amount or a 1 MB first name that overflows a column and becomes an "intern feil"). So:

* before parsing: at most :data:`MAX_JSON_BYTES` bytes and :data:`MAX_DEPTH` levels of nesting
  (counted without recursion);
* after parsing, every value (:func:`value_errors`): text at most :data:`MAX_TEXT` characters
  (names :data:`MAX_NAME`, free text :data:`MAX_FREE_TEXT`), lists at most :data:`MAX_ITEMS`
  items, numbers finite and at most :data:`MAX_NUMBER` (kroner, percent and counts alike),
  dates from 1900 (timestamps of a submission from 2000), birth dates not in the future and no
  other date more than :data:`MAX_YEARS_AHEAD` years ahead.

Each problem names the field by its JSON path, so the quarantine says what to fix.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any

MAX_JSON_BYTES = 2_000_000
MAX_DEPTH = 64
MAX_TEXT = 1_000
MAX_NAME = 200
MAX_FREE_TEXT = 20_000
MAX_ITEMS = 2_000
MAX_NUMBER = 100_000_000
MAX_YEARS_AHEAD = 10
MIN_YEAR = 1900
MIN_SUBMISSION_YEAR = 2000

NAME_KEYS = frozenset({"fornavn", "mellomnavn", "etternavn", "fulltNavn"})
FREE_TEXT_KEYS = frozenset({"hvaSokesOm", "hvorforSoke", "hvaHarEndretSeg",
                            "kommentarTilArbeidsforhold", "beskrivelse", "text", "verdi"})
SUBMISSION_KEYS = frozenset({"innsendingstidspunkt"})
BIRTH_KEYS = frozenset({"fodselsdato"})
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def nesting_depth(raw: bytes) -> int:
    """Return the deepest nesting of arrays and objects in a JSON text (strings skipped)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_bounded(raw: bytes, name: str) -> tuple[Any, str | None]:
    """Return (parsed JSON, None) or (None, why it was refused) without ever raising."""
    if len(raw) > MAX_JSON_BYTES:
        return None, (f"{name}: filen er for stor ({len(raw)} byte, høyst {MAX_JSON_BYTES}).")
    if nesting_depth(raw) > MAX_DEPTH:
        return None, f"{name}: JSON-en er nøstet dypere enn {MAX_DEPTH} nivåer."
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant), None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"{name}: ikke gyldig JSON ({type(exc).__name__}: {exc})"


def _no_constant(token: str) -> Any:
    raise ValueError(f"{token} er ikke et tall i JSON")


def _path(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"


def _text_error(path: str, key: str, value: str, today: date) -> str | None:
    limit = MAX_NAME if key in NAME_KEYS else MAX_FREE_TEXT if key in FREE_TEXT_KEYS \
        else MAX_TEXT
    if len(value) > limit:
        return f"{path}: teksten er for lang ({len(value)} tegn, høyst {limit})."
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return f"{path}: {value[:10]} er ikke en gyldig dato."
    earliest = MIN_SUBMISSION_YEAR if key in SUBMISSION_KEYS else MIN_YEAR
    if day.year < earliest:
        return f"{path}: datoen {day.isoformat()} er før {earliest}."
    latest = today if key in BIRTH_KEYS else today.replace(
        year=today.year + MAX_YEARS_AHEAD, day=min(today.day, 28))
    if day > latest:
        return f"{path}: datoen {day.isoformat()} ligger for langt fram i tid."
    return None


def value_errors(data: Any, name: str, *, today: date) -> list[str]:
    """Return one message per value out of bounds, each naming its field (``name`` + path)."""
    errors: list[str] = []
    stack: list[tuple[str, str, Any]] = [(f"{name}: $", "", data)]
    while stack:
        path, key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((_path(path, str(k)), str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS:
                errors.append(f"{path}: listen har for mange elementer ({len(value)}, høyst "
                              f"{MAX_ITEMS}).")
                continue
            stack.extend((_path(path, i), key, v) for i, v in enumerate(value))
        elif isinstance(value, str):
            problem = _text_error(path, key, value, today)
            if problem:
                errors.append(problem)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float) and (
                not math.isfinite(value) or abs(value) > MAX_NUMBER):
            errors.append(f"{path}: tallet er utenfor det tillatte (høyst {MAX_NUMBER:_} i "
                          "absoluttverdi).".replace("_", " "))
    return sorted(errors)
