"""Import Digisos deliveries: all or nothing, idempotent, rejects kept.

A delivery is identified by its digisosId (the søknad) and eksternRef (this submission). The
same pair again is a no-op (DUPLIKAT). A delivery that conflicts with what we have is rejected
with both ids named: an eksternRef we imported under another digisosId, or a soknad.json for a
digisosId that already has its søknad (an ettersendelse brings no soknad.json and must name a
digisosId we have).

A rejected delivery is stored nowhere but in the quarantine (its files, in a folder of its own,
and its errors) so an administrator can fix and replay it. When the same delivery later arrives
valid, its quarantine row becomes the imported one and the folder is removed. A schema-valid
delivery with odd content (an invalid fødselsnummer, an unknown kommune or NAV office) is
imported and flagged on the case.
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
from sosialsak.contexts.digisos.delivery import Delivery, UnreadableDelivery, read_folder
from sosialsak.contexts.digisos.ettersendelse import import_ettersendelse
from sosialsak.contexts.digisos.models import Levering, LeveringStatus
from sosialsak.contexts.digisos.soknad_import import files_removed_on_failure, import_soknad
from sosialsak.contexts.intake.models import Soknad
from sosialsak.kernel.errors import NotFound

log = logging.getLogger("sosialsak.digisos")


@dataclass(frozen=True)
class ImportResult:
    label: str
    outcome: str  # IMPORTERT | ETTERSENDT | DUPLIKAT | KARANTENE | IKKE_LEST
    levering_id: int | None
    soknad_id: int | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome not in ("KARANTENE", "IKKE_LEST")


def import_delivery(*, delivery: Delivery, now: datetime) -> ImportResult:
    """Import one delivery; return what happened. Never raises for bad input."""
    checked = check_delivery(delivery)
    if isinstance(checked, Rejected):
        done = Levering.objects.filter(digisos_id=checked.digisos_id, soknad__isnull=False,
                                       ekstern_ref=checked.ekstern_ref).first()
        if done is not None and checked.ekstern_ref:  # a bad copy of a delivery we have
            return ImportResult(delivery.label, "DUPLIKAT", done.pk, done.soknad_id)
        return _quarantine(delivery, checked.errors, checked.digisos_id, checked.ekstern_ref, now)
    known = _known(delivery, checked)
    if isinstance(known, ImportResult):
        return known
    if known:
        return _quarantine(delivery, [known], checked.digisos_id, checked.ekstern_ref, now)
    try:
        with files_removed_on_failure(), audit_channel("job"), transaction.atomic():
            levering, old_folders = _store(delivery, checked, now)
    except IntegrityError:
        # Another import of the same delivery won the race, or it conflicts with one.
        known = _known(delivery, checked)
        if isinstance(known, ImportResult):
            return known
        reason = known or (f"Leveransen (digisosId {checked.digisos_id}, eksternRef "
                           f"{checked.ekstern_ref}) kolliderer med en annen levering.")
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    except NotFound as exc:
        return _quarantine(delivery, [exc.message], checked.digisos_id, checked.ekstern_ref, now)
    except Exception as exc:  # keep the delivery, whatever broke; nothing was stored
        log.exception("digisos delivery failed while storing: %s", type(exc).__name__)
        reason = (f"intern feil under lagring ({type(exc).__name__}); ingenting er lagret. "
                  "Prøv igjen, eller meld feilen.")
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    for folder in old_folders:  # the delivery is in the database now
        shutil.rmtree(folder, ignore_errors=True)
    log.info("digisos delivery imported: levering=%s soknad=%s", levering.pk,
             levering.soknad_id)
    outcome = "ETTERSENDT" if checked.kind == "ETTERSENDELSE" else "IMPORTERT"
    return ImportResult(delivery.label, outcome, levering.pk, levering.soknad_id)


def _known(delivery: Delivery, checked: CheckedDelivery) -> ImportResult | str | None:
    """Return DUPLIKAT for a delivery we imported, the reason for a conflicting one, or None."""
    did, ref = checked.digisos_id, checked.ekstern_ref
    done = Levering.objects.filter(ekstern_ref=ref, soknad__isnull=False).first()
    if done is not None and done.digisos_id == did:
        return ImportResult(delivery.label, "DUPLIKAT", done.pk, done.soknad_id)
    if done is not None:
        return (f"eksternRef {ref} er allerede importert for digisosId {done.digisos_id} "
                f"(levering {done.pk}), men denne leveransen har digisosId {did}. En eksternRef "
                "hører til én innsending; leveransen er ikke importert.")
    if checked.kind == "SOKNAD":
        soknad = Soknad.objects.filter(digisos_id=did).first()
        if soknad is not None:
            return (f"digisosId {did} har allerede en søknad (søknad {soknad.pk}, eksternRef "
                    f"{soknad.ekstern_ref or 'ukjent'}), og denne leveransen (eksternRef {ref}) "
                    "har en ny soknad.json. En ettersendelse skal ikke ha soknad.json, og en ny "
                    "søknad skal ha en ny digisosId; leveransen er ikke importert.")
    return None


def _store(delivery: Delivery, checked: CheckedDelivery, now: datetime
           ) -> tuple[Levering, list[Path]]:
    """Store the delivery; return its row and the quarantine folders it makes obsolete."""
    scope = system_scope()
    if checked.kind == "SOKNAD":
        assert checked.soknad is not None
        soknad = import_soknad(scope=scope, checked=checked, delivery=delivery, now=now)
    else:
        soknad = import_ettersendelse(scope=scope, checked=checked, delivery=delivery, now=now)
    # A quarantined copy of this delivery (same ids, or the same eksternRef without a
    # digisosId) is done with: its row becomes the imported one or is marked replaced.
    earlier = list(Levering.objects.filter(
        ekstern_ref=checked.ekstern_ref, status=LeveringStatus.KARANTENE,
        digisos_id__in=[checked.digisos_id, ""]))
    levering, _ = Levering.objects.update_or_create(
        digisos_id=checked.digisos_id, ekstern_ref=checked.ekstern_ref,
        defaults={"type": checked.kind, "status": LeveringStatus.IMPORTERT, "mottatt_at": now,
                  "kilde": delivery.source, "soknad": soknad, "feil": [],
                  "karantene_mappe": ""},
    )
    Levering.objects.filter(pk__in=[x.pk for x in earlier if x.pk != levering.pk]).update(
        status=LeveringStatus.ERSTATTET, karantene_mappe="")
    return levering, [Path(x.karantene_mappe) for x in earlier if x.karantene_mappe]


def _quarantine(delivery: Delivery, errors: list[str], digisos_id: str, ekstern_ref: str,
                now: datetime) -> ImportResult:
    key = ekstern_ref or "ukjent-" + delivery.content_hash[:16]
    kind = "SOKNAD" if "soknad.json" in delivery.files else "ETTERSENDELSE"
    # The same ids rejected before (or replaced by a corrected copy) keep their row.
    levering = Levering.objects.filter(digisos_id=digisos_id, ekstern_ref=key,
                                       soknad__isnull=True).first()
    if levering is None:
        levering = Levering.objects.create(
            digisos_id=digisos_id, ekstern_ref=key, type=kind, status=LeveringStatus.KARANTENE,
            mottatt_at=now, kilde=delivery.source, feil=errors)
    else:
        levering.feil, levering.forsok = errors, levering.forsok + 1
        levering.status = LeveringStatus.KARANTENE
    # One folder per delivery row, so two rejected deliveries never mix their files.
    folder = Path(levering.karantene_mappe) if levering.karantene_mappe else (
        Path(settings.DIGISOS_QUARANTINE) / f"{levering.pk}-{_safe(key)}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in delivery.files.items():
        (folder / _safe(name)).write_bytes(content)
    levering.karantene_mappe = str(folder)
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
    try:
        delivery = read_folder(folder, source="replay")
    except UnreadableDelivery as exc:
        raise NotFound(f"Karantenemappen til levering {levering.pk} kan ikke leses: {exc}"
                       ) from exc
    result = import_delivery(delivery=delivery, now=now)
    if result.ok:
        Levering.objects.filter(pk=levering.pk).update(status=LeveringStatus.ERSTATTET,
                                                       karantene_mappe="")
        shutil.rmtree(folder, ignore_errors=True)
    return result


def quarantined() -> list[Levering]:
    """Return the deliveries waiting in quarantine, oldest first."""
    return list(Levering.objects.filter(status=LeveringStatus.KARANTENE).order_by(
        "mottatt_at", "id"))


def import_inbox(*, now: datetime, inbox: Path | None = None) -> list[ImportResult]:
    """Import every delivery folder in the inbox; imported and quarantined folders are removed
    from the inbox (their content now lives in the database or the quarantine)."""
    inbox = inbox or Path(settings.DIGISOS_INBOX)
    results = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir()) if inbox.exists() else []:
        try:
            delivery = read_folder(folder)
        except UnreadableDelivery as exc:  # left in the inbox for the next run
            log.error("digisos inbox folder unreadable: %s", folder.name)
            results.append(ImportResult(str(folder), "IKKE_LEST", None, None, (str(exc),)))
            continue
        results.append(import_delivery(delivery=delivery, now=now))
        shutil.rmtree(folder, ignore_errors=True)
    return results
