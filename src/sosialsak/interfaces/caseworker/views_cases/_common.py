"""Helpers shared by the case-progress views (private)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.interfaces.caseworker.common import plain, scope_of
from sosialsak.kernel.errors import DomainError


def staff_scope(request: HttpRequest) -> Scope:
    """Return the caller's scope; refuse citizens and users without an office."""
    scope = scope_of(request)
    if scope.is_citizen or not scope.kontor_ids:
        raise PermissionDenied
    return scope


def show_error(form: forms.Form, exc: DomainError, aliases: dict[str, str] | None = None) -> None:
    """Put a domain error on the form field it names (or on the form as a whole)."""
    field = str(exc.extra.get("field", ""))
    field = (aliases or {}).get(field, field)
    form.add_error(field if field in form.fields else None, plain(exc))


def back_to_case(soknad_id: int, anchor: str = "") -> HttpResponse:
    url = reverse("case", kwargs={"soknad_id": soknad_id})
    return redirect(f"{url}#{anchor}" if anchor else url)
