"""``sosialsak rates --date YYYY-MM-DD [--kommune NNNN] [--json]``: the rates and G in force.

Shows the livsopphold rate set in force on the date (the state's, or the municipality's own
rates, including registered sets), housing caps, G, and whether the table may be out of date:
when the set in force is older than the month asked for (a newer set was expected), it says so.
Works without a database from the state rates shipped in the code (a note on stderr).
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sosialsak.interfaces.cli import args as cli_args
from sosialsak.interfaces.cli.checks import WITHOUT_URLS
from sosialsak.interfaces.cli.rules_source import ruleset_for_cli
from sosialsak.kernel import bounds
from sosialsak.rules import ParameterNotFound, first_rate_date, satser_i_kraft
from sosialsak.rules.money import format_kr

BAD_INPUT = 2
LABELS = {"enslig": "Enslig", "ektepar_samboere": "Ektepar/samboere",
          "bofellesskap": "Person i bofellesskap", "barn_0_5": "Barn 0–5 år",
          "barn_6_10": "Barn 6–10 år", "barn_11_17": "Barn 11–17 år"}


class Command(BaseCommand):
    help = "Vis satsene for livsopphold og grunnbeløpet som gjelder på en dato."
    requires_system_checks = WITHOUT_URLS  # not the URLconf: see cli/checks.py

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", required=True, metavar="YYYY-MM-DD",
                            help="datoen satsene skal gjelde for")
        parser.add_argument("--kommune", metavar="NNNN", help="kommunenummer (fire siffer)")
        parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options["date"]
        try:
            on = cli_args.case_date(raw)
        except argparse.ArgumentTypeError as exc:
            # A real date before the case range gets the rules' own message below (it names
            # the first date with rates); anything else is refused here.
            early = cli_args.calendar_date(raw)
            if early is None or early > bounds.LATEST_CASE_DATE:
                raise CommandError(f"--date: {exc}", returncode=BAD_INPUT) from exc
            on = early
        kommune = options.get("kommune")
        if kommune is not None and not re.fullmatch(r"\d{4}", kommune):
            raise CommandError("--kommune: kommunenummer har fire siffer, f.eks. 0301.",
                               returncode=BAD_INPUT)
        rules = ruleset_for_cli(self.stderr)
        try:
            satser = satser_i_kraft(on=on, kommune=kommune, rules=rules)
        except ParameterNotFound as exc:
            first = first_rate_date(rules=rules)
            if on < first:
                raise CommandError(f"--date: satsene er kjent fra {first.isoformat()}; velg en "
                                   f"dato fra og med {first.isoformat()}.",
                                   returncode=BAD_INPUT) from exc
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        data = satser.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        where = f" i kommune {kommune}" if kommune else ""
        lines = [f"Satser for livsopphold som gjelder {on.isoformat()}{where}",
                 f"Satssett fra {data['rate_set_from']} ({data['rate_set_source']}: "
                 f"{data['rate_set_reference']})"]
        if satser.stale:
            lines.append("ADVARSEL: nyere satser er ikke registrert; tabellen kan være utdatert.")
            lines.append(f"Satssettet som gjelder er fra {data['rate_set_from']}, eldre enn "
                         f"{on.strftime('%Y-%m')} som du spurte om (nytt satssett ventet fra "
                         f"{data['expected_update']}).")
        lines += [f"  {LABELS[k]:<24}{format_kr(v):>10}" for k, v in data["rates"].items()]
        caps = {k: v for k, v in data["housing_caps"].items() if v is not None}
        lines.append("Tak på boutgifter: " + (", ".join(f"{k} {format_kr(v)}"
                                                         for k, v in caps.items()) or "ingen"))
        g = data["grunnbelop"]
        lines.append("Grunnbeløpet (G): " + (f"{format_kr(g['value'])} fra {g['from']}"
                                              if g else "ingen verdi før 2019-05-01"))
        self.stdout.write("\n".join(lines))
