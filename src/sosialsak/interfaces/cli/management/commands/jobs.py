"""``sosialsak jobs daily``: the scheduled sweep an operator runs from cron or a timer.

It imports the Digisos inbox, sends documentation reminders that are due, and writes every
application's innsyn file to the outbox. Each step is one call inward, run as the system.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sosialsak.contexts.accounts.scope import system_scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.cases.operations import send_due_reminders
from sosialsak.contexts.digisos import importer, outbox


class Command(BaseCommand):
    help = "Run scheduled jobs: 'daily' imports the inbox, sends reminders and exports innsyn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", choices=["daily", "inbox", "reminders", "innsyn"])

    def handle(self, *args: Any, **options: Any) -> None:
        job, now, failed, failed_exports = options["job"], timezone.now(), 0, 0
        with audit_channel("job"):
            if job in ("daily", "inbox"):
                results = importer.import_inbox(now=now)
                failed += sum(not r.ok for r in results)
                unread = sum(r.outcome == "IKKE_LEST" for r in results)
                self.stdout.write(f"inbox: {len(results)} leveranser, "
                                  f"{sum(r.outcome == 'KARANTENE' for r in results)} i karantene"
                                  + (f", {unread} kunne ikke leses" if unread else ""))
                for r in results:
                    if r.outcome == "KARANTENE":
                        self.stderr.write(f"{r.label}: levering {r.levering_id} i karantene")
                    elif r.outcome == "IKKE_LEST":
                        self.stderr.write("; ".join(r.errors))
            if job in ("daily", "reminders"):
                reminded = send_due_reminders(scope=system_scope(), actor=None, now=now)
                self.stdout.write(f"påminnelser: {len(reminded)} søknader")
            if job in ("daily", "innsyn"):
                run = outbox.export_all(now=now)
                self.stdout.write(f"innsyn: {len(run.exported)} filer skrevet"
                                  + (f", {len(run.failed)} feilet" if run.failed else ""))
                for failure in run.failed:
                    self.stderr.write(f"søknad {failure.soknad_id}: {failure.reason}")
                failed_exports = len(run.failed)
        problems = [f"{failed} leveranser ble ikke importert"] if failed else []
        if failed_exports:
            problems.append(f"{failed_exports} innsynsfiler kunne ikke skrives")
        if problems:
            raise CommandError(" og ".join(problems) + ".", returncode=1)
