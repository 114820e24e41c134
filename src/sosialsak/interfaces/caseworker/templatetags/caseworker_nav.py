"""Template tags for the caseworker's navigation (counts shown in the main menu)."""

from __future__ import annotations

from typing import Any

from django import template

from sosialsak.contexts.decisions.queries import approvals_waiting_count
from sosialsak.interfaces.caseworker.common import scope_of

register = template.Library()


@register.simple_tag(takes_context=True)
def approvals_waiting(context: dict[str, Any]) -> int:
    """Return how many decisions wait for the caller's approval at their office."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return approvals_waiting_count(scope_of(request))
