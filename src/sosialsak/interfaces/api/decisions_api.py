"""JSON API for the decision flow: preview and make a decision, four-eyes, KVP assessment,
breach → warning → reduction, and appeals. One call inward per endpoint; errors use the API's
one shape ``{code, message, extra}`` (handled by ``api.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.decisions import operations as ops
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import scope_of, today

router = Router(tags=["vedtak"])
ERR = {400: Error, 404: Error}


class JusteringIn(Schema):
    belop: int
    begrunnelse: str


class InntektIn(Schema):
    type: str
    belop: int


class BarnIn(Schema):
    barn_id: int
    vurdering: str


class VilkarIn(Schema):
    kode: str
    beskrivelse: str
    frist: date | None = None
    oppfolging: str = ""
    konsekvens: str = ""
    sanksjon: str = "01"
    aktivitet: bool | None = None
    holder_tilbake_utbetaling: bool = False
    utsettelse_grunnlag: str = ""


class UnntakIn(Schema):
    grunner: list[str]
    begrunnelse: str


class NorskIn(Schema):
    manglende_norsk_er_arsak: bool = False
    rett_og_plikt_introduksjonsprogram: bool = False
    vurdert: bool = False
    tungtveiende_grunner: str = ""


class UtbetalingIn(Schema):
    hyppighet: str = "ENGANGS"
    mottaker_type: str = "SOKER"
    navn: str = ""
    kontonummer: str = ""
    organisasjonsnummer: str = ""
    samtykke_id: int | None = None
    kid: str = ""
    forfallsdato: date | None = None


class VedtakIn(Schema):
    post_ids: list[int]
    hjemmel: str
    utfall: str
    begrunnelse: str
    fakta: str
    stonadsform: str = ""
    periode_fra: date | None = None
    periode_til: date | None = None
    belop: int | None = None
    individuell_vurdering: str = ""
    justeringer: list[JusteringIn] = []
    inntekter: list[InntektIn] = []
    husleie: int = 0
    strom: int = 0
    barn: list[BarnIn] = []
    vilkar: list[VilkarIn] = []
    unntak: UnntakIn | None = None
    norsk: NorskIn = NorskIn()
    nedbetaling: str = ""
    sak_tittel: str = ""
    utbetaling: UtbetalingIn | None = None


class ProblemOut(Schema):
    code: str
    field: str
    message: str


class PreviewOut(Schema):
    belop: int | None
    forklaring: str
    flags: list[list[str]]
    checks: list[dict[str, Any]]
    problems: list[ProblemOut]
    needs_approval: bool
    long_term: str
    letter_text: str
    letter_error: str


class IdOut(Schema):
    id: int
    status: str = ""


def _utkast(body: VedtakIn) -> ops.VedtakUtkast:
    return ops.utkast_from_json(body.model_dump(mode="json"))


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


class KvpIn(Schema):
    har_rett: bool
    begrunnelse: str
    vurdert_dato: date | None = None


@router.post("/soknader/{soknad_id}/kvp-vurdering", response={201: IdOut, **ERR})
def kvp(request: HttpRequest, soknad_id: int, body: KvpIn) -> tuple[int, dict[str, Any]]:
    """Record the assessment of the right to KVP (before any activity condition)."""
    with audit_channel("api"):
        row = ops.record_kvp_vurdering(scope=scope_of(request), actor=request.user,
                                       soknad_id=soknad_id, har_rett=body.har_rett,
                                       begrunnelse=body.begrunnelse, now=timezone.now(),
                                       vurdert_dato=body.vurdert_dato)
    return 201, {"id": row.pk}


class BruddIn(Schema):
    hva: str
    forklaring: str = ""


class VarselIn(Schema):
    belop_redusert: int
    svarfrist: date


class ReduksjonIn(Schema):
    belop_redusert: int
    individuell_vurdering: str
    nodvendig_belop: int = 0


@router.post("/vilkar/{vilkar_id}/brudd", response={201: IdOut, **ERR})
def brudd(request: HttpRequest, vilkar_id: int, body: BruddIn) -> tuple[int, dict[str, Any]]:
    """Record that a condition was not met, with the person's explanation."""
    with audit_channel("api"):
        row = ops.record_brudd(scope=scope_of(request), actor=request.user, vilkar_id=vilkar_id,
                               hva=body.hva, forklaring=body.forklaring, now=timezone.now())
    return 201, {"id": row.pk, "status": row.status}


@router.post("/brudd/{brudd_id}/forhandsvarsel", response={201: IdOut, **ERR})
def varsel(request: HttpRequest, brudd_id: int, body: VarselIn) -> tuple[int, dict[str, Any]]:
    """Send the advance warning of a reduction (fvl § 16)."""
    with audit_channel("api"):
        row = ops.send_forhandsvarsel(scope=scope_of(request), actor=request.user,
                                      brudd_id=brudd_id, belop_redusert=body.belop_redusert,
                                      svarfrist=body.svarfrist, now=timezone.now())
    return 201, {"id": row.pk, "status": row.status}


@router.post("/brudd/{brudd_id}/reduksjon", response={201: IdOut, **ERR})
def reduksjon(request: HttpRequest, brudd_id: int, body: ReduksjonIn) -> tuple[int, Any]:
    """Make the reduction decision (refused without stated consequence or warning)."""
    with audit_channel("api"):
        v = ops.decide_reduksjon(scope=scope_of(request), actor=request.user, brudd_id=brudd_id,
                                 belop_redusert=body.belop_redusert,
                                 individuell_vurdering=body.individuell_vurdering,
                                 nodvendig_belop=body.nodvendig_belop, now=timezone.now())
    return 201, {"id": v.pk, "status": v.art}


class KlageIn(Schema):
    tekst: str
    mottatt: date
    kom_fram: date | None = None


class KlageOut(Schema):
    id: int
    status: str
    klagefrist: date
    for_sent: bool


class SenIn(Schema):
    behandles: bool
    vurdering: str


class VurderingIn(Schema):
    vurdering: str


class OmgjoringIn(Schema):
    vurdering: str
    vedtak: VedtakIn


class SfIn(Schema):
    utfall: str
    dato: date
    merknad: str = ""


def _klage(k: Any) -> dict[str, Any]:
    return {"id": k.pk, "status": k.status, "klagefrist": k.klagefrist, "for_sent": k.for_sent}


@router.post("/vedtak/{vedtak_id}/klager", response={201: KlageOut, **ERR})
def klage(request: HttpRequest, vedtak_id: int, body: KlageIn) -> tuple[int, dict[str, Any]]:
    """Register a paper or oral appeal; the deadline is checked and a late appeal flagged."""
    with audit_channel("api"):
        k = ops.register_klage(scope=scope_of(request), actor=request.user, vedtak_id=vedtak_id,
                               tekst=body.tekst, mottatt=body.mottatt, kom_fram=body.kom_fram,
                               now=timezone.now())
    return 201, _klage(k)


@router.post("/klager/digisos", response={201: KlageOut, **ERR})
def klage_digisos(request: HttpRequest, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Register an appeal from a Digisos ``klage.json`` (idempotent on ``klageId``)."""
    with audit_channel("api"):
        k = ops.register_digisos_klage(scope=scope_of(request), actor=request.user,
                                       document=body, now=timezone.now())
    return 201, _klage(k)


@router.post("/klager/{klage_id}/sen-klage", response={200: KlageOut, **ERR})
def sen(request: HttpRequest, klage_id: int, body: SenIn) -> dict[str, Any]:
    """Record whether a late appeal is still heard (fvl § 31)."""
    with audit_channel("api"):
        k = ops.decide_late_klage(scope=scope_of(request), actor=request.user, klage_id=klage_id,
                                  behandles=body.behandles, vurdering=body.vurdering,
                                  now=timezone.now())
    return _klage(k)


@router.post("/klager/{klage_id}/omgjoring", response={201: IdOut, **ERR})
def omgjor(request: HttpRequest, klage_id: int, body: OmgjoringIn) -> tuple[int, Any]:
    """The office changes the decision after the appeal (a new vedtak)."""
    with audit_channel("api"):
        v = ops.change_after_klage(scope=scope_of(request), actor=request.user,
                                   klage_id=klage_id, data=_utkast(body.vedtak),
                                   vurdering=body.vurdering, now=timezone.now())
    return 201, {"id": v.pk, "status": v.art}


@router.post("/klager/{klage_id}/oversending", response={200: dict[str, Any], **ERR})
def oversend(request: HttpRequest, klage_id: int, body: VurderingIn) -> dict[str, Any]:
    """Forward to the Statsforvalter; returns the structured case export."""
    with audit_channel("api"):
        k = ops.forward_klage(scope=scope_of(request), actor=request.user, klage_id=klage_id,
                              vurdering=body.vurdering, now=timezone.now())
    return {"id": k.pk, "status": k.status, "pakke_id": k.pakke_id, "pakke": k.pakke_json}


@router.post("/klager/{klage_id}/statsforvalter", response={200: KlageOut, **ERR})
def sf(request: HttpRequest, klage_id: int, body: SfIn) -> dict[str, Any]:
    """Record the Statsforvalter's outcome."""
    with audit_channel("api"):
        k = ops.record_statsforvalter_outcome(scope=scope_of(request), actor=request.user,
                                              klage_id=klage_id, utfall=body.utfall,
                                              dato=body.dato, merknad=body.merknad,
                                              now=timezone.now())
    return _klage(k)
