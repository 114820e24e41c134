"""The system checks a quick command runs before it starts (issue 13, start-up).

Django runs every system check before a command, and the URL checks import the whole URLconf:
every view and the API with its schemas, about a second of each call. ``rates`` and
``calculate`` serve no URL, so they run every check but those (``requires_system_checks =
WITHOUT_URLS``); ``sosialsak check``, the server and the other commands still run them all.
"""

from __future__ import annotations

from django.core.checks import Tags

from sosialsak.contexts.rates.apps import COMMENCEMENT_CHECKS

WITHOUT_URLS: list[str] = [
    Tags.admin, Tags.async_support, Tags.caches, Tags.commands, Tags.compatibility, Tags.files,
    Tags.models, Tags.signals, Tags.staticfiles, Tags.templates, Tags.translation,
    COMMENCEMENT_CHECKS,
]
