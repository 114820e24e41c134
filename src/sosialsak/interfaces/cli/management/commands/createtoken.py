"""Create a personal API token for a user; it is printed once and stored only as a hash."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sosialsak.contexts.accounts.models import User
from sosialsak.contexts.accounts.tokens import create_token


class Command(BaseCommand):
    help = "Create an API token for USER (use it as 'Authorization: Bearer <token>')."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **o: Any) -> None:
        user = User.objects.filter(username=o["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Fant ingen aktiv bruker «{o['username']}».")
        self.stdout.write(create_token(user=user, name=o["name"]))
