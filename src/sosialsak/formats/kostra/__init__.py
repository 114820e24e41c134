"""KOSTRA 11F / 11CF: SSB's positional files, read from SSB's own file descriptions.

Pure in and out, no Django. ``load_layout`` reads a ``file_description_<schema>_<year>.yaml`` by
path (``SOSIALSAK_KOSTRA_DIR``, else ``../shared/kostra`` beside the checkout; ADR 0012): no
position, size or code is written in this code. ``write_file`` places each value where the
layout says and encodes ISO-8859-1, one record a line. ``check_file`` runs SSB's controls
(``_rules.py``) and returns findings with SSB's rule ids and severities.
"""

from sosialsak.formats.kostra._check import Finding, Report, check_file
from sosialsak.formats.kostra._layout import (
    Field,
    Layout,
    LayoutMissing,
    kostra_dir,
    load_layout,
)
from sosialsak.formats.kostra._record import (
    ENCODING,
    KostraWriteError,
    decode_line,
    encode_record,
    write_file,
)

__all__ = ["ENCODING", "Field", "Finding", "KostraWriteError", "Layout", "LayoutMissing",
           "Report", "check_file", "decode_line", "encode_record", "kostra_dir", "load_layout",
           "write_file"]
