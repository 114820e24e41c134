"""Helpers shared by the server-rendered views: the caller's scope and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone

from sosialsak.contexts.accounts.scope import Scope, scope_for
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.kernel import bounds
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound

R = TypeVar("R", bound=HttpResponseBase)


def scope_of(request: HttpRequest) -> Scope:
    cached = getattr(request, "_sosialsak_scope", None)
    if cached is None:
        cached = scope_for(request.user)  # type: ignore[arg-type]
        request._sosialsak_scope = cached  # type: ignore[attr-defined]
    return cached


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return local_date(timezone.now())


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NOT_FOUND_ANY = "Fant ikke det du ba om. Det finnes ikke, eller du har ikke tilgang til det."


def audit_refused_change(request: HttpRequest) -> None:
    """Audit a change that was refused as not found (outside scope, or no such id).

    Called after the operation's transaction has rolled back, so the entry survives it; reads
    log their own denials. The entry names the endpoint by its URL name and the id from the
    URL's validated integer parameters, never by the raw path (a free-text segment could hold
    personal data; issue 10)."""
    if request.method in SAFE_METHODS:
        return
    user = request.user if request.user.is_authenticated else None
    match = request.resolver_match
    ids = [str(v) for v in (match.kwargs.values() if match else ())
           if isinstance(v, int) or (isinstance(v, str) and v.isascii() and v.isdigit())]
    # Filed under the caller's own office, so its leder sees the attempts in the audit log.
    record(actor=user, action=Action.DENIED, object_type="endepunkt",
           object_id=ids[0] if ids else "", kontor_id=getattr(user, "kontor_id", None),
           purpose=f"endre: {match.url_name if match and match.url_name else 'ukjent'}")


def not_found_as_404(view: Callable[..., R]) -> Callable[..., R]:
    """Turn the domain's NotFound into Django's 404 page (which shows no detail), auditing a
    refused change."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            audit_refused_change(request)
            raise Http404(exc.message) from exc

    return wrapper


def plain(exc: DomainError) -> str:
    """The message for a person to read: without the leading field name that the API keeps
    for programs ("kontonummer: ..."), since the page shows the message by the field."""
    field = str(exc.extra.get("field", ""))
    message = exc.message
    if field and message.startswith(f"{field}: "):
        message = message[len(field) + 2:]
        message = message[:1].upper() + message[1:]
    return message


def show_error(form: Any, exc: DomainError, aliases: dict[str, str] | None = None) -> None:
    """Put a domain error on the form field it names (or on the form as a whole)."""
    field = str(exc.extra.get("field", ""))
    field = (aliases or {}).get(field, field)
    form.add_error(field if field in form.fields else None, plain(exc))


def post_int(request: HttpRequest, name: str, missing: int = -1) -> int:
    """A whole number from the posted form (spaces allowed); ``missing`` when absent, not a
    plain number or beyond ``bounds.MAX_ID``, which the operation then refuses as an unknown id
    or value."""
    value = bounds.parse_id(request.POST.get(name, "").replace(" ", ""))
    return missing if value is None else value


def post_date(request: HttpRequest, name: str) -> date | None:
    """A case date (ÅÅÅÅ-MM-DD) from the posted form, or None when absent.

    A malformed date or one outside ``bounds`` raises ``OutOfRange`` naming the field (the
    views show it as the action's error), instead of being read as "no date"."""
    raw = request.POST.get(name, "").strip()
    return bounds.parse_case_date(raw, field=name) if raw else None


def own_kontor_id(request: HttpRequest) -> int:
    """The caller's own office (for office settings and payments); NotFound without one."""
    kontor_id = getattr(request.user, "kontor_id", None)
    if kontor_id is None:
        raise NotFound("Du hører ikke til et NAV-kontor.")
    return int(kontor_id)
