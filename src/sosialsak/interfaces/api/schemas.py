"""Input and output shapes of the JSON API (the contract integrators code against)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from sosialsak.interfaces.api.bounds import (
    MAX_LIST,
    BirthDate,
    Code,
    Kroner,
    Line,
    ReceivedAt,
    Text,
)
from sosialsak.kernel.periods import inclusive_end


class Error(Schema):
    """Every error the API gives: a stable ``code``, a message in Bokmål and details (for
    invalid input, ``extra.field`` names the field; the value is never echoed)."""

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
    saksbehandler: str = ""


class ChildOut(Schema):
    navn: str
    fodselsdato: date
    alder: int
    bosted: str


class SoknadPostOut(Schema):
    id: int
    label: str
    belop: int | None
    avgjort: bool


class SoknadVedtakOut(Schema):
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

    @staticmethod
    def resolve_periode_tom(obj: Any) -> date | None:
        """The period's last day, from the stored first day after it (issue 11, item 15)."""
        til = obj["periode_til"] if isinstance(obj, dict) else obj.periode_til
        return inclusive_end(til)


class SoknadUtbetalingOut(Schema):
    id: int
    belop: int
    forfallsdato: date
    status: str
    mottaker: str


class SoknadKravOut(Schema):
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
    poster: list[SoknadPostOut]
    vedtak: list[SoknadVedtakOut]
    utbetalinger: list[SoknadUtbetalingOut]
    krav: list[SoknadKravOut]
    hendelser: list[HendelseOut]
    neste_frist: DeadlineOut | None
    # Issue 12: the person (``/v1/personer/{person_id}``), who handles the case, the phone.
    person_id: int = 0
    saksbehandler: str = ""
    saksbehandler_id: int | None = None
    telefon: str = ""


class PostIn(Schema):
    type: Code = Field(description="LIVSOPPHOLD, HUSLEIE, STROM, DEPOSITUM, NODHJELP, ... ANNET")
    beskrivelse: Line = ""
    belop: Kroner | None = None


class ChildIn(Schema):
    navn: Line
    fodselsdato: BirthDate
    bosted: Code = "FAST"
    fodselsnummer: Code = ""


class PartnerIn(Schema):
    navn: Line
    relasjon: Code
    fodselsnummer: Code = ""


class RegisterIn(Schema):
    fodselsnummer: Code
    fornavn: Line
    etternavn: Line
    telefon: Code = ""
    kanal: Code = Field(description="PAPIR, MUNTLIG or TELEFON")
    mottatt_at: ReceivedAt
    nodhjelp: bool = False
    egne_ord: Text = ""
    deler_bolig: bool = False
    poster: list[PostIn] = Field(max_length=MAX_LIST)
    partner: PartnerIn | None = None
    barn: list[ChildIn] = Field(default=[], max_length=30)


class SoknadStatusIn(Schema):
    status: Code
    begrunnelse: Text = ""
    lukk_dokumentasjonskrav: bool = False  # FERDIGBEHANDLET with open requests: withdraw them


class StatusOut(Schema):
    id: int
    status: str
