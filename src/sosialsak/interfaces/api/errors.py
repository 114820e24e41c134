"""The API's one error shape ``{code, message, extra}`` for every refusal (issue 10, item 11).

ninja's own answers (``{"detail": ...}`` for a failed CSRF check, a body that is not JSON, a
method not allowed, a 500) and Django's (a 404 page for an unknown path under /api/) are put
in the same shape: here for the handlers in ``api.py``, and by ``ApiErrorShapeMiddleware`` for
what happens outside ninja's operations. The shape is documented on every operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

CSRF_MESSAGE = "CSRF-kontrollen feilet. Last siden på nytt, eller bruk et API-token."
BODY_MESSAGE = "Innholdet kunne ikke leses som JSON."

# code and message per status, for refusals that carry nothing more specific.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Forespørselen kunne ikke leses."),
    401: ("unauthenticated", "Logg inn eller bruk et gyldig API-token."),
    403: ("forbidden", "Du har ikke tilgang til dette."),
    404: ("not_found", "Fant ikke det du ba om. Det finnes ikke, eller du har ikke tilgang til "
                       "det."),
    405: ("method_not_allowed", "Metoden er ikke tillatt for denne adressen."),
    413: ("too_large", "Forespørselen er for stor."),
    422: ("invalid_input", "Innholdet er ugyldig."),
    429: ("throttled", "For mange forespørsler. Vent litt og prøv igjen."),
    500: ("server_error", "Noe gikk galt hos oss. Feilen er logget."),
}

# Documented on every operation, so a client (and schemathesis) knows each one can happen.
DOCUMENTED = {
    400: "A domain rule refused the request, or the body is not JSON.",
    401: "Not logged in, or no valid API token.",
    403: "The browser session's CSRF check failed.",
    404: "No such object, or outside the caller's scope (the same answer, so ids cannot be "
         "probed).",
    422: "Input that does not fit the schema; extra.field names the field.",
    500: "An unexpected failure (logged without the request's content).",
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "description": "Every error the API gives.",
    "properties": {
        "code": {"title": "Code", "type": "string"},
        "message": {"title": "Message", "type": "string"},
        "extra": {"title": "Extra", "type": "object", "additionalProperties": True,
                  "default": {}},
    },
    "required": ["code", "message"],
}


def error_body(status: int) -> dict[str, Any]:
    code, message = STATUS_ERRORS.get(status, STATUS_ERRORS[500 if status >= 500 else 400])
    return {"code": code, "message": message, "extra": {}}


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """422: each field with what is wrong; the value itself is never echoed (it may be a
    fødselsnummer)."""
    fields = [{"field": ".".join(str(x) for x in e.get("loc", ())[1:]) or "body",
               "message": str(e.get("msg", ""))} for e in errors]
    first = fields[0] if fields else {"field": "body", "message": "ugyldig innhold"}
    return {"code": "invalid_input", "message": f"{first['field']}: {first['message']}",
            "extra": {"field": first["field"], "errors": fields}}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error responses to every operation of the OpenAPI document."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Error",
                                                                             ERROR_SCHEMA)
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, text in DOCUMENTED.items():
                if str(status) not in responses and status not in responses:
                    responses[str(status)] = {
                        "description": text,
                        "content": {"application/json": {"schema": ERROR_REF}}}
    return schema


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class ApiErrorShapeMiddleware:
    """Under /api/, an error answered outside ninja's handlers (Django's 404 page for an
    unknown path, ninja's plain-text 405, a 500 page) is answered in the one error shape
    instead. JSON answers are the operations' own and documented, so they are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (request.path.startswith("/api/") and response.status_code >= 400
                and not _is_json(response)):
            shaped = JsonResponse(error_body(response.status_code),
                                  status=response.status_code)
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
