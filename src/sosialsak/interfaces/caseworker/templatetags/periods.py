"""``{{ til|siste_dag|date:"d.m.Y" }}``: the last day of a stored half-open period."""

from __future__ import annotations

from datetime import date

from django import template

from sosialsak.kernel.periods import inclusive_end

register = template.Library()


@register.filter
def date_iso(value: date | str | None) -> date | None:
    """A date from a draft's ISO string (or a date), for the ``date`` filter."""
    if value is None or value == "":
        return None
    return date.fromisoformat(value) if isinstance(value, str) else value


@register.filter
def siste_dag(til: date | str | None) -> date | None:
    return inclusive_end(til)
