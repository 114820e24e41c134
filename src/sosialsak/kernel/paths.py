"""One way to build a file path from outside data: every part checked, the result kept inside
its root (threat: path traversal through an identifier or a file name in a delivery)."""

from __future__ import annotations

import os
from pathlib import Path


class UnsafePath(ValueError):
    """A path part that is empty, absolute, '.', '..', or holds a separator or a NUL, or a
    result that would leave its root (for example through a symlink)."""


def inside(root: Path | str, *parts: str) -> Path:
    """Return ``root / part / ...`` or raise UnsafePath; each part is one plain name."""
    base = Path(root)
    for part in parts:
        if (not part or part in (".", "..") or "\0" in part or "/" in part
                or (os.altsep and os.altsep in part) or os.sep in part):
            raise UnsafePath(f"ugyldig del av en filsti: {part!r}")
    path = base.joinpath(*parts)
    resolved_root = base.resolve()
    resolved = path.resolve()
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise UnsafePath(f"filstien havner utenfor {base}")
    return path
