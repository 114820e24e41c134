"""Log a failure without its message: an exception's text can quote the value that broke it
(a name, a fødselsnummer from a delivery), and logs must hold no personal data. The type and
the place (file and line of the innermost frame) are enough to find the cause."""

from __future__ import annotations

import traceback
from pathlib import Path


def failure(exc: BaseException) -> str:
    """Return ``"ValueError at importer.py:76"`` for ``exc`` — never its message."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"
