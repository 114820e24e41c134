"""``sosialsak jobs daily``: the scheduled sweep an operator runs from cron or a timer.

It imports the Digisos inbox, sends documentation reminders that are due, writes every
application's innsyn file to the outbox, and cleans up files a crash left behind. Each step is
one call inward, run as the system, and runs whatever happened to the steps before it: a step
that fails is reported on its own line and makes the exit code 1, the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sosialsak.contexts.accounts.scope import system_scope
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.cases.operations import send_due_reminders
from sosialsak.contexts.digisos import importer, outbox
from sosialsak.kernel.logsafe import failure

log = logging.getLogger("sosialsak.jobs")

STEPS = {"daily": ("inbox", "reminders", "innsyn", "sweep"), "inbox": ("inbox",),
         "reminders": ("reminders",), "innsyn": ("innsyn",), "sweep": ("sweep",)}


class Command(BaseCommand):
    help = ("Run scheduled jobs: 'daily' imports the inbox, sends reminders, exports innsyn "
            "and cleans up after crashes; each step runs even when another fails.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", choices=list(STEPS))

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        steps: dict[str, Callable[[datetime], str | None]] = {
            "inbox": self._inbox, "reminders": self._reminders, "innsyn": self._innsyn,
            "sweep": self._sweep}
        problems = []
        for name in STEPS[options["job"]]:
            try:
                with audit_channel("job"):
                    problem = steps[name](now)
            except Exception as exc:  # one broken step must not stop the others
                log.error("job step failed: %s: %s", name, failure(exc))
                self.stderr.write(f"{name}: feilet ({type(exc).__name__}); se loggen")
                problem = f"steget «{name}» feilet"
            if problem:
                problems.append(problem)
        if problems:
            raise CommandError(" og ".join(problems) + ".", returncode=1)

    def _inbox(self, now: datetime) -> str | None:
        results = importer.import_inbox(now=now)
        failed = sum(not r.ok for r in results)
        unread = sum(r.outcome == "IKKE_LEST" for r in results)
        waiting = sum(r.outcome == "VENTER" for r in results)
        self.stdout.write(f"inbox: {len(results) - waiting} leveranser, "
                          f"{sum(r.outcome == 'KARANTENE' for r in results)} i karantene"
                          + (f", {unread} kunne ikke leses" if unread else "")
                          + (f", {waiting} venter på å bli ferdig levert" if waiting else ""))
        for r in results:
            if r.outcome == "KARANTENE":
                self.stderr.write(f"{r.label}: levering {r.levering_id} i karantene")
            elif r.outcome == "IKKE_LEST":
                self.stderr.write("; ".join(r.errors))
        return f"{failed} leveranser ble ikke importert" if failed else None

    def _reminders(self, now: datetime) -> str | None:
        reminded = send_due_reminders(scope=system_scope(), actor=None, now=now)
        self.stdout.write(f"påminnelser: {len(reminded)} søknader")
        return None

    def _innsyn(self, now: datetime) -> str | None:
        run = outbox.export_all(now=now)
        self.stdout.write(f"innsyn: {len(run.exported)} filer skrevet"
                          + (f", {len(run.failed)} feilet" if run.failed else ""))
        for broken in run.failed:
            self.stderr.write(f"søknad {broken.soknad_id}: {broken.reason}")
        return f"{len(run.failed)} innsynsfiler kunne ikke skrives" if run.failed else None

    def _sweep(self, now: datetime) -> str | None:
        result = importer.sweep_files()
        self.stdout.write(f"opprydding: {result.recovered} vedleggsfiler flyttet på plass, "
                          f"{result.removed} filer uten rad slettet")
        return None
