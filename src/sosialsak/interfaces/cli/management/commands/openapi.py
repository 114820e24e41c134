"""Print the API's OpenAPI document (JSON), for integrators."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from sosialsak.interfaces.api.api import api


class Command(BaseCommand):
    help = "Print the OpenAPI document of the JSON API."

    def handle(self, *args: Any, **o: Any) -> None:
        schema = api.get_openapi_schema(path_prefix="/api")
        self.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False))
