"""Building blocks that give pydantic the semantics of the official draft-06 schemas.

The Digisos schemas never set ``additionalProperties``, never allow ``null`` and use
``pattern`` on plain strings. Pydantic's defaults differ on each point (coercion, ``None`` for
optional fields, unknown fields ignored), so every model here derives from :class:`DigisosModel`
and every constrained string uses :func:`matches`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    PlainValidator,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

Loc = tuple[str | int, ...]

# Discriminator tags appear in pydantic's error locations; they all start with this marker so
# the report can drop them from the JSON path (see _report._strip_tags).
TAG_MARK = "\u00a7"


def tag(name: str) -> str:
    """Return the union tag used for the variant ``name``."""
    return f"{TAG_MARK}{name}"


def _reject_null(value: Any) -> Any:
    # No Digisos schema lists "null" as a type: an optional field may be absent but never null.
    if value is None:
        raise PydanticCustomError("null_not_allowed", "must not be null")
    return value


class DigisosModel(BaseModel):
    """Model one JSON object of a Digisos schema: strict types, unknown fields kept, no nulls.

    Subclasses express the schema's ``dependencies`` by overriding :meth:`dependency_errors`;
    those errors are reported together with the field errors instead of hiding behind them.
    """

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        return _reject_null(value)

    @classmethod
    def dependency_errors(cls, data: dict[str, Any]) -> list[tuple[Loc, str]]:
        """Return (location, reason) for each violated ``dependencies`` rule of the schema."""
        return []

    @model_validator(mode="wrap")
    @classmethod
    def _dependencies(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        problems = cls.dependency_errors(data) if isinstance(data, dict) else []
        if not problems:
            return handler(data)
        extra = [
            InitErrorDetails(
                type=PydanticCustomError("dependency", reason), loc=loc, input=data
            )
            for loc, reason in problems
        ]
        try:
            handler(data)
            field_errors: list[InitErrorDetails] = []
        except ValidationError as exc:
            field_errors = [_reraise(err) for err in exc.errors()]
        raise ValidationError.from_exception_data(cls.__name__, [*field_errors, *extra])


def _reraise(err: Any) -> InitErrorDetails:
    # Keep the type and context so the report words it as usual; the rendered message is used
    # as the template (pydantic only substitutes {name} for names in the context).
    return InitErrorDetails(
        type=PydanticCustomError(err["type"], err["msg"], err.get("ctx")),
        loc=tuple(err["loc"]),
        input=err.get("input"),
    )


# --- primitive JSON Schema types --------------------------------------------------------------


def _json_integer(value: Any) -> int:
    # Draft 6 counts 1.0 as an integer (jsonschema does too); booleans are never numbers.
    if isinstance(value, bool):
        raise PydanticCustomError("integer_type", "must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise PydanticCustomError("integer_type", "must be an integer")


def _json_number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "must be a number")
    return value


JsonInteger = Annotated[int, PlainValidator(_json_integer)]
JsonNumber = Annotated[int | float, PlainValidator(_json_number)]


def matches(pattern: str, reason: str) -> AfterValidator:
    """Return a validator for a schema ``pattern`` on a string (``re.search`` semantics).

    ``reason`` is the plain explanation reported when the pattern does not match.
    """
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if compiled.search(value) is None:
            raise PydanticCustomError("pattern_mismatch", reason)
        return value

    return AfterValidator(check)


# Patterns as in json/types/*.json, parts/version.json and parts/filreferanse/*.json (the UUID
# one written out shorter). The tidspunkt pattern has an unescaped "." (so ",123Z" passes) and
# demands at least one fractional digit; kept as-is so we accept exactly what the schema accepts.
TIDSPUNKT_PATTERN = (
    "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
    ".[0-9][0-9]*Z$"
)
DATO_PATTERN = "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$"
VERSION_PATTERN = r"^[0-9]+\.[0-9]+\.[0-9]+(-[a-zA-Z0-9]+)?(\+[a-zA-Z0-9]+)?$"
UUID_PATTERN = "^" + "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12)) + "$"

Tidspunkt = Annotated[
    str,
    matches(
        TIDSPUNKT_PATTERN,
        "must be a UTC timestamp with fractional seconds, like 2018-10-04T13:37:00.134Z",
    ),
]
Dato = Annotated[str, matches(DATO_PATTERN, "must be a date written YYYY-MM-DD")]
Version = Annotated[str, matches(VERSION_PATTERN, "must be a version number like 1.0.0")]

# json/soknad/parts/kilde*.json
Kilde = Literal["bruker", "system", "utdatert"]
KildeBruker = Literal["bruker", "utdatert"]
KildeSystem = Literal["system", "utdatert"]


UNKNOWN_TAG = tag("?")


def by_type(*names: str) -> Discriminator:
    """Return a discriminator that dispatches on ``type`` like the schemas' ``oneOf``.

    Every variant's schema pins ``type`` with an enum, so at most one branch can match and its
    errors are the ones worth reporting. Objects with a missing or unknown ``type`` (and
    non-objects) go to the variant tagged :data:`UNKNOWN_TAG`, a model that always fails with
    errors saying what is wrong, so the report never says "valid under none of the schemas".
    """
    known = frozenset(names)

    def pick(value: Any) -> str:
        kind = value.get("type") if isinstance(value, dict) else None
        return tag(kind) if isinstance(kind, str) and kind in known else UNKNOWN_TAG

    return Discriminator(pick)
