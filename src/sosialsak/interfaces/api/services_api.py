"""JSON API for the social services (issue 14, items 4-7): individuell plan with participants,
consent and meetings (§ 28), midlertidig botilbud with providers, assessments, stays and
exclusions (§ 27), økonomisk rådgivning (§ 17) and concerns sent to barnevernet (§ 45).

Same rules as the caseworker pages: one call inward under ``audit_channel("api")``; the one
error shape ``{code, message, extra}``; a read-only role gets 403 on every write (``auth``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.services import operations as ops
from sosialsak.contexts.services import queries
from sosialsak.contexts.services.policy import NoConsent, ServiceSettings
from sosialsak.interfaces.api.bounds import CaseDate, Days, Id, Kroner, Line, Text
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import now, scope_of, today

router = Router(tags=["sosiale tjenester"])
ERRORS: dict[int, Any] = {400: Error, 403: Error, 404: Error}

Formal = Literal["MAL_OG_TILTAK", "OKONOMI", "BOLIG", "HELSE", "BARN", "ARBEID"]
Tjeneste = Literal["BARNEVERN", "HELSE", "SKOLE", "BOLIG", "NAV_STAT", "ANNET"]


class TjenesteId(Schema):
    id: int


class IndividuellPlanIn(Schema):
    mal: Text = Field(..., description="Personens mål")
    neste_evaluering: CaseDate
    barn_langvarige_behov: bool = False
    barnekoordinator: Line = ""
    koordinator_id: Id | None = None
    avsluttet: CaseDate | None = None


class PlanDeltakerIn(Schema):
    tjeneste: Tjeneste
    navn: Line
    kontakt: Line = ""
    samtykke: list[Formal] = Field(default_factory=list, max_length=6,
                                   description="Formål personen samtykker til å dele nå")


class PlanSamtykkeIn(Schema):
    formal: Formal


class PlanTiltakIn(Schema):
    hva: Text
    formal: Formal = "MAL_OG_TILTAK"
    ansvarlig_id: Id | None = Field(None, description="Deltakeren som har ansvaret; null: NAV")
    frist: CaseDate | None = None


class AnsvarsgruppeMoteIn(Schema):
    dato: CaseDate
    referat: Text
    formal: Formal = "MAL_OG_TILTAK"
    deltaker_ids: list[Id] = Field(default_factory=list, max_length=50)


class BotilbudIn(Schema):
    navn: Line
    type: Literal["HOSPITS", "HOTELL", "KOMMUNAL", "ANNET"]
    adresse: Line = ""


class KvalitetsvurderingIn(Schema):
    dato: CaseDate
    vurdert_av: Line
    funn: Text
    forsvarlig: bool
    godkjent_for_barn: bool


class OppholdIn(Schema):
    botilbud_id: Id
    fra: CaseDate
    til: CaseDate | None = Field(None, description="Dagen husstanden flyttet ut")
    pris_per_dogn: Kroner
    antall_voksne: int = Field(1, ge=1, le=20)
    antall_barn: int = Field(0, ge=0, le=20)
    vedtak_id: Id | None = None


class OppholdSluttIn(Schema):
    til: CaseDate


class UtestengelseIn(Schema):
    botilbud_id: Id
    fra: CaseDate
    til: CaseDate | None = None
    fakta: Text
    kontradiksjon: Text = Field(..., description="Hva personen selv har sagt om saken")
    begrunnelse: Text


class UtestengelseCreated(Schema):
    id: int
    brev_id: int


class RadgivningIn(Schema):
    art: Literal["OKONOMISK", "GJELD"]
    vedtak_dato: CaseDate
    utfall: Literal["INNVILGET", "AVSLATT"]
    niva: Literal["I", "II", "III"]
    start: CaseDate | None = None


class HenvisningIn(Schema):
    til: Literal["NAMSMANNEN", "KOMMUNEN", "ANNET"]
    dato: CaseDate
    navn: Line = ""
    notat: Text = ""


class RadgivningSluttIn(Schema):
    avsluttet: CaseDate
    resultat: Literal["BUDSJETT", "AVTALE_KREDITORER", "GJELDSORDNING", "AVBRUTT", "ANNET"]
    notat: Text = ""


class BekymringIn(Schema):
    barn_navn: Line
    sendt_dato: CaseDate
    barneverntjeneste: Line
    kartlegging_id: Id | None = None


class BarnevernSvarIn(Schema):
    svar_dato: CaseDate
    svar: Text
    neste_steg: Text = ""


class TjenesteinnstillingerIn(Schema):
    barnevern_svar_dager: Days


# --- overview and plan -------------------------------------------------------------------------

@router.get("/personer/{person_id}/tjenester", response={200: queries.PersonServices,
                                                        404: Error},
            summary="Les personens sosiale tjenester")
def person_services(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Individuell plan, opphold i midlertidig botilbud med flagg, utestengelser, økonomisk
    rådgivning og bekymringsmeldinger til barnevernet, med KOSTRA-kodene de gir."""
    with audit_channel("api"):
        got = queries.person_services(scope=scope_of(request), actor=request.user,
                                      person_id=person_id, today=today(), now=now(),
                                      purpose="api: sosiale tjenester")
    return dataclasses.asdict(got)


@router.post("/personer/{person_id}/individuelle-planer", response={201: TjenesteId, **ERRORS},
             summary="Opprett individuell plan")
def create_plan(request: HttpRequest, person_id: Id, body: IndividuellPlanIn) -> tuple[int, dict]:
    """Opprett en individuell plan (sosialtjenesteloven § 28) med mål, koordinator, dato for
    evaluering og eventuelt barnekoordinator."""
    with audit_channel("api"):
        plan = ops.create_plan(scope=scope_of(request), actor=request.user, person_id=person_id,
                               now=now(), data=ops.PlanInput(
                                   mal=body.mal, neste_evaluering=body.neste_evaluering,
                                   barn_langvarige_behov=body.barn_langvarige_behov,
                                   barnekoordinator=body.barnekoordinator,
                                   koordinator_id=body.koordinator_id))
    return 201, {"id": plan.pk}


@router.get("/individuelle-planer/{plan_id}", response={200: queries.PlanOut, 404: Error},
            summary="Les individuell plan")
def get_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    """Hele planen for saksbehandleren: mål, deltakere med samtykker, tiltak og møter."""
    with audit_channel("api"):
        plan = queries.get_plan(scope=scope_of(request), actor=request.user, plan_id=plan_id,
                                today=today(), now=now(), purpose="api: individuell plan")
    return dataclasses.asdict(plan)


@router.post("/individuelle-planer/{plan_id}", response={200: TjenesteId, **ERRORS},
             summary="Endre individuell plan")
def update_plan(request: HttpRequest, plan_id: Id, body: IndividuellPlanIn) -> dict[str, Any]:
    """Endre mål, evalueringsdato, koordinator eller barnekoordinator, eller avslutt planen."""
    with audit_channel("api"):
        plan = ops.update_plan(scope=scope_of(request), actor=request.user, plan_id=plan_id,
                               now=now(), avsluttet=body.avsluttet, data=ops.PlanInput(
                                   mal=body.mal, neste_evaluering=body.neste_evaluering,
                                   barn_langvarige_behov=body.barn_langvarige_behov,
                                   barnekoordinator=body.barnekoordinator,
                                   koordinator_id=body.koordinator_id))
    return {"id": plan.pk}


@router.post("/individuelle-planer/{plan_id}/deltakere", response={201: TjenesteId, **ERRORS},
             summary="Legg til deltaker i planen")
def add_deltaker(request: HttpRequest, plan_id: Id, body: PlanDeltakerIn) -> tuple[int, dict]:
    """Legg til en deltaker fra en annen tjeneste, med samtykkene personen gir nå (per formål)."""
    with audit_channel("api"):
        d = ops.add_deltaker(scope=scope_of(request), actor=request.user, plan_id=plan_id,
                             now=now(), data=ops.DeltakerInput(
                                 tjeneste=body.tjeneste, navn=body.navn, kontakt=body.kontakt,
                                 samtykke=tuple(body.samtykke)))
    return 201, {"id": d.pk}


@router.post("/deltakere/{deltaker_id}/samtykker", response={201: TjenesteId, **ERRORS},
             summary="Registrer samtykke")
def give_samtykke(request: HttpRequest, deltaker_id: Id, body: PlanSamtykkeIn) -> tuple[int, dict]:
    """Personen samtykker til at opplysninger for ett formål deles med én deltaker."""
    with audit_channel("api"):
        s = ops.give_samtykke(scope=scope_of(request), actor=request.user,
                              deltaker_id=deltaker_id, formal=body.formal, now=now())
    return 201, {"id": s.pk}


@router.post("/plan-samtykker/{samtykke_id}/trekk", response={200: TjenesteId, **ERRORS},
             summary="Trekk samtykke tilbake")
def withdraw_samtykke(request: HttpRequest, samtykke_id: Id) -> dict[str, Any]:
    """Personen trekker samtykket tilbake. Det gjelder straks: deltakeren ser ikke lenger
    opplysningene for dette formålet."""
    with audit_channel("api"):
        s = ops.withdraw_samtykke(scope=scope_of(request), actor=request.user,
                                  samtykke_id=samtykke_id, now=now())
    return {"id": s.pk}


@router.get("/deltakere/{deltaker_id}/visning",
            response={200: queries.ParticipantView, 403: Error, 404: Error},
            summary="Vis planen slik deltakeren får se den")
def participant_view(request: HttpRequest, deltaker_id: Id,
                     formal: Formal | None = None) -> Any:
    """Bare det personen har samtykket til å dele med denne deltakeren, for hvert formål, akkurat
    nå. Med ``formal``: bare det formålet, og 403 (``no_consent``) uten samtykke i kraft."""
    with audit_channel("api"):
        try:
            view = queries.participant_view(scope=scope_of(request), actor=request.user,
                                            deltaker_id=deltaker_id, at=now(), formal=formal,
                                            purpose="api: deltakervisning")
        except NoConsent as exc:
            return 403, exc.as_dict()
    return dataclasses.asdict(view)


@router.post("/individuelle-planer/{plan_id}/tiltak", response={201: TjenesteId, **ERRORS},
             summary="Legg til tiltak i planen")
def add_tiltak(request: HttpRequest, plan_id: Id, body: PlanTiltakIn) -> tuple[int, dict]:
    """Hvem gjør hva innen når, under ett formål (det styrer hvem som får se det)."""
    with audit_channel("api"):
        t = ops.add_tiltak(scope=scope_of(request), actor=request.user, plan_id=plan_id,
                           now=now(), data=ops.TiltakInput(hva=body.hva, formal=body.formal,
                                                           ansvarlig_id=body.ansvarlig_id,
                                                           frist=body.frist))
    return 201, {"id": t.pk}


@router.post("/individuelle-planer/{plan_id}/moter", response={201: TjenesteId, **ERRORS},
             summary="Registrer møte i ansvarsgruppen")
def record_mote(request: HttpRequest, plan_id: Id, body: AnsvarsgruppeMoteIn) -> tuple[int, dict]:
    """Møtelogg for ansvarsgruppen: dato, hvem som var med og referat under ett formål."""
    with audit_channel("api"):
        m = ops.record_mote(scope=scope_of(request), actor=request.user, plan_id=plan_id,
                            now=now(), data=ops.MoteInput(dato=body.dato, referat=body.referat,
                                                          formal=body.formal,
                                                          deltaker_ids=tuple(body.deltaker_ids)))
    return 201, {"id": m.pk}


# --- § 27 temporary housing --------------------------------------------------------------------

@router.get("/botilbud", response=list[queries.BotilbudOut], summary="List midlertidige botilbud")
def list_botilbud(request: HttpRequest, utdatert: bool = False) -> list[dict[str, Any]]:
    """Kontorets botilbud med siste kvalitetsvurdering. ``utdatert``: bare de som er i bruk og
    ikke er vurdert de siste 12 månedene."""
    with audit_channel("api"):
        rows = queries.providers(scope=scope_of(request), actor=request.user, today=today(),
                                 stale_only=utdatert)
    return [dataclasses.asdict(r) for r in rows]


@router.post("/botilbud", response={201: TjenesteId, **ERRORS}, summary="Registrer botilbud")
def create_botilbud(request: HttpRequest, body: BotilbudIn) -> tuple[int, dict]:
    """Registrer et midlertidig botilbud kontoret bruker."""
    with audit_channel("api"):
        b = ops.create_botilbud(scope=scope_of(request), actor=request.user,
                                data=ops.BotilbudInput(navn=body.navn, type=body.type,
                                                       adresse=body.adresse))
    return 201, {"id": b.pk}


@router.post("/botilbud/{botilbud_id}/vurderinger", response={201: TjenesteId, **ERRORS},
             summary="Registrer kvalitetsvurdering")
def record_vurdering(request: HttpRequest, botilbud_id: Id, body: KvalitetsvurderingIn
                     ) -> tuple[int, dict]:
    """Dato, hvem som vurderte, funn, om botilbudet er forsvarlig og om det er godkjent for barn."""
    with audit_channel("api"):
        v = ops.record_vurdering(scope=scope_of(request), actor=request.user,
                                 botilbud_id=botilbud_id, now=now(), data=ops.VurderingInput(
                                     **body.dict()))
    return 201, {"id": v.pk}


@router.post("/personer/{person_id}/opphold", response={201: queries.OppholdOut, **ERRORS},
             summary="Registrer opphold i midlertidig botilbud")
def record_opphold(request: HttpRequest, person_id: Id, body: OppholdIn) -> tuple[int, dict]:
    """Registrer et opphold (sosialtjenesteloven § 27) for personens husstand; svaret har
    flaggene for barn og for over 3 måneder."""
    with audit_channel("api"):
        o = ops.record_opphold(scope=scope_of(request), actor=request.user, person_id=person_id,
                               now=now(), data=ops.OppholdInput(**body.dict()))
        out = queries.opphold_out(o, today(), queries.barn_godkjent({o.botilbud_id}))
    return 201, dataclasses.asdict(out)


@router.post("/opphold/{opphold_id}/avslutt", response={200: TjenesteId, **ERRORS},
             summary="Avslutt opphold")
def end_opphold(request: HttpRequest, opphold_id: Id, body: OppholdSluttIn) -> dict[str, Any]:
    """Registrer dagen husstanden flyttet ut."""
    with audit_channel("api"):
        o = ops.end_opphold(scope=scope_of(request), actor=request.user, opphold_id=opphold_id,
                            til=body.til, now=now())
    return {"id": o.pk}


@router.post("/personer/{person_id}/utestengelser", response={201: UtestengelseCreated, **ERRORS},
             summary="Fatt vedtak om utestengelse fra botilbud")
def exclude(request: HttpRequest, person_id: Id, body: UtestengelseIn) -> tuple[int, dict]:
    """Utestengelse fra et midlertidig botilbud er et enkeltvedtak: begrunnet, med det personen
    selv har sagt, og med klageadgang til Statsforvalteren. Vedtaksbrevet lagres som PDF."""
    with audit_channel("api"):
        u = ops.exclude_from_botilbud(scope=scope_of(request), actor=request.user,
                                      person_id=person_id, now=now(),
                                      data=ops.UtestengelseInput(**body.dict()))
    return 201, {"id": u.pk, "brev_id": u.brev_id}


# --- § 17 counselling --------------------------------------------------------------------------

@router.post("/personer/{person_id}/radgivninger", response={201: TjenesteId, **ERRORS},
             summary="Registrer økonomisk rådgivning")
def record_radgivning(request: HttpRequest, person_id: Id, body: RadgivningIn
                      ) -> tuple[int, dict]:
    """Vedtak om økonomisk rådgivning eller gjeldsrådgivning (§ 17), startdato og nivå."""
    with audit_channel("api"):
        r = ops.record_radgivning(scope=scope_of(request), actor=request.user,
                                  person_id=person_id, now=now(),
                                  data=ops.RadgivningInput(**body.dict()))
    return 201, {"id": r.pk}


@router.post("/radgivninger/{radgivning_id}/henvisninger", response={201: TjenesteId, **ERRORS},
             summary="Registrer henvisning")
def add_henvisning(request: HttpRequest, radgivning_id: Id, body: HenvisningIn
                   ) -> tuple[int, dict]:
    """Henvisning til namsmannen eller andre."""
    with audit_channel("api"):
        h = ops.add_henvisning(scope=scope_of(request), actor=request.user,
                               radgivning_id=radgivning_id, now=now(),
                               data=ops.HenvisningInput(**body.dict()))
    return 201, {"id": h.pk}


@router.post("/radgivninger/{radgivning_id}/avslutt", response={200: TjenesteId, **ERRORS},
             summary="Avslutt rådgivning med resultat")
def close_radgivning(request: HttpRequest, radgivning_id: Id, body: RadgivningSluttIn
                     ) -> dict[str, Any]:
    """Avslutt rådgivningen og registrer resultatet."""
    with audit_channel("api"):
        r = ops.close_radgivning(scope=scope_of(request), actor=request.user,
                                 radgivning_id=radgivning_id, avsluttet=body.avsluttet,
                                 resultat=body.resultat, notat=body.notat, now=now())
    return {"id": r.pk}


# --- § 45 concern ------------------------------------------------------------------------------

@router.post("/personer/{person_id}/bekymringer", response={201: TjenesteId, **ERRORS},
             summary="Registrer bekymringsmelding til barnevernet")
def record_bekymring(request: HttpRequest, person_id: Id, body: BekymringIn
                     ) -> tuple[int, dict]:
    """Når meldingen ble sendt og til hvilken barneverntjeneste (sosialtjenesteloven § 45),
    gjerne fra bekymringen i kartleggingen av barnet."""
    with audit_channel("api"):
        m = ops.record_bekymring(scope=scope_of(request), actor=request.user,
                                 person_id=person_id, now=now(),
                                 data=ops.BekymringInput(**body.dict()))
    return 201, {"id": m.pk}


@router.post("/bekymringer/{bekymring_id}/svar", response={200: TjenesteId, **ERRORS},
             summary="Registrer svar fra barnevernet")
def record_svar(request: HttpRequest, bekymring_id: Id, body: BarnevernSvarIn) -> dict[str, Any]:
    """Svaret fra barnevernet og neste steg."""
    with audit_channel("api"):
        m = ops.record_svar(scope=scope_of(request), actor=request.user,
                            bekymring_id=bekymring_id, svar_dato=body.svar_dato, svar=body.svar,
                            neste_steg=body.neste_steg, now=now())
    return {"id": m.pk}


@router.post("/kontorer/{kontor_id}/tjenesteinnstillinger",
             response={200: TjenesteinnstillingerIn, **ERRORS},
             summary="Endre kontorets innstillinger for tjenestene")
def set_settings(request: HttpRequest, kontor_id: Id,
                 body: TjenesteinnstillingerIn) -> dict[str, Any]:
    """Lederen setter hvor mange dager kontoret venter på svar fra barnevernet før meldingen
    kommer på arbeidslisten."""
    with audit_channel("api"):
        got = ops.set_service_settings(scope=scope_of(request), actor=request.user,
                                       kontor_id=kontor_id, now=now(), data=ServiceSettings(
                                           barnevern_svar_dager=body.barnevern_svar_dager))
    return dataclasses.asdict(got)


def install(api: NinjaAPI) -> None:
    api.add_router("/v1", router)


__all__ = ["install"]
