"""``sosialsak risk catalogue|rank``: Helsetilsynet's 51 risk points and workshop ranking.

``catalogue [--format text|json]`` lists each point with how the product meets it (check,
guard or why not automatable). ``rank FILE [FILE ...] [--top N] [--rule product|sum]`` ranks a
workshop's ``point,likelihood,consequence`` CSV; several files are combined by the mean score
(see ``rules/risiko_rangering.py``). No database needed. Bad input exits with status 2.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sosialsak.interfaces.cli import args as cli_args
from sosialsak.interfaces.cli.checks import WITHOUT_URLS
from sosialsak.rules import risiko_rangering as rr
from sosialsak.rules.risiko import katalog

BAD_INPUT = 2
MAX_FILES = 50


class Command(BaseCommand):
    help = "Risikopunktene fra Helsetilsynet 4/2022 og rangering av en risikoworkshop."
    requires_system_checks = WITHOUT_URLS

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        cat = sub.add_parser("catalogue", help="Vis de 51 risikopunktene og hvordan de dekkes.")
        cat.add_argument("--format", choices=("text", "json"), default="text",
                         help="text (standard) eller json")
        rank = sub.add_parser("rank", help="Ranger en workshops poeng (CSV: "
                              "point,likelihood,consequence); flere filer gir gjennomsnitt.")
        rank.add_argument("files", nargs="+", metavar="FILE", help="CSV-fil(er) fra workshopen")
        rank.add_argument("--top", type=cli_args.small_count, metavar="N",
                          help="behold de N øverste, og alle som står likt med nr. N")
        rank.add_argument("--rule", choices=rr.RULES, default="product",
                          help="product (sannsyn × konsekvens, som i rapporten) eller sum")
        rank.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "catalogue":
            self._catalogue(options["format"])
        else:
            self._rank(options)

    def _catalogue(self, fmt: str) -> None:
        kat = katalog()
        if fmt == "json":
            self.stdout.write(json.dumps([p.as_dict() for p in kat.points], ensure_ascii=False,
                                         indent=2))
            return
        self.stdout.write(f"Risikopunkter ({kat.version}, {kat.source})")
        area = ""
        for p in kat.points:
            if p.area != area:
                area = p.area
                self.stdout.write(f"\n{area}")
            self.stdout.write(f"  {p.number:>2}. {p.short_name} [{p.coverage}]\n      {p.how}")

    def _rank(self, options: dict[str, Any]) -> None:
        files: list[str] = options["files"]
        if len(files) > MAX_FILES:
            raise CommandError(f"høyst {MAX_FILES} filer", returncode=BAD_INPUT)
        known = katalog().numbers()
        workshops: list[dict[int, int]] = []
        for name in files:
            path = Path(name)
            try:
                if path.stat().st_size > rr.MAX_BYTES:
                    raise rr.InvalidWorkshopFile(1, "fil", f"filen er større enn "
                                                 f"{rr.MAX_BYTES // 1024} KiB")
                text = path.read_text(encoding="utf-8-sig")
                workshops.append(rr.scores(rr.parse_workshop_csv(text, known), options["rule"]))
            except rr.InvalidWorkshopFile as exc:
                raise CommandError(f"{name}: {exc.message}", returncode=BAD_INPUT) from exc
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{name}: kan ikke lese filen ({type(exc).__name__})",
                                   returncode=BAD_INPUT) from exc
        combined = workshops[0] if len(workshops) == 1 else rr.aggregate(workshops)
        ranking = rr.rank(combined)
        if options["top"]:
            ranking = rr.top(ranking, options["top"])
        if options["format"] == "json":
            self.stdout.write(json.dumps([{"rank": p.rank, "point": p.point,
                                           "score": _num(p.score)} for p in ranking], indent=2))
            return
        kat = katalog()
        self.stdout.write(f"{'Rang':>4}  {'Punkt':>5}  {'Poeng':>6}  Kortnavn")
        for p in ranking:
            self.stdout.write(f"{p.rank:>4}  {p.point:>5}  {_fmt(p.score):>6}  "
                              f"{kat.point(p.point).short_name}")


def _num(value: rr.Score) -> int | float:
    return value if isinstance(value, int) else float(value)


def _fmt(value: rr.Score) -> str:
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{float(value):.2f}".replace(".", ",")
    return str(int(value))
