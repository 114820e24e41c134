"""JSON API v1. Each endpoint makes one call inward; one error shape {code, message, extra}."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sosialsak import __version__
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue_page
from sosialsak.contexts.decisions.operations import change_status
from sosialsak.contexts.intake.operations import (
    ApplicantInput,
    PostInput,
    SoknadInput,
    register_with_applicant,
)
from sosialsak.contexts.people.operations import BarnInput, PartnerInput
from sosialsak.interfaces.api.auth import SessionUserAuth, TokenAuth
from sosialsak.interfaces.api.bounds import Code, Id, SearchTerm
from sosialsak.interfaces.api.errors import (
    BODY_MESSAGE,
    CSRF_MESSAGE,
    document_errors,
    error_body,
    validation_body,
)
from sosialsak.interfaces.api.schemas import (
    Error,
    RegisterIn,
    SoknadDetailOut,
    SoknadListItem,
    SoknadStatusIn,
    StatusOut,
)
from sosialsak.interfaces.caseworker.common import (
    NOT_FOUND_ANY,
    audit_refused_change,
    scope_of,
    today,
)
from sosialsak.kernel.errors import DomainError, NotFound

logger = logging.getLogger(__name__)


class SosialsakAPI(NinjaAPI):
    """The API, with the one error shape documented on every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema)


class LocalSwagger(Swagger):
    """Swagger UI from ninja's static files (ninja is in INSTALLED_APPS), on our page with
    lang="nb" and a title; it runs under the Content-Security-Policy (issue 12, item 7)."""

    template = "api/swagger.html"


api = SosialsakAPI(
    title="sosialsak API",
    version="1",
    description="Søknader om økonomisk sosialhjelp, saker og vedtak i kallerens tilgang. "
    f"sosialsak {__version__}. Every error has the shape {{code, message, extra}}.",
    auth=[TokenAuth(), SessionUserAuth()],
    urls_namespace="api",
    docs_url="/docs",
    # No deep links: they put a link inside each operation's button (nested controls, axe).
    docs=LocalSwagger(settings={"deepLinking": False}),
)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    """One answer for every object that is missing or outside the caller's scope, so ids
    cannot be probed; a refused change is audited here (reads audit their own)."""
    with audit_channel("api"):
        audit_refused_change(request)
    return api.create_response(request, {"code": exc.code, "message": NOT_FOUND_ANY,
                                         "extra": {}}, status=404)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Input that does not fit the schema, in the one error shape. The field is named; the
    value is never echoed (it may be a fødselsnummer)."""
    return api.create_response(request, validation_body(exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, error_body(401), status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals (a failed CSRF check, a body that is not JSON) in the one shape."""
    status = exc.status_code
    if status == 403 and "csrf" in str(exc).lower():
        body = {"code": "csrf_failed", "message": str(CSRF_MESSAGE), "extra": {}}
    elif status == 400:
        body = {"code": "invalid_body", "message": str(BODY_MESSAGE), "extra": {"field": "body"}}
    else:
        body = error_body(status)
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def no_such_page(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, error_body(404), status=404)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An unexpected failure: logged with its type only (the message may hold personal data),
    answered in the one shape without detail."""
    logger.error("API %s %s failed: %s", request.method,
                 request.resolver_match.route if request.resolver_match else "?",
                 type(exc).__name__, exc_info=settings.DEBUG)
    return api.create_response(request, error_body(500), status=500)


def _plain(obj: Any) -> Any:
    return dataclasses.asdict(obj)


@api.get("/v1/soknader", response={200: list[SoknadListItem], 400: Error}, tags=["søknader"],
         summary="List søknader i din tilgang")
def list_soknader(
    request: HttpRequest, response: HttpResponse, status: Code = "", q: SearchTerm = "",
    tildelt: Code = "",
    etter: str = Query("", description="Sidemarkør: verdien fra forrige sides `Link`-hode "
                       "(`rel=\"next\"`). Tom: første side."),
    limit: int = Query(100, ge=1, le=500, description="Antall søknader per side (1–500)."),
) -> list[dict[str, Any]]:
    """List søknadene i kallerens tilgang: hastesaker først, deretter de eldste. `tildelt`:
    `mine`, `unassigned` (ingen saksbehandler) eller `team` (ditt kontor); tom: alle.

    Sidedelt med nøkkel: finnes det flere, har svaret hodet
    `Link: </api/v1/soknader?etter=…&limit=…>; rel="next"` (samme filtre); følg det til det
    mangler. `X-Total-Count` gir antall treff i alle sider. Hver listet søknad loggføres som
    lest."""
    with audit_channel("api"):
        page = work_queue_page(scope=scope_of(request), actor=request.user,
                               filters=QueueFilter(status=status, search=q, assigned=tildelt),
                               today=today(), purpose="api: liste søknader",
                               include_closed=bool(status), etter=etter, limit=limit)
    if page.neste:
        query = request.GET.copy()
        query["etter"], query["limit"] = page.neste, str(limit)
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    if page.total is not None:
        response["X-Total-Count"] = str(page.total)
    return [_plain(r) for r in page.rows]


@api.get("/v1/soknader/{soknad_id}", response={200: SoknadDetailOut, 404: Error},
         tags=["søknader"], summary="Les én søknad")
def get_soknad(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Les én søknad med husstand, poster, vedtak, utbetalinger og hendelser."""
    with audit_channel("api"):
        detail = case_detail(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                             today=today(), purpose="api: lese søknad")
    return _plain(detail)


@api.post("/v1/soknader", response={201: StatusOut, 400: Error, 404: Error}, tags=["søknader"],
          summary="Registrer søknad på papir, muntlig eller telefon")
def register(request: HttpRequest, body: RegisterIn) -> tuple[int, dict[str, Any]]:
    """Registrer en søknad mottatt på papir, muntlig eller på telefon, for kallerens NAV-kontor."""
    user = request.user
    kontor = getattr(user, "kontor", None)
    if kontor is None:
        raise NotFound("Du hører ikke til et NAV-kontor og kan ikke registrere søknader.")
    with audit_channel("api"):
        soknad = register_with_applicant(
            scope=scope_of(request), actor=user, kontor=kontor,
            applicant=ApplicantInput(fodselsnummer=body.fodselsnummer, fornavn=body.fornavn,
                                     etternavn=body.etternavn, telefon=body.telefon),
            partner=PartnerInput(navn=body.partner.navn, relasjon=body.partner.relasjon,
                                 fodselsnummer=body.partner.fodselsnummer)
            if body.partner else None,
            barn=[BarnInput(navn=b.navn, fodselsdato=b.fodselsdato, bosted=b.bosted,
                            fodselsnummer=b.fodselsnummer) for b in body.barn],
            data=SoknadInput(kanal=body.kanal, mottatt_at=body.mottatt_at,
                             poster=[PostInput(type=p.type, beskrivelse=p.beskrivelse,
                                               belop=p.belop) for p in body.poster],
                             nodhjelp=body.nodhjelp, egne_ord=body.egne_ord,
                             deler_bolig=body.deler_bolig),
        )
    return 201, {"id": soknad.pk, "status": soknad.status}


@api.post("/v1/soknader/{soknad_id}/status", response={200: StatusOut, 400: Error, 404: Error},
          tags=["søknader"], summary="Endre status på søknad")
def set_status(request: HttpRequest, soknad_id: Id, body: SoknadStatusIn) -> dict[str, Any]:
    """Endre søknadens status. Avvises (400) så lenge en post mangler vedtak, eller, for
    FERDIGBEHANDLET, så lenge dokumentasjonskrav er åpne og ``lukk_dokumentasjonskrav`` ikke er
    satt (er det satt, trekkes kravene og innsyn slutter å be om dem)."""
    with audit_channel("api"):
        soknad = change_status(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               target=body.status, now=timezone.now(), reason=body.begrunnelse,
                               close_requests=body.lukk_dokumentasjonskrav)
    return {"id": soknad.pk, "status": soknad.status}


from sosialsak.interfaces.api.payments_api import payments_router  # noqa: E402 - issue 6

api.add_router("/v1", payments_router)


from sosialsak.interfaces.api.cases_api import router as cases_router  # noqa: E402 - issue 5

api.add_router("/v1", cases_router)

from sosialsak.interfaces.api.workspace_api import router as workspace_router  # noqa: E402

api.add_router("/v1", workspace_router)

from sosialsak.interfaces.api.digisos_api import router as digisos_router  # noqa: E402

api.add_router("/v1", digisos_router)


from sosialsak.interfaces.api.decisions_api import router as decisions_router  # noqa: E402
from sosialsak.interfaces.api.decisions_followup_api import (  # noqa: E402
    router as decisions_followup_router,
)

api.add_router("/v1", decisions_router)
api.add_router("/v1", decisions_followup_router)

from sosialsak.interfaces.api.followup_api import router as followup_router  # noqa: E402 - issue 14

api.add_router("/v1", followup_router)

from sosialsak.interfaces.api.find_api import install as install_find  # noqa: E402 - issue 12

install_find(api)

from sosialsak.interfaces.api.services_api import install as install_services  # noqa: E402 - issue 14

install_services(api)

from sosialsak.interfaces.api.kvp_api import kvp_router, tiltak_router  # noqa: E402 - issue 14

api.add_router("/v1", tiltak_router)
api.add_router("/v1", kvp_router)
