"""JSON API for making a decision: preview and make it, four-eyes (proposals waiting,
approve, return) and the KVP assessment. Breach → warning → reduction and appeals are in
``decisions_followup_api``, mounted beside this router under /v1 (see api.py). One call inward
per endpoint; errors use the API's one shape ``{code, message, extra}`` (``api.py``)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.decisions import operations as ops
from sosialsak.contexts.decisions.policy import DecisionSettings
from sosialsak.contexts.decisions.queries import approvals_waiting, dokument_pdf, vedtak_page
from sosialsak.interfaces.api.bounds import Count, Id, Kroner
from sosialsak.interfaces.api.decisions_schemas import (
    ForslagOut,
    IdStatusOut,
    KvpIn,
    MaanedOut,
    PreviewOut,
    ReturIn,
    VedtakIn,
)
from sosialsak.interfaces.api.decisions_schemas import utkast as _utkast
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import own_kontor_id, scope_of, today
from sosialsak.kernel.periods import inclusive_end

router = Router(tags=["vedtak"])
ERR = {400: Error, 404: Error}


@router.post("/soknader/{soknad_id}/vedtak/forhandsvisning", response={200: PreviewOut, **ERR},
             summary="Forhåndsvis vedtak")
def preview(request: HttpRequest, soknad_id: Id, body: VedtakIn) -> dict[str, Any]:
    """Vis vedtaket slik det ville blitt: beløp, beregning, kontroller, problemer og brev."""
    with audit_channel("api"):
        p = ops.preview_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               data=_utkast(body), today=today())
    return {**p.__dict__, "flags": [list(f) for f in p.flags],
            "maneder": [{"maned": m, "belop": b} for m, b in p.maneder],
            "checks": [dict(zip(("code", "ok", "applies", "message"), c, strict=True))
                       for c in p.checks],
            "problems": [x.__dict__ for x in p.problems]}


@router.post("/soknader/{soknad_id}/vedtak", response={201: IdStatusOut, **ERR},
             summary="Fatt vedtak")
def make(request: HttpRequest, soknad_id: Id, body: VedtakIn) -> tuple[int, dict[str, Any]]:
    """Fatt vedtaket (400 ``godkjenning_kreves`` når kontoret krever to saksbehandlere)."""
    with audit_channel("api"):
        v = ops.make_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            data=_utkast(body), now=timezone.now())
    return 201, {"id": v.pk, "status": v.utfall}


@router.post("/soknader/{soknad_id}/vedtak/forslag", response={201: IdStatusOut, **ERR},
             summary="Send vedtaksforslag til godkjenning")
def propose(request: HttpRequest, soknad_id: Id, body: VedtakIn) -> tuple[int, dict[str, Any]]:
    """Send et fullstendig vedtak til en annen saksbehandler for godkjenning."""
    with audit_channel("api"):
        f = ops.propose_vedtak(scope=scope_of(request), actor=request.user,
                               soknad_id=soknad_id, data=_utkast(body), now=timezone.now())
    return 201, {"id": f.pk, "status": f.status}


@router.post("/vedtaksforslag/{forslag_id}/godkjenning", response={201: IdStatusOut, **ERR},
             summary="Godkjenn vedtaksforslag")
def approve(request: HttpRequest, forslag_id: Id) -> tuple[int, dict[str, Any]]:
    """Godkjenn et forslag (en annen saksbehandler enn den som foreslo) og fatt vedtaket."""
    with audit_channel("api"):
        v = ops.approve_vedtak(scope=scope_of(request), actor=request.user,
                               forslag_id=forslag_id, now=timezone.now())
    return 201, {"id": v.pk, "status": v.utfall}


@router.get("/vedtaksforslag", response={200: list[ForslagOut], **ERR},
            summary="List vedtaksforslag som venter")
def proposals(request: HttpRequest) -> list[Any]:
    """Vedtakene som venter på godkjenning fra en annen saksbehandler ved kallerens kontor."""
    with audit_channel("api"):
        return approvals_waiting(scope=scope_of(request), actor=request.user)


@router.post("/vedtaksforslag/{forslag_id}/retur", response={200: IdStatusOut, **ERR},
             summary="Send vedtaksforslag i retur")
def return_proposal(request: HttpRequest, forslag_id: Id, body: ReturIn) -> dict[str, Any]:
    """Send et forslag tilbake til saksbehandleren med en merknad (en annen saksbehandler)."""
    with audit_channel("api"):
        f = ops.return_vedtak(scope=scope_of(request), actor=request.user,
                              forslag_id=forslag_id, merknad=body.merknad, now=timezone.now())
    return {"id": f.pk, "status": f.status}


@router.post("/soknader/{soknad_id}/kvp-vurdering", response={201: IdStatusOut, **ERR},
             summary="Registrer vurdering av rett til KVP")
def kvp(request: HttpRequest, soknad_id: Id, body: KvpIn) -> tuple[int, dict[str, Any]]:
    """Registrer vurderingen av retten til kvalifiseringsprogram (før et eventuelt
    aktivitetsvilkår)."""
    with audit_channel("api"):
        row = ops.record_kvp_vurdering(scope=scope_of(request), actor=request.user,
                                       soknad_id=soknad_id, har_rett=body.har_rett,
                                       begrunnelse=body.begrunnelse, now=timezone.now(),
                                       vurdert_dato=body.vurdert_dato)
    return 201, {"id": row.pk}




class DecisionSettingsIO(Schema):
    godkjenning_over_belop: Kroner | None = None
    godkjenning_ved_avslag: bool = False
    langtid_maneder: Count = 6
    langtid_av_maneder: Count = 12


@router.get("/kontor/vedtaksinnstillinger", response={200: DecisionSettingsIO, **ERR},
            summary="Les kontorets vedtaksinnstillinger")
def get_settings(request: HttpRequest) -> dict[str, Any]:
    """Kontorets innstillinger for to saksbehandlere og langtidsmottakere (bare kontorets leder)."""
    with audit_channel("api"):
        s = ops.decision_settings_for_leder(scope=scope_of(request), actor=request.user,
                                            kontor_id=own_kontor_id(request))
    return dataclasses.asdict(s)


@router.put("/kontor/vedtaksinnstillinger", response={200: DecisionSettingsIO, **ERR},
            summary="Endre kontorets vedtaksinnstillinger")
def put_settings(request: HttpRequest, body: DecisionSettingsIO) -> dict[str, Any]:
    """Sett når en annen saksbehandler må godkjenne, og hvem som regnes som langtidsmottaker."""
    with audit_channel("api"):
        s = ops.set_decision_settings(scope=scope_of(request), actor=request.user,
                                      kontor_id=own_kontor_id(request),
                                      data=DecisionSettings(**body.model_dump()),
                                      now=timezone.now())
    return dataclasses.asdict(s)


class DokumentOut(Schema):
    id: int
    type: str
    tittel: str
    dato: date


class VilkarOut(Schema):
    id: int
    kode: str
    beskrivelse: str
    frist: date | None
    status: str
    konsekvens: str


class KlageSummaryOut(Schema):
    id: int
    status: str
    mottatt: date
    klagefrist: date
    for_sent: bool
    pakke_id: int | None


class VedtakOut(Schema):
    id: int
    soknad_id: int
    sak: str
    sak_status: str
    art: str
    hjemmel: str
    utfall: str
    stonadsform: str
    belop: int | None
    maneder: list[MaanedOut] = Field(default=[], description="each month's own amount")
    total: int | None = Field(default=None, description="the period's sum (month by month)")
    periode_fra: date | None
    periode_til: date | None = Field(description="first day after the period (stored)")
    periode_tom: date | None = Field(description="the period's last day (inclusive)")
    begrunnelse: str
    fattet_at: datetime
    endrer_id: int | None
    godkjent_av_id: int | None
    dokumenter: list[DokumentOut]
    vilkar: list[VilkarOut]
    klager: list[KlageSummaryOut]
    forsendelse: str
    sendt_dato: date | None
    mottatt_dato: date | None
    kom_fram: date
    klagefrist: date
    klagefrist_forklaring: str


@router.get("/vedtak/{vedtak_id}", response={200: VedtakOut, **ERR}, summary="Les ett vedtak")
def read(request: HttpRequest, vedtak_id: Id) -> dict[str, Any]:
    """Ett vedtak med brev, vilkår og klager (brevene som PDF under vedtaksdokumenter)."""
    with audit_channel("api"):
        p = vedtak_page(scope=scope_of(request), actor=request.user, vedtak_id=vedtak_id)
    v = p.vedtak
    return {
        "id": v.pk, "soknad_id": p.soknad_id, "sak": v.sak.referanse, "sak_status": v.sak.status,
        "art": v.art, "hjemmel": v.hjemmel, "utfall": v.utfall, "stonadsform": v.stonadsform,
        "belop": v.belop, "periode_fra": v.periode_fra, "periode_til": v.periode_til,
        "periode_tom": inclusive_end(v.periode_til),
        "maneder": [{"maned": m, "belop": b} for m, b in v.maneder], "total": v.total,
        "begrunnelse": v.begrunnelse, "fattet_at": v.fattet_at, "endrer_id": v.endrer_id,
        "godkjent_av_id": v.godkjent_av_id,
        "dokumenter": [{"id": d.pk, "type": d.type, "tittel": d.tittel, "dato": d.dato}
                       for d in p.dokumenter],
        "vilkar": [{"id": x.pk, "kode": x.kode, "beskrivelse": x.beskrivelse, "frist": x.frist,
                    "status": x.status, "konsekvens": x.konsekvens} for x in p.vilkar],
        "klager": [{"id": k.pk, "status": k.status, "mottatt": k.mottatt,
                    "klagefrist": k.klagefrist, "for_sent": k.for_sent, "pakke_id": k.pakke_id}
                   for k in p.klager],
        "forsendelse": v.forsendelse, "sendt_dato": v.sendt_dato,
        "mottatt_dato": v.mottatt_dato, "kom_fram": p.kom_fram.dato if p.kom_fram else None,
        "klagefrist": p.klagefrist.due if p.klagefrist else None,
        "klagefrist_forklaring": f"{p.kom_fram.forklaring} {p.klagefrist.explanation}"
        if p.kom_fram and p.klagefrist else ""}


@router.get("/vedtak-dokumenter/{dokument_id}", response={200: None, **ERR},
            summary="Last ned vedtaksdokument som PDF")
def dokument(request: HttpRequest, dokument_id: Id) -> HttpResponse:
    """Et vedtaks brev, forhåndsvarsel eller klagepakke som PDF (``application/pdf``)."""
    with audit_channel("api"):
        name, pdf = dokument_pdf(scope=scope_of(request), actor=request.user,
                                 dokument_id=dokument_id)
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}"'})
