"""JSON API for finding cases and people and for who handles a case (issue 12, items 1-2),
and the 403 answer of a refused action (item 6).

Registered in ``api.py`` with ``install(api)``. Same rules as the caseworker pages: one call
inward under ``audit_channel("api")``; errors in the one shape ``{code, message, extra}``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router, Schema
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.casefile.find import FindResult, PersonOverview, find, person_overview
from sosialsak.contexts.intake.assignment import assign, assign_many
from sosialsak.interfaces.api.bounds import Id, SearchTerm
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import now, scope_of
from sosialsak.interfaces.caseworker.readonly import audit_refusal, forbidden_body
from sosialsak.kernel.errors import Forbidden

router = Router(tags=["finn og fordel"])
ERRORS: dict[int, Any] = {400: Error, 403: Error, 404: Error}


class AssignIn(Schema):
    saksbehandler_id: Id | None = Field(
        None, description="Kollegaen som skal ha saken; null: ingen saksbehandler")


class AssignOut(Schema):
    id: int
    saksbehandler_id: int | None


class AssignManyIn(Schema):
    soknader: list[Id] = Field(..., max_length=200)
    saksbehandler_id: Id


class AssignManyOut(Schema):
    endret: int


@router.get("/sok", response=FindResult, summary="Finn søknader og personer")
def search(request: HttpRequest, q: SearchTerm = "") -> dict[str, Any]:
    """Finn søknader med alle statuser i tilgangen etter navn, fødselsnummer/D-nummer eller
    saksnummer, nyeste først, med personene de gjelder. Hvert treff loggføres."""
    with audit_channel("api"):
        result = find(scope=scope_of(request), actor=request.user, term=q[:100],
                      purpose="api: søk etter sak eller person")
    return dataclasses.asdict(result)


@router.get("/personer/{person_id}", response={200: PersonOverview, 404: Error},
            summary="Les alt om én person")
def person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Alt i tilgangen om én person, nyeste først (aldri en beskyttet adresse)."""
    with audit_channel("api"):
        overview = person_overview(scope=scope_of(request), actor=request.user,
                                   person_id=person_id, purpose="api: personoversikt")
    return dataclasses.asdict(overview)


@router.post("/soknader/{soknad_id}/saksbehandler", response={200: AssignOut, **ERRORS},
             summary="Ta, gi bort eller frigi sak")
def assign_case(request: HttpRequest, soknad_id: Id, body: AssignIn) -> dict[str, Any]:
    """Ta en sak (din egen id), gi den til en kollega ved samme kontor, eller frigi den (null).
    Gir en hendelse i saksloggen og en revisjonsoppføring."""
    with audit_channel("api"):
        soknad = assign(scope=scope_of(request), actor=request.user,  # type: ignore[arg-type]
                        soknad_id=soknad_id, to_user_id=body.saksbehandler_id, now=now())
    return {"id": soknad.pk, "saksbehandler_id": soknad.saksbehandler_id}


@router.post("/saksbehandler/fordel", response={200: AssignManyOut, **ERRORS},
             summary="Fordel mange saker til én kollega")
def assign_bulk(request: HttpRequest, body: AssignManyIn) -> dict[str, Any]:
    """En leder gir mange av kontorets saker til én kollega (alt eller ingenting)."""
    with audit_channel("api"):
        n = assign_many(scope=scope_of(request), actor=request.user,  # type: ignore[arg-type]
                        soknad_ids=body.soknader, to_user_id=body.saksbehandler_id, now=now())
    return {"endret": n}


def install(api: NinjaAPI) -> None:
    """Register the endpoints and the 403 answer (one line in ``api.py``)."""
    api.add_router("/v1", router)

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        if not getattr(exc, "audited", False):
            with audit_channel("api"):
                audit_refusal(request)
        return api.create_response(request, forbidden_body(exc.message), status=403)

    api.add_exception_handler(Forbidden, forbidden)
