"""Load the synthetic demo data set (once; later runs say it is already there). Every run
prints the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from sosialsak.interfaces.cli import args as cli_args
from sosialsak.interfaces.cli import demo_data, demo_population


class Command(BaseCommand):
    help = "Load demo data: two NAV offices, a user per role and about 60 applications."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing (exit 0) when demo data is already loaded")
        parser.add_argument("--population", type=lambda v: cli_args.small_count(v, 1_000_000),
                            metavar="N", help="make N synthetic recipients for a KOSTRA year")
        parser.add_argument("--year", type=cli_args.report_year,
                            help="the reporting year of --population (default: this year)")
        parser.add_argument("--seed", type=cli_args.record_id, default=2026)

    def handle(self, *args: Any, **o: Any) -> None:
        if o.get("population"):
            year = o.get("year") or timezone.localdate().year
            counts = demo_population.load(n=o["population"], year=year, seed=o["seed"])
            self.stdout.write(f"Syntetisk befolkning for {year}: {counts['mottakere']} "
                              f"mottakere, {counts['kvp']} KVP-deltakere (NAV Fana, 4601).")
            return
        if demo_data.already_loaded():
            self.stdout.write("Demodata er allerede lastet.")
            self.print_logins()  # `make run` again should still say how to log in
            return
        counts = demo_data.load(now=timezone.now())
        self.stdout.write(f"Lastet demodata: {counts['soknader']} søknader.")
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(f"\nDemo-innlogginger (passord for alle: {demo_data.DEMO_PASSWORD}):")
        for username, role, office, *_ in demo_data.USERS:
            where = f" på kontor {office}" if office else ""
            self.stdout.write(f"  {username:16} {role}{where}")
        self.stdout.write("  bruker1, bruker2  bruker (innbygger; passord bare i utvikling)")
        self.stdout.write("Innbyggere logger inn på /mine/logg-inn/ (test-ID-porten på /dev-idp/, "
                          "med fødselsnummeret fra demodataene).")
