"""The vedtak builder's input as plain dataclasses, and their JSON form (a four-eyes proposal
stores the input and makes the decision from it when approved)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Justering:
    """An amount added to (positive) or deducted from (negative) the calculated need."""

    belop: int
    begrunnelse: str
    grunnlag: str = ""  # "samvaer": the extra costs of a samvær child (R35 4.18.1.5)


@dataclass(frozen=True)
class Under18:
    """An applicant under 18: the amount assessed individually, without the guideline table
    (sotjl. § 18, R35 4.18.1.5; ``rules.Under18Assessment``), and its reason."""

    belop: int
    begrunnelse: str


@dataclass(frozen=True)
class KvpInntektUtkast:
    """Other income in one month of a KVP decision (§ 35: reduces the stønad)."""

    maned: date  # any day of the month
    type: str  # rules.KvpInntektType value
    belop: int


@dataclass(frozen=True)
class KvpUtkast:
    """A kvalifiseringsstønad decision (§ 35): the participation and the other income."""

    deltakelse_fra: date | None = None  # default: the decision's period start
    inntekter: tuple[KvpInntektUtkast, ...] = ()


@dataclass(frozen=True)
class Inntekt:
    type: str  # rules.IncomeType value: salary, benefit, child_benefit, …
    belop: int


@dataclass(frozen=True)
class BarnBegrunnelse:
    barn_id: int
    vurdering: str


@dataclass(frozen=True)
class VilkarUtkast:
    """A condition as the caseworker builds it (``kode`` from the KOSTRA catalogue)."""

    kode: str
    beskrivelse: str
    frist: date | None
    oppfolging: str
    konsekvens: str
    sanksjon: str = "01"  # KOSTRA: 01 redusert stønad, 02 andre konsekvenser
    aktivitet: bool | None = None  # needed for «Annet» (15)
    holder_tilbake_utbetaling: bool = False
    utsettelse_grunnlag: str = ""


@dataclass(frozen=True)
class Unntak:
    """Exemption from the § 20 a activity duty: KOSTRA reason codes and the justification."""

    grunner: tuple[str, ...]
    begrunnelse: str


@dataclass(frozen=True)
class Norskvurdering:
    manglende_norsk_er_arsak: bool = False
    rett_og_plikt_introduksjonsprogram: bool = False
    vurdert: bool = False
    tungtveiende_grunner: str = ""


@dataclass(frozen=True)
class UtbetalingValg:
    """How the payments are planned (passed to payments through the planner port)."""

    hyppighet: str = "ENGANGS"  # ENGANGS | MANEDLIG
    mottaker_type: str = "SOKER"
    navn: str = ""
    kontonummer: str = ""
    organisasjonsnummer: str = ""
    samtykke_id: int | None = None
    kid: str = ""
    forfallsdato: date | None = None


@dataclass(frozen=True)
class DokumentasjonskravUtkast:
    """Documentation the decision requires (e.g. receipts for electricity within 30 days);
    ``gjelder_utbetalinger`` ties it to the payments the decision plans."""

    tittel: str
    beskrivelse: str = ""
    frist: date | None = None
    gjelder_utbetalinger: bool = True


@dataclass(frozen=True)
class RammeUtkast:
    """A frame decision: up to ``belop`` kr per month in the decision's period, for what
    ``beskrivelse`` names (e.g. «Strøm»)."""

    belop: int
    beskrivelse: str


@dataclass(frozen=True)
class VedtakUtkast:
    """Everything the builder needs for one decision on one or more items."""

    post_ids: tuple[int, ...]
    hjemmel: str
    utfall: str
    begrunnelse: str
    fakta: str
    stonadsform: str = ""
    periode_fra: date | None = None
    periode_til: date | None = None
    belop: int | None = None  # for items other than livsopphold; livsopphold is calculated
    individuell_vurdering: str = ""
    justeringer: tuple[Justering, ...] = ()
    inntekter: tuple[Inntekt, ...] = ()
    husleie: int = 0
    strom: int = 0
    barn: tuple[BarnBegrunnelse, ...] = ()
    vilkar: tuple[VilkarUtkast, ...] = ()
    unntak: Unntak | None = None
    norsk: Norskvurdering = field(default_factory=Norskvurdering)
    nedbetaling: str = ""
    sak_tittel: str = ""
    utbetaling: UtbetalingValg | None = None
    dokumentasjonskrav: tuple[DokumentasjonskravUtkast, ...] = ()
    ramme: RammeUtkast | None = None
    nodhjelp_vilkar_grunn: str = ""  # why a condition is set on nødhjelp (required then)
    under_18: Under18 | None = None  # an applicant under 18: individual assessment
    kvp: KvpUtkast | None = None  # § 35 kvalifiseringsstønad


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def utkast_as_json(data: VedtakUtkast) -> dict[str, Any]:
    out: dict[str, Any] = _plain(asdict(data))
    return out


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def utkast_from_json(raw: dict[str, Any]) -> VedtakUtkast:
    """Return the input stored by ``utkast_as_json``."""
    r = dict(raw)
    return VedtakUtkast(
        **{k: r[k] for k in ("hjemmel", "utfall", "begrunnelse", "fakta", "stonadsform", "belop",
                             "individuell_vurdering", "husleie", "strom", "nedbetaling",
                             "sak_tittel")},
        post_ids=tuple(r["post_ids"]),
        periode_fra=_d(r["periode_fra"]), periode_til=_d(r["periode_til"]),
        justeringer=tuple(Justering(**j) for j in r["justeringer"]),  # grunnlag optional
        inntekter=tuple(Inntekt(**i) for i in r["inntekter"]),
        barn=tuple(BarnBegrunnelse(**b) for b in r["barn"]),
        vilkar=tuple(VilkarUtkast(**{**v, "frist": _d(v["frist"])}) for v in r["vilkar"]),
        unntak=Unntak(tuple(r["unntak"]["grunner"]), r["unntak"]["begrunnelse"])
        if r["unntak"] else None,
        norsk=Norskvurdering(**r["norsk"]),
        utbetaling=UtbetalingValg(**{**r["utbetaling"],
                                     "forfallsdato": _d(r["utbetaling"]["forfallsdato"])})
        if r["utbetaling"] else None,
        # Proposals stored before these fields existed have neither key.
        dokumentasjonskrav=tuple(DokumentasjonskravUtkast(**{**k, "frist": _d(k.get("frist"))})
                                 for k in r.get("dokumentasjonskrav") or ()),
        ramme=RammeUtkast(**r["ramme"]) if r.get("ramme") else None,
        nodhjelp_vilkar_grunn=str(r.get("nodhjelp_vilkar_grunn") or ""),
        under_18=Under18(**r["under_18"]) if r.get("under_18") else None,
        kvp=KvpUtkast(deltakelse_fra=_d(r["kvp"].get("deltakelse_fra")), inntekter=tuple(
            KvpInntektUtkast(**{**i, "maned": _d(i["maned"])})
            for i in r["kvp"].get("inntekter") or ())) if r.get("kvp") else None,
    )
