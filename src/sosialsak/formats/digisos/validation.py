"""Validate Digisos documents with our models, optionally next to the official schemas.

``validate_document`` is what intake and export call; ``validate_files`` is what the
``sosialsak digisos validate`` command calls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sosialsak.formats.digisos._report import ValidationIssue, issues_from_error
from sosialsak.formats.digisos.models_other import Klage, VedleggSpesifikasjon
from sosialsak.formats.digisos.models_soker import DigisosSoker
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
    """Outcome of validating one document.

    ``issues`` come from our models. ``official_issues`` is None unless the official schemas
    were consulted; then a difference in verdict is a ``disagreement`` (a bug in our models).
    """

    kind: DocumentKind | None
    issues: tuple[ValidationIssue, ...]
    source: str | None = None
    official_issues: tuple[ValidationIssue, ...] | None = None

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
        kind = f" ({self.kind.value})" if self.kind else ""
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


def detect_document_type(data: Any) -> DocumentKind | None:
    """Tell which document ``data`` is from its top-level fields, or None when unclear."""
    if not isinstance(data, dict):
        return None
    keys = data.keys()
    if keys & {"hendelser", "avsender"}:
        return DocumentKind.DIGISOS_SOKER
    if keys & {"klageId", "vedtakId", "digisosId", "autentisering"}:
        return DocumentKind.KLAGE
    if keys & {"data", "driftsinformasjon", "kompatibilitet", "mottaker"}:
        return DocumentKind.SOKNAD
    if "vedlegg" in keys:
        return DocumentKind.VEDLEGG
    return None


_UNKNOWN = ValidationIssue(
    "$",
    "cannot tell which Digisos document this is "
    "(expected soknad.json, vedlegg.json, digisos-soker.json or klage.json)",
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


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which are not JSON and which NAV cannot parse.
    raise ValueError(f"{name} is not allowed in JSON")


def load_json(path: Path) -> Any:
    """Read a JSON file strictly (UTF-8, no NaN/Infinity)."""
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=_reject_constant)


def validate_file(path: Path, schemas: OfficialSchemas | None = None) -> ValidationReport:
    """Read and validate one file; unreadable files become a report with one issue."""
    try:
        data = load_json(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        unreadable = ValidationIssue("$", f"not readable JSON: {exc}")
        return ValidationReport(None, (unreadable,), str(path))
    report = compare_with_official(data, schemas) if schemas else validate_document(data)
    return ValidationReport(report.kind, report.issues, str(path), report.official_issues)


def validate_files(
    paths: Sequence[Path | str], schemas_dir: Path | str | None = None
) -> list[ValidationReport]:
    """Validate each file; with ``schemas_dir`` also against the official schemas there.

    Raises :class:`~sosialsak.formats.digisos.official.OfficialSchemasError` when
    ``schemas_dir`` does not hold the official schemas.
    """
    schemas = load_official_schemas(schemas_dir) if schemas_dir is not None else None
    return [validate_file(Path(p), schemas) for p in paths]
