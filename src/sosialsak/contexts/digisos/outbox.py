"""Send innsyn files out: each application's digisos-soker.json and the PDF letters it
references (named by their dokumentlager id).

Where they go is an adapter (``InnsynOutbox``), as deliveries coming in are (``Delivery``):
today ``FolderOutbox`` writes one folder per application for the Fiks uploader to send; a Fiks
Digisos client (upload the letters to the dokumentlager, then replace the sak's innsyn file)
implements the same two calls.

A file that would drop a hendelse we already published is refused: the file is our public
history, and retractions are made with ANNULLERT/FEILREGISTRERT, never by deleting. Exporting
every application goes on past a failing one and reports each failure at the end.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction

from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.decisions.models import VedtakDokument
from sosialsak.contexts.digisos.innsyn import build_innsyn, letter_file_id
from sosialsak.contexts.digisos.models import InnsynFil
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.formats.digisos import dumps_digisos_soker, find_removed_hendelser
from sosialsak.formats.digisos.ids import is_digisos_id
from sosialsak.kernel.errors import DomainError, ValidationFailed
from sosialsak.kernel.logsafe import failure
from sosialsak.kernel.paths import inside

log = logging.getLogger("sosialsak.digisos")


class HistoryWouldShrink(DomainError):
    code = "innsyn_history_would_shrink"


class InnsynOutbox(Protocol):
    """Where innsyn files go. ``key`` names the application (its digisosId)."""

    def published(self, key: str) -> Any:
        """Return the digisos-soker.json last sent for ``key`` (parsed), or None."""
        ...

    def send(self, key: str, *, document: bytes, letters: Mapping[str, bytes]) -> str:
        """Send the letters (by dokumentlager id), then the document that references them;
        return where they went, for messages."""
        ...


class OutboxUnavailable(ValidationFailed):
    code = "outbox_unavailable"


class FolderOutbox:
    """One folder per application: ``<root>/<key>/digisos-soker.json`` and ``<id>.pdf``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def check(self) -> None:
        """Raise OutboxUnavailable unless the folder exists (or can be made) and is
        writable: a wrong path is one clear error, not one per application."""
        if self.root.exists() and not self.root.is_dir():
            raise OutboxUnavailable(f"{self.root}: er en fil, ikke en mappe.", field="outbox")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutboxUnavailable(f"{self.root}: mappen kan ikke lages ({exc.strerror}).",
                                    field="outbox") from None
        if not self.root.is_dir() or not os.access(self.root, os.W_OK):
            raise OutboxUnavailable(f"{self.root}: er ikke en mappe vi kan skrive til.",
                                    field="outbox")

    def _folder(self, key: str) -> Path:
        # Only a checked key names a folder, and the folder stays inside the outbox.
        if not (is_digisos_id(key) or _OWN_KEY.fullmatch(key)):
            raise ValidationFailed(f"{key[:60]!r} er ikke en gyldig digisosId; innsynsfilen er "
                                   "ikke skrevet.", field="digisosId")
        return inside(self.root, key)

    def published(self, key: str) -> Any:
        target = self._folder(key) / "digisos-soker.json"
        return json.loads(target.read_text(encoding="utf-8")) if target.exists() else None

    def send(self, key: str, *, document: bytes, letters: Mapping[str, bytes]) -> str:
        folder = self._folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        for file_id, pdf in letters.items():  # letters first: the file points at them
            if not _LETTER_ID.fullmatch(file_id):
                raise ValidationFailed(f"Brevet har en ugyldig dokument-id ({file_id[:60]!r}).",
                                       field="dokumentlager_id")
            _write(inside(folder, f"{file_id}.pdf"), pdf)
        _write(inside(folder, "digisos-soker.json"), document)
        return str(folder)


def default_outbox() -> InnsynOutbox:
    return FolderOutbox(Path(settings.DIGISOS_OUTBOX))


@dataclass(frozen=True)
class Exported:
    soknad_id: int
    location: str  # where the outbox put it (a folder for FolderOutbox)
    hendelser: int

    @property
    def folder(self) -> Path:
        return Path(self.location)


@dataclass(frozen=True)
class ExportFailure:
    soknad_id: int
    reason: str


@dataclass(frozen=True)
class ExportRun:
    exported: list[Exported] = field(default_factory=list)
    failed: list[ExportFailure] = field(default_factory=list)


_OWN_KEY = re.compile(r"soknad-[0-9]{1,18}")  # an application that came on paper
_LETTER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def folder_name(soknad: Soknad) -> str:
    return soknad.digisos_id or f"soknad-{soknad.pk}"


def show_innsyn(*, soknad_id: int) -> str | None:
    """Return one application's digisos-soker.json as text (None when there is no such
    application) and record that it was read: the file holds personal data."""
    soknad = Soknad.objects.filter(pk=soknad_id).first()
    if soknad is None:
        return None
    text = dumps_digisos_soker(build_innsyn(soknad))
    record(actor=None, action=Action.EXPORT, object_type="soknad", object_id=soknad.pk,
           purpose="innsynsfil vist", kontor_id=soknad.kontor_id)
    return text


def letters_for(soknad: Soknad) -> dict[str, bytes]:
    """Return {dokumentlager id: PDF} for every letter the application's events reference."""
    brev_ids = {h.data["brev_id"] for h in Hendelse.objects.filter(
        soknad=soknad, type__in=["cases.dokumentasjon.etterspurt", "cases.forelopig_svar"])
        if h.data.get("brev_id")}
    files = {letter_file_id("cases.brev", b.pk): bytes(b.pdf)
             for b in Brev.objects.filter(pk__in=brev_ids)}
    files.update(_vedtak_letters(soknad))
    return files


def _vedtak_letters(soknad: Soknad) -> dict[str, bytes]:
    """Return the decision letters and advance warnings, keyed by their dokumentlager id."""
    return {str(d.dokumentlager_id): bytes(d.pdf)
            for d in VedtakDokument.objects.filter(soknad=soknad)}


def _write(path: Path, content: bytes) -> None:
    # A temporary name of its own (two exports may run at once), then an atomic rename: the
    # uploader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _outbox(outbox: InnsynOutbox | Path | None) -> InnsynOutbox:
    if outbox is None:
        return default_outbox()
    return FolderOutbox(outbox) if isinstance(outbox, Path) else outbox


@transaction.atomic
def export_innsyn(*, soknad: Soknad, now: datetime, actor: object = None,
                  outbox: InnsynOutbox | Path | None = None) -> Exported:
    """Validate one application's innsyn file and send it with its letters to the outbox."""
    target = _outbox(outbox)
    document = build_innsyn(soknad)
    key = folder_name(soknad)
    previous = target.published(key)
    if previous is not None:
        removed = find_removed_hendelser(previous, document)
        if removed:
            raise HistoryWouldShrink(
                f"Innsynsfilen for søknad {soknad.pk} ville mistet {len(removed)} publiserte "
                "hendelser. Trekk tilbake med ANNULLERT/FEILREGISTRERT i stedet.",
                soknad_id=soknad.pk)
    text = dumps_digisos_soker(document).encode("utf-8")
    location = target.send(key, document=text, letters=letters_for(soknad))
    InnsynFil.objects.update_or_create(soknad=soknad, defaults={
        "skrevet_at": now, "sha256": hashlib.sha256(text).hexdigest(),
        "antall_hendelser": len(document["hendelser"])})
    record(actor=actor, action=Action.EXPORT, object_type="soknad", object_id=soknad.pk,
           purpose="innsyn til nav.no", kontor_id=soknad.kontor_id)
    return Exported(soknad.pk, location, len(document["hendelser"]))


def export_all(*, now: datetime, outbox: InnsynOutbox | Path | None = None) -> ExportRun:
    """Export every application's innsyn file (a scheduled job, run as the system). A failing
    application is reported (id and reason) and the others are still sent."""
    target = _outbox(outbox)
    if isinstance(target, FolderOutbox):
        target.check()
    run = ExportRun()
    for soknad in Soknad.objects.select_related("kontor").order_by("pk"):
        try:
            run.exported.append(export_innsyn(soknad=soknad, now=now, outbox=target))
        except DomainError as exc:
            run.failed.append(ExportFailure(soknad.pk, exc.message))
        except Exception as exc:  # one broken application must not stop the others
            log.error("innsyn export failed: soknad=%s: %s", soknad.pk, failure(exc))
            run.failed.append(ExportFailure(
                soknad.pk, f"intern feil ({type(exc).__name__}); se loggen"))
    return run
