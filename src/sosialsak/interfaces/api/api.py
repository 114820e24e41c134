"""JSON API v1. Each endpoint makes one call inward; one error shape {code, message, extra}."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from sosialsak import __version__
from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue
from sosialsak.contexts.decisions.operations import change_status
from sosialsak.contexts.intake.operations import (
    ApplicantInput,
    PostInput,
    SoknadInput,
    register_with_applicant,
)
from sosialsak.contexts.people.operations import BarnInput, PartnerInput
from sosialsak.interfaces.api.auth import SessionUserAuth, TokenAuth
from sosialsak.interfaces.api.schemas import (
    Error,
    RegisterIn,
    SoknadDetailOut,
    SoknadListItem,
    StatusIn,
    StatusOut,
)
from sosialsak.interfaces.caseworker.common import (
    NOT_FOUND_ANY,
    audit_refused_change,
    scope_of,
    today,
)
from sosialsak.kernel.errors import DomainError, NotFound

api = NinjaAPI(
    title="sosialsak API",
    version="1",
    description="Søknader om økonomisk sosialhjelp, saker og vedtak i kallerens tilgang. "
    f"sosialsak {__version__}.",
    auth=[TokenAuth(), SessionUserAuth()],
    urls_namespace="api",
    docs_url="/docs",
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
    errors = [{"field": ".".join(str(x) for x in e.get("loc", ())[1:]) or "body",
               "message": str(e.get("msg", ""))} for e in exc.errors]
    first = errors[0] if errors else {"field": "body", "message": "ugyldig innhold"}
    body = {"code": "invalid_input", "message": f"{first['field']}: {first['message']}",
            "extra": {"field": first["field"], "errors": errors}}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    body = {"code": "unauthenticated", "message": "Logg inn eller bruk et gyldig API-token.",
            "extra": {}}
    return api.create_response(request, body, status=401)


def _plain(obj: Any) -> Any:
    return dataclasses.asdict(obj)


@api.get("/v1/soknader", response=list[SoknadListItem], tags=["søknader"])
def list_soknader(request: HttpRequest, status: str = "", q: str = "") -> list[dict[str, Any]]:
    """List applications in the caller's scope: urgent first, then oldest."""
    with audit_channel("api"):
        rows = work_queue(scope=scope_of(request), actor=request.user,
                          filters=QueueFilter(status=status, search=q[:100]), today=today(),
                          purpose="api: liste søknader", include_closed=bool(status))
    return [_plain(r) for r in rows]


@api.get("/v1/soknader/{soknad_id}", response={200: SoknadDetailOut, 404: Error},
         tags=["søknader"])
def get_soknad(request: HttpRequest, soknad_id: int) -> dict[str, Any]:
    """Read one application with household, items, decisions, payments and events."""
    with audit_channel("api"):
        detail = case_detail(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                             today=today(), purpose="api: lese søknad")
    return _plain(detail)


@api.post("/v1/soknader", response={201: StatusOut, 400: Error, 404: Error}, tags=["søknader"])
def register(request: HttpRequest, body: RegisterIn) -> tuple[int, dict[str, Any]]:
    """Register a paper, oral or phone application for the caller's office."""
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
          tags=["søknader"])
def set_status(request: HttpRequest, soknad_id: int, body: StatusIn) -> dict[str, Any]:
    """Change an application's status; refused (400) while any item lacks a decision, or,
    for FERDIGBEHANDLET, while documentation requests are open and ``lukk_dokumentasjonskrav``
    is not set (set, they are withdrawn and innsyn stops asking for them)."""
    with audit_channel("api"):
        soknad = change_status(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               target=body.status, now=timezone.now(), reason=body.begrunnelse,
                               close_requests=body.lukk_dokumentasjonskrav)
    return {"id": soknad.pk, "status": soknad.status}


from sosialsak.interfaces.api.payments_api import payments_router  # noqa: E402 - issue 6

api.add_router("/v1", payments_router)


from sosialsak.interfaces.api.cases_api import router as cases_router  # noqa: E402 - issue 5

api.add_router("/v1", cases_router)

from sosialsak.interfaces.api.digisos_api import router as digisos_router  # noqa: E402

api.add_router("/v1", digisos_router)


from sosialsak.interfaces.api.decisions_api import router as decisions_router  # noqa: E402
from sosialsak.interfaces.api.decisions_followup_api import (  # noqa: E402
    router as decisions_followup_router,
)

api.add_router("/v1", decisions_router)
api.add_router("/v1", decisions_followup_router)

from sosialsak.interfaces.api.find_api import install as install_find  # noqa: E402 - issue 12

install_find(api)
