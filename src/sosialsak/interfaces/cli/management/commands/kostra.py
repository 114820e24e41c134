"""``sosialsak kostra 11F|11CF --year Y --kommune K [--bydel B] [--out FILE]`` and
``sosialsak kostra check FILE``: SSB's KOSTRA files and SSB's controls (issue 15).

Generation runs as a system job over the offices serving the kommune (the bydel's office in
Oslo), audit channel "cli"; the file goes to ``--out`` or standard output (ISO-8859-1 bytes),
the control summary to standard error. ``check`` prints each finding as
``RULE SEVERITY line N [journalnr]: message`` and exits 1 when a FATAL or ERROR means the file
is not ready to send. SSB's layout is read from ``SOSIALSAK_KOSTRA_DIR`` (ADR 0012).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.reporting.kostra import build
from sosialsak.formats.kostra import LayoutMissing, Report, check_file, load_layout
from sosialsak.interfaces.cli import args as cli_args

BAD_INPUT = 2
NOT_READY = 1
MAX_FILE = 512 * 1024 * 1024


def system_scope() -> Scope:
    """All offices, may read everyone: the yearly report covers every recipient."""
    return Scope(user_id=None, roles=frozenset({"system"}),
                 kontor_ids=frozenset(NavKontor.objects.values_list("pk", flat=True)),
                 is_citizen=False, can_write=False, can_view_strengt_fortrolig=True,
                 can_view_audit=False, can_export_payments=False)


def summary(report: Report) -> str:
    state = "klar til innsending" if report.ready else "IKKE klar til innsending"
    return (f"{report.schema} {report.year}: {report.records} records, "
            f"{report.count('FATAL')} FATAL, {report.count('ERROR')} ERROR, "
            f"{report.count('WARNING')} WARNING; {state}.")


class Command(BaseCommand):
    help = "KOSTRA 11F/11CF: lag filen til SSB, eller kjør SSBs kontroller på en fil."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for schema in ("11F", "11CF"):
            p = sub.add_parser(schema, help=f"Lag KOSTRA {schema} for et år og en kommune.")
            p.add_argument("--year", required=True, type=cli_args.report_year)
            p.add_argument("--kommune", required=True, type=cli_args.kommunenummer)
            p.add_argument("--bydel", type=cli_args.bydelsnummer,
                           help="bydelsnummer (bare Oslo, 0301)")
            p.add_argument("--out", metavar="FILE", help="skriv filen hit (ellers til stdout)")
        c = sub.add_parser("check", help="Kjør SSBs kontroller på en KOSTRA-fil.")
        c.add_argument("file", metavar="FILE")
        c.add_argument("--schema", choices=("11F", "11CF"),
                       help="skjema (ellers ut fra recordlengden)")
        c.add_argument("--year", type=cli_args.report_year, help="år (ellers fra filen)")
        c.add_argument("--kommune", type=cli_args.kommunenummer, help="(ellers fra filen)")
        c.add_argument("--bydel", type=cli_args.bydelsnummer)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "check":
                self._check(options)
            else:
                self._make(options)
        except LayoutMissing as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc

    def _make(self, o: dict[str, Any]) -> None:
        o["bydel"] = o.get("bydel") or ""
        if (o["kommune"] == "0301") != bool(o["bydel"]):
            raise CommandError("--bydel: oppgi bydel for Oslo (0301), og bare for Oslo.",
                               returncode=BAD_INPUT)
        with audit_channel("cli"):
            result = build(o["subcommand"], scope=system_scope(), actor=None, year=o["year"],
                           kommunenummer=o["kommune"], bydelsnummer=o.get("bydel") or "")
        if o.get("out"):
            Path(o["out"]).write_bytes(result.data)
        else:
            sys.stdout.buffer.write(result.data)
            sys.stdout.flush()
        for gap in result.gaps:
            self.stderr.write(f"Mangler: {gap}")
        self.stderr.write(summary(result.report))

    def _check(self, o: dict[str, Any]) -> None:
        path = Path(o["file"])
        if not path.is_file() or path.stat().st_size > MAX_FILE:
            raise CommandError(f"fant ikke filen {o['file']!r}, eller den er for stor.",
                               returncode=BAD_INPUT)
        data = path.read_bytes()
        first = data.split(b"\n", 1)[0].decode("iso-8859-1")
        schema = o["schema"] or {338: "11F", 152: "11CF"}.get(len(first))
        year = o["year"] or (2000 + int(first[4:6]) if first[4:6].isdigit() else None)
        if schema is None or year is None:
            raise CommandError("oppgi --schema og --year: filen sier det ikke selv.",
                               returncode=BAD_INPUT)
        layout = load_layout(schema, year)
        report = check_file(layout, data, kommunenummer=o["kommune"] or first[:4],
                            bydelsnummer=o.get("bydel") or "")
        for f in report.findings:
            journal = f" [{f.journalnr}]" if f.journalnr else ""
            self.stdout.write(f"{f.rule} {f.severity} linje {f.line}{journal}: {f.message}")
        self.stderr.write(summary(report))
        if not report.ready:
            raise CommandError("Filen har FATAL- eller ERROR-funn.", returncode=NOT_READY)
