"""Request and response bodies of the decision API (``decisions_api``,
``decisions_followup_api``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from sosialsak.contexts.decisions import operations as ops
from sosialsak.interfaces.api.bounds import (
    MAX_LIST,
    CaseDate,
    Code,
    Id,
    Kroner,
    Line,
    SignedKroner,
    Text,
)


class JusteringIn(Schema):
    belop: SignedKroner
    begrunnelse: Text
    grunnlag: Code = ""  # "samvaer": the extra costs of samvær (R35 4.18.1.5)


class Under18In(Schema):
    """An applicant under 18: the amount assessed individually, without the guideline table."""

    belop: Kroner
    begrunnelse: Text


class KvpInntektIn(Schema):
    maned: CaseDate
    type: Code
    belop: Kroner


class KvpBeregningIn(Schema):
    """A § 35 decision, calculated month by month (G on 1 May, barnetillegg, other income)."""

    deltakelse_fra: CaseDate | None = None
    inntekter: list[KvpInntektIn] = Field(default=[], max_length=MAX_LIST)


class InntektIn(Schema):
    type: Code
    belop: Kroner


class BarnIn(Schema):
    barn_id: Id
    vurdering: Text


class VilkarIn(Schema):
    kode: Code
    beskrivelse: Text
    frist: CaseDate | None = None
    oppfolging: Text = ""
    konsekvens: Text = ""
    sanksjon: Code = "01"
    aktivitet: bool | None = None
    holder_tilbake_utbetaling: bool = False
    utsettelse_grunnlag: Text = ""


class UnntakIn(Schema):
    grunner: list[Code] = Field(max_length=MAX_LIST)
    begrunnelse: Text


class NorskIn(Schema):
    manglende_norsk_er_arsak: bool = False
    rett_og_plikt_introduksjonsprogram: bool = False
    vurdert: bool = False
    tungtveiende_grunner: Text = ""


class VedtakUtbetalingIn(Schema):
    hyppighet: Code = "ENGANGS"
    mottaker_type: Code = "SOKER"
    navn: Line = ""
    kontonummer: Code = ""
    organisasjonsnummer: Code = ""
    samtykke_id: Id | None = None
    kid: Code = ""
    forfallsdato: CaseDate | None = None


class DokumentasjonskravIn(Schema):
    tittel: Line
    beskrivelse: Text = ""
    frist: CaseDate | None = None
    gjelder_utbetalinger: bool = True


class RammeIn(Schema):
    belop: Kroner
    beskrivelse: Text


class VedtakIn(Schema):
    post_ids: list[Id] = Field(max_length=MAX_LIST)
    hjemmel: Code
    utfall: Code
    begrunnelse: Text
    fakta: Text
    stonadsform: Code = ""
    periode_fra: CaseDate | None = None
    periode_til: CaseDate | None = None
    belop: Kroner | None = None
    individuell_vurdering: Text = ""
    justeringer: list[JusteringIn] = Field(default=[], max_length=MAX_LIST)
    inntekter: list[InntektIn] = Field(default=[], max_length=MAX_LIST)
    husleie: Kroner = 0
    strom: Kroner = 0
    barn: list[BarnIn] = Field(default=[], max_length=30)
    vilkar: list[VilkarIn] = Field(default=[], max_length=MAX_LIST)
    unntak: UnntakIn | None = None
    norsk: NorskIn = NorskIn()
    nedbetaling: Text = ""
    sak_tittel: Line = ""
    utbetaling: VedtakUtbetalingIn | None = None
    dokumentasjonskrav: list[DokumentasjonskravIn] = Field(default=[], max_length=MAX_LIST)
    ramme: RammeIn | None = None
    nodhjelp_vilkar_grunn: Text = ""  # required when a condition is set on nødhjelp (§ 20)
    under_18: Under18In | None = None
    kvp: KvpBeregningIn | None = None


class ProblemOut(Schema):
    code: str
    field: str
    message: str


class MaanedOut(Schema):
    maned: date
    belop: int


class PreviewOut(Schema):
    belop: int | None
    maneder: list[MaanedOut] = []  # each month's own amount (several months, or KVP)
    total: int | None = None
    forklaring: str
    flags: list[list[str]]
    checks: list[dict[str, Any]]
    problems: list[ProblemOut]
    needs_approval: bool
    long_term: str
    letter_text: str
    letter_error: str


class IdStatusOut(Schema):
    id: int
    status: str = ""


class ForslagOut(Schema):
    id: int
    soknad_id: int
    navn: str
    hjemmel: str
    utfall: str
    belop: int | None
    foreslatt_av: str
    foreslatt_at: datetime
    egen: bool
    art: str


class ReturIn(Schema):
    merknad: Text


class KvpIn(Schema):
    har_rett: bool
    begrunnelse: Text
    vurdert_dato: CaseDate | None = None


class BruddIn(Schema):
    hva: Text
    forklaring: Text = ""


class VarselIn(Schema):
    belop_redusert: Kroner
    svarfrist: CaseDate
    periode_fra: CaseDate | None = None  # the period considered (default: the rest of the decision)
    periode_til: CaseDate | None = None  # exclusive


class ReduksjonIn(Schema):
    belop_redusert: Kroner
    individuell_vurdering: Text
    nodvendig_belop: Kroner = 0
    periode_fra: CaseDate | None = None  # the reduction's period, within the decision's
    periode_til: CaseDate | None = None  # exclusive; default: the decision's end


class SvarIn(Schema):
    """The person's reply to the advance warning (fvl § 16), or that none came in time."""

    svar: Text = ""
    svar_dato: CaseDate | None = None
    ingen_svar: bool = False


class ForsendelseIn(Schema):
    """How the decision was sent (DIGITAL, POST, UTLEVERT) and when it was received, if
    known; the appeal deadline runs from its arrival (fvl § 29)."""

    forsendelse: Code
    sendt: CaseDate
    mottatt: CaseDate | None = None


class ForsendelseOut(Schema):
    id: int
    kom_fram: date
    klagefrist: date
    forklaring: str


class KlageIn(Schema):
    tekst: Text
    mottatt: CaseDate
    kom_fram: CaseDate | None = None
    sendt: CaseDate | None = None  # when the appeal was posted or sent (fvl § 30)


class KlageOut(Schema):
    id: int
    status: str
    klagefrist: date
    for_sent: bool


class SenIn(Schema):
    """fvl § 31: both grounds are assessed (yes/no) and the reasons written."""

    behandles: bool
    vurdering: Text
    unnskyldelig: bool | None = None  # (a) the party cannot be blamed for the delay
    saerlige_grunner: bool | None = None  # (b) special reasons make a review reasonable


class VurderingIn(Schema):
    vurdering: Text


class OmgjoringIn(Schema):
    vurdering: Text
    vedtak: VedtakIn


class GrunnIn(Schema):
    grunn: Text


class SfIn(Schema):
    utfall: Code
    dato: CaseDate
    merknad: Text = ""


def utkast(body: VedtakIn) -> ops.VedtakUtkast:
    return ops.utkast_from_json(body.model_dump(mode="json"))
