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


@register.simple_tag(takes_context=True)
def sees_audit_log(context: dict[str, Any]) -> bool:
    """Return whether the menu shows the audit log: from the request's cached scope, so the
    menu costs no permission queries on every page (issue 13)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return scope_of(request).can_view_audit


@register.simple_tag(takes_context=True)
def sees_insight(context: dict[str, Any]) -> bool:
    """Return whether the menu shows the leder's dashboard (leder or Statsforvalter)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    scope = scope_of(request)
    return bool(scope.kontor_ids) and bool(scope.roles & {"leder", "statsforvalter"})
