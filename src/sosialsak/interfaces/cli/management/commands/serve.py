"""Serve the app with gunicorn (a production-grade WSGI server) on 127.0.0.1:8000 by default."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from sosialsak.interfaces.cli import args as cli_args


class Command(BaseCommand):
    help = "Serve sosialsak (collects static files first)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=cli_args.small_count, default=2)

    def handle(self, *args: Any, **opts: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        from gunicorn.app.wsgiapp import run

        sys.argv = ["gunicorn", "sosialsak.config.wsgi:application", "--bind", opts["bind"],
                    "--workers", str(opts["workers"]), "--access-logfile", "-",
                    "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(L)ss']
        self.stdout.write(f"sosialsak kjører på http://{opts['bind']}/  (Ctrl+C for å stoppe)")
        run()
