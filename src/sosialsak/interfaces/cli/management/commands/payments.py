"""``sosialsak payments export``: the day's due payments as CSV or pain.001, as a system job.

Runs with the office's full scope (the nightly job must also pay people with a strictly
confidential address) and audit channel "cli". Writes the file to ``--out`` or to standard
output, and the batch, count, sum and SHA-256 to standard error. Exit code 2 for bad input;
0 with a message when nothing falls due.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.payments.export import NothingToExport, export_due_payments
from sosialsak.interfaces.cli import args as cli_args
from sosialsak.kernel.errors import DomainError

BAD_INPUT = 2
FORMATS = {"csv": "CSV", "pain001": "PAIN001"}


def system_scope(kontor_id: int) -> Scope:
    """Return the scope of the system job for one office: all its cases, may write."""
    return Scope(user_id=None, roles=frozenset({"system"}), kontor_ids=frozenset({kontor_id}),
                 is_citizen=False, can_write=True, can_view_strengt_fortrolig=True,
                 can_view_audit=False, can_export_payments=True)


class Command(BaseCommand):
    help = "Utbetalinger: eksporter dagens forfalte utbetalinger som CSV eller pain.001."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        export = sub.add_parser("export", help="Lag filen med utbetalinger som forfaller en dag.")
        export.add_argument("--date", required=True, metavar="YYYY-MM-DD")
        export.add_argument("--kontor", required=True, metavar="NNNN",
                            help="NAV-kontorets enhetsnummer")
        export.add_argument("--format", required=True, choices=sorted(FORMATS))
        export.add_argument("--out", metavar="FILE", help="skriv filen hit (ellers til stdout)")
        export.add_argument("--oppdrag", type=cli_args.record_id, metavar="N",
                            help="hent et tidligere betalingsoppdrag for dagen på nytt")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = cli_args.case_date(options["date"])
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"--date: {exc}", returncode=BAD_INPUT) from exc
        kontor = NavKontor.objects.filter(enhetsnummer=options["kontor"]).first()
        if kontor is None:
            raise CommandError(f"--kontor: fant ikke NAV-kontor {options['kontor']}.",
                               returncode=BAD_INPUT)
        try:
            with audit_channel("cli"):
                result = export_due_payments(
                    scope=system_scope(kontor.pk), actor=None, kontor_id=kontor.pk,
                    forfallsdato=day, format=FORMATS[options["format"]], now=timezone.now(),
                    lopenummer=options.get("oppdrag"))
        except NothingToExport as exc:
            self.stderr.write(exc.message)
            return
        except DomainError as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        if options.get("out"):
            Path(options["out"]).write_bytes(result.innhold)
        else:
            self.stdout.write(result.innhold.decode("utf-8"), ending="")
        self.stderr.write(f"{result.filnavn}: oppdrag {result.msg_id}, {result.antall} "
                          f"utbetalinger, {result.sum_belop} kr, sha256 {result.sha256}")
