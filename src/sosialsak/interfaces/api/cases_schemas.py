"""Input and output shapes of the case-progress endpoints (issue 5)."""

from __future__ import annotations

from datetime import date, datetime, time

from ninja import Schema
from pydantic import Field


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
    del_type: str = Field(description="OKONOMI, BOLIG, HELSE_SOSIALT, ARBEID_UTDANNING or BARN")
    barn_id: int | None = Field(None, description="the child, for del_type BARN")
    svar: dict[str, str | int | bool | None] = {}
    ikke_kartlagt_grunn: str = ""


class KartleggingsdelOut(Schema):
    id: int
    del_type: str
    barn_id: int | None
    fullfort: bool
    skrevet_at: datetime


class DokumentasjonIn(Schema):
    titler: list[str]
    dager: int | None = Field(None, description="deadline in days from today, or give frist")
    frist: date | None = None
    beskrivelse: str = ""


class KravOut(Schema):
    id: int
    tittel: str
    frist: date
    status: str
    levert_via: str


class DokumentasjonOut(Schema):
    krav: list[KravOut]
    brev_id: int
    antall_apne: int
    over_terskel: bool


class MottattIn(Schema):
    levert_via: str = Field("PA_KONTORET",
                            description="OPPLASTING, ETTERSENDELSE, PA_KONTORET or POST")


class BrevIdsOut(Schema):
    brev_ids: list[int]


class SoknadIdsOut(Schema):
    soknad_ids: list[int]


class ForelopigSvarIn(Schema):
    grunn: str
    forventet_dato: date


class ForelopigSvarOut(Schema):
    brev_id: int
    forventet_dato: date


class SamtaleIn(Schema):
    tidspunkt: datetime
    kanal: str = Field(description="KONTOR, TELEFON, VIDEO, HJEMMEBESOK or OPPSOKENDE")
    notat: str
    deltakere: str = ""
    tolk_brukt: bool = False
    tolkesprak: str = ""
    oppfolging: str = ""
    oppfolging_frist: date | None = None


class VeiledningIn(Schema):
    dato: date
    temaer: list[str]
    henvist_til: str = ""
    takket_nei: bool = False
    notat: str = ""


class IdOut(Schema):
    id: int


class NoteHitOut(Schema):
    samtale_id: int
    soknad_id: int
    navn: str
    tidspunkt: datetime
    kanal_label: str
    utdrag: str


class OppgaveIn(Schema):
    tittel: str
    frist: date


class OppgaveOut(Schema):
    id: int
    tittel: str
    frist: date
    utfort_at: datetime | None


class OfficeSettingsSchema(Schema):
    apner: time
    stenger: time
    apne_dager: str = Field(description="ISO weekdays, e.g. 12345 for Monday to Friday")
    vakt_ved_nodhjelp: bool
    vakt_navn: str
    vakt_telefon: str
    kartlegging_frist_dager: int
    kartlegging_gyldig_maneder: int
    dokumentasjon_terskel: int
    dokumentasjon_paminnelse_dager: int
    forelopig_svar_varsel_dager: int
    uten_vedtak_dager: int
    vedtaksperiode_varsel_dager: int
