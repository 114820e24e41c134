"""``sosialsak retention list|confirm``: data past its retention period (issue 18 item 5).

``list`` adds what is due to the list and prints it (ids, kinds, dates; no personal data).
``confirm --leder USERNAME ID ...`` carries out listed removals as that leder, in their
office's scope: nothing is removed without a leder's confirmation.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sosialsak.contexts.accounts.models import User
from sosialsak.contexts.accounts.scope import scope_for, system_scope
from sosialsak.contexts.archive.retention import confirm, list_due
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.interfaces.cli import args as cli_args
from sosialsak.kernel.errors import DomainError


class Command(BaseCommand):
    help = "Opplysninger som har passert oppbevaringstiden: list, eller bekreft sletting."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        sub.add_parser("list", help="List det som har passert oppbevaringstiden.")
        conf = sub.add_parser("confirm", help="Slett eller anonymiser oppførte kandidater "
                              "(krever en leder).")
        conf.add_argument("--leder", required=True, metavar="BRUKERNAVN")
        conf.add_argument("ids", nargs="+", type=cli_args.record_id, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        with audit_channel("cli"):
            if options["subcommand"] == "list":
                for k in list_due(scope=system_scope(), now=now):
                    periode = "" if k.bekreftet_periode else " (kommunen bekrefter perioden)"
                    self.stdout.write(f"{k.pk}\tsøknad {k.soknad_id}\t{k.kategori}\t"
                                      f"{k.tiltak}\tavsluttet {k.avsluttet}\tutløp {k.utlop}"
                                      f"\t{k.hjemmel}{periode}")
                return
            user = User.objects.filter(username=options["leder"][:150], is_active=True).first()
            if user is None:
                raise CommandError("Fant ingen aktiv bruker med det brukernavnet.", returncode=2)
            try:
                done = confirm(scope=scope_for(user), actor=user, kandidat_ids=options["ids"],
                               now=now)
            except DomainError as exc:
                raise CommandError(exc.message, returncode=1) from None
        for k in done:
            self.stdout.write(f"{k.pk}\tsøknad {k.soknad_id}\t{k.kategori}\t{k.tiltak}\tutført")
