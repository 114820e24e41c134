"""A photo (JPEG or PNG) as a one-page PDF, so every document in a case opens the same way.

Typst (already used for letters) lays the image out on an A4 page; no new dependency. An
image Typst cannot read is refused by the caller as not a real image.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import typst

_PAGE = b"""#set page(paper: "a4", margin: 1cm)
#set document(title: "Dokument")
#align(center + horizon, image("bilde.%s", width: 100%%, height: 100%%, fit: "contain"))
"""


class NotAnImage(ValueError):
    pass


def image_to_pdf(content: bytes, ext: str) -> bytes:
    """Return ``content`` (a JPEG or PNG, ``ext`` "jpg" or "png") as a PDF."""
    if ext not in ("jpg", "png"):
        raise NotAnImage(ext)
    with tempfile.TemporaryDirectory(prefix="imagepdf-") as tmp:
        root = Path(tmp)
        (root / f"bilde.{ext}").write_bytes(content)
        (root / "side.typ").write_bytes(_PAGE % ext.encode())
        try:
            return bytes(typst.compile(str(root / "side.typ"), root=str(root),
                                       ignore_system_fonts=True))
        except typst.TypstError as exc:
            raise NotAnImage(exc.message) from exc
