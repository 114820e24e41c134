"""Shared by the citizen's pages: who is logged in, and the office's contact for nødhjelp."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from sosialsak.contexts.accounts.models import NavKontor, User
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.interfaces.caseworker.common import not_found_as_404, scope_of
from sosialsak.interfaces.citizen.oidc import PID_KEY

R = TypeVar("R", bound=HttpResponseBase)


def citizen_only(view: Callable[..., R]) -> Callable[..., R]:
    """Logged in as a citizen (not staff); the domain's NotFound becomes a plain 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        if not scope_of(request).is_citizen:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    guarded: Callable[..., R] = not_found_as_404(wrapper)
    return login_required(guarded, login_url="citizen:login")


def citizen_fnr(request: HttpRequest) -> str:
    """The logged-in person's fødselsnummer: from the login (pid), or the linked person."""
    pid = request.session.get(PID_KEY)
    if pid:
        return str(pid)
    person = getattr(request.user, "person", None)
    return str(getattr(person, "fodselsnummer", "") or "")


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def office_contact(enhetsnummer: str) -> dict[str, str] | None:
    """The office's phone, address and opening hours in words (for nødhjelp)."""
    kontor = NavKontor.objects.filter(enhetsnummer=enhetsnummer).first()
    if kontor is None:
        return None
    s = settings_for(kontor.pk)
    names = [_("mandag"), _("tirsdag"), _("onsdag"), _("torsdag"), _("fredag"), _("lørdag"),
             _("søndag")]
    days = ", ".join(names[int(d) - 1] for d in sorted(s.apne_dager))
    return {"navn": kontor.navn, "telefon": kontor.telefon, "adresse": kontor.adresse,
            "apent": f"{days} {s.apner:%H:%M}–{s.stenger:%H:%M}"}
