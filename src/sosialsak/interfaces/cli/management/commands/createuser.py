"""Create a user with a role: ``sosialsak createuser NAME --role veileder --kontor 0312``."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.operations import create_user
from sosialsak.kernel.errors import DomainError


class Command(BaseCommand):
    help = "Create a user with one role (veileder, leder, statsforvalter, bruker, admin)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--kontor", default="", help="enhetsnummer of the NAV office")
        parser.add_argument("--fylke", default="", help="fylkesnummer (statsforvalter)")
        parser.add_argument("--password", default=None,
                            help="omit to be asked (or set SOSIALSAK_PASSWORD)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--strengt-fortrolig", action="store_true",
                            help="may see cases of people with strengt fortrolig adresse")

    def handle(self, *args: Any, **o: Any) -> None:
        kontor = None
        if o["kontor"]:
            kontor = NavKontor.objects.filter(enhetsnummer=o["kontor"]).first()
            if kontor is None:
                raise CommandError(f"--kontor: fant ikke NAV-kontor {o['kontor']}.")
        password = o["password"]
        if password is None and o["role"] != Role.BRUKER:
            password = os.environ.get("SOSIALSAK_PASSWORD") or getpass.getpass("Passord: ")
        extra = ("accounts.view_strengt_fortrolig",) if o["strengt_fortrolig"] else ()
        try:
            user = create_user(username=o["username"], password=password, role=o["role"],
                               kontor=kontor, fylkesnummer=o["fylke"],
                               first_name=o["first_name"], last_name=o["last_name"],
                               extra_permissions=extra)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Opprettet {user.username} ({o['role']}).")
