"""The Digisos file formats: our own models, validation, the innsyn builder and the søknad parser.

Framework-free (no Django). What the app layer calls:

* validation: :func:`validate_document`, :func:`detect_document_type`, :func:`validate_files`,
  :func:`compare_with_official`, :func:`load_official_schemas`; fragments with
  :func:`detect_fragment`, :func:`resolve_type` and :func:`validate_any`;
* intake: :func:`parse_soknad` (raises :class:`SoknadInvalid`) → :class:`SoknadInnhold`;
* innsyn: :func:`build_digisos_soker` over the events in :mod:`.innsyn_events` (raises
  :class:`InnsynBuildError`), :func:`dumps_digisos_soker`, :func:`find_removed_hendelser`.

The typed models themselves are in :mod:`.models_soknad`, :mod:`.models_soker` and
:mod:`.models_other`.
"""

from sosialsak.formats.digisos._report import ValidationIssue
from sosialsak.formats.digisos.innsyn import (
    DIGISOS_SOKER_VERSION,
    InnsynBuildError,
    build_digisos_soker,
    dumps_digisos_soker,
    find_removed_hendelser,
)
from sosialsak.formats.digisos.official import (
    OfficialSchemas,
    OfficialSchemasError,
    load_official_schemas,
)
from sosialsak.formats.digisos.soknad_data import SoknadInnhold
from sosialsak.formats.digisos.soknad_parser import SoknadInvalid, parse_soknad
from sosialsak.formats.digisos.validation import (
    DocumentKind,
    ValidationReport,
    compare_with_official,
    detect_document_type,
    detect_fragment,
    load_json,
    resolve_type,
    type_names,
    validate_any,
    validate_document,
    validate_file,
    validate_files,
    validate_fragment,
)

__all__ = [
    "DIGISOS_SOKER_VERSION",
    "DocumentKind",
    "InnsynBuildError",
    "OfficialSchemas",
    "OfficialSchemasError",
    "SoknadInnhold",
    "SoknadInvalid",
    "ValidationIssue",
    "ValidationReport",
    "build_digisos_soker",
    "compare_with_official",
    "detect_document_type",
    "detect_fragment",
    "dumps_digisos_soker",
    "find_removed_hendelser",
    "load_json",
    "load_official_schemas",
    "parse_soknad",
    "resolve_type",
    "type_names",
    "validate_any",
    "validate_document",
    "validate_file",
    "validate_files",
    "validate_fragment",
]
