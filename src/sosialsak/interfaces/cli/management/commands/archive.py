"""``sosialsak archive export --soknad ID --out DIR``: a closed application as a Noark 5
package (issue 18 item 6), checked before it is recorded. Runs as the system (every office)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sosialsak.contexts.accounts.scope import system_scope
from sosialsak.contexts.archive.export import export_soknad
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.interfaces.cli import args as cli_args
from sosialsak.kernel.errors import DomainError
from sosialsak.kernel.paths import UnsafePath


class Command(BaseCommand):
    help = "Arkivuttrekk (Noark 5) for en avsluttet søknad."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        exp = sub.add_parser("export", help="Skriv søknadens Noark 5-uttrekk i en ny mappe "
                             "under DIR og kontroller det.")
        exp.add_argument("--soknad", type=cli_args.record_id, required=True, metavar="ID")
        exp.add_argument("--out", metavar="DIR", help="mappen uttrekket legges under "
                         "(standard: var/arkiv)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"]) if options.get("out") else Path(settings.ARCHIVE_EXPORT_DIR)
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out}: er ikke en mappe.", returncode=2)
        out.mkdir(parents=True, exist_ok=True)
        with audit_channel("cli"):
            try:
                done = export_soknad(scope=system_scope(), actor=None,
                                     soknad_id=options["soknad"], out=out, now=timezone.now())
            except (DomainError, UnsafePath) as exc:
                raise CommandError(getattr(exc, "message", str(exc)), returncode=1) from None
        self.stdout.write(f"{done.folder}: Noark 5-uttrekk {done.uttrekk_id} med "
                          f"{done.dokumenter} dokumenter, kontrollert.")
