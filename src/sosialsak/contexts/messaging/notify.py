"""The notification port: tells the person a message is waiting, never what it says.

The text is fixed and holds no personal data, so an SMS or e-mail adapter can send it as it is.
``SOSIALSAK_NOTIFIER``: "log" (the development adapter, which only logs the text), "" (nothing;
the default outside development). A municipality plugs in its SMS/e-mail gateway here.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings

NOTIFICATION_TEXT = "Du har en ny melding fra NAV"

log = logging.getLogger("sosialsak.notify")


class Notifier(Protocol):
    def notify(self, *, person_id: int, text: str) -> None:
        """Send ``text`` to the person's registered contact channel."""


class NoNotifier:
    def notify(self, *, person_id: int, text: str) -> None:
        return None


class LogNotifier:
    """Development only: logs the text (no id, no name, no contact details)."""

    def notify(self, *, person_id: int, text: str) -> None:
        log.info("varsel: %s", text)


def notifier() -> Notifier:
    kind = getattr(settings, "SOSIALSAK_NOTIFIER", None)
    if kind is None:
        kind = "log" if settings.DEBUG else ""
    return LogNotifier() if kind == "log" else NoNotifier()
