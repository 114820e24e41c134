"""JSON API for the tiltak catalogue, referrals and the qualification programme (issue 14).

Each endpoint makes one call inward under audit channel "api"; errors have the one shape
``{code, message, extra}``; everything is read and written through the caller's office scope
(outside it: 404, like a missing id). A write answers with the object as it now reads.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.kvp import operations as kvp
from sosialsak.contexts.kvp.queries import (
    DeltakelseView,
    SakensKvp,
    get_deltakelse,
    kvp_of_case,
    list_deltakelser,
)
from sosialsak.contexts.tiltak import operations as tiltak_ops
from sosialsak.contexts.tiltak import queries as tiltak_q
from sosialsak.contexts.tiltak.queries import HenvisningRow, TiltakRow
from sosialsak.interfaces.api.bounds import CaseDate, Code, Id, Line, ReceivedAt, Text
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import now, own_kontor_id, scope_of

tiltak_router = Router(tags=["tiltak"])
kvp_router = Router(tags=["kvalifiseringsprogram"])
ERRORS: dict[int, Any] = {400: Error, 403: Error, 404: Error}

Timer = Annotated[Decimal, Field(ge=Decimal("0.5"), le=Decimal(60), max_digits=4,
                                 decimal_places=1, description="timer per uke (0,5–60)")]


def _asdict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


# --- tiltak -----------------------------------------------------------------------------------

class TiltakIn(Schema):
    navn: Line
    tilbyder: Code = Field(description="KOMMUNE, STAT, FRIVILLIG eller SOSIALT_ENTREPRENORSKAP")
    malgruppe: Line
    timer_per_uke: Timer
    tilbyder_navn: Line = ""
    beskrivelse: Text = ""
    kapasitet: int | None = Field(default=None, ge=1, le=10_000,
                                  description="antall plasser; tom: ingen grense")
    timeplan: Line = ""
    sted: Line = ""
    kontakt: Line = ""


def _tiltak_input(body: TiltakIn) -> tiltak_ops.TiltakInput:
    return tiltak_ops.TiltakInput(**body.model_dump())


class DatoIn(Schema):
    dato: CaseDate


class HenvisningIn(Schema):
    tiltak_id: Id
    grunn: Text
    henvist_dato: CaseDate | None = None


class StoppIn(Schema):
    dato: CaseDate
    grunn: Text
    utfall: Code = Field(description="ARBEID, UTDANNING, ANNEN_YTELSE, AVBRUTT eller ANNET")
    situasjon_etter: Code = Field(default="", description="KOSTRA 11CF-kode (AVSL_*), "
                                  "tom når personen falt fra")


class TiltakInnstillingerIn(Schema):
    henvisning_uten_utfall_uker: int = Field(ge=1, le=104)


class UkerOut(Schema):
    henvisning_uten_utfall_uker: int


@tiltak_router.get("/tiltak", response={200: list[TiltakRow], **ERRORS},
                   summary="List tiltakskatalogen")
def catalogue(request: HttpRequest, aktive: bool = False) -> list[dict[str, Any]]:
    """List tiltakene ved kontorene i tilgangen din, med plasser, opptatte og venteliste."""
    rows = tiltak_q.catalogue(scope=scope_of(request), only_active=aktive)
    return [_asdict(r) for r in rows]


@tiltak_router.post("/tiltak", response={201: TiltakRow, **ERRORS},
                    summary="Legg til tiltak i katalogen")
def create(request: HttpRequest, body: TiltakIn) -> tuple[int, dict[str, Any]]:
    """Legg til et tiltak ved ditt kontor: tilbyder, målgruppe, plasser, tid, sted og timer."""
    scope = scope_of(request)
    with audit_channel("api"):
        row = tiltak_ops.create_tiltak(scope=scope, actor=request.user,
                                       kontor_id=own_kontor_id(request),
                                       data=_tiltak_input(body), now=now())
    return 201, _asdict(tiltak_q.get_tiltak(scope=scope, tiltak_id=row.pk))


@tiltak_router.get("/tiltak/{tiltak_id}", response={200: TiltakRow, **ERRORS},
                   summary="Les ett tiltak")
def read_tiltak(request: HttpRequest, tiltak_id: Id) -> dict[str, Any]:
    """Les ett tiltak med plasser og venteliste."""
    return _asdict(tiltak_q.get_tiltak(scope=scope_of(request), tiltak_id=tiltak_id))


@tiltak_router.put("/tiltak/{tiltak_id}", response={200: TiltakRow, **ERRORS},
                   summary="Endre tiltak")
def update(request: HttpRequest, tiltak_id: Id, body: TiltakIn) -> dict[str, Any]:
    """Endre beskrivelse, plasser, tid, sted, timer eller kontaktperson for et tiltak."""
    scope = scope_of(request)
    with audit_channel("api"):
        tiltak_ops.update_tiltak(scope=scope, actor=request.user, tiltak_id=tiltak_id,
                                 data=_tiltak_input(body), now=now())
    return _asdict(tiltak_q.get_tiltak(scope=scope, tiltak_id=tiltak_id))


@tiltak_router.post("/tiltak/{tiltak_id}/avslutning", response={200: TiltakRow, **ERRORS},
                    summary="Avslutt tiltak")
def end_tiltak(request: HttpRequest, tiltak_id: Id, body: DatoIn) -> dict[str, Any]:
    """Merk tiltaket som avsluttet fra datoen; det tar ikke imot nye henvisninger."""
    scope = scope_of(request)
    with audit_channel("api"):
        tiltak_ops.end_tiltak(scope=scope, actor=request.user, tiltak_id=tiltak_id,
                              dato=body.dato, now=now())
    return _asdict(tiltak_q.get_tiltak(scope=scope, tiltak_id=tiltak_id))


@tiltak_router.get("/tiltak/{tiltak_id}/henvisninger",
                   response={200: list[HenvisningRow], **ERRORS},
                   summary="List henvisninger til et tiltak")
def referrals_of_tiltak(request: HttpRequest, tiltak_id: Id) -> list[dict[str, Any]]:
    """List henvisningene til tiltaket, ventelisten i rekkefølge. Hver sak loggføres som lest."""
    with audit_channel("api"):
        rows = tiltak_q.referrals_of_tiltak(scope=scope_of(request), actor=request.user,
                                            tiltak_id=tiltak_id)
    return [_asdict(r) for r in rows]


@tiltak_router.get("/soknader/{soknad_id}/henvisninger",
                   response={200: list[HenvisningRow], **ERRORS},
                   summary="List henvisninger i en sak")
def referrals_of_case(request: HttpRequest, soknad_id: Id) -> list[dict[str, Any]]:
    """List personens henvisninger til tiltak i denne saken, med status og utfall."""
    with audit_channel("api"):
        rows = tiltak_q.referrals_of_case(scope=scope_of(request), actor=request.user,
                                          soknad_id=soknad_id)
    return [_asdict(r) for r in rows]


def _referral(request: HttpRequest, henvisning_id: int) -> dict[str, Any]:
    return _asdict(tiltak_q.get_referral(scope=scope_of(request), actor=request.user,
                                         henvisning_id=henvisning_id))


@tiltak_router.post("/soknader/{soknad_id}/henvisninger", response={201: HenvisningRow, **ERRORS},
                    summary="Henvis personen til et tiltak")
def refer(request: HttpRequest, soknad_id: Id, body: HenvisningIn) -> tuple[int, dict[str, Any]]:
    """Henvis personen i saken til et tiltak ved samme kontor, med grunn. Er tiltaket fullt,
    kommer personen på ventelisten (`status` VENTELISTE)."""
    with audit_channel("api"):
        h = tiltak_ops.refer(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                             tiltak_id=body.tiltak_id, grunn=body.grunn,
                             henvist_dato=body.henvist_dato, now=now())
        return 201, _referral(request, h.pk)


@tiltak_router.post("/henvisninger/{henvisning_id}/plass", response={200: HenvisningRow, **ERRORS},
                    summary="Gi plass fra ventelisten")
def give_place(request: HttpRequest, henvisning_id: Id) -> dict[str, Any]:
    """Gi den første på ventelisten en ledig plass i tiltaket."""
    with audit_channel("api"):
        tiltak_ops.give_place(scope=scope_of(request), actor=request.user,
                              henvisning_id=henvisning_id, now=now())
        return _referral(request, henvisning_id)


@tiltak_router.post("/henvisninger/{henvisning_id}/start", response={200: HenvisningRow, **ERRORS},
                    summary="Registrer oppstart i tiltak")
def start_referral(request: HttpRequest, henvisning_id: Id, body: DatoIn) -> dict[str, Any]:
    """Registrer datoen personen startet i tiltaket."""
    with audit_channel("api"):
        tiltak_ops.start(scope=scope_of(request), actor=request.user,
                         henvisning_id=henvisning_id, dato=body.dato, now=now())
        return _referral(request, henvisning_id)


@tiltak_router.post("/henvisninger/{henvisning_id}/stopp", response={200: HenvisningRow, **ERRORS},
                    summary="Avslutt henvisning med utfall")
def stop_referral(request: HttpRequest, henvisning_id: Id, body: StoppIn) -> dict[str, Any]:
    """Avslutt henvisningen med dato, grunn og utfall; utfallet fyller KOSTRA-feltene for
    situasjon etter (11CF)."""
    with audit_channel("api"):
        tiltak_ops.stop(scope=scope_of(request), actor=request.user,
                        henvisning_id=henvisning_id, dato=body.dato, grunn=body.grunn,
                        utfall=body.utfall, situasjon_etter=body.situasjon_etter, now=now())
        return _referral(request, henvisning_id)


@tiltak_router.put("/kontor/tiltaksinnstillinger", response={200: UkerOut, **ERRORS},
                   summary="Endre kontorets frist for utfall av henvisninger")
def tiltak_settings(request: HttpRequest, body: TiltakInnstillingerIn) -> dict[str, Any]:
    """Antall uker før en henvisning uten utfall kommer på arbeidslisten (leder)."""
    with audit_channel("api"):
        row = tiltak_ops.save_settings(scope=scope_of(request), actor=request.user,
                                       kontor_id=own_kontor_id(request),
                                       uker=body.henvisning_uten_utfall_uker, now=now())
    return {"henvisning_uten_utfall_uker": row.henvisning_uten_utfall_uker}


# --- KVP --------------------------------------------------------------------------------------

class ScreeningIn(Schema):
    grunn: Code = Field(description="LANGTID, UNDER_30_VILKAR, YTELSE_SLUTTER eller ANNET")
    notat: Text = ""


class KvpVurderingStrukturertIn(Schema):
    vesentlig_nedsatt_arbeidsevne: bool
    andre_ytelser: Code = Field(description="ingen, svart_begrenset eller andre")
    arbeidsevnevurdering: bool
    egnet: bool = Field(description="programmet er egnet og nødvendig")
    begrunnelse: Text
    vurdert_dato: CaseDate | None = None


class KvpSoknadIn(Schema):
    mottatt_at: ReceivedAt
    kanal: Code = Field(description="DIGITAL, PAPIR, MUNTLIG eller TELEFON")


class KvpVedtakIn(Schema):
    innvilget: bool
    begrunnelse: Text
    fakta: Text
    start: CaseDate | None = Field(default=None, description="planlagt start (innvilgelse)")
    kontonummer: Code = Field(default="", description="kontoen stønaden betales til")


class LinjeIn(Schema):
    henvisning_id: Id | None = None
    beskrivelse: Line = ""
    timer_per_uke: Timer | None = None


class ProgramplanIn(Schema):
    linjer: list[LinjeIn] = Field(max_length=30)


class FravaerIn(Schema):
    dato: CaseDate
    type: Code = Field(description="SYK_EGENMELDING, SYK_LEGEERKLAERING, GYLDIG, UGYLDIG "
                       "eller UTEN_STONAD")
    dokumentasjon: Line = ""
    merknad: Text = ""


class FravaerstrekkIn(Schema):
    maned: CaseDate
    begrunnelse: Text


class ForlengelseIn(Schema):
    ny_slutt: CaseDate = Field(description="første dag etter programmet")
    begrunnelse: Text


class AvbruddIn(Schema):
    fra: CaseDate
    grunn: Text


class AvslutningIn(Schema):
    dato: CaseDate = Field(description="siste dag i programmet")
    kostra_status: Code = Field(description="KOSTRA 11CF STATUS 3–7")
    begrunnelse: Text
    situasjon_etter: list[Code] = Field(default_factory=list, max_length=10)
    viktigste_inntekt: Code = ""


class KvpInnstillingerIn(Schema):
    fulltid_timer: Annotated[Decimal, Field(ge=1, le=60, max_digits=4, decimal_places=1,
                                            description="full tid, 20–45 timer per uke")]
    programslutt_varsel_dager: int = Field(ge=1, le=365)


class KvpInnstillingerOut(Schema):
    fulltid_timer: Decimal
    programslutt_varsel_dager: int


def _view(request: HttpRequest, deltakelse_id: int) -> dict[str, Any]:
    return _asdict(get_deltakelse(scope=scope_of(request), actor=request.user,
                                  deltakelse_id=deltakelse_id, purpose="api: lese KVP"))


@kvp_router.get("/kvp", response={200: list[DeltakelseView], **ERRORS},
                summary="List deltakelser i kvalifiseringsprogram")
def list_kvp(request: HttpRequest, status: Code = "") -> list[dict[str, Any]]:
    """List KVP-løpene ved kontorene i tilgangen din, nyeste først; `status` filtrerer."""
    with audit_channel("api"):
        rows = list_deltakelser(scope=scope_of(request), actor=request.user, status=status,
                                purpose="api: liste KVP")
    return [_asdict(r) for r in rows]


@kvp_router.get("/soknader/{soknad_id}/kvp", response={200: SakensKvp, **ERRORS},
                summary="Les KVP for personen i en sak")
def kvp_of(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Personens KVP-løp ved kontoret og alle vurderinger av retten til program, også eldre
    vurderinger i fritekst."""
    with audit_channel("api"):
        return _asdict(kvp_of_case(scope=scope_of(request), actor=request.user,
                                   soknad_id=soknad_id))


@kvp_router.post("/soknader/{soknad_id}/kvp", response={201: DeltakelseView, **ERRORS},
                 summary="Merk personen som aktuell for KVP")
def screen(request: HttpRequest, soknad_id: Id, body: ScreeningIn) -> tuple[int, dict[str, Any]]:
    """Start et KVP-løp for personen i saken (fra arbeidslisten over aktuelle), med grunn."""
    with audit_channel("api"):
        d = kvp.screen(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                       grunn=body.grunn, notat=body.notat, now=now())
        return 201, _view(request, d.pk)


@kvp_router.get("/kvp/{deltakelse_id}", response={200: DeltakelseView, **ERRORS},
                summary="Les ett KVP-løp")
def read_kvp(request: HttpRequest, deltakelse_id: Id) -> dict[str, Any]:
    """Les KVP-løpet med vurderinger, programplan, fravær, trekk, avbrudd og utbetalinger."""
    with audit_channel("api"):
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/vurdering", response={200: DeltakelseView, **ERRORS},
                 summary="Vurder retten til kvalifiseringsprogram")
def assess(request: HttpRequest, deltakelse_id: Id,
           body: KvpVurderingStrukturertIn) -> dict[str, Any]:
    """Strukturert vurdering etter § 29: nedsatt arbeids- og inntektsevne, ingen eller
    begrensede ytelser, arbeidsevnevurdering, egnethet og begrunnelse."""
    with audit_channel("api"):
        kvp.assess(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                   data=kvp.VurderingInput(**body.model_dump()), now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/soknad", response={200: DeltakelseView, **ERRORS},
                 summary="Registrer søknad om kvalifiseringsprogram")
def apply(request: HttpRequest, deltakelse_id: Id, body: KvpSoknadIn) -> dict[str, Any]:
    """Registrer søknaden om KVP som en egen sak (KOSTRA: registreringsdato)."""
    with audit_channel("api"):
        kvp.apply(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                  mottatt_at=body.mottatt_at, kanal=body.kanal, now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/vedtak", response={200: DeltakelseView, **ERRORS},
                 summary="Innvilg eller avslå kvalifiseringsprogram")
def decide(request: HttpRequest, deltakelse_id: Id, body: KvpVedtakIn) -> dict[str, Any]:
    """Vedtak om KVP med begrunnelse og klageinformasjon. Innvilgelse gir stønad etter § 35
    for hver måned i toårsperioden, utbetalt månedlig."""
    with audit_channel("api"):
        kvp.decide(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                   data=kvp.VedtakInput(**body.model_dump()), now=now())
        return _view(request, deltakelse_id)


@kvp_router.put("/kvp/{deltakelse_id}/programplan", response={200: DeltakelseView, **ERRORS},
                summary="Lagre programplanen")
def plan(request: HttpRequest, deltakelse_id: Id, body: ProgramplanIn) -> dict[str, Any]:
    """Programplanen: henvisninger til tiltak og andre aktiviteter med timer per uke. Summen
    må være kontorets fulle tid."""
    with audit_channel("api"):
        kvp.save_plan(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                      linjer=[kvp.PlanLinje(**line.model_dump()) for line in body.linjer],
                      now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/start", response={200: DeltakelseView, **ERRORS},
                 summary="Start kvalifiseringsprogrammet")
def start(request: HttpRequest, deltakelse_id: Id) -> dict[str, Any]:
    """Start programmet på vedtakets startdato (KOSTRA: begynt); det varer i inntil to år."""
    with audit_channel("api"):
        kvp.start(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                  now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/fravaer", response={200: DeltakelseView, **ERRORS},
                 summary="Registrer fravær i programmet")
def absence(request: HttpRequest, deltakelse_id: Id, body: FravaerIn) -> dict[str, Any]:
    """Registrer én ukedags fravær. Sykefravær krever egenmelding eller legeerklæring.
    Fravær gir trekk bare gjennom et vedtak om trekk."""
    with audit_channel("api"):
        kvp.record_absence(scope=scope_of(request), actor=request.user,
                           deltakelse_id=deltakelse_id, now=now(), **body.model_dump())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/reduksjon", response={200: DeltakelseView, **ERRORS},
                 summary="Vedta trekk for fravær")
def reduce(request: HttpRequest, deltakelse_id: Id, body: FravaerstrekkIn) -> dict[str, Any]:
    """Vedtak om trekk i månedens kvalifiseringsstønad for ugyldig fravær, med brev; den
    planlagte utbetalingen senkes."""
    with audit_channel("api"):
        kvp.decide_reduction(scope=scope_of(request), actor=request.user,
                             deltakelse_id=deltakelse_id, maned=body.maned,
                             begrunnelse=body.begrunnelse, now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/forlengelse", response={200: DeltakelseView, **ERRORS},
                 summary="Forleng kvalifiseringsprogrammet")
def extend(request: HttpRequest, deltakelse_id: Id, body: ForlengelseIn) -> dict[str, Any]:
    """Forleng programmet ut over to år med inntil ett år i særlige tilfeller, med begrunnelse
    (nytt vedtak med brev og utbetalinger)."""
    with audit_channel("api"):
        kvp.extend(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                   ny_slutt=body.ny_slutt, begrunnelse=body.begrunnelse, now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/avbrudd", response={200: DeltakelseView, **ERRORS},
                 summary="Avbryt programmet midlertidig")
def interrupt(request: HttpRequest, deltakelse_id: Id, body: AvbruddIn) -> dict[str, Any]:
    """Midlertidig avbrudd: ingen stønad fra datoen; planlagte utbetalinger stoppes."""
    with audit_channel("api"):
        kvp.interrupt(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                      fra=body.fra, grunn=body.grunn, now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/gjenopptak", response={200: DeltakelseView, **ERRORS},
                 summary="Gjenoppta programmet etter avbrudd")
def resume(request: HttpRequest, deltakelse_id: Id, body: DatoIn) -> dict[str, Any]:
    """Personen er tilbake i programmet fra datoen; stoppede utbetalinger etter den planlegges
    igjen."""
    with audit_channel("api"):
        kvp.resume(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                   dato=body.dato, now=now())
        return _view(request, deltakelse_id)


@kvp_router.post("/kvp/{deltakelse_id}/avslutning", response={200: DeltakelseView, **ERRORS},
                 summary="Avslutt kvalifiseringsprogrammet")
def end(request: HttpRequest, deltakelse_id: Id, body: AvslutningIn) -> dict[str, Any]:
    """Avslutt programmet med KOSTRA-status og situasjon rett etter; vedtak med brev, og
    utbetalinger etter siste dag stoppes."""
    with audit_channel("api"):
        kvp.end(scope=scope_of(request), actor=request.user, deltakelse_id=deltakelse_id,
                data=kvp.AvslutningInput(
                    dato=body.dato, kostra_status=body.kostra_status,
                    begrunnelse=body.begrunnelse, situasjon_etter=tuple(body.situasjon_etter),
                    viktigste_inntekt=body.viktigste_inntekt), now=now())
        return _view(request, deltakelse_id)


@kvp_router.put("/kontor/kvp-innstillinger", response={200: KvpInnstillingerOut, **ERRORS},
                summary="Endre kontorets innstillinger for KVP")
def kvp_settings(request: HttpRequest, body: KvpInnstillingerIn) -> dict[str, Any]:
    """Full tid i timer per uke, og hvor mange dager før slutt et program kommer på
    arbeidslisten (leder)."""
    with audit_channel("api"):
        row = kvp.save_settings(scope=scope_of(request), actor=request.user,
                                kontor_id=own_kontor_id(request),
                                fulltid_timer=body.fulltid_timer,
                                programslutt_varsel_dager=body.programslutt_varsel_dager,
                                now=now())
    return {"fulltid_timer": row.fulltid_timer,
            "programslutt_varsel_dager": row.programslutt_varsel_dager}


__all__ = ["kvp_router", "tiltak_router"]
