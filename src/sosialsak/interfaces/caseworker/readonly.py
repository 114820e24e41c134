"""A read-only role never changes anything (issue 12, item 6).

The Statsforvalter reads the county's cases; any change it sends (a form, an API call) is
refused here with 403 and a sentence saying why, before any view runs, instead of the 404
("Fant ikke siden") each operation would give for a case it may not change. The refusal is
audited under the caller's own id (no personal data: the path holds internal ids only).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.translation import gettext, gettext_noop
from django.views.defaults import permission_denied

from sosialsak.contexts.audit.log import audit_channel, record
from sosialsak.contexts.audit.models import Action
from sosialsak.interfaces.caseworker.common import SAFE_METHODS, scope_of
from sosialsak.kernel.errors import Forbidden

READ_ONLY_TEXT = gettext_noop("Rollen din kan lese saker, men ikke endre dem.")
# Signing out and choosing a language change nothing in a case.
EXEMPT = ("/logg-ut/", "/i18n/")
# Pages that hold nothing but a form for a change (issue 12: a read-only role sees no forms).
ACTION_PAGES = frozenset({
    "register", "vedtak_builder", "vedtak_preview", "kartlegging_del", "kartlegging_barn",
    "dokumentasjon_ny", "forelopig_svar", "samtale_ny", "veiledning_ny", "office_settings",
    "payment_settings", "decision_settings",
    # issue 14: the social services' form pages
    "service_plan_ny", "service_opphold_ny", "service_utestengelse_ny", "service_radgivning_ny",
    "service_henvisning_ny", "service_radgivning_avslutt", "service_bekymring_ny",
    "service_bekymring_svar", "service_vurdering_ny", "service_settings",
})


def forbidden_body(message: str) -> dict[str, object]:
    """The API's one error shape for a refused action."""
    return {"code": "forbidden", "message": message, "extra": {}}


def is_read_only_write(request: HttpRequest) -> bool:
    """Is this a change sent by a signed-in user whose role may only read?"""
    if request.method in SAFE_METHODS or request.path.startswith(EXEMPT):
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    scope = scope_of(request)
    return bool(scope.kontor_ids) and not scope.can_write


def audit_refusal(request: HttpRequest) -> None:
    """Audit the refusal on the request's channel, naming the endpoint by its URL name and the
    id from its validated integer parameters, never the raw path (issue 10)."""
    try:
        match: ResolverMatch | None = resolve(request.path_info)
    except Resolver404:
        match = None
    ids = [str(v) for v in (match.kwargs.values() if match else ())
           if isinstance(v, int) or (isinstance(v, str) and v.isascii() and v.isdigit())]
    user = request.user
    with audit_channel("api" if request.path.startswith("/api/") else "web"):
        record(actor=user, action=Action.DENIED, object_type="endepunkt",
               object_id=ids[0] if ids else "", kontor_id=getattr(user, "kontor_id", None),
               purpose=f"endre: {match.url_name if match and match.url_name else 'ukjent'}"
                       " (rollen kan bare lese)")


def refuse_read_only_write(request: HttpRequest) -> None:
    """Raise Forbidden (audited) for a read-only role's change (the API's token path)."""
    if is_read_only_write(request):
        audit_refusal(request)
        exc = Forbidden(gettext(READ_ONLY_TEXT))
        exc.audited = True  # type: ignore[attr-defined]
        raise exc


class ReadOnlyRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if is_read_only_write(request):
            return self.refuse(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: object, view_args: object,
                     view_kwargs: object) -> HttpResponseBase | None:
        """A page that is only a form for a change is refused to a read-only role too."""
        match = request.resolver_match
        if match is None or match.url_name not in ACTION_PAGES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        scope = scope_of(request)
        if scope.kontor_ids and not scope.can_write:
            return permission_denied(request, PermissionDenied(gettext(READ_ONLY_TEXT)))
        return None

    def refuse(self, request: HttpRequest) -> HttpResponseBase:
        audit_refusal(request)
        if request.path.startswith("/api/"):
            return JsonResponse(forbidden_body(gettext(READ_ONLY_TEXT)), status=403)
        return permission_denied(request, PermissionDenied(gettext(READ_ONLY_TEXT)))
