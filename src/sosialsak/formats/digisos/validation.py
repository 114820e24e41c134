"""Validate Digisos documents with our models, optionally next to the official schemas.

``validate_document`` is what intake and export call; ``validate_files`` is what the
``sosialsak digisos validate`` command calls. Besides the four documents, the command checks
fragments (one hendelse, an avsender, an adresse, a plain tidspunkt, ...) against the schema file
they belong to: recognised from their content where that is unambiguous (a hendelse by its
``type``), or named with ``--type`` (see :func:`resolve_type`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sosialsak.formats.digisos._report import ValidationIssue, issues_from_error
from sosialsak.formats.digisos.models_other import Klage, VedleggSpesifikasjon
from sosialsak.formats.digisos.models_soker import HENDELSE_TYPES, DigisosSoker
from sosialsak.formats.digisos.models_soknad import Soknad
from sosialsak.formats.digisos.official import OfficialSchemas, load_official_schemas
from sosialsak.formats.digisos.schema_map import ENTRY_POINTS, schema_models


class DocumentKind(StrEnum):
    """The four Digisos documents a fagsystem meets."""

    SOKNAD = "soknad"
    VEDLEGG = "vedlegg"
    DIGISOS_SOKER = "digisos-soker"
    KLAGE = "klage"

    @property
    def schema_file(self) -> str:
        """Return the official entry schema, relative to ``json/``."""
        return ENTRY_POINTS[self.value]


MODELS: dict[DocumentKind, type[BaseModel]] = {
    DocumentKind.SOKNAD: Soknad,
    DocumentKind.VEDLEGG: VedleggSpesifikasjon,
    DocumentKind.DIGISOS_SOKER: DigisosSoker,
    DocumentKind.KLAGE: Klage,
}


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of validating one document or fragment.

    ``kind`` is the document (None for a fragment or an unrecognised file); ``fragment`` is the
    schema file (below ``json/``) a fragment was checked against. ``issues`` come from our
    models. ``official_issues`` is None unless the official schemas were consulted; then a
    difference in verdict is a ``disagreement`` (a bug in our models).
    """

    kind: DocumentKind | None
    issues: tuple[ValidationIssue, ...]
    source: str | None = None
    official_issues: tuple[ValidationIssue, ...] | None = None
    fragment: str | None = None

    @property
    def schema_file(self) -> str | None:
        """Return the official schema file (below ``json/``) this was checked against."""
        return self.kind.schema_file if self.kind else self.fragment

    @property
    def valid(self) -> bool:
        """Return True when our models accept the document."""
        return not self.issues

    @property
    def disagreement(self) -> bool:
        """Return True when the official schema's verdict differs from ours."""
        return self.official_issues is not None and self.valid != (not self.official_issues)

    @property
    def ok(self) -> bool:
        """Return True when valid and no consulted official schema objects."""
        return self.valid and not self.official_issues

    def lines(self) -> list[str]:
        """Render the report for a terminal: ``OK`` or every error with its JSON path."""
        name = self.source or "document"
        label = self.kind.value if self.kind else (
            fragment_label(self.fragment) if self.fragment else "")
        kind = f" ({label})" if label else ""
        out = [f"{name}{kind}: OK" if self.valid else f"{name}{kind}: INVALID"]
        out += [f"  {issue}" for issue in self.issues]
        if self.disagreement:
            ours = "valid" if self.valid else "invalid"
            theirs = "invalid" if ours == "valid" else "valid"
            out.append(f"  DISAGREEMENT: our models say {ours}, the official schema says {theirs}")
            out += [f"    official: {issue}" for issue in self.official_issues or ()]
        elif self.official_issues is not None:
            out.append("  official schema: agrees")
        return out


_SOKER_PARTS = "digisos/soker/parts/"
HENDELSE_FRAGMENT = _SOKER_PARTS + "hendelse.json"
_ADRESSE_TYPES = frozenset({"gateadresse", "matrikkeladresse", "postboks", "ustrukturert"})
_SIVILSTATUS = frozenset({"gift", "ugift", "samboer", "enke", "skilt", "separert"})


def _is_hendelse(data: dict[str, Any]) -> bool:
    # Every hendelse has a type from the schema's list and a hendelsestidspunkt; either one
    # is enough to tell a hendelse (valid or not) from a whole document.
    kind = data.get("type")
    return "hendelsestidspunkt" in data or (isinstance(kind, str) and kind in HENDELSE_TYPES)


def detect_document_type(data: Any) -> DocumentKind | None:
    """Tell which document ``data`` is from its top-level fields, or None when unclear.

    A fragment is never taken for a document: a hendelse (which may have ``vedlegg`` or
    ``mottaker``) is recognised by its ``type`` or ``hendelsestidspunkt`` first.
    """
    if not isinstance(data, dict):
        return None
    keys = data.keys()
    if keys & {"hendelser", "avsender"}:
        return DocumentKind.DIGISOS_SOKER
    if _is_hendelse(data):
        return None
    if keys & {"klageId", "vedtakId", "digisosId", "autentisering"}:
        return DocumentKind.KLAGE
    if keys & {"data", "driftsinformasjon", "kompatibilitet", "mottaker"}:
        return DocumentKind.SOKNAD
    if "vedlegg" in keys and "type" not in keys:
        return DocumentKind.VEDLEGG
    return None


_TIDSPUNKT_LIKE = re.compile(r"T.*Z$")
_DATO_LIKE = re.compile(r"^[0-9-]+$")
_VERSION_LIKE = re.compile(r"^[0-9]+\.")


def detect_fragment(data: Any) -> str | None:
    """Tell which schema file (below ``json/``) a fragment belongs to, or None when unclear.

    Only shapes that cannot be mistaken are recognised; anything else needs ``--type``.
    """
    if isinstance(data, str):
        if _TIDSPUNKT_LIKE.search(data):
            return "types/tidspunkt.json"
        if _DATO_LIKE.match(data) and data.count("-") == 2:
            return "types/dato.json"
        return "soknad/parts/version.json" if _VERSION_LIKE.match(data) else None
    if not isinstance(data, dict):
        return None
    keys = set(data)
    kind = data.get("type")
    if _is_hendelse(data):
        return HENDELSE_FRAGMENT
    if kind in ("dokumentlager", "svarut"):
        return _SOKER_PARTS + "filreferanse.json"
    if keys and keys <= {"systemnavn", "systemversjon"}:
        return _SOKER_PARTS + "avsender.json"
    if keys == {"referanse"}:
        return _SOKER_PARTS + "forvaltningsbrev.json"
    if keys == {"tittel", "referanse"}:
        return _SOKER_PARTS + "vedlegg.json"
    if "kilde" in keys and isinstance(kind, str) and (
            kind in _ADRESSE_TYPES or not keys & {"tittel", "belop", "verdi"}):
        return "soknad/parts/adresse.json"
    if "kilde" in keys and data.get("status") in _SIVILSTATUS:
        return "soknad/familie/sivilstatus.json"
    return None


def fragment_label(schema_file: str) -> str:
    """Return the short name of a schema file, as ``--type`` accepts and reports print it."""
    return schema_file.removesuffix(".json").removeprefix(_SOKER_PARTS)


def type_names() -> list[str]:
    """Return every name ``--type`` accepts: the documents, then each schema file's label."""
    fragments = sorted(fragment_label(f) for f in schema_models()
                       if f not in ENTRY_POINTS.values())
    return [k.value for k in DocumentKind] + fragments


def resolve_type(name: str) -> DocumentKind | str:
    """Return the document kind, or the fragment's schema file, that ``name`` stands for.

    Accepts a document (``soknad``, ``vedlegg``, ``digisos-soker``, ``klage``), a short
    fragment name (``hendelse``, ``hendelse/vedtakFattet``, ``avsender``), or a schema file
    below ``json/`` with or without ``.json`` (``soknad/familie/barn``). Raises ValueError.
    """
    for kind in DocumentKind:
        if name in (kind.value, kind.schema_file, kind.schema_file.removesuffix(".json")):
            return kind
    known = schema_models()
    base = name.removesuffix(".json")
    for candidate in (f"{base}.json", f"{_SOKER_PARTS}{base}.json"):
        if candidate in known:
            return candidate
    raise ValueError(f"unknown type {name!r}; choose one of: {', '.join(type_names())}")


_UNKNOWN = ValidationIssue(
    "$",
    "cannot tell which Digisos document this is "
    "(expected soknad.json, vedlegg.json, digisos-soker.json, klage.json or a recognisable "
    "fragment; name it with --type)",
)


def validate_document(data: Any, kind: DocumentKind | None = None) -> ValidationReport:
    """Validate a parsed JSON document with our models, detecting its kind unless given."""
    kind = kind or detect_document_type(data)
    if kind is None:
        return ValidationReport(None, (_UNKNOWN,))
    try:
        MODELS[kind].model_validate(data)
    except ValidationError as exc:
        return ValidationReport(kind, issues_from_error(exc, data))
    return ValidationReport(kind, ())


def validate_fragment(schema_file: str, data: Any) -> tuple[ValidationIssue, ...]:
    """Validate ``data`` against our model of one schema file (path below ``json/``)."""
    try:
        schema_models()[schema_file].validate_python(data)
    except ValidationError as exc:
        return issues_from_error(exc, data)
    return ()


def compare_with_official(
    data: Any, schemas: OfficialSchemas, kind: DocumentKind | None = None
) -> ValidationReport:
    """Validate with our models and with the official schema of the same document kind."""
    report = validate_document(data, kind)
    if report.kind is None:
        return report
    official = schemas.issues(report.kind.schema_file, data)
    return ValidationReport(report.kind, report.issues, report.source, official)


def validate_any(
    data: Any, kind: DocumentKind | str | None = None, schemas: OfficialSchemas | None = None
) -> ValidationReport:
    """Validate a document or a fragment (``kind`` a schema file below ``json/``), detecting
    which unless given; with ``schemas`` also against the official schema of the same file."""
    if kind is None:
        kind = detect_document_type(data) or detect_fragment(data)
    if kind is None or isinstance(kind, DocumentKind):
        if schemas is not None:
            return compare_with_official(data, schemas, kind)
        return validate_document(data, kind)
    official = schemas.issues(kind, data) if schemas is not None else None
    return ValidationReport(None, validate_fragment(kind, data), None, official, kind)


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which are not JSON and which NAV cannot parse.
    raise ValueError(f"{name} is not allowed in JSON")


def load_json(path: Path) -> Any:
    """Read a JSON file strictly (UTF-8, no NaN/Infinity)."""
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=_reject_constant)


def validate_file(
    path: Path, schemas: OfficialSchemas | None = None, kind: DocumentKind | str | None = None
) -> ValidationReport:
    """Read and validate one file; unreadable files become a report with one issue."""
    try:
        data = load_json(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        unreadable = ValidationIssue("$", f"not readable JSON: {exc}")
        return ValidationReport(None, (unreadable,), str(path))
    report = validate_any(data, kind, schemas)
    return ValidationReport(report.kind, report.issues, str(path), report.official_issues,
                            report.fragment)


def validate_files(
    paths: Sequence[Path | str], schemas_dir: Path | str | None = None,
    kind: DocumentKind | str | None = None,
) -> list[ValidationReport]:
    """Validate each file; with ``schemas_dir`` also against the official schemas there.

    ``kind`` (a document kind, or a name :func:`resolve_type` accepts) applies to every file;
    without it each file's kind is detected. Raises ValueError for an unknown ``kind`` and
    :class:`~sosialsak.formats.digisos.official.OfficialSchemasError` when ``schemas_dir``
    does not hold the official schemas.
    """
    resolved = resolve_type(kind) if isinstance(kind, str) and not isinstance(
        kind, DocumentKind) else kind
    schemas = load_official_schemas(schemas_dir) if schemas_dir is not None else None
    return [validate_file(Path(p), schemas, resolved) for p in paths]
