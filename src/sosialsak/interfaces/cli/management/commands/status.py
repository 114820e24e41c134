"""``sosialsak status SOKNAD_ID TARGET --user USERNAME [--reason TEXT]``: move an application.

Goes through the same operation as the caseworker UI and the API (``decisions.operations.
change_status``) with the named user's scope, and is audited on channel "cli". An illegal
transition, an item without a decision, an application outside the user's scope (reported as
not found, exactly like one that does not exist, and audited as refused) or an unknown user
exits with code 2 and one line.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sosialsak.contexts.accounts.models import User
from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.audit.log import audit_channel, record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.operations import change_status
from sosialsak.contexts.intake.policy import LABELS
from sosialsak.kernel import bounds
from sosialsak.kernel.errors import DomainError, NotFound

BAD_INPUT = 2


class Command(BaseCommand):
    help = ("Endre status på en søknad som en bestemt bruker (samme regler som i "
            "saksbehandlingen). Statuser: " + ", ".join(LABELS) + ".")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("soknad_id", metavar="SOKNAD_ID", help="søknadens id (et tall)")
        parser.add_argument("target", metavar="TARGET",
                            help="ny status: " + ", ".join(LABELS))
        parser.add_argument("--user", required=True, metavar="USERNAME",
                            help="brukeren som endrer statusen (brukerens tilgang gjelder)")
        parser.add_argument("--reason", default="", metavar="TEXT",
                            help="begrunnelse som lagres i saksloggen")
        parser.add_argument("--close-requests", action="store_true",
                            help="lukk dokumentasjonskrav som ikke er besvart når saken "
                                 "ferdigbehandles (ellers avvises endringen)")

    def handle(self, *args: Any, **o: Any) -> None:
        raw_id = o["soknad_id"].strip()
        if bounds.parse_id(raw_id) is None:
            raise CommandError(f"SOKNAD_ID: skriv søknadens id som et tall, ikke {raw_id[:30]!r}.",
                               returncode=BAD_INPUT)
        target = o["target"].strip().upper()
        user = User.objects.filter(username=o["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"--user: fant ingen aktiv bruker «{o['user'][:60]}».",
                               returncode=BAD_INPUT)
        try:
            with audit_channel("cli"):
                soknad = change_status(scope=scope_for(user), actor=user, soknad_id=int(raw_id),
                                       target=target, now=timezone.now(),
                                       reason=o["reason"].strip(),
                                       close_requests=o["close_requests"])
        except NotFound as exc:
            with audit_channel("cli"):  # after the rollback, so that the refusal is kept
                record(actor=user, action=Action.DENIED, object_type="soknad",
                       object_id=int(raw_id), purpose="endre status")
            raise CommandError(f"SOKNAD_ID: {exc.message}", returncode=BAD_INPUT) from exc
        except DomainError as exc:
            raise CommandError(_one_line(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(f"Søknad {soknad.pk}: status er nå «{LABELS[soknad.status]}».")


def _one_line(exc: DomainError) -> str:
    message = " ".join(exc.message.split())
    if exc.extra.get("field") == "status" and message.startswith("status: "):
        message = f"TARGET: {message.removeprefix('status: ')} Gyldige: {', '.join(LABELS)}."
    return message
