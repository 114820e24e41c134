"""Validate against a directory of the official draft-06 Digisos schemas (``--schemas DIR``).

The schemas reference each other by relative file path and have no ``$id``, so each file is
registered in a :class:`referencing.Registry` under a URI that mirrors its path below ``json/``
(reference §1.6). ``Draft6Validator`` then resolves ``parts/hendelse.json`` or
``../../../../types/tidspunkt.json`` against the referring file, like the upstream Java
validator does. Nothing here is copied into the project; the directory is read at run time.
"""

from __future__ import annotations

import ast
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT6

from sosialsak.formats.digisos._report import ValidationIssue, json_path

BASE_URI = "https://filformat.digisos.invalid/json/"
# Swagger 2.0 documentation, not a JSON Schema.
_SKIP = frozenset({"swagger.json"})


class OfficialSchemasError(Exception):
    """Raise when a directory does not hold the official Digisos schemas."""


@dataclass
class OfficialSchemas:
    """The official schemas of one directory, ready to validate fragments or whole files."""

    root: Path
    registry: Registry
    files: frozenset[str]
    _validators: dict[str, Draft6Validator] = field(default_factory=dict, repr=False)

    def validator(self, schema_file: str) -> Draft6Validator:
        """Return a validator for ``schema_file`` (a path below ``json/``)."""
        if schema_file not in self.files:
            raise OfficialSchemasError(f"{self.root} has no schema {schema_file}")
        if schema_file not in self._validators:
            self._validators[schema_file] = Draft6Validator(
                {"$ref": BASE_URI + schema_file}, registry=self.registry
            )
        return self._validators[schema_file]

    def issues(self, schema_file: str, instance: Any) -> tuple[ValidationIssue, ...]:
        """Return the official schema's objections to ``instance``, with JSON paths."""
        found: list[ValidationIssue] = []
        for error in self.validator(schema_file).iter_errors(instance):
            found.extend(_flatten(error))
        return tuple(sorted(set(found)))


def load_official_schemas(directory: Path | str) -> OfficialSchemas:
    """Register every schema under ``directory`` (the ``json/`` folder or its parent)."""
    root = Path(directory)
    if (root / "json").is_dir() and not (root / "soknad").is_dir():
        root = root / "json"
    if not root.is_dir():
        raise OfficialSchemasError(f"{directory} is not a directory")
    resources: list[tuple[str, Resource[Any]]] = []
    files: set[str] = set()
    for path in sorted(root.rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        if relative in _SKIP:
            continue
        try:
            contents = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OfficialSchemasError(f"cannot read schema {path}: {exc}") from exc
        resource = Resource.from_contents(contents, default_specification=DRAFT6)
        resources.append((BASE_URI + relative, resource))
        files.add(relative)
    if "digisos/soker/digisos-soker.json" not in files:
        raise OfficialSchemasError(f"{directory} does not hold the Digisos schemas (json/)")
    # crawl() once up front; otherwise every $ref lookup re-crawls the registry (very slow).
    registry = Registry().with_resources(resources).crawl()
    return OfficialSchemas(root, registry, frozenset(files))


def _flatten(error: SchemaError) -> list[ValidationIssue]:
    # A failed oneOf lists the errors of every branch; report only the branch whose "type"
    # enum matched (each hendelse/filreferanse/adresse subtype pins its type), as our models do.
    if error.validator == "oneOf" and error.context:
        branches: dict[Any, list[SchemaError]] = defaultdict(list)
        for sub in error.context:
            branches[sub.schema_path[0]].append(sub)
        matching = [errs for errs in branches.values() if not any(_is_type_enum(e) for e in errs)]
        if len(matching) == 1:
            return [issue for sub in matching[0] for issue in _flatten(sub)]
        return [ValidationIssue(json_path(error.absolute_path), "matches none of the variants")]
    return [_issue(error)]


def _is_type_enum(error: SchemaError) -> bool:
    return error.validator == "enum" and list(error.relative_path) == ["type"]


def _issue(error: SchemaError) -> ValidationIssue:
    path = list(error.absolute_path)
    if error.validator == "required":
        # jsonschema words it "'name' is a required property"; the name is a Python repr.
        name = ast.literal_eval(error.message.removesuffix(" is a required property"))
        return ValidationIssue(json_path([*path, name]), "is required but missing")
    reasons = {
        "enum": lambda: f"must be one of {', '.join(repr(v) for v in error.validator_value)}",
        "pattern": lambda: f"does not match the pattern {error.validator_value}",
        "type": lambda: f"must be of type {error.validator_value}",
        "minItems": lambda: f"must contain at least {error.validator_value} item(s)",
    }
    make = reasons.get(str(error.validator))
    # Other messages of jsonschema quote the whole instance, which may hold personal data.
    reason = make() if make else f"violates the official schema's '{error.validator}' rule"
    return ValidationIssue(json_path(path), reason)
