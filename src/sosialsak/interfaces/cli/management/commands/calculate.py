"""``sosialsak calculate --household FILE|- [--explain]``: livsopphold for one household-month.

Reads the household JSON documented in ``docs/rules.md`` and prints the result as JSON, or with
``--explain`` the explanation for the caseworker and the plain-Bokmål text for the applicant.
Registered state and municipal rate sets are applied. Bad input exits with code 2 and a message
naming the field. (``--soknad`` for Digisos applications arrives with the Digisos issue.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from sosialsak.contexts.rates.queries import current_ruleset
from sosialsak.rules import (
    InvalidHousehold,
    ParameterNotFound,
    calculate_livsopphold,
    parse_household_json,
    render_for_applicant,
    render_for_caseworker,
    result_as_json,
)

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Beregn stønad til livsopphold (§ 18) for en husholdning og en måned."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--household", required=True, metavar="FILE",
                            help="husholdning som JSON-fil, eller - for standard input")
        parser.add_argument("--explain", action="store_true",
                            help="skriv forklaringen som lesbar tekst i stedet for JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = self._read(options["household"])
        try:
            request = parse_household_json(text)
        except InvalidHousehold as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        try:
            rules = current_ruleset()
        except DatabaseError as exc:
            raise CommandError("Fant ikke registrerte satser i databasen; kjør "
                               "«sosialsak migrate» først.") from exc
        try:
            result = calculate_livsopphold(household=request.household, month=request.month,
                                           rules=rules, kommune=request.kommune,
                                           assessment=request.assessment)
        except ParameterNotFound as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        except InvalidHousehold as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        if options["explain"]:
            self.stdout.write(render_for_caseworker(result))
            self.stdout.write("\nFor søkeren:\n")
            self.stdout.write(render_for_applicant(result))
        else:
            self.stdout.write(json.dumps(result_as_json(result), ensure_ascii=False, indent=2))

    @staticmethod
    def _read(source: str) -> str:
        if source == "-":
            return sys.stdin.read()
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"--household: kan ikke lese {source!r} ({exc.__class__.__name__}).",
                               returncode=BAD_INPUT) from exc
