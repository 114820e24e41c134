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
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

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


def not_found_as_404(view: Callable[..., R]) -> Callable[..., R]:
    """Turn the domain's NotFound into Django's 404 page (which shows no detail)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper
