"""Write innsyn files to the outbox: one folder per application with digisos-soker.json and the
PDF letters it references (named by their dokumentlager id), for the Fiks uploader to send.

A file that would drop a hendelse we already published is refused: the file is our public
history, and retractions are made with ANNULLERT/FEILREGISTRERT, never by deleting.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

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
from sosialsak.kernel.errors import DomainError


class HistoryWouldShrink(DomainError):
    code = "innsyn_history_would_shrink"


@dataclass(frozen=True)
class Exported:
    soknad_id: int
    folder: Path
    hendelser: int


def folder_name(soknad: Soknad) -> str:
    return soknad.digisos_id or f"soknad-{soknad.pk}"


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
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)  # atomic: the uploader never sees half a file


@transaction.atomic
def export_innsyn(*, soknad: Soknad, now: datetime, actor: object = None,
                  outbox: Path | None = None) -> Exported:
    """Validate and write one application's innsyn file and its letters to the outbox."""
    document = build_innsyn(soknad)
    folder = (outbox or Path(settings.DIGISOS_OUTBOX)) / folder_name(soknad)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "digisos-soker.json"
    if target.exists():
        previous: Any = json.loads(target.read_text(encoding="utf-8"))
        removed = find_removed_hendelser(previous, document)
        if removed:
            raise HistoryWouldShrink(
                f"Innsynsfilen for søknad {soknad.pk} ville mistet {len(removed)} publiserte "
                "hendelser. Trekk tilbake med ANNULLERT/FEILREGISTRERT i stedet.",
                soknad_id=soknad.pk)
    for file_id, pdf in letters_for(soknad).items():
        _write(folder / f"{file_id}.pdf", pdf)
    text = dumps_digisos_soker(document).encode("utf-8")
    _write(target, text)
    InnsynFil.objects.update_or_create(soknad=soknad, defaults={
        "skrevet_at": now, "sha256": hashlib.sha256(text).hexdigest(),
        "antall_hendelser": len(document["hendelser"])})
    record(actor=actor, action=Action.EXPORT, object_type="soknad", object_id=soknad.pk,
           purpose="innsyn til nav.no", kontor_id=soknad.kontor_id)
    return Exported(soknad.pk, folder, len(document["hendelser"]))


def export_all(*, now: datetime, outbox: Path | None = None) -> list[Exported]:
    """Export every application's innsyn file (a scheduled job, run as the system)."""
    return [export_innsyn(soknad=s, now=now, outbox=outbox)
            for s in Soknad.objects.select_related("kontor").order_by("pk")]
