"""Input and output shapes of the case-progress endpoints (issue 5)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from ninja import Schema
from pydantic import Field

from sosialsak.interfaces.api.bounds import (
    MAX_LIST,
    NO_NUL,
    CaseDate,
    CaseTime,
    Code,
    Count,
    Days,
    Id,
    Line,
    Text,
)

# One answer in the mapping: a short key, and a text, a number or yes/no.
SvarKey = Annotated[str, Field(max_length=50, pattern=NO_NUL)]
SvarValue = (Annotated[str, Field(max_length=5_000, pattern=NO_NUL)]
             | Annotated[int, Field(ge=-10**9, le=10**9)])


class WorklistCountOut(Schema):
    key: str
    tittel: str
    beskrivelse: str
    antall: int
    i_bruk: bool


class WorkItemOut(Schema):
    soknad_id: int
    navn: str
    beskyttet: bool
    nodhjelp: bool
    mottatt_at: datetime
    kontor: str
    saksbehandler: str
    frist: date | None
    detalj: str
    overdue: bool
    oppgave_id: int | None


class SectionStateOut(Schema):
    del_type: str
    barn_id: int | None
    tittel: str
    tilstand: str = Field(description="MANGLER, PABEGYNT, FULLFORT or GRUNN")
    skrevet_at: datetime | None
    skrevet_av: str
    mangler: list[str]
    gammel: bool


class KartleggingOut(Schema):
    deler: list[SectionStateOut]
    barn_mangler: list[str]
    sammendrag: str


class KartleggingIn(Schema):
    del_type: Code = Field(description="OKONOMI, BOLIG, HELSE_SOSIALT, ARBEID_UTDANNING or BARN")
    barn_id: Id | None = Field(None, description="the child, for del_type BARN")
    svar: dict[SvarKey, bool | SvarValue | None] = Field(default={}, max_length=200)
    ikke_kartlagt_grunn: Text = ""


class KartleggingsdelOut(Schema):
    id: int
    del_type: str
    barn_id: int | None
    fullfort: bool
    skrevet_at: datetime


class DokumentasjonIn(Schema):
    titler: list[Line] = Field(max_length=MAX_LIST)
    dager: Days | None = Field(None, description="deadline in days from today, or give frist")
    frist: CaseDate | None = None
    beskrivelse: Text = ""


class DokumentasjonskravOut(Schema):
    id: int
    tittel: str
    frist: date
    status: str
    levert_via: str


class DokumentasjonOut(Schema):
    krav: list[DokumentasjonskravOut]
    brev_id: int
    antall_apne: int
    over_terskel: bool


class MottattIn(Schema):
    levert_via: Code = Field("PA_KONTORET",
                            description="OPPLASTING, ETTERSENDELSE, PA_KONTORET or POST")


class BrevIdsOut(Schema):
    brev_ids: list[int]


class SoknadIdsOut(Schema):
    soknad_ids: list[int]


class ForelopigSvarIn(Schema):
    grunn: Text
    forventet_dato: CaseDate


class ForelopigSvarOut(Schema):
    brev_id: int
    forventet_dato: date


class SamtaleIn(Schema):
    tidspunkt: CaseTime
    kanal: Code = Field(description="KONTOR, TELEFON, VIDEO, HJEMMEBESOK or OPPSOKENDE")
    notat: Text
    deltakere: Line = ""
    tolk_brukt: bool = False
    tolkesprak: Line = ""
    oppfolging: Text = ""
    oppfolging_frist: CaseDate | None = None


class VeiledningIn(Schema):
    dato: CaseDate
    temaer: list[Code] = Field(max_length=MAX_LIST)
    henvist_til: Line = ""
    takket_nei: bool = False
    notat: Text = ""


class CreatedOut(Schema):
    id: int


class NoteHitOut(Schema):
    samtale_id: int
    soknad_id: int
    navn: str
    tidspunkt: datetime
    kanal_label: str
    utdrag: str


class OppgaveIn(Schema):
    tittel: Line
    frist: CaseDate


class OppgaveOut(Schema):
    id: int
    tittel: str
    frist: date
    utfort_at: datetime | None


# A clock time without offset ("09:00"). JSON Schema's "time" requires an offset, which the
# office's opening hours do not have, so the documented format is RFC 3339's partial-time.
ClockTime = Annotated[time, Field(json_schema_extra={
    "format": "partial-time", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"})]


class OfficeSettingsSchema(Schema):
    apner: ClockTime
    stenger: ClockTime
    apne_dager: str = Field(max_length=7, pattern=NO_NUL,
                            description="ISO weekdays, e.g. 12345 for Monday to Friday")
    vakt_ved_nodhjelp: bool
    vakt_navn: Line
    vakt_telefon: Code
    kartlegging_frist_dager: Count
    kartlegging_gyldig_maneder: Count
    dokumentasjon_terskel: Count
    dokumentasjon_paminnelse_dager: Count
    forelopig_svar_varsel_dager: Count
    uten_vedtak_dager: Count
    vedtaksperiode_varsel_dager: Count
    klage_oversending_dager: Count = 21
