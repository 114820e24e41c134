"""Input and output shapes of the JSON API (the contract integrators code against)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Error(Schema):
    code: str
    message: str
    extra: dict[str, object] = {}


class DeadlineOut(Schema):
    due: date
    label: str
    overdue: bool


class SoknadListItem(Schema):
    id: int
    navn: str
    mottatt_at: datetime
    kanal: str
    status: str
    nodhjelp: bool
    antall_poster: int
    kontor: str
    neste_frist: DeadlineOut | None


class ChildOut(Schema):
    navn: str
    fodselsdato: date
    alder: int
    bosted: str


class PostOut(Schema):
    id: int
    label: str
    belop: int | None
    avgjort: bool


class VedtakOut(Schema):
    id: int
    sak: str
    hjemmel: str
    utfall: str
    stonadsform: str
    periode_fra: date | None
    periode_til: date | None  # the first day after the period (stored half-open)
    periode_tom: date | None  # the period's last day, for display (issue 11, item 15)
    belop: int | None
    begrunnelse: str
    fattet_at: datetime
    poster: list[str]
    vilkar: list[str]


class UtbetalingOut(Schema):
    id: int
    belop: int
    forfallsdato: date
    status: str
    mottaker: str


class KravOut(Schema):
    id: int
    tittel: str
    frist: date
    status: str


class HendelseOut(Schema):
    at: datetime
    type: str
    tekst: str
    actor: str = ""  # issue 12: who did it
    antall: int = 1  # identical lines at the same minute, shown once


class SoknadDetailOut(Schema):
    id: int
    status: str
    kanal_label: str
    nodhjelp: bool
    mottatt_at: datetime
    egne_ord: str
    kontor: str
    navn: str
    fodselsnummer: str
    adresse: str
    beskyttet: bool
    partner: str
    barn: list[ChildOut]
    poster: list[PostOut]
    vedtak: list[VedtakOut]
    utbetalinger: list[UtbetalingOut]
    krav: list[KravOut]
    hendelser: list[HendelseOut]
    neste_frist: DeadlineOut | None
    # Issue 12: the person (``/v1/personer/{person_id}``), who handles the case, the phone.
    person_id: int = 0
    saksbehandler: str = ""
    saksbehandler_id: int | None = None
    telefon: str = ""


class PostIn(Schema):
    type: str = Field(description="LIVSOPPHOLD, HUSLEIE, STROM, DEPOSITUM, NODHJELP, ... ANNET")
    beskrivelse: str = ""
    belop: int | None = None


class ChildIn(Schema):
    navn: str
    fodselsdato: date
    bosted: str = "FAST"
    fodselsnummer: str = ""


class PartnerIn(Schema):
    navn: str
    relasjon: str
    fodselsnummer: str = ""


class RegisterIn(Schema):
    fodselsnummer: str
    fornavn: str
    etternavn: str
    telefon: str = ""
    kanal: str = Field(description="PAPIR, MUNTLIG or TELEFON")
    mottatt_at: datetime
    nodhjelp: bool = False
    egne_ord: str = ""
    deler_bolig: bool = False
    poster: list[PostIn]
    partner: PartnerIn | None = None
    barn: list[ChildIn] = []


class StatusIn(Schema):
    status: str
    begrunnelse: str = ""
    lukk_dokumentasjonskrav: bool = False  # FERDIGBEHANDLET with open requests: withdraw them


class StatusOut(Schema):
    id: int
    status: str
