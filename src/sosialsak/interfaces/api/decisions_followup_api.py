"""JSON API for what follows a decision: breach of a condition → advance warning → reduction
(which also replaces the remaining payments), retractions (annul a condition or a documentation
requirement, feilregistrer a sak), documentation delivered, and appeals (register, late appeal,
the office's own review, forwarding, the Statsforvalter's outcome). Mounted on
``decisions_api.router``."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.decisions import operations as ops
from sosialsak.contexts.decisions.deadline import appeal_deadline
from sosialsak.interfaces.api.bounds import Id
from sosialsak.interfaces.api.decisions_schemas import (
    BruddIn,
    ForsendelseIn,
    ForsendelseOut,
    GrunnIn,
    IdStatusOut,
    KlageIn,
    KlageOut,
    OmgjoringIn,
    ReduksjonIn,
    SenIn,
    SfIn,
    SvarIn,
    VarselIn,
    VurderingIn,
)
from sosialsak.interfaces.api.decisions_schemas import utkast as _utkast
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import scope_of

router = Router(tags=["vedtak"])
# The Digisos klage.json, read from the JSON body (as a bare dict ninja read it from the query
# string, so the endpoint could never be used; issue 10).
KlageDocument = Annotated[dict[str, Any], Body(description="klage.json")]
ERR = {400: Error, 404: Error}


@router.post("/vilkar/{vilkar_id}/brudd", response={201: IdStatusOut, **ERR},
             summary="Registrer brudd på vilkår")
def brudd(request: HttpRequest, vilkar_id: Id, body: BruddIn) -> tuple[int, dict[str, Any]]:
    """Registrer at et vilkår ikke er oppfylt, med personens forklaring."""
    with audit_channel("api"):
        row = ops.record_brudd(scope=scope_of(request), actor=request.user, vilkar_id=vilkar_id,
                               hva=body.hva, forklaring=body.forklaring, now=timezone.now())
    return 201, {"id": row.pk, "status": row.status}


@router.post("/brudd/{brudd_id}/forhandsvarsel", response={201: IdStatusOut, **ERR},
             summary="Send forhåndsvarsel om reduksjon")
def varsel(request: HttpRequest, brudd_id: Id, body: VarselIn) -> tuple[int, dict[str, Any]]:
    """Send forhåndsvarsel om reduksjon (fvl. § 16)."""
    with audit_channel("api"):
        row = ops.send_forhandsvarsel(scope=scope_of(request), actor=request.user,
                                      brudd_id=brudd_id, belop_redusert=body.belop_redusert,
                                      svarfrist=body.svarfrist, now=timezone.now(),
                                      periode_fra=body.periode_fra, periode_til=body.periode_til)
    return 201, {"id": row.pk, "status": row.status}


@router.post("/brudd/{brudd_id}/svar", response={200: IdStatusOut, **ERR},
             summary="Registrer svar på forhåndsvarsel")
def svar(request: HttpRequest, brudd_id: Id, body: SvarIn) -> dict[str, Any]:
    """Registrer personens svar på forhåndsvarselet med dato, eller at svar ikke kom innen fristen
    (fvl. § 16); begrunnelsen for reduksjonen tar stilling til det."""
    with audit_channel("api"):
        row = ops.record_varselsvar(scope=scope_of(request), actor=request.user,
                                    brudd_id=brudd_id, svar=body.svar, svar_dato=body.svar_dato,
                                    ingen_svar=body.ingen_svar, now=timezone.now())
    return {"id": row.pk, "status": row.status}


@router.post("/vedtak/{vedtak_id}/forsendelse", response={200: ForsendelseOut, **ERR},
             summary="Registrer forsendelse av vedtak")
def forsendelse(request: HttpRequest, vedtak_id: Id, body: ForsendelseIn) -> dict[str, Any]:
    """Registrer hvordan vedtaket ble sendt og når det ble mottatt, om det er kjent; svaret gir
    når det regnes som kommet fram, og klagefristen (fvl. § 29)."""
    with audit_channel("api"):
        v = ops.record_forsendelse(scope=scope_of(request), actor=request.user,
                                   vedtak_id=vedtak_id, forsendelse=body.forsendelse,
                                   sendt=body.sendt, mottatt=body.mottatt, now=timezone.now())
    fram, frist = appeal_deadline(v)
    return {"id": v.pk, "kom_fram": fram.dato, "klagefrist": frist.due,
            "forklaring": f"{fram.forklaring} {frist.explanation}"}


def _reduction(request: HttpRequest, brudd_id: Id, body: ReduksjonIn) -> dict[str, Any]:
    return {"scope": scope_of(request), "actor": request.user, "brudd_id": brudd_id,
            "belop_redusert": body.belop_redusert, "now": timezone.now(),
            "individuell_vurdering": body.individuell_vurdering,
            "nodvendig_belop": body.nodvendig_belop, "periode_fra": body.periode_fra,
            "periode_til": body.periode_til}


@router.post("/brudd/{brudd_id}/reduksjon", response={201: IdStatusOut, **ERR},
             summary="Fatt vedtak om reduksjon")
def reduksjon(request: HttpRequest, brudd_id: Id, body: ReduksjonIn) -> tuple[int, Any]:
    """Fatt vedtaket om reduksjon (avvises uten angitt konsekvens eller forhåndsvarsel; 400
    ``godkjenning_kreves`` når kontoret krever to saksbehandlere)."""
    with audit_channel("api"):
        v = ops.decide_reduksjon(**_reduction(request, brudd_id, body))
    return 201, {"id": v.pk, "status": v.art}


@router.post("/brudd/{brudd_id}/reduksjon/forslag", response={201: IdStatusOut, **ERR},
             summary="Send reduksjon til godkjenning")
def reduksjon_forslag(request: HttpRequest, brudd_id: Id, body: ReduksjonIn) -> tuple[int, Any]:
    """Send en reduksjon til en annen saksbehandler når kontoret krever godkjenning."""
    with audit_channel("api"):
        f = ops.propose_reduksjon(**_reduction(request, brudd_id, body))
    return 201, {"id": f.pk, "status": f.status}


def _klage(k: Any) -> dict[str, Any]:
    return {"id": k.pk, "status": k.status, "klagefrist": k.klagefrist, "for_sent": k.for_sent}


@router.post("/vedtak/{vedtak_id}/klager", response={201: KlageOut, **ERR},
             summary="Registrer klage på papir eller muntlig")
def klage(request: HttpRequest, vedtak_id: Id, body: KlageIn) -> tuple[int, dict[str, Any]]:
    """Registrer en klage på papir eller muntlig; fristen kontrolleres og en sen klage merkes."""
    with audit_channel("api"):
        k = ops.register_klage(scope=scope_of(request), actor=request.user, vedtak_id=vedtak_id,
                               tekst=body.tekst, mottatt=body.mottatt, kom_fram=body.kom_fram,
                               sendt=body.sendt, now=timezone.now())
    return 201, _klage(k)


@router.post("/klager/digisos", response={201: KlageOut, **ERR},
             summary="Registrer klage fra Digisos")
def klage_digisos(request: HttpRequest, body: KlageDocument) -> tuple[int, dict[str, Any]]:
    """Registrer en klage fra en Digisos ``klage.json`` (idempotent på ``klageId``)."""
    with audit_channel("api"):
        k = ops.register_digisos_klage(scope=scope_of(request), actor=request.user,
                                       document=body, now=timezone.now())
    return 201, _klage(k)


@router.post("/klager/{klage_id}/sen-klage", response={200: KlageOut, **ERR},
             summary="Avgjør om sen klage behandles")
def sen(request: HttpRequest, klage_id: Id, body: SenIn) -> dict[str, Any]:
    """Registrer om en klage etter fristen likevel skal behandles (fvl. § 31)."""
    with audit_channel("api"):
        k = ops.decide_late_klage(scope=scope_of(request), actor=request.user, klage_id=klage_id,
                                  behandles=body.behandles, vurdering=body.vurdering,
                                  unnskyldelig=body.unnskyldelig,
                                  saerlige_grunner=body.saerlige_grunner, now=timezone.now())
    return _klage(k)


def _change(request: HttpRequest, klage_id: Id, body: OmgjoringIn) -> dict[str, Any]:
    return {"scope": scope_of(request), "actor": request.user, "klage_id": klage_id,
            "data": _utkast(body.vedtak), "vurdering": body.vurdering, "now": timezone.now()}


@router.post("/klager/{klage_id}/omgjoring", response={201: IdStatusOut, **ERR},
             summary="Omgjør vedtak etter klage")
def omgjor(request: HttpRequest, klage_id: Id, body: OmgjoringIn) -> tuple[int, Any]:
    """Kontoret endrer vedtaket etter klagen (et nytt vedtak; 400 ``godkjenning_kreves`` når
    kontoret krever to saksbehandlere)."""
    with audit_channel("api"):
        v = ops.change_after_klage(**_change(request, klage_id, body))
    return 201, {"id": v.pk, "status": v.art}


@router.post("/klager/{klage_id}/omgjoring/forslag", response={201: IdStatusOut, **ERR},
             summary="Send omgjøring til godkjenning")
def omgjor_forslag(request: HttpRequest, klage_id: Id, body: OmgjoringIn) -> tuple[int, Any]:
    """Send det nye vedtaket etter klagen til en annen saksbehandler for godkjenning."""
    with audit_channel("api"):
        f = ops.propose_change_after_klage(**_change(request, klage_id, body))
    return 201, {"id": f.pk, "status": f.status}


@router.post("/klager/{klage_id}/oversending", response={200: dict[str, Any], **ERR},
             summary="Send klage til Statsforvalteren")
def oversend(request: HttpRequest, klage_id: Id, body: VurderingIn) -> dict[str, Any]:
    """Send klagen over til Statsforvalteren; svaret er den strukturerte sakseksporten."""
    with audit_channel("api"):
        k = ops.forward_klage(scope=scope_of(request), actor=request.user, klage_id=klage_id,
                              vurdering=body.vurdering, now=timezone.now())
    return {"id": k.pk, "status": k.status, "pakke_id": k.pakke_id, "pakke": k.pakke_json}


@router.post("/klager/{klage_id}/statsforvalter", response={200: KlageOut, **ERR},
             summary="Registrer Statsforvalterens avgjørelse")
def sf(request: HttpRequest, klage_id: Id, body: SfIn) -> dict[str, Any]:
    """Registrer utfallet av Statsforvalterens behandling av klagen."""
    with audit_channel("api"):
        k = ops.record_statsforvalter_outcome(scope=scope_of(request), actor=request.user,
                                              klage_id=klage_id, utfall=body.utfall,
                                              dato=body.dato, merknad=body.merknad,
                                              now=timezone.now())
    return _klage(k)


@router.post("/vilkar/{vilkar_id}/annullering", response={200: IdStatusOut, **ERR},
             summary="Annuller vilkår")
def annul_vilkar(request: HttpRequest, vilkar_id: Id, body: GrunnIn) -> dict[str, Any]:
    """Annuller et vilkår som ikke lenger gjelder (innsyn: ANNULLERT); begrunnelse er påkrevd."""
    with audit_channel("api"):
        v = ops.annul_vilkar(scope=scope_of(request), actor=request.user, vilkar_id=vilkar_id,
                             grunn=body.grunn, now=timezone.now())
    return {"id": v.pk, "status": v.status}


@router.post("/saker/{sak_id}/feilregistrering", response={200: IdStatusOut, **ERR},
             summary="Merk sak som feilregistrert")
def feilregistrer(request: HttpRequest, sak_id: Id, body: GrunnIn) -> dict[str, Any]:
    """Merk en sak opprettet ved en feil som FEILREGISTRERT; postene regnes som ikke avgjort
    igjen."""
    with audit_channel("api"):
        sak = ops.mark_sak_feilregistrert(scope=scope_of(request), actor=request.user,
                                          sak_id=sak_id, grunn=body.grunn, now=timezone.now())
    return {"id": sak.pk, "status": sak.status}


@router.post("/vedtak-dokumentasjonskrav/{krav_id}/levert", response={200: IdStatusOut, **ERR},
             summary="Registrer levert dokumentasjon til vedtak")
def krav_levert(request: HttpRequest, krav_id: Id) -> dict[str, Any]:
    """Registrer at dokumentasjon vedtaket krever, er kommet."""
    with audit_channel("api"):
        k = ops.mark_dokumentasjonskrav_levert(scope=scope_of(request), actor=request.user,
                                               krav_id=krav_id, now=timezone.now())
    return {"id": k.pk, "status": k.status}


@router.post("/vedtak-dokumentasjonskrav/{krav_id}/annullering", response={200: IdStatusOut, **ERR},
             summary="Annuller dokumentasjonskrav i vedtak")
def krav_annuller(request: HttpRequest, krav_id: Id, body: GrunnIn) -> dict[str, Any]:
    """Annuller et dokumentasjonskrav som ikke lenger gjelder; begrunnelse er påkrevd."""
    with audit_channel("api"):
        k = ops.annul_dokumentasjonskrav(scope=scope_of(request), actor=request.user,
                                         krav_id=krav_id, grunn=body.grunn, now=timezone.now())
    return {"id": k.pk, "status": k.status}
