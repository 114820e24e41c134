"""Import Digisos deliveries: all or nothing, idempotent on eksternRef, rejects kept.

A schema-invalid delivery is stored nowhere but in the quarantine (its files and errors) so an
administrator can fix and replay it. A schema-valid delivery with odd content (an invalid
fødselsnummer, an unknown kommune or NAV office) is imported and flagged on the case.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from sosialsak.contexts.accounts.scope import system_scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.digisos.checks import CheckedDelivery, Rejected, check_delivery
from sosialsak.contexts.digisos.delivery import Delivery, read_folder
from sosialsak.contexts.digisos.ettersendelse import import_ettersendelse
from sosialsak.contexts.digisos.models import Levering, LeveringStatus
from sosialsak.contexts.digisos.soknad_import import import_soknad
from sosialsak.kernel.errors import NotFound

log = logging.getLogger("sosialsak.digisos")


@dataclass(frozen=True)
class ImportResult:
    label: str
    outcome: str  # IMPORTERT | ETTERSENDT | DUPLIKAT | KARANTENE
    levering_id: int | None
    soknad_id: int | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome != "KARANTENE"


def import_delivery(*, delivery: Delivery, now: datetime) -> ImportResult:
    """Import one delivery; return what happened. Never raises for bad input."""
    checked = check_delivery(delivery)
    if isinstance(checked, Rejected):
        return _quarantine(delivery, checked.errors, checked.digisos_id, checked.ekstern_ref, now)
    done = Levering.objects.filter(ekstern_ref=checked.ekstern_ref).exclude(
        status=LeveringStatus.KARANTENE).first()
    if done is not None:
        return ImportResult(delivery.label, "DUPLIKAT", done.pk, done.soknad_id)
    try:
        with audit_channel("job"), transaction.atomic():
            levering = _store(delivery, checked, now)
    except (NotFound, IntegrityError) as exc:
        reason = exc.message if isinstance(exc, NotFound) else "leveransen finnes allerede"
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    except Exception as exc:  # keep the delivery, whatever broke; nothing was stored
        log.exception("digisos delivery failed while storing: %s", type(exc).__name__)
        reason = (f"intern feil under lagring ({type(exc).__name__}); ingenting er lagret. "
                  "Prøv igjen, eller meld feilen.")
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    log.info("digisos delivery imported: levering=%s soknad=%s", levering.pk,
             levering.soknad_id)
    outcome = "ETTERSENDT" if checked.kind == "ETTERSENDELSE" else "IMPORTERT"
    return ImportResult(delivery.label, outcome, levering.pk, levering.soknad_id)


def _store(delivery: Delivery, checked: CheckedDelivery, now: datetime) -> Levering:
    scope = system_scope()
    if checked.kind == "SOKNAD":
        assert checked.soknad is not None
        soknad = import_soknad(scope=scope, checked=checked, delivery=delivery, now=now)
    else:
        soknad = import_ettersendelse(scope=scope, checked=checked, delivery=delivery, now=now)
    levering, _ = Levering.objects.update_or_create(
        ekstern_ref=checked.ekstern_ref,
        defaults={"digisos_id": checked.digisos_id, "type": checked.kind,
                  "status": LeveringStatus.IMPORTERT, "mottatt_at": now,
                  "kilde": delivery.source, "soknad": soknad, "feil": []},
    )
    return levering


def _quarantine(delivery: Delivery, errors: list[str], digisos_id: str, ekstern_ref: str,
                now: datetime) -> ImportResult:
    key = ekstern_ref or "ukjent-" + delivery.content_hash[:16]
    folder = Path(settings.DIGISOS_QUARANTINE) / _safe(key)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in delivery.files.items():
        (folder / _safe(name)).write_bytes(content)
    levering, created = Levering.objects.get_or_create(
        ekstern_ref=key,
        defaults={"digisos_id": digisos_id, "type": "SOKNAD" if "soknad.json" in delivery.files
                  else "ETTERSENDELSE", "status": LeveringStatus.KARANTENE, "mottatt_at": now,
                  "kilde": delivery.source, "feil": errors, "karantene_mappe": str(folder)},
    )
    if not created:
        levering.feil, levering.forsok = errors, levering.forsok + 1
        levering.status, levering.karantene_mappe = LeveringStatus.KARANTENE, str(folder)
        levering.save(update_fields=["feil", "forsok", "status", "karantene_mappe"])
    log.warning("digisos delivery quarantined: levering=%s errors=%d", levering.pk, len(errors))
    return ImportResult(delivery.label, "KARANTENE", levering.pk, None, tuple(errors))


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120] or "fil"


def replay(*, levering_id: int, now: datetime) -> ImportResult:
    """Import a quarantined delivery again from its (possibly corrected) quarantine folder."""
    levering = Levering.objects.filter(pk=levering_id, status=LeveringStatus.KARANTENE).first()
    if levering is None:
        raise NotFound("Fant ingen leveranse i karantene med det nummeret.")
    folder = Path(levering.karantene_mappe)
    result = import_delivery(delivery=read_folder(folder, source="replay"), now=now)
    if result.ok:
        Levering.objects.filter(pk=levering.pk).update(status=LeveringStatus.ERSTATTET,
                                                       karantene_mappe="")
        shutil.rmtree(folder, ignore_errors=True)
    return result


def import_inbox(*, now: datetime, inbox: Path | None = None) -> list[ImportResult]:
    """Import every delivery folder in the inbox; imported and quarantined folders are removed
    from the inbox (their content now lives in the database or the quarantine)."""
    inbox = inbox or Path(settings.DIGISOS_INBOX)
    results = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir()) if inbox.exists() else []:
        result = import_delivery(delivery=read_folder(folder), now=now)
        results.append(result)
        shutil.rmtree(folder, ignore_errors=True)
    return results
