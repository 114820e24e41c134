"""JSON API for payments: plans from decisions, payment wishes, consent, and the daily export.

Each endpoint makes one call inward, under audit channel "api"; errors have the API's one shape
``{code, message, extra}``. The office is the caller's own.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.payments.export import export_due_payments
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger
from sosialsak.contexts.payments.operations import set_utbetaling_status
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.contexts.payments.profile import (
    SamtykkeInput,
    record_samtykke,
    set_betalingsprofil,
    withdraw_samtykke,
)
from sosialsak.contexts.payments.queries import (
    PaymentOverview,
    PaymentSettings,
    due_payments,
    payment_overview,
    payment_settings,
)
from sosialsak.contexts.payments.recipients import Mottaker
from sosialsak.interfaces.api.bounds import CaseDate, Code, Count, Id, Line, Text
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import own_kontor_id, scope_of
from sosialsak.kernel.periods import inclusive_end

payments_router = Router(tags=["utbetalinger"])
ERRORS: dict[int, Any] = {400: Error, 404: Error}


class MottakerIn(Schema):
    type: Code = Field(default="SOKER", description="SOKER or ANNEN (for example a landlord)")
    navn: Line = ""
    kontonummer: Code = Field(default="",
                              description="11 digits; empty: the applicant's profile account")
    organisasjonsnummer: Code = ""
    samtykke_id: Id | None = Field(default=None, description="required for ANNEN unless § 21")
    kid: Code = ""


class PlanIn(Schema):
    hyppighet: Code = Field(description="ENGANGS or MANEDLIG")
    mottaker: MottakerIn = MottakerIn()
    forfallsdato: CaseDate | None = Field(default=None,
                                          description="ENGANGS: when the money is needed")
    melding: Line = ""


class UtbetalingOut(Schema):
    id: int
    referanse: str
    betalingsreferanse: str
    belop: int
    forfallsdato: date
    status: str
    mottaker: str
    mottaker_type: str
    periode_fra: date | None
    periode_til: date | None  # the first day after the period (stored half-open)
    periode_tom: date | None  # the period's last day, for display (issue 11, item 15)
    vedtak_id: int


class UtbetalingStatusIn(Schema):
    status: Code = Field(description="UTBETALT, STOPPET, ANNULLERT or PLANLAGT (from STOPPET)")


class ProfilIn(Schema):
    kontonummer: Code
    samlet_manedlig_utbetaling: bool = False


class ProfilOut(Schema):
    kontonummer: str
    samlet_manedlig_utbetaling: bool


class SamtykkeIn(Schema):
    gitt_dato: CaseDate
    gjelder: Text
    mottaker_navn: Line
    mottaker_organisasjonsnummer: Code = ""
    gyldig_til: CaseDate | None = None


class TrekkIn(Schema):
    trukket_dato: CaseDate


class SamtykkeOut(Schema):
    id: int
    gitt_dato: date
    gjelder: str
    mottaker_navn: str
    gyldig_til: date | None
    trukket_dato: date | None


class ExportIn(Schema):
    dato: CaseDate
    format: Code = Field(description="CSV or PAIN001")
    oppdrag: Count | None = Field(default=None,
                                description="fetch an earlier batch of the day again")


class ExportOut(Schema):
    filnavn: str
    content_type: str
    sha256: str
    antall: int
    sum_belop: int
    msg_id: str
    lopenummer: int
    innhold: str


class DuePaymentOut(Schema):
    id: int
    referanse: str
    betalingsreferanse: str
    belop: int
    mottaker: str
    annen_mottaker: bool
    kontonummer: str
    kid_melding: str
    vedtak_id: int
    sak: str
    soknad_id: int
    oppdrag: int | None


class ExportRunOut(Schema):
    kjort_at: datetime
    kjort_av: str
    kanal: str
    format: str
    lopenummer: int
    msg_id: str
    antall: int
    sum_belop: int
    sha256: str


class DueDayOut(Schema):
    kontor: str
    forfallsdato: date
    betalinger: list[DuePaymentOut]
    sum_belop: int
    ikke_eksportert: int
    kjoringer: list[ExportRunOut]
    oppdrag: list[int]
    mangler_debitor: bool


def _out(u: Utbetaling) -> dict[str, Any]:
    return {"id": u.pk, "referanse": u.referanse,
            "betalingsreferanse": u.samlet_i.referanse if u.samlet_i else u.referanse,
            "belop": u.belop, "forfallsdato": u.forfallsdato, "status": u.status,
            "mottaker": u.mottaker_navn, "mottaker_type": u.mottaker_type,
            "periode_fra": u.periode_fra, "periode_til": u.periode_til,
            "periode_tom": inclusive_end(u.periode_til), "vedtak_id": u.vedtak_id}


def _now() -> datetime:
    return timezone.now()


@payments_router.post("/vedtak/{vedtak_id}/utbetalingsplan",
                      response={201: list[UtbetalingOut], **ERRORS},
                      summary="Lag utbetalingsplan for innvilget vedtak")
def plan(request: HttpRequest, vedtak_id: Id, body: PlanIn) -> tuple[int, list[dict[str, Any]]]:
    """Lag utbetalingsplanen for et innvilget vedtak (engangsutbetaling eller månedlig)."""
    with audit_channel("api"):
        rows = create_payment_plan(
            scope=scope_of(request), actor=request.user, vedtak_id=vedtak_id,
            hyppighet=body.hyppighet, mottaker=Mottaker(**body.mottaker.model_dump()),
            forfallsdato=body.forfallsdato, melding=body.melding, now=_now())
    return 201, [_out(u) for u in rows]


@payments_router.post("/utbetalinger/{utbetaling_id}/status",
                      response={200: UtbetalingOut, **ERRORS},
                      summary="Endre status på utbetaling")
def status(request: HttpRequest, utbetaling_id: Id, body: UtbetalingStatusIn) -> dict[str, Any]:
    """Flytt en utbetaling: planlagt → utbetalt / stoppet / annullert, stoppet → planlagt."""
    with audit_channel("api"):
        u = set_utbetaling_status(scope=scope_of(request), actor=request.user,
                                  utbetaling_id=utbetaling_id, status=body.status, now=_now())
    return _out(u)


@payments_router.put("/soknader/{soknad_id}/betalingsprofil",
                     response={200: ProfilOut, **ERRORS},
                     summary="Lagre kontonummer og utbetalingsønske")
def profil(request: HttpRequest, soknad_id: Id, body: ProfilIn) -> dict[str, Any]:
    """Lagre søkerens kontonummer og om søkeren ønsker én utbetaling i måneden."""
    with audit_channel("api"):
        p = set_betalingsprofil(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                                kontonummer=body.kontonummer, now=_now(),
                                samlet_manedlig_utbetaling=body.samlet_manedlig_utbetaling)
    return {"kontonummer": p.kontonummer,
            "samlet_manedlig_utbetaling": p.samlet_manedlig_utbetaling}


@payments_router.post("/soknader/{soknad_id}/samtykker", response={201: SamtykkeOut, **ERRORS},
                      summary="Registrer samtykke til utbetaling til tredjepart")
def samtykke(request: HttpRequest, soknad_id: Id, body: SamtykkeIn) -> tuple[int, Any]:
    """Registrer søkerens samtykke til at det utbetales til en navngitt mottaker (sotjl. § 22)."""
    with audit_channel("api"):
        s = record_samtykke(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            data=SamtykkeInput(**body.model_dump()), now=_now())
    return 201, s


@payments_router.post("/samtykker/{samtykke_id}/trekk",
                      response={200: list[UtbetalingOut], **ERRORS},
                      summary="Trekk tilbake samtykke")
def trekk(request: HttpRequest, samtykke_id: Id, body: TrekkIn) -> list[dict[str, Any]]:
    """Trekk tilbake et samtykke; svaret gir utbetalingene som ble stoppet."""
    with audit_channel("api"):
        stopped = withdraw_samtykke(scope=scope_of(request), actor=request.user,
                                    samtykke_id=samtykke_id, trukket_dato=body.trukket_dato,
                                    now=_now())
    return [_out(u) for u in stopped]


@payments_router.get("/utbetalinger/forfall", response={200: DueDayOut, **ERRORS},
                     summary="List utbetalinger som forfaller en dag")
def forfall(request: HttpRequest, dato: CaseDate) -> dict[str, Any]:
    """List de planlagte utbetalingene som forfaller på ``dato`` ved kallerens kontor, og dagens
    eksporter."""
    with audit_channel("api"):
        day = due_payments(scope=scope_of(request), actor=request.user,
                           kontor_id=own_kontor_id(request), forfallsdato=dato,
                           purpose="api: utbetalinger til forfall")
    return dataclasses.asdict(day)


@payments_router.post("/utbetalinger/eksport", response={200: ExportOut, **ERRORS},
                      summary="Eksporter dagens utbetalinger til bankfil")
def eksport(request: HttpRequest, body: ExportIn) -> dict[str, Any]:
    """Eksporter dagens forfalte utbetalinger som CSV eller pain.001; samme dag gir samme bunt."""
    with audit_channel("api"):
        f = export_due_payments(scope=scope_of(request), actor=request.user,
                                kontor_id=own_kontor_id(request), forfallsdato=body.dato,
                                format=body.format, now=_now(), lopenummer=body.oppdrag)
    return {**dataclasses.asdict(f), "innhold": f.innhold.decode("utf-8")}


class PaymentSettingsIn(Schema):
    utbetalingsdag: Count
    debitor_navn: Line = ""
    debitor_kontonummer: Code = ""
    debitor_organisasjonsnummer: Code = ""
    debitor_bic: Code = ""


@payments_router.get("/soknader/{soknad_id}/utbetalinger",
                     response={200: PaymentOverview, **ERRORS},
                     summary="Vis utbetalinger for søknad")
def overview(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Utbetalingene i én søknad (med statusene hver kan flyttes til), personens kontonummer og
    utbetalingsønske, og samtykkene."""
    with audit_channel("api"):
        page = payment_overview(scope=scope_of(request), actor=request.user,
                                soknad_id=soknad_id)
    return dataclasses.asdict(page)


@payments_router.get("/kontor/utbetalingsinnstillinger",
                     response={200: PaymentSettings, **ERRORS},
                     summary="Les kontorets utbetalingsinnstillinger")
def get_settings(request: HttpRequest) -> dict[str, Any]:
    """Kontorets utbetalingsdag og kommunens konto (bare kontorets leder)."""
    with audit_channel("api"):
        s = payment_settings(scope=scope_of(request), actor=request.user,
                             kontor_id=own_kontor_id(request))
    return dataclasses.asdict(s)


@payments_router.put("/kontor/utbetalingsinnstillinger",
                     response={200: PaymentSettings, **ERRORS},
                     summary="Endre kontorets utbetalingsinnstillinger")
def put_settings(request: HttpRequest, body: PaymentSettingsIn) -> dict[str, Any]:
    """Sett kontorets utbetalingsdag (1–28) og kommunens konto for bankfilen."""
    with audit_channel("api"):
        set_utbetalingsinnstillinger(scope=scope_of(request), actor=request.user,
                                     kontor_id=own_kontor_id(request), **body.model_dump())
        s = payment_settings(scope=scope_of(request), actor=request.user,
                             kontor_id=own_kontor_id(request))
    return dataclasses.asdict(s)
