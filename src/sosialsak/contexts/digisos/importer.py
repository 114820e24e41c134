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

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from sosialsak.contexts.accounts.scope import system_scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.digisos.checks import CheckedDelivery, Rejected, check_delivery
from sosialsak.contexts.digisos.delivery import (
    DONE_MARKER,
    Delivery,
    UnreadableDelivery,
    read_folder,
)
from sosialsak.contexts.digisos.ettersendelse import import_ettersendelse
from sosialsak.contexts.digisos.models import Levering, LeveringStatus
from sosialsak.contexts.digisos.soknad_import import (
    INCOMING,
    PendingFile,
    files_held_until_commit,
    import_soknad,
    media_path,
    move_in,
    wait_until_durable,
)
from sosialsak.contexts.intake.models import Soknad, Vedlegg
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound
from sosialsak.kernel.logsafe import failure
from sosialsak.kernel.paths import inside

log = logging.getLogger("sosialsak.digisos")


@dataclass(frozen=True)
class ImportResult:
    label: str
    outcome: str  # IMPORTERT | ETTERSENDT | DUPLIKAT | KARANTENE | IKKE_LEST | VENTER
    levering_id: int | None
    soknad_id: int | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome not in ("KARANTENE", "IKKE_LEST")


def import_delivery(*, delivery: Delivery, now: datetime) -> ImportResult:
    """Import one delivery; return what happened. Never raises for bad input, and whatever
    breaks while checking or storing one delivery quarantines that delivery only."""
    try:
        return _import(delivery, now)
    except Exception as exc:
        log.error("digisos delivery failed: %s", failure(exc))
        reason = (f"intern feil ({type(exc).__name__}); ingenting er lagret. Prøv igjen, "
                  "eller meld feilen.")
        return _quarantine(delivery, [reason], "", "", now)


def _import(delivery: Delivery, now: datetime) -> ImportResult:
    checked = check_delivery(delivery, today=local_date(now))
    if isinstance(checked, Rejected):
        done = Levering.objects.filter(digisos_id=checked.digisos_id, soknad__isnull=False,
                                       ekstern_ref=checked.ekstern_ref).first()
        if done is not None and checked.ekstern_ref:  # a bad copy of a delivery we have
            return ImportResult(delivery.label, "DUPLIKAT", done.pk, done.soknad_id)
        return _quarantine(delivery, checked.errors, checked.digisos_id, checked.ekstern_ref, now)
    # Fast path (issue 13): one indexed look-up of the eksternRef, whatever its status. A
    # soknad.json for a digisosId we already have is caught by the unique digisosId of the
    # application (IntegrityError below), and then explained by _known. When no row has this
    # eksternRef (a new delivery, the common case) _store writes its row without another read.
    seen = _rows_of(checked.ekstern_ref)
    done = next((x for x in seen if x.soknad_id is not None), None)
    if done is not None:
        known = _known(delivery, checked, done)
        if isinstance(known, ImportResult):
            return known
        if known:
            return _quarantine(delivery, [known], checked.digisos_id, checked.ekstern_ref, now)
    stored: tuple[Levering, list[Path], list[PendingFile]] | ImportResult | None = None
    try:
        stored = _store_durably(delivery, checked, now, seen)
    except IntegrityError:
        if not seen:
            # The fast path wrote without the locked read, and a row of this eksternRef
            # appeared meanwhile: a quarantined copy is taken over (once), as that read does.
            seen = _rows_of(checked.ekstern_ref)
            if seen and all(x.soknad_id is None for x in seen):
                with contextlib.suppress(IntegrityError):
                    stored = _store_durably(delivery, checked, now, seen)
    if stored is None:
        # Another import of the same delivery won the race, or it conflicts with one.
        known = _known(delivery, checked)
        if isinstance(known, ImportResult):
            return known
        reason = known or (f"Leveransen (digisosId {checked.digisos_id}, eksternRef "
                           f"{checked.ekstern_ref}) kolliderer med en annen levering.")
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    if isinstance(stored, ImportResult):
        return stored
    levering, old_folders, pending = stored
    move_in(pending)
    for folder in old_folders:  # the delivery is in the database now
        shutil.rmtree(folder, ignore_errors=True)
    log.info("digisos delivery imported: levering=%s soknad=%s", levering.pk,
             levering.soknad_id)
    outcome = "ETTERSENDT" if checked.kind == "ETTERSENDELSE" else "IMPORTERT"
    return ImportResult(delivery.label, outcome, levering.pk, levering.soknad_id)


def _rows_of(ekstern_ref: str) -> list[Levering]:
    """Return the delivery rows of an eksternRef, whatever their status (indexed)."""
    return list(Levering.objects.filter(ekstern_ref=ekstern_ref))


def _store_durably(delivery: Delivery, checked: CheckedDelivery, now: datetime,
                   seen: list[Levering]
                   ) -> tuple[Levering, list[Path], list[PendingFile]] | ImportResult:
    """Store the delivery in one durable transaction; return its row, the quarantine folders
    it makes obsolete and its files to move in, or the quarantine's result when it cannot be
    stored. Raises IntegrityError when it collides with another row (nothing is stored)."""
    try:
        # durable: when the block ends the rows are committed, and only then do the files
        # move in from their temporary names (a crash before leaves no file without a row).
        with files_held_until_commit() as pending, audit_channel("job"), \
                transaction.atomic(durable=True):
            levering, old_folders = _store(delivery, checked, now, seen)
            wait_until_durable(pending)  # the files are on disk before their rows commit
    except IntegrityError:
        raise  # the caller explains or retries it
    except NotFound as exc:
        return _quarantine(delivery, [exc.message], checked.digisos_id, checked.ekstern_ref, now)
    except Exception as exc:  # keep the delivery, whatever broke; nothing was stored
        log.error("digisos delivery failed while storing: %s", failure(exc))
        reason = (f"intern feil under lagring ({type(exc).__name__}); ingenting er lagret. "
                  "Prøv igjen, eller meld feilen.")
        return _quarantine(delivery, [reason], checked.digisos_id, checked.ekstern_ref, now)
    return levering, old_folders, pending


def _known(delivery: Delivery, checked: CheckedDelivery, done: Levering | None = None
           ) -> ImportResult | str | None:
    """Return DUPLIKAT for a delivery we imported, the reason for a conflicting one, or None.
    ``done`` is the imported delivery with this eksternRef when the caller has looked it up."""
    did, ref = checked.digisos_id, checked.ekstern_ref
    if done is None:
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


def _store(delivery: Delivery, checked: CheckedDelivery, now: datetime, seen: list[Levering]
           ) -> tuple[Levering, list[Path]]:
    """Store the delivery; return its row and the quarantine folders it makes obsolete.
    ``seen`` are the rows with its eksternRef read before the transaction."""
    if checked.kind == "SOKNAD":
        assert checked.soknad is not None
        soknad = import_soknad(checked=checked, delivery=delivery, now=now)
    else:
        soknad = import_ettersendelse(scope=system_scope(), checked=checked, delivery=delivery,
                                      now=now)
    # A quarantined copy of this delivery (same ids, or the same eksternRef without a
    # digisosId) is done with: its row becomes the imported one or is marked replaced.
    # One read for both (locked, as a quarantine of the same ids locks its row): the row of
    # these ids, if any, and the quarantined copies. Skipped when no row had the eksternRef
    # before: one quarantined since then makes the INSERT below fail on the unique ids
    # (IntegrityError), and the import is explained by _known or tried again, as in a race.
    rows = list(Levering.objects.select_for_update().filter(
        ekstern_ref=checked.ekstern_ref, digisos_id__in=[checked.digisos_id, ""])) if seen else []
    earlier = [x for x in rows if x.status == LeveringStatus.KARANTENE]
    folders = [Path(x.karantene_mappe) for x in earlier if x.karantene_mappe]
    values = {"type": checked.kind, "status": LeveringStatus.IMPORTERT, "mottatt_at": now,
              "kilde": delivery.source, "soknad": soknad, "feil": [], "karantene_mappe": ""}
    levering = next((x for x in rows if x.digisos_id == checked.digisos_id), None)
    if levering is None:  # a concurrent insert of the same ids fails on the unique constraint
        levering = Levering.objects.create(digisos_id=checked.digisos_id,
                                           ekstern_ref=checked.ekstern_ref, **values)
    else:
        for key, value in values.items():
            setattr(levering, key, value)
        levering.save(update_fields=list(values))
    replaced = [x.pk for x in earlier if x.pk != levering.pk]
    if replaced:
        Levering.objects.filter(pk__in=replaced).update(status=LeveringStatus.ERSTATTET,
                                                        karantene_mappe="")
    return levering, folders


def _quarantine(delivery: Delivery, errors: list[str], digisos_id: str, ekstern_ref: str,
                now: datetime) -> ImportResult:
    key = ekstern_ref or "ukjent-" + delivery.content_hash[:16]
    kind = "SOKNAD" if "soknad.json" in delivery.files else "ETTERSENDELSE"
    # The same ids rejected before (or replaced by a corrected copy) keep their row. Two
    # copies rejected at once race for it: the loser takes the winner's row (idempotent).
    for _attempt in range(3):
        levering = Levering.objects.filter(digisos_id=digisos_id, ekstern_ref=key).first()
        if levering is not None and levering.soknad_id is not None:
            # Imported meanwhile (a complete copy won the race): this one is a duplicate.
            return ImportResult(delivery.label, "DUPLIKAT", levering.pk, levering.soknad_id)
        if levering is not None:
            break
        try:
            with transaction.atomic():
                levering = Levering.objects.create(
                    digisos_id=digisos_id, ekstern_ref=key, type=kind,
                    status=LeveringStatus.KARANTENE, mottatt_at=now, kilde=delivery.source,
                    feil=errors, forsok=0)
            break
        except IntegrityError:
            continue
    else:
        raise RuntimeError("could not create or find the quarantine row")
    # The row is locked while its folder is rewritten: copies quarantined at once take turns.
    with transaction.atomic():
        levering = Levering.objects.select_for_update().get(pk=levering.pk)
        if levering.soknad_id is not None:
            return ImportResult(delivery.label, "DUPLIKAT", levering.pk, levering.soknad_id)
        levering.feil, levering.forsok = errors, levering.forsok + 1
        levering.status = LeveringStatus.KARANTENE
        # One folder per delivery row, so two rejected deliveries never mix their files;
        # written under a temporary name and renamed, so a crash never leaves half a folder.
        root = Path(settings.DIGISOS_QUARANTINE)
        folder = quarantine_folder(levering.pk, key)
        root.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=root, prefix=f".{levering.pk}-"))
        for name, content in delivery.files.items():
            inside(temp, _safe(name)).write_bytes(content)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(temp, folder)
        levering.karantene_mappe = str(folder)
        levering.save(update_fields=["feil", "forsok", "status", "karantene_mappe"])
    log.warning("digisos delivery quarantined: levering=%s errors=%d", levering.pk, len(errors))
    return ImportResult(delivery.label, "KARANTENE", levering.pk, None, tuple(errors))


def quarantine_folder(levering_id: int, key: str) -> Path:
    """Return the quarantine folder of a delivery row, built from checked parts only."""
    return inside(settings.DIGISOS_QUARANTINE, f"{levering_id}-{_safe(key)}")


def _safe(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120].lstrip(".")
    return safe or "fil"


def replay(*, levering_id: int, now: datetime) -> ImportResult:
    """Import a quarantined delivery again from its (possibly corrected) quarantine folder."""
    levering = Levering.objects.filter(pk=levering_id, status=LeveringStatus.KARANTENE).first()
    if levering is None:
        raise NotFound("Fant ingen leveranse i karantene med det nummeret.")
    # Only a folder directly in the quarantine is read, whatever the row says.
    folder = inside(settings.DIGISOS_QUARANTINE, Path(levering.karantene_mappe).name or "-")
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


def _ready(folder: Path, now: float, still_seconds: float) -> bool:
    """A folder is read when the sender has marked it done, or when nothing in it has changed
    for ``still_seconds`` (a sender that writes files in place and sets no marker)."""
    if (folder / DONE_MARKER).exists():
        return True
    try:
        newest = max([folder.stat().st_mtime] + [p.lstat().st_mtime for p in folder.iterdir()])
    except OSError:
        return False
    return now - newest >= still_seconds


def import_inbox(*, now: datetime, inbox: Path | None = None) -> list[ImportResult]:
    """Import every finished delivery folder in the inbox (see :func:`_ready`; one not yet
    finished waits, outcome VENTER); imported and quarantined folders are removed from the
    inbox (their content now lives in the database or the quarantine). One delivery that
    fails in any way is quarantined or reported, and the run goes on with the next."""
    inbox = inbox or Path(settings.DIGISOS_INBOX)
    still = float(settings.DIGISOS_INBOX_STILL_SECONDS)
    results = []
    folders = sorted(p for p in inbox.iterdir() if p.is_dir() and not p.is_symlink()
                     and not p.name.startswith(".")) if inbox.exists() else []
    for folder in folders:
        if not _ready(folder, time.time(), still):
            results.append(ImportResult(str(folder), "VENTER", None, None))
            continue
        try:
            delivery = read_folder(folder)
        except UnreadableDelivery as exc:  # left in the inbox for the next run
            log.error("digisos inbox folder unreadable: %s", folder.name)
            results.append(ImportResult(str(folder), "IKKE_LEST", None, None, (str(exc),)))
            continue
        try:
            results.append(import_delivery(delivery=delivery, now=now))
        except Exception as exc:  # even the quarantine failed (disk?): next folder
            log.error("digisos inbox folder failed: %s", failure(exc))
            results.append(ImportResult(str(folder), "IKKE_LEST", None, None, (
                f"intern feil ({type(exc).__name__}); mappen er liggende i innboksen.",)))
            continue
        _remove_from_inbox(folder)
    return results


def _remove_from_inbox(folder: Path) -> None:
    # Renamed away first (atomic), so a crash while deleting never leaves half a delivery
    # that the next run would read as a new, incomplete one.
    gone = folder.with_name(f".ferdig-{folder.name}")
    try:
        os.replace(folder, gone)
    except OSError:
        gone = folder
    shutil.rmtree(gone, ignore_errors=True)


@dataclass(frozen=True)
class Sweep:
    recovered: int  # committed attachments moved into place after a crash
    removed: int  # files no row points at, deleted


def sweep_files(*, older_than_seconds: float = 3600) -> Sweep:
    """Clean up after a crash (a step of ``jobs daily`` and ``digisos sweep``).

    * A temporary attachment file whose row was committed is moved into place (its checksum
      checked); one whose row never committed is deleted.
    * A stored attachment file (under ``vedlegg/``) that no row points at is deleted.
    * Inbox folders left half-deleted are removed.

    Only files older than ``older_than_seconds`` are deleted, so an import running right now
    is left alone.
    """
    cutoff = time.time() - older_than_seconds
    recovered = removed = 0
    incoming = Path(settings.MEDIA_ROOT) / INCOMING
    temps = sorted(incoming.glob("vedlegg-*.part")) if incoming.is_dir() else []
    ids = {t: t.name.removeprefix("vedlegg-").removesuffix(".part") for t in temps}
    # The rows of every temporary file in one query, not one per file.
    rows = Vedlegg.objects.in_bulk([int(pk) for pk in ids.values() if _plain_id(pk)])
    for temp in temps:
        pk = ids[temp]
        row = rows.get(int(pk)) if _plain_id(pk) else None
        if row is not None and row.fil.name:
            final = media_path(row.fil.name)
            if not final.exists() and _sha256(temp) == row.sha256:
                move_in([PendingFile(temp, final)])
                recovered += 1
                continue
        if temp.stat().st_mtime <= cutoff:
            temp.unlink(missing_ok=True)
            removed += 1
    stored = Path(settings.MEDIA_ROOT) / "vedlegg"
    if stored.is_dir():
        known = set(Vedlegg.objects.values_list("fil", flat=True))
        for path in stored.rglob("*"):
            name = path.relative_to(settings.MEDIA_ROOT).as_posix()
            if path.is_file() and name not in known and path.stat().st_mtime <= cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    inbox = Path(settings.DIGISOS_INBOX)
    for left in inbox.glob(".ferdig-*") if inbox.is_dir() else []:
        shutil.rmtree(left, ignore_errors=True)
    quarantine = Path(settings.DIGISOS_QUARANTINE)  # half-written quarantine folders
    for left in quarantine.glob(".*") if quarantine.is_dir() else []:
        if left.is_dir() and left.stat().st_mtime <= cutoff:
            shutil.rmtree(left, ignore_errors=True)
    if recovered or removed:
        log.warning("digisos sweep: recovered=%d removed=%d", recovered, removed)
    return Sweep(recovered, removed)


def _plain_id(text: str) -> bool:
    # A row id: ASCII digits only (str.isdigit also takes "²"), short enough for the column.
    return text.isascii() and text.isdigit() and len(text) <= 18


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
