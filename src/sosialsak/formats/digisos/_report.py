"""Turn pydantic validation errors into JSON paths and plain reasons.

Reasons never repeat the offending value (it may be a fødselsnummer or an account number),
except for enum codes, which are what the reader needs to fix a wrong ``type`` or ``status``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sosialsak.formats.digisos._base import TAG_MARK

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, order=True)
class ValidationIssue:
    """One reason a document is invalid: where (``$.hendelser[3].status``) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def json_path(parts: Iterable[str | int]) -> str:
    """Render location parts as a JSON path such as ``$.hendelser[3].status``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out


def json_type(value: Any) -> str:
    """Name the JSON type of a parsed value (for "got ..." in reasons)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _strip_tags(loc: Sequence[str | int], data: Any) -> list[str | int]:
    # Union tags (see _base.tag) sit in the location between an object and its fields; walk the
    # data so a real key that happens to look like a tag is kept.
    parts: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, str) and part.startswith(TAG_MARK):
            if not (isinstance(node, dict) and part in node):
                continue
        parts.append(part)
        node = _child(node, part)
    return parts


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


_TYPE_NAMES = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "integer_type": "an integer",
    "float_type": "a number",
    "number_type": "a number",
    "list_type": "an array",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
}


def _reason(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind in _TYPE_NAMES:
        return f"must be {_TYPE_NAMES[kind]} (got {json_type(value)})"
    if kind == "literal_error":
        got = f" (got {value!r})" if isinstance(value, str) and len(value) <= 40 else ""
        return f"must be one of {ctx.get('expected', '?')}{got}"
    if kind == "too_short":
        count = ctx.get("min_length", 1)
        return f"must contain at least {count} item{'s' if count != 1 else ''}"
    return str(err["msg"])


def issues_from_error(error: ValidationError, data: Any) -> tuple[ValidationIssue, ...]:
    """Return one issue per pydantic error, located in ``data`` by JSON path."""
    return tuple(
        ValidationIssue(json_path(_strip_tags(err["loc"], data)), _reason(err))
        for err in error.errors(include_url=False)
    )
