"""Base error types. Every domain error has a stable ``code`` and a message a person can act on."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Raise when a domain rule refuses an action; nothing has been changed.

    ``code`` is stable (for API clients and tests), ``message`` is plain language and says what
    and where, ``extra`` holds structured detail such as the field name.
    """

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "extra": self.extra}


class ValidationFailed(DomainError):
    """Raise when input is malformed; ``extra['field']`` names the field."""

    code = "validation_failed"


class NotFound(DomainError):
    """Raise when an object does not exist or lies outside the caller's scope (never say which)."""

    code = "not_found"


class Forbidden(DomainError):
    """Raise when the caller's role may not do this at all (a read-only role writing): the
    object may be in scope, so saying so reveals nothing (issue 12: 403, not 404)."""

    code = "forbidden"
