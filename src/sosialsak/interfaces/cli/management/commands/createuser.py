"""Create a user with a role: ``sosialsak createuser NAME --role veileder --kontor 0312``.

The password comes from ``--password``, else ``SOSIALSAK_PASSWORD``, else a prompt on the
terminal; without a terminal (a script, a pipe) the command stops instead of waiting. Citizens
(``bruker``) get no password unless one is given. The password must pass the configured
password validators (at least 10 characters, not a common password). Bad input exits with
code 2 and one line naming the option.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.operations import create_user
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.kernel.errors import DomainError

BAD_INPUT = 2
# The operation names model fields; the person at the terminal typed options.
OPTION_FOR = {"username": "NAME", "password": "--password", "kontor": "--kontor",
              "fylkesnummer": "--fylke", "role": "--role", "first_name": "--first-name",
              "last_name": "--last-name"}


class Command(BaseCommand):
    help = "Create a user with one role (veileder, leder, statsforvalter, bruker, admin)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--kontor", default="", help="enhetsnummer of the NAV office")
        parser.add_argument("--fylke", default="", help="fylkesnummer (statsforvalter)")
        parser.add_argument("--password", default=None,
                            help="at least 10 characters; omit to be asked on the terminal "
                                 "(or set SOSIALSAK_PASSWORD)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--strengt-fortrolig", action="store_true",
                            help="may see cases of people with strengt fortrolig adresse")

    def handle(self, *args: Any, **o: Any) -> None:
        kontor = None
        if o["kontor"]:
            kontor = NavKontor.objects.filter(enhetsnummer=o["kontor"]).first()
            if kontor is None:
                raise CommandError(f"--kontor: fant ikke NAV-kontor {o['kontor']}.",
                                   returncode=BAD_INPUT)
        password = o["password"]
        if password is None and o["role"] != Role.BRUKER:
            password = os.environ.get("SOSIALSAK_PASSWORD") or self._ask_password()
        extra = ("accounts.view_strengt_fortrolig",) if o["strengt_fortrolig"] else ()
        try:
            with audit_channel("cli"):  # the Tilgangslogg records the new user and its access
                user = create_user(username=o["username"], password=password, role=o["role"],
                                   kontor=kontor, fylkesnummer=o["fylke"],
                                   first_name=o["first_name"], last_name=o["last_name"],
                                   extra_permissions=extra)
        except DomainError as exc:
            raise CommandError(_as_option(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(f"Opprettet {user.username} ({o['role']}).")

    @staticmethod
    def _ask_password() -> str:
        missing = CommandError("--password: oppgi passordet med --password eller "
                               "SOSIALSAK_PASSWORD; det er ingen terminal å spørre i.",
                               returncode=BAD_INPUT)
        if not sys.stdin.isatty():
            raise missing
        try:
            return getpass.getpass("Passord: ")
        except (EOFError, KeyboardInterrupt) as exc:
            raise missing from exc


def _as_option(exc: DomainError) -> str:
    """Return the message with the model field it names replaced by the option, on one line."""
    message = " ".join(exc.message.split())
    field = exc.extra.get("field")
    option = OPTION_FOR.get(field) if isinstance(field, str) else None
    if option and message.startswith(f"{field}: "):
        message = f"{option}: {message.removeprefix(f'{field}: ')}"
    return message
