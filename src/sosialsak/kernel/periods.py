"""Periods are stored half-open, ``[fra, til)`` (the first day after the period), which makes
months and overlaps simple; people read periods with the last day included. Every display
(page, letter, API ``periode_tom``, innsyn ``tom``) goes through ``inclusive_end``."""

from __future__ import annotations

from datetime import date, timedelta


def inclusive_end(til: date | str | None) -> date | None:
    """Return the last day of a period that ends (exclusive) on ``til``; None when open.

    ``til`` may be an ISO date string (decision drafts are stored as JSON)."""
    if til is None or til == "":
        return None
    day = date.fromisoformat(til) if isinstance(til, str) else til
    return day - timedelta(days=1)
