"""Template tags about the caller's role (issue 12, item 6): a read-only role sees no forms."""

from __future__ import annotations

from typing import Any

from django import template

from sosialsak.contexts.intake.assignment import colleagues
from sosialsak.interfaces.caseworker.common import scope_of

register = template.Library()


@register.simple_tag(takes_context=True)
def read_only_role(context: dict[str, Any]) -> bool:
    """True for a caller who reads cases but may change none (the Statsforvalter)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    scope = scope_of(request)
    return bool(scope.kontor_ids) and not scope.can_write


@register.filter
def tall(amount: object) -> str:
    """12400 → "12 400", with no-break spaces (Norwegian thousands grouping), for a text that
    says "kr" itself."""
    if amount is None or amount == "":
        return ""
    try:
        value = int(str(amount))
    except ValueError:
        return str(amount)
    return f"{value:,}".replace(",", "\u00a0").replace("-", "−")


@register.filter
def kr(amount: object) -> str:
    """12400 → "12 400 kr", with no-break spaces (Norwegian thousands grouping)."""
    text = tall(amount)
    return text + "\u00a0kr" if text and text[-1].isdigit() else text


@register.simple_tag(takes_context=True)
def office_colleagues(context: dict[str, Any]) -> list[Any]:
    """The caller's colleagues at the office (whom a case can be given to)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return colleagues(kontor_id=getattr(request.user, "kontor_id", None))
