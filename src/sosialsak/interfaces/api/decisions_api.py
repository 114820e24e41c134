"""JSON API for making a decision: preview and make it, four-eyes (proposals waiting,
approve, return) and the KVP assessment. Breach → warning → reduction and appeals are in
``decisions_followup_api``, mounted beside this router under /v1 (see api.py). One call inward
per endpoint; errors use the API's one shape ``{code, message, extra}`` (``api.py``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.decisions import operations as ops
from sosialsak.contexts.decisions.queries import approvals_waiting
from sosialsak.interfaces.api.decisions_schemas import (
    ForslagOut,
    IdOut,
    KvpIn,
    PreviewOut,
    ReturIn,
    VedtakIn,
)
from sosialsak.interfaces.api.decisions_schemas import utkast as _utkast
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import scope_of, today

router = Router(tags=["vedtak"])
ERR = {400: Error, 404: Error}


@router.post("/soknader/{soknad_id}/vedtak/forhandsvisning", response={200: PreviewOut, **ERR})
def preview(request: HttpRequest, soknad_id: int, body: VedtakIn) -> dict[str, Any]:
    """Show the decision as it would be made: amount, calculation, checks, problems, letter."""
    with audit_channel("api"):
        p = ops.preview_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               data=_utkast(body), today=today())
    return {**p.__dict__, "flags": [list(f) for f in p.flags],
            "checks": [dict(zip(("code", "ok", "applies", "message"), c, strict=True))
                       for c in p.checks],
            "problems": [x.__dict__ for x in p.problems]}


@router.post("/soknader/{soknad_id}/vedtak", response={201: IdOut, **ERR})
def make(request: HttpRequest, soknad_id: int, body: VedtakIn) -> tuple[int, dict[str, Any]]:
    """Make the decision (400 ``godkjenning_kreves`` when the office asks for four eyes)."""
    with audit_channel("api"):
        v = ops.make_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            data=_utkast(body), now=timezone.now())
    return 201, {"id": v.pk, "status": v.utfall}


@router.post("/soknader/{soknad_id}/vedtak/forslag", response={201: IdOut, **ERR})
def propose(request: HttpRequest, soknad_id: int, body: VedtakIn) -> tuple[int, dict[str, Any]]:
    """Send a complete decision to a second caseworker for approval."""
    with audit_channel("api"):
        f = ops.propose_vedtak(scope=scope_of(request), actor=request.user,
                               soknad_id=soknad_id, data=_utkast(body), now=timezone.now())
    return 201, {"id": f.pk, "status": f.status}


@router.post("/vedtaksforslag/{forslag_id}/godkjenning", response={201: IdOut, **ERR})
def approve(request: HttpRequest, forslag_id: int) -> tuple[int, dict[str, Any]]:
    """Approve a proposal (another caseworker than the proposer) and make the decision."""
    with audit_channel("api"):
        v = ops.approve_vedtak(scope=scope_of(request), actor=request.user,
                               forslag_id=forslag_id, now=timezone.now())
    return 201, {"id": v.pk, "status": v.utfall}


@router.get("/vedtaksforslag", response={200: list[ForslagOut], **ERR})
def proposals(request: HttpRequest) -> list[Any]:
    """The decisions waiting for a second caseworker's approval at the caller's office."""
    with audit_channel("api"):
        return approvals_waiting(scope=scope_of(request), actor=request.user)


@router.post("/vedtaksforslag/{forslag_id}/retur", response={200: IdOut, **ERR})
def return_proposal(request: HttpRequest, forslag_id: int, body: ReturIn) -> dict[str, Any]:
    """Send a proposal back to its caseworker with a note (another caseworker)."""
    with audit_channel("api"):
        f = ops.return_vedtak(scope=scope_of(request), actor=request.user,
                              forslag_id=forslag_id, merknad=body.merknad, now=timezone.now())
    return {"id": f.pk, "status": f.status}


@router.post("/soknader/{soknad_id}/kvp-vurdering", response={201: IdOut, **ERR})
def kvp(request: HttpRequest, soknad_id: int, body: KvpIn) -> tuple[int, dict[str, Any]]:
    """Record the assessment of the right to KVP (before any activity condition)."""
    with audit_channel("api"):
        row = ops.record_kvp_vurdering(scope=scope_of(request), actor=request.user,
                                       soknad_id=soknad_id, har_rett=body.har_rett,
                                       begrunnelse=body.begrunnelse, now=timezone.now(),
                                       vurdert_dato=body.vurdert_dato)
    return 201, {"id": row.pk}


