"""Helpers shared by the case-progress views (private)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.interfaces.caseworker.common import scope_of


def staff_scope(request: HttpRequest) -> Scope:
    """Return the caller's scope; refuse citizens and users without an office."""
    scope = scope_of(request)
    if scope.is_citizen or not scope.kontor_ids:
        raise PermissionDenied
    return scope


def back_to_case(soknad_id: int, anchor: str = "") -> HttpResponse:
    url = reverse("case", kwargs={"soknad_id": soknad_id})
    return redirect(f"{url}#{anchor}" if anchor else url)
