"""``sosialsak digisos``: validate Digisos files, import deliveries, export innsyn files.

Each subcommand is one call into :mod:`sosialsak.formats.digisos` or the ``digisos`` context;
this module only parses arguments and prints.
"""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.digisos import importer, outbox
from sosialsak.contexts.digisos.delivery import UnreadableDelivery, read_path
from sosialsak.formats.digisos import (
    OfficialSchemasError,
    resolve_type,
    validate_files,
)
from sosialsak.interfaces.cli import args as cli_args
from sosialsak.kernel.errors import DomainError


class Command(BaseCommand):
    help = "Work with Digisos files (soknad.json, vedlegg.json, digisos-soker.json, klage.json)."

    requires_system_checks: list[str] = []  # validate reads files only

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        validate = sub.add_parser(
            "validate",
            help="Detect each file's document type and validate it; exit 1 if any is invalid.",
        )
        validate.add_argument("files", nargs="+", metavar="FILE")
        validate.add_argument(
            "--schemas",
            metavar="DIR",
            help="Also validate against the official JSON Schemas in DIR (the json/ folder or "
            "its parent) and report any disagreement with our models.",
        )
        validate.add_argument(
            "--type",
            metavar="KIND",
            dest="kind",
            help="Validate every FILE as KIND instead of detecting it: soknad, vedlegg, "
            "digisos-soker, klage, or a fragment such as hendelse, hendelse/vedtakFattet, "
            "avsender, soknad/familie/barn or types/tidspunkt (any schema file below json/).",
        )

        imp = sub.add_parser("import", help="Import delivery folders or lone soknad.json files; "
                             "exit 1 if any is rejected (it is kept in the quarantine).")
        imp.add_argument("paths", nargs="*", metavar="PATH")
        imp.add_argument("--inbox", action="store_true", help="import every folder in the inbox")
        exp = sub.add_parser("export", help="Print one application's digisos-soker.json, or "
                             "write every application's file and letters to DIR.")
        group = exp.add_mutually_exclusive_group(required=True)
        group.add_argument("--soknad", type=cli_args.record_id, metavar="ID")
        group.add_argument("--all", metavar="DIR")
        rep = sub.add_parser("replay", help="Import a corrected delivery from the quarantine.")
        rep.add_argument("levering_id", type=cli_args.record_id)
        sub.add_parser("quarantine", help="List the deliveries in quarantine: id, when, ids, "
                       "folder and first error (no personal data).")
        sweep = sub.add_parser("sweep", help="After a crash: move committed attachment files "
                               "into place and delete files no row points at.")
        sweep.add_argument("--older-than", type=int, default=3600, metavar="SECONDS",
                           help="delete only files older than this (default 3600; 0 when "
                           "nothing else runs)")

    def handle(self, *args: Any, **options: Any) -> None:
        handlers: dict[str, Callable[..., None]] = {
            "validate": self._validate, "import": self._import, "export": self._export,
            "replay": self._replay, "quarantine": self._quarantine, "sweep": self._sweep}
        handlers[options["subcommand"]](**options)

    def _import(self, paths: list[str], inbox: bool = False, **_: Any) -> None:
        missing = [p for p in paths if not Path(p).exists()]
        for path in missing:
            self.stderr.write(f"{path}: finnes ikke")
        if missing:
            raise CommandError(f"{len(missing)} av {len(paths)} stier finnes ikke; ingenting er "
                               "importert.", returncode=2)
        now = timezone.now()
        results: list[importer.ImportResult] = []
        unreadable = 0
        with audit_channel("cli"):
            for result in importer.import_inbox(now=now) if inbox else []:
                results.append(result)
                self._report(result)
            for path in paths:  # each path's outcome is printed, whatever the next one does
                try:
                    delivery = read_path(Path(path))
                except UnreadableDelivery as exc:
                    unreadable += 1
                    self.stdout.write(f"{path}: IKKE LEST")
                    self.stderr.write(str(exc))
                    continue
                results.append(importer.import_delivery(delivery=delivery, now=now))
                self._report(results[-1])
        rejected = sum(not r.ok for r in results)
        if unreadable:
            raise CommandError(f"{unreadable} av {len(paths)} stier kunne ikke leses"
                               + (f", og {rejected} leveranser ligger i karantene" if rejected
                                  else "") + ".", returncode=2)
        if rejected:
            raise CommandError(f"{rejected} av {len(results)} leveranser ble avvist og ligger "
                               "i karantene.", returncode=1)

    def _report(self, r: importer.ImportResult) -> None:
        if r.outcome == "VENTER":
            self.stdout.write(f"{r.label}: VENTER (mappen er ikke ferdig levert ennå)")
        elif r.outcome == "KARANTENE":
            self.stdout.write(f"{r.label}: KARANTENE levering {r.levering_id} (rett filene og "
                              f"kjør «sosialsak digisos replay {r.levering_id}»)")
        else:
            where = f" søknad {r.soknad_id}," if r.soknad_id else ""
            self.stdout.write(f"{r.label}: {r.outcome}{where} levering {r.levering_id}")
        for error in r.errors:
            self.stderr.write(f"{r.label}: {error}")

    def _sweep(self, older_than: int = 3600, **_: Any) -> None:
        if older_than < 0:
            raise CommandError("--older-than: skriv et tall som er 0 eller større.", returncode=2)
        result = importer.sweep_files(older_than_seconds=older_than)
        self.stdout.write(f"Ryddet: {result.recovered} vedleggsfiler flyttet på plass, "
                          f"{result.removed} filer uten rad slettet.")

    def _quarantine(self, **_: Any) -> None:
        rows = importer.quarantined()
        if not rows:
            self.stdout.write("Ingen leveranser i karantene.")
        for row in rows:
            first = (row.feil or ["(ingen feil registrert)"])[0]
            self.stdout.write("\t".join((
                str(row.pk), f"{timezone.localtime(row.mottatt_at):%Y-%m-%d %H:%M}",
                f"digisosId={row.digisos_id or '-'}", f"eksternRef={row.ekstern_ref}",
                f"forsøk={row.forsok}", row.karantene_mappe,
                f"{len(row.feil or [])} feil: {first[:300]}")))

    def _export(self, soknad: int | None = None, all: str | None = None, **_: Any) -> None:
        try:
            with audit_channel("cli"):
                if all:
                    run = outbox.export_all(now=timezone.now(), outbox=Path(all))
                    self.stdout.write(f"Skrev {len(run.exported)} innsynsfiler til {all}")
                    for failure in run.failed:
                        self.stderr.write(f"søknad {failure.soknad_id}: {failure.reason}")
                    if run.failed:
                        total = len(run.exported) + len(run.failed)
                        raise CommandError(f"{len(run.failed)} av {total} søknader kunne ikke "
                                           "eksporteres.", returncode=1)
                    return
                text = outbox.show_innsyn(soknad_id=soknad or 0)
                if text is None:
                    raise CommandError(f"--soknad: fant ikke søknad {soknad}.", returncode=2)
                self.stdout.write(text, ending="")
        except outbox.OutboxUnavailable as exc:  # bad input: the folder given
            raise CommandError(f"--all: {exc.message}", returncode=2) from exc
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from exc

    def _replay(self, levering_id: int, **_: Any) -> None:
        try:
            result = importer.replay(levering_id=levering_id, now=timezone.now())
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(f"{levering_id}: {result.outcome}")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError("Leveransen er fortsatt ugyldig.", returncode=1)

    def _validate(self, files: list[str], schemas: str | None = None, kind: str | None = None,
                  **_: Any) -> None:
        try:
            resolved = resolve_type(kind) if kind else None
        except ValueError as exc:
            raise CommandError(f"--type: {exc}", returncode=2) from exc
        missing = [f for f in files if not Path(f).is_file()]
        if missing:  # bad input, not an invalid document
            raise CommandError(f"FILE: finner ikke {', '.join(missing)}.", returncode=2)
        try:
            reports = validate_files(files, schemas, resolved)
        except OfficialSchemasError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for report in reports:
            self.stdout.write("\n".join(report.lines()))
        failed = [r for r in reports if not r.ok]
        if failed:
            disagreements = sum(r.disagreement for r in reports)
            note = f" ({disagreements} disagreeing with the official schema)" if schemas else ""
            raise CommandError(
                f"{len(failed)} of {len(reports)} file(s) failed validation{note}", returncode=1
            )
