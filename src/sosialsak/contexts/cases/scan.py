"""The virus-scan port for uploaded files: a no-op by default, ClamAV (clamd) when configured.

``SOSIALSAK_VIRUS_SCAN`` chooses the adapter: empty (the default) scans nothing;
``clamd://host:port`` or ``clamd:///path/to/clamd.sock`` sends each file to clamd with its
INSTREAM command. A file clamd calls infected, or a scan that cannot be made, is refused: an
upload is never stored unscanned once a scanner is configured.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings

from sosialsak.kernel.errors import ValidationFailed

CHUNK = 64 * 1024


class ScanRefused(ValidationFailed):
    code = "virus_scan_refused"


class Scanner(Protocol):
    def scan(self, content: bytes) -> str | None:
        """Return the name of what was found, or None when the file is clean."""


class NoScan:
    """The default: nothing is scanned (a municipality plugs in its scanner by setting)."""

    def scan(self, content: bytes) -> str | None:
        return None


@dataclass(frozen=True)
class ClamdScanner:
    """Speaks clamd's INSTREAM protocol: ``zINSTREAM\\0``, then chunks each prefixed with their
    length as a 4-byte big-endian integer, then a zero length; clamd answers
    ``stream: OK`` or ``stream: <signature> FOUND``."""

    host: str = ""
    port: int = 3310
    unix_path: str = ""
    timeout: float = 30.0

    def _connect(self) -> socket.socket:
        if self.unix_path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self.unix_path)
            return sock
        return socket.create_connection((self.host, self.port), timeout=self.timeout)

    def scan(self, content: bytes) -> str | None:
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                for start in range(0, len(content), CHUNK):
                    chunk = content[start:start + CHUNK]
                    sock.sendall(struct.pack(">I", len(chunk)) + chunk)
                sock.sendall(struct.pack(">I", 0))
                reply = b""
                while not reply.endswith(b"\0") and len(reply) < 4096:
                    part = sock.recv(4096)
                    if not part:
                        break
                    reply += part
        except OSError as exc:
            raise ScanRefused("fil: vi kunne ikke sjekke filen for virus nå. Prøv igjen senere.",
                              code="virus_scan_unavailable", field="fil") from exc
        answer = reply.rstrip(b"\0").decode("ascii", "replace").strip()
        if answer.endswith("OK"):
            return None
        if answer.endswith("FOUND"):
            return answer.removeprefix("stream:").removesuffix("FOUND").strip() or "ukjent"
        raise ScanRefused("fil: vi kunne ikke sjekke filen for virus nå. Prøv igjen senere.",
                          code="virus_scan_unavailable", field="fil")


def scanner_from(url: str) -> Scanner:
    """Return the scanner a ``SOSIALSAK_VIRUS_SCAN`` value names."""
    if not url:
        return NoScan()
    parts = urlsplit(url)
    if parts.scheme != "clamd":
        raise ValueError(f"SOSIALSAK_VIRUS_SCAN: unknown scanner «{parts.scheme}»")
    if parts.hostname:
        return ClamdScanner(host=parts.hostname, port=parts.port or 3310)
    return ClamdScanner(unix_path=parts.path)


def scanner() -> Scanner:
    return scanner_from(str(getattr(settings, "SOSIALSAK_VIRUS_SCAN", "") or ""))


def refuse_infected(content: bytes) -> None:
    """Raise ScanRefused when the configured scanner finds something in ``content``."""
    if scanner().scan(content) is not None:
        raise ScanRefused("fil: filen ble stoppet av virussjekken og er ikke lagret.",
                          code="virus_found", field="fil")
