"""The identifiers of a Digisos delivery, checked at the edge before any path or row uses them.

* ``digisosId`` is the Fiks DigisosSak id, a UUID (``7d2c9a4e-0000-4000-8000-000000000001``;
  reference/digisos.md: "fiksDigisosId / digisosId = Fiks's UUID for one søknad"). A lone
  soknad.json imported from the command line gets a derived id ``fil-<32 hex>``.
* ``eksternRef`` (navEksternRefId) is NAV's reference for one submission, a short token of
  letters and digits (``11000001``, ``110000AB0001``); we allow ``-`` and ``_`` inside, at
  most 100 characters.

Anything else (``../../..``, an absolute path, a dot, a space, a NUL) is refused with the field
named, so no folder or file name is ever built from it (threat: path traversal).
"""

from __future__ import annotations

import re

DIGISOS_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|fil-[0-9a-f]{32}")
EKSTERN_REF = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,98}[A-Za-z0-9])?")


def digisos_id_error(value: object) -> str | None:
    """Return why ``value`` is not a digisosId, or None when it is one."""
    if not isinstance(value, str) or not value.strip():
        return "$.digisosId mangler eller er tom."
    if not DIGISOS_ID.fullmatch(value):
        return ("$.digisosId har feil format: den skal være en UUID "
                "(for eksempel 7d2c9a4e-0000-4000-8000-000000000001).")
    return None


def ekstern_ref_error(value: object) -> str | None:
    """Return why ``value`` is not an eksternRef, or None when it is one."""
    if not isinstance(value, str) or not value.strip():
        return "$.eksternRef mangler eller er tom."
    if not EKSTERN_REF.fullmatch(value):
        return ("$.eksternRef har feil format: bare bokstaver a–z, sifre, - og _, "
                "høyst 100 tegn.")
    return None


def is_digisos_id(value: object) -> bool:
    return digisos_id_error(value) is None
