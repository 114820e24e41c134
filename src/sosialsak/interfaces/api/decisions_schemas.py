"""Request and response bodies of the decision API (``decisions_api``,
``decisions_followup_api``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from sosialsak.contexts.decisions import operations as ops


class JusteringIn(Schema):
    belop: int
    begrunnelse: str
    grunnlag: str = ""  # "samvaer": the extra costs of samvær (R35 4.18.1.5)


class Under18In(Schema):
    """An applicant under 18: the amount assessed individually, without the guideline table."""

    belop: int
    begrunnelse: str


class KvpInntektIn(Schema):
    maned: date
    type: str
    belop: int


class KvpBeregningIn(Schema):
    """A § 35 decision, calculated month by month (G on 1 May, barnetillegg, other income)."""

    deltakelse_fra: date | None = None
    inntekter: list[KvpInntektIn] = []


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


class DokumentasjonskravIn(Schema):
    tittel: str
    beskrivelse: str = ""
    frist: date | None = None
    gjelder_utbetalinger: bool = True


class RammeIn(Schema):
    belop: int
    beskrivelse: str


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
    dokumentasjonskrav: list[DokumentasjonskravIn] = []
    ramme: RammeIn | None = None
    nodhjelp_vilkar_grunn: str = ""  # required when a condition is set on nødhjelp (§ 20)
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


class IdOut(Schema):
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
    merknad: str


class KvpIn(Schema):
    har_rett: bool
    begrunnelse: str
    vurdert_dato: date | None = None


class BruddIn(Schema):
    hva: str
    forklaring: str = ""


class VarselIn(Schema):
    belop_redusert: int
    svarfrist: date
    periode_fra: date | None = None  # the period considered (default: the rest of the decision)
    periode_til: date | None = None  # exclusive


class ReduksjonIn(Schema):
    belop_redusert: int
    individuell_vurdering: str
    nodvendig_belop: int = 0
    periode_fra: date | None = None  # the reduction's period, within the decision's
    periode_til: date | None = None  # exclusive; default: the decision's end


class SvarIn(Schema):
    """The person's reply to the advance warning (fvl § 16), or that none came in time."""

    svar: str = ""
    svar_dato: date | None = None
    ingen_svar: bool = False


class ForsendelseIn(Schema):
    """How the decision was sent (DIGITAL, POST, UTLEVERT) and when it was received, if
    known; the appeal deadline runs from its arrival (fvl § 29)."""

    forsendelse: str
    sendt: date
    mottatt: date | None = None


class ForsendelseOut(Schema):
    id: int
    kom_fram: date
    klagefrist: date
    forklaring: str


class KlageIn(Schema):
    tekst: str
    mottatt: date
    kom_fram: date | None = None
    sendt: date | None = None  # when the appeal was posted or sent (fvl § 30)


class KlageOut(Schema):
    id: int
    status: str
    klagefrist: date
    for_sent: bool


class SenIn(Schema):
    """fvl § 31: both grounds are assessed (yes/no) and the reasons written."""

    behandles: bool
    vurdering: str
    unnskyldelig: bool | None = None  # (a) the party cannot be blamed for the delay
    saerlige_grunner: bool | None = None  # (b) special reasons make a review reasonable


class VurderingIn(Schema):
    vurdering: str


class OmgjoringIn(Schema):
    vurdering: str
    vedtak: VedtakIn


class GrunnIn(Schema):
    grunn: str


class SfIn(Schema):
    utfall: str
    dato: date
    merknad: str = ""


def utkast(body: VedtakIn) -> ops.VedtakUtkast:
    return ops.utkast_from_json(body.model_dump(mode="json"))
