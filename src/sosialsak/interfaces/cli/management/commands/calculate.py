"""``sosialsak calculate --household FILE|- | --soknad FILE [--month YYYY-MM] [--to YYYY-MM]
[--explain]``.

Livsopphold for one household-month, or with ``--to`` for every month from the first month to
``--to`` (each month calculated on its own: ``{"months": [...], "total": N}``). Reads the
household JSON documented in ``docs/rules.md``, or a Digisos soknad.json (household from
familie, bosituasjon, okonomi; who is in the household is decided by
``rules.members_at_rate``), and prints the result as JSON, or with ``--explain`` the
explanation for the caseworker and the plain-Bokmål text for the applicant. Registered state and
municipal rate sets are applied; without a database the shipped state rates are used and a note
on stderr says so. Bad input exits with code 2 and a message naming the field.

``--month`` belongs to ``--soknad`` only: a household file carries its own ``month``, and the
two together are refused (exit 2) rather than one silently winning.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sosialsak.formats.digisos import SoknadInvalid, parse_soknad
from sosialsak.formats.digisos.household import household_json_from_soknad
from sosialsak.formats.digisos.limits import loads_bounded
from sosialsak.interfaces.cli import args as cli_args
from sosialsak.interfaces.cli.checks import WITHOUT_URLS
from sosialsak.interfaces.cli.rules_source import ruleset_for_cli
from sosialsak.interfaces.cli.soknad_members import members_json
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules import (
    InvalidHousehold,
    ParameterNotFound,
    calculate_livsopphold,
    calculate_livsopphold_period,
    parse_household,
    parse_household_json,
    period_as_json,
    render_for_applicant,
    render_for_caseworker,
    result_as_json,
)
from sosialsak.rules.money import format_kr

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Beregn stønad til livsopphold (§ 18) for en husholdning og en måned."
    requires_system_checks = WITHOUT_URLS  # not the URLconf: see cli/checks.py

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--household", metavar="FILE",
                            help="husholdning som JSON-fil, eller - for standard input")
        source.add_argument("--soknad", metavar="FILE",
                            help="en Digisos soknad.json (eller - for standard input)")
        parser.add_argument("--month", metavar="YYYY-MM",
                            help="måneden, bare med --soknad (uten: måneden søknaden ble "
                                 "sendt); med --household står måneden i filen (month)")
        parser.add_argument("--to", metavar="YYYY-MM",
                            help="siste måned: beregn hver måned fra første måned til og med "
                                 "denne; skriver {\"months\": [...], \"total\": N}")
        parser.add_argument("--explain", action="store_true",
                            help="skriv forklaringen som lesbar tekst i stedet for JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["household"] and options["month"]:
            raise CommandError("--month: brukes bare med --soknad; med --household står "
                               "måneden i filen (feltet month).", returncode=BAD_INPUT)
        try:
            if options["soknad"]:
                request = parse_household(self._from_soknad(options["soknad"], options["month"]))
            else:
                request = parse_household_json(self._read(options["household"], "--household"))
        except InvalidHousehold as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        last = self._to_month(options.get("to"), request.month)
        rules = ruleset_for_cli(self.stderr)
        try:
            if last is None:
                result = calculate_livsopphold(
                    household=request.household, month=request.month, rules=rules,
                    kommune=request.kommune, assessment=request.assessment,
                    under_18=request.under_18)
            else:
                period = calculate_livsopphold_period(
                    household=request.household, first_month=request.month, last_month=last,
                    rules=rules, kommune=request.kommune, assessment=request.assessment,
                    under_18=request.under_18)
        except (ParameterNotFound, ValidationFailed) as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        if last is not None:
            if options["explain"]:
                for one in period.months:
                    self.stdout.write(f"== {one.month.strftime('%Y-%m')} ==")
                    self._explain(one)
                    self.stdout.write("")
                self.stdout.write(f"Sum for perioden: {format_kr(period.total)}")
            else:
                self.stdout.write(json.dumps(period_as_json(period), ensure_ascii=False,
                                             indent=2))
        elif options["explain"]:
            self._explain(result)
        else:
            self.stdout.write(json.dumps(result_as_json(result), ensure_ascii=False, indent=2))

    def _explain(self, result: Any) -> None:
        self.stdout.write(render_for_caseworker(result))
        self.stdout.write("\nFor søkeren:\n")
        self.stdout.write(render_for_applicant(result))

    @staticmethod
    def _to_month(raw: str | None, first: date) -> date | None:
        if raw is None:
            return None
        try:
            last = cli_args.case_month(raw)
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"--to: {exc}", returncode=BAD_INPUT) from exc
        if last < first:
            raise CommandError(f"--to: {raw} er før første måned "
                               f"{first.strftime('%Y-%m')}.", returncode=BAD_INPUT)
        return last

    def _from_soknad(self, source: str, month: str | None) -> dict[str, Any]:
        # The same size and nesting bounds as intake (formats.digisos.limits), so a hostile
        # file is refused with a message, never a crash or a parser recursing without end.
        data, error = loads_bounded(self._read(source, "--soknad").encode("utf-8"), "--soknad")
        if error is not None:
            raise CommandError(error, returncode=BAD_INPUT)
        try:
            innhold = parse_soknad(data)
        except SoknadInvalid as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        try:
            when = cli_args.case_month(month) if month else None
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"--month: {exc}", returncode=BAD_INPUT) from exc
        household = household_json_from_soknad(innhold, month=when)
        if not household["adults"]:
            raise CommandError("--soknad: søknaden har verken fødselsdato eller gyldig "
                               "fødselsnummer for søkeren.", returncode=BAD_INPUT)
        try:  # who is in the household: the rules' one definition (members_at_rate)
            household.update(members_json(innhold, applicant=household["adults"][0]))
        except InvalidHousehold as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        if "month" not in household:
            raise CommandError("--month: søknaden har ikke innsendingstidspunkt; oppgi måneden.",
                               returncode=BAD_INPUT)
        return household

    @staticmethod
    def _read(source: str, option: str) -> str:
        if source == "-":
            return sys.stdin.read()
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{option}: kan ikke lese {source!r} ({exc.__class__.__name__}).",
                               returncode=BAD_INPUT) from exc
