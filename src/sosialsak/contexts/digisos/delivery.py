"""The adapter boundary for incoming Digisos deliveries.

A delivery is plain data (metadata, soknad.json, vedlegg.json, the attachment files) whatever
brought it: the file-drop inbox, the API's multipart endpoint, the CLI, and later a Fiks IO
client. The importer never touches a folder or a request, only a ``Delivery``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosialsak.formats.digisos.limits import loads_bounded

JSON_FILES = ("metadata.json", "soknad.json", "vedlegg.json")


@dataclass(frozen=True)
class Delivery:
    source: str  # inbox | api | cli
    label: str  # the folder or file path it was read from, for messages (never personal data)
    files: dict[str, bytes] = field(default_factory=dict)  # every file as received

    def json(self, name: str) -> tuple[Any, str | None]:
        """Return (parsed JSON or None, error text or None) for one of the JSON files; size
        and nesting are bounded before parsing, so a hostile file is an error, not a crash."""
        raw = self.files.get(name)
        if raw is None:
            return None, None
        return loads_bounded(raw, name)

    @property
    def attachments(self) -> dict[str, bytes]:
        return {n: b for n, b in self.files.items() if n not in JSON_FILES}

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return digest.hexdigest()


class UnreadableDelivery(Exception):
    pass


# A file in the inbox whose name starts with a dot is not part of the delivery: the
# completion marker (DONE_MARKER), or a file the sender is still writing under a temporary name.
DONE_MARKER = ".ferdig"


def _is_delivery_file(p: Path) -> bool:
    # Never follow a symlink: a delivery carries files, not pointers into our disk.
    return not p.name.startswith(".") and not p.is_symlink() and p.is_file()


def read_folder(path: Path, *, source: str = "inbox") -> Delivery:
    """Read a delivery folder: soknad.json (absent for an ettersendelse), vedlegg.json,
    metadata.json with digisosId/eksternRef, soknad.pdf, and the attachment files."""
    if not path.is_dir():
        raise UnreadableDelivery(f"{path}: finnes ikke eller er ikke en mappe")
    try:
        files = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if _is_delivery_file(p)}
    except OSError as exc:
        raise UnreadableDelivery(f"{path}: kan ikke leses ({exc.strerror or exc})") from exc
    return Delivery(source=source, label=str(path), files=files)


def read_soknad_file(path: Path, *, source: str = "cli") -> Delivery:
    """Read a lone soknad.json (no metadata: the ids are derived from its content)."""
    if not path.is_file():
        raise UnreadableDelivery(f"{path}: finnes ikke")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise UnreadableDelivery(f"{path}: kan ikke leses ({exc.strerror or exc})") from exc
    return Delivery(source=source, label=str(path), files={"soknad.json": content})


def read_path(path: Path, *, source: str = "cli") -> Delivery:
    return read_folder(path, source=source) if path.is_dir() else read_soknad_file(
        path, source=source)
