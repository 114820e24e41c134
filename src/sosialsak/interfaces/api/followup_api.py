"""JSON API for follow-up (issue 14): the person's activity plan (reached through one of their
applications), the link from a condition to the activity that fulfils it, the condition's
follow-up date, a condition met, and a payment held until a condition is met.

Each endpoint makes one call inward, under audit channel "api"; errors have the API's one
shape ``{code, message, extra}``. The worklists (``klage-oversending``,
``forhandsvarsel-svarfrist``, ``vilkar-oppfolging``, ``aktivitet-frist``) are read through
``GET /api/v1/arbeidslister/{key}`` like the others.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.followup import operations as ops
from sosialsak.contexts.followup.models import Aktivitet
from sosialsak.contexts.followup.policy import AktivitetInput
from sosialsak.contexts.followup.queries import PlanPage, plan_page
from sosialsak.contexts.payments.holds import hold_utbetaling
from sosialsak.interfaces.api.bounds import CaseDate, Code, Id, Line, Text
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import scope_of, today

router = Router(tags=["oppfølging"])
ERR: dict[int, Any] = {400: Error, 404: Error}


class AktivitetIn(Schema):
    mal: Text = Field(description="what the activity is to help the person towards")
    hva: Text = Field(description="what the person does")
    hvem: Line = Field(default="", description="who is responsible or arranges it")
    fra: CaseDate
    til: CaseDate | None = Field(default=None, description="last day (inclusive)")
    timer_per_uke: int | None = Field(default=None, ge=0, le=80)

    def data(self) -> AktivitetInput:
        return AktivitetInput(mal=self.mal, hva=self.hva, hvem=self.hvem, fra=self.fra,
                              til=self.til, timer_per_uke=self.timer_per_uke)


class AktivitetOut(Schema):
    id: int
    mal: str
    hva: str
    hvem: str
    fra: date
    til: date | None
    status: str
    timer_per_uke: int | None
    avtalt_at: datetime | None
    avtalt_kanal: str


class AktivitetStatusIn(Schema):
    status: Code = Field(description="STARTET, FULLFORT or AVBRUTT")


class AvtaltIn(Schema):
    merknad: Line = Field(description="how the person agreed, e.g. «i samtale 3.12»")


class KoblingIn(Schema):
    aktivitet_id: Id | None = Field(description="the activity that fulfils the condition; "
                                                "null removes the link")


class OppfolgingIn(Schema):
    oppfolgingsdato: CaseDate | None = Field(description="null clears the date")


class VilkarOppfolgingOut(Schema):
    id: int
    status: str
    oppfolgingsdato: date | None
    aktivitet_id: int | None = None
    frigitte_utbetalinger: list[str] = Field(default_factory=list)


class HoldIn(Schema):
    vilkar_id: Id


class HoldOut(Schema):
    id: int
    utbetaling_id: int
    vilkar_id: int
    holdt_at: datetime


def _out(a: Aktivitet) -> dict[str, Any]:
    return {"id": a.pk, "mal": a.mal, "hva": a.hva, "hvem": a.hvem, "fra": a.fra, "til": a.til,
            "status": a.status, "timer_per_uke": a.timer_per_uke, "avtalt_at": a.avtalt_at,
            "avtalt_kanal": a.avtalt_kanal}


@router.get("/soknader/{soknad_id}/aktivitetsplan", response={200: PlanPage, 404: Error},
            summary="Les aktivitetsplanen")
def get_plan(request: HttpRequest, soknad_id: Id) -> PlanPage:
    """Les aktivitetsplanen til personen søknaden gjelder, ved søknadens kontor: aktivitetene
    med historikk og avtale, og vilkårene i personens vedtak med oppfølgingsdato og aktiviteten
    som oppfyller dem."""
    with audit_channel("api"):
        return plan_page(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                         today=today())


@router.post("/soknader/{soknad_id}/aktiviteter", response={201: AktivitetOut, **ERR},
             summary="Legg til aktivitet i aktivitetsplanen")
def add(request: HttpRequest, soknad_id: Id, body: AktivitetIn) -> tuple[int, dict[str, Any]]:
    """Legg til en aktivitet (mål, hva, hvem, fra–til, timer per uke) i planen til personen
    søknaden gjelder. Planen lages første gang."""
    with audit_channel("api"):
        a = ops.add_aktivitet(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                              data=body.data(), now=timezone.now())
    return 201, _out(a)


@router.put("/aktiviteter/{aktivitet_id}", response={200: AktivitetOut, **ERR},
            summary="Endre aktivitet")
def change(request: HttpRequest, aktivitet_id: Id, body: AktivitetIn) -> dict[str, Any]:
    """Endre hva aktiviteten sier. Endringen lagres i historikken, og en avtale med personen
    faller bort (den gjaldt den gamle versjonen)."""
    with audit_channel("api"):
        a = ops.change_aktivitet(scope=scope_of(request), actor=request.user,
                                 aktivitet_id=aktivitet_id, data=body.data(), now=timezone.now())
    return _out(a)


@router.post("/aktiviteter/{aktivitet_id}/status", response={200: AktivitetOut, **ERR},
             summary="Endre status på aktivitet")
def status(request: HttpRequest, aktivitet_id: Id, body: AktivitetStatusIn) -> dict[str, Any]:
    """Flytt aktiviteten fra planlagt til startet eller fullført, eller avbryt den."""
    with audit_channel("api"):
        a = ops.set_aktivitet_status(scope=scope_of(request), actor=request.user,
                                     aktivitet_id=aktivitet_id, status=body.status,
                                     now=timezone.now())
    return _out(a)


@router.post("/aktiviteter/{aktivitet_id}/avtalt", response={200: AktivitetOut, **ERR},
             summary="Registrer at aktiviteten er avtalt")
def agree(request: HttpRequest, aktivitet_id: Id, body: AvtaltIn) -> dict[str, Any]:
    """Registrer at personen er enig i aktiviteten slik den er nå, og hvordan det ble avtalt."""
    with audit_channel("api"):
        a = ops.agree_aktivitet(scope=scope_of(request), actor=request.user,
                                aktivitet_id=aktivitet_id, merknad=body.merknad,
                                now=timezone.now())
    return _out(a)


@router.put("/vilkar/{vilkar_id}/aktivitet", response={200: VilkarOppfolgingOut, **ERR},
            summary="Knytt vilkår til aktivitet")
def link(request: HttpRequest, vilkar_id: Id, body: KoblingIn) -> dict[str, Any]:
    """Knytt vilkåret (sosialtjenesteloven § 20 / § 20 a) til aktiviteten som oppfyller det,
    eller fjern koblingen med ``null``."""
    s, now = scope_of(request), timezone.now()
    with audit_channel("api"):
        if body.aktivitet_id is None:
            v = ops.unlink_vilkar(scope=s, actor=request.user, vilkar_id=vilkar_id, now=now)
        else:
            v = ops.link_vilkar(scope=s, actor=request.user, vilkar_id=vilkar_id,
                                aktivitet_id=body.aktivitet_id, now=now).vilkar
    return {"id": v.pk, "status": v.status, "oppfolgingsdato": v.oppfolgingsdato,
            "aktivitet_id": body.aktivitet_id}


@router.put("/vilkar/{vilkar_id}/oppfolgingsdato", response={200: VilkarOppfolgingOut, **ERR},
            summary="Sett oppfølgingsdato for vilkår")
def follow_up(request: HttpRequest, vilkar_id: Id, body: OppfolgingIn) -> dict[str, Any]:
    """Sett datoen kontoret skal følge opp vilkåret (eller fjern den med ``null``). Vilkår med
    passert dato står i arbeidslisten «vilkar-oppfolging»."""
    with audit_channel("api"):
        v = ops.set_vilkar_oppfolging(scope=scope_of(request), actor=request.user,
                                      vilkar_id=vilkar_id,
                                      oppfolgingsdato=body.oppfolgingsdato, now=timezone.now())
    return {"id": v.pk, "status": v.status, "oppfolgingsdato": v.oppfolgingsdato}


@router.post("/vilkar/{vilkar_id}/oppfylt", response={200: VilkarOppfolgingOut, **ERR},
             summary="Merk vilkår som oppfylt")
def met(request: HttpRequest, vilkar_id: Id) -> dict[str, Any]:
    """Merk vilkåret som oppfylt (innsyn: OPPFYLT). Utbetalinger som ble holdt tilbake til
    vilkåret var oppfylt, frigis og planlegges på nytt; referansene kommer i svaret."""
    with audit_channel("api"):
        v, released = ops.mark_vilkar_oppfylt(scope=scope_of(request), actor=request.user,
                                              vilkar_id=vilkar_id, now=timezone.now())
    return {"id": v.pk, "status": v.status, "oppfolgingsdato": v.oppfolgingsdato,
            "frigitte_utbetalinger": released}


@router.post("/utbetalinger/{utbetaling_id}/tilbakehold", response={201: HoldOut, **ERR},
             summary="Hold tilbake utbetaling til vilkår er oppfylt")
def hold(request: HttpRequest, utbetaling_id: Id, body: HoldIn) -> tuple[int, dict[str, Any]]:
    """Hold en planlagt utbetaling tilbake til vilkåret er oppfylt. Avvises (400,
    ``hold_without_ground``) når vedtaket ikke sier at utbetalingen skal utsettes til vilkåret
    er oppfylt."""
    with audit_channel("api"):
        h = hold_utbetaling(scope=scope_of(request), actor=request.user,
                            utbetaling_id=utbetaling_id, vilkar_id=body.vilkar_id,
                            now=timezone.now())
    return 201, {"id": h.pk, "utbetaling_id": h.utbetaling_id, "vilkar_id": h.vilkar_id,
                 "holdt_at": h.holdt_at}
