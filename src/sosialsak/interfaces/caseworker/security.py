"""Web security: no caching of personal data (issue 10, item 7), the acting user for the
audit of access changes (item 9), and the login lock-out page (item 8).

Every page, API response and file download here may hold personal data, so no browser,
proxy or shared computer may keep a copy: ``Cache-Control: no-store`` on all of them. Static
files are served by WhiteNoise before this middleware runs and keep their long cache times;
the path check covers a server that serves them through Django instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from sosialsak.contexts.audit.access_log import acting_user


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.path.startswith(self.static):
            add_never_cache_headers(response)
        return response


class ActingUserMiddleware:
    """Name the request's user for the audit log's record of access changes (who changed
    whom), and so that no account can change its own roles, office or permissions."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with acting_user(getattr(request, "user", None)):
            return self.get_response(request)


def login_locked_out(request: HttpRequest, response: object = None,
                     credentials: object = None) -> HttpResponse:
    """The login page again with a plain message, status 429 (django-axes' lock-out)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "caseworker/login.html",
                  {"form": AuthenticationForm(request), "locked_minutes": minutes}, status=429)


def client_str(*_: object) -> str:
    """django-axes' log line names no username and no address (no personal data in logs)."""
    return "login client"
