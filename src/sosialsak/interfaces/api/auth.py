"""API authentication: a personal bearer token, or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from sosialsak.contexts.accounts.tokens import user_for_token
from sosialsak.interfaces.caseworker.readonly import refuse_read_only_write


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
            # Issue 12: a read-only role's change is refused with 403 (session calls are
            # refused earlier, by ReadOnlyRoleMiddleware).
            refuse_read_only_write(request)
        return user


class SessionUserAuth(SessionAuth):
    """The browser session; ninja checks the CSRF token for unsafe methods."""
