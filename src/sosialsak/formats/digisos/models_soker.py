"""Typed model of ``digisos-soker.json``, the innsyn file a fagsystem publishes to nav.no.

Mirrors ``json/digisos/soker/**`` of navikt/soknadsosialhjelp-filformat (format 1.3.0). Field
names are verbatim from the schema. Each hendelse subtype exists twice in the schema's eyes:
inside ``parts/hendelse.json`` (``type`` and ``hendelsestidspunkt`` required) and as its own
file (which, read alone, requires neither); the ``_...Felter`` classes hold what both share.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Tag

from sosialsak.formats.digisos._base import (
    UNKNOWN_TAG,
    Dato,
    DigisosModel,
    JsonNumber,
    Tidspunkt,
    Version,
    by_type,
    matches,
    tag,
)
from sosialsak.formats.digisos._soker_parts import (
    STANDALONE_FILREFERANSE,
    Avsender,
    DokumentlagerFilreferanse,
    EtterspurtDokument,
    Filreferanse,
    Forvaltningsbrev,
    HendelseVedlegg,
    SvarUtFilreferanse,
    Vedtaksfil,
)

__all__ = [
    "HENDELSE_TYPES",
    "STANDALONE_FELTER",
    "STANDALONE_FILREFERANSE",
    "Avsender",
    "DigisosSoker",
    "DokumentasjonEtterspurt",
    "Dokumentasjonkrav",
    "DokumentlagerFilreferanse",
    "EtterspurtDokument",
    "Filreferanse",
    "ForelopigSvar",
    "Forvaltningsbrev",
    "Hendelse",
    "HendelseVedlegg",
    "Rammevedtak",
    "SaksStatus",
    "SoknadsStatus",
    "SvarUtFilreferanse",
    "TildeltNavKontor",
    "Utbetaling",
    "VedtakFattet",
    "Vedtaksfil",
    "Vilkar",
]

NavKontor = Annotated[str, matches("^[0-9][0-9][0-9][0-9]$", "must be exactly four digits")]
Kontonummer = Annotated[
    str, matches("^" + "[0-9]" * 11 + "$", "must be exactly eleven digits")
]

HENDELSE_TYPES = (
    "tildeltNavKontor",
    "soknadsStatus",
    "vedtakFattet",
    "dokumentasjonEtterspurt",
    "forelopigSvar",
    "saksStatus",
    "utbetaling",
    "vilkar",
    "dokumentasjonkrav",
    "rammevedtak",
)


# --- the subtype fields (parts/hendelse/*.json) ---------------------------------------------


class _TildeltNavKontorFelter(DigisosModel):
    navKontor: NavKontor


class _SoknadsStatusFelter(DigisosModel):
    status: Literal["MOTTATT", "UNDER_BEHANDLING", "FERDIGBEHANDLET", "BEHANDLES_IKKE"]


class _VedtakFattetFelter(DigisosModel):
    saksreferanse: str
    vedtaksfil: Vedtaksfil
    utfall: Literal["INNVILGET", "DELVIS_INNVILGET", "AVSLATT", "AVVIST"] | None = None
    vedlegg: list[HendelseVedlegg] | None = None


class _DokumentasjonEtterspurtFelter(DigisosModel):
    dokumenter: list[EtterspurtDokument]
    forvaltningsbrev: Forvaltningsbrev | None = None
    vedlegg: list[HendelseVedlegg] | None = None


class _ForelopigSvarFelter(DigisosModel):
    forvaltningsbrev: Forvaltningsbrev
    vedlegg: list[HendelseVedlegg] | None = None


class _SaksStatusFelter(DigisosModel):
    referanse: str
    tittel: str | None = None
    status: (
        Literal["UNDER_BEHANDLING", "IKKE_INNSYN", "BEHANDLES_IKKE", "FEILREGISTRERT"] | None
    ) = None


class _UtbetalingFelter(DigisosModel):
    utbetalingsreferanse: str
    saksreferanse: str | None = None
    rammevedtaksreferanse: str | None = None
    status: Literal["PLANLAGT_UTBETALING", "UTBETALT", "STOPPET", "ANNULLERT"] | None = None
    belop: JsonNumber | None = None
    beskrivelse: str | None = None
    forfallsdato: Dato | None = None
    utbetalingsdato: Dato | None = None
    fom: Dato | None = None
    tom: Dato | None = None
    annenMottaker: bool | None = None
    mottaker: str | None = None
    kontonummer: Kontonummer | None = None
    utbetalingsmetode: str | None = None


class _VilkarFelter(DigisosModel):
    vilkarreferanse: str
    # saksreferanse, tittel and status are "required in spirit" but optional in the schema.
    saksreferanse: str | None = None
    utbetalingsreferanse: list[str] | None = None
    tittel: str | None = None
    beskrivelse: str | None = None
    status: Literal["RELEVANT", "ANNULLERT", "OPPFYLT", "IKKE_OPPFYLT"] | None = None


class _DokumentasjonkravFelter(DigisosModel):
    dokumentasjonkravreferanse: str
    saksreferanse: str | None = None
    utbetalingsreferanse: list[str] | None = None
    tittel: str | None = None
    beskrivelse: str | None = None
    frist: Tidspunkt | None = None
    status: (
        Literal["RELEVANT", "LEVERT_TIDLIGERE", "ANNULLERT", "OPPFYLT", "IKKE_OPPFYLT"] | None
    ) = None


class _RammevedtakFelter(DigisosModel):
    rammevedtaksreferanse: str
    saksreferanse: str | None = None
    beskrivelse: str | None = None
    belop: JsonNumber | None = None
    fom: Dato | None = None
    tom: Dato | None = None


# --- the hendelser as they appear in the file (parts/hendelse.json oneOf) ------------------


class _Hendelse(DigisosModel):
    hendelsestidspunkt: Tidspunkt


class TildeltNavKontor(_TildeltNavKontorFelter, _Hendelse):
    """The case was moved to another NAV office (NORG enhetsnummer)."""

    type: Literal["tildeltNavKontor"]


class SoknadsStatus(_SoknadsStatusFelter, _Hendelse):
    """New status of the søknad."""

    type: Literal["soknadsStatus"]


class VedtakFattet(_VedtakFattetFelter, _Hendelse):
    """A decision letter for a sak."""

    type: Literal["vedtakFattet"]


class DokumentasjonEtterspurt(_DokumentasjonEtterspurtFelter, _Hendelse):
    """The caseworker asks for documents; replaces the previous list."""

    type: Literal["dokumentasjonEtterspurt"]


class ForelopigSvar(_ForelopigSvarFelter, _Hendelse):
    """A preliminary reply letter."""

    type: Literal["forelopigSvar"]


class SaksStatus(_SaksStatusFelter, _Hendelse):
    """A sak (one thing applied for) exists, with its status."""

    type: Literal["saksStatus"]


class Utbetaling(_UtbetalingFelter, _Hendelse):
    """One payment; re-sent with the same reference to replace it."""

    type: Literal["utbetaling"]


class Vilkar(_VilkarFelter, _Hendelse):
    """A condition attached to a vedtak or payments."""

    type: Literal["vilkar"]


class Dokumentasjonkrav(_DokumentasjonkravFelter, _Hendelse):
    """Documentation required by a vedtak."""

    type: Literal["dokumentasjonkrav"]


class Rammevedtak(_RammevedtakFelter, _Hendelse):
    """A frame decision (e.g. electricity up to an amount)."""

    type: Literal["rammevedtak"]


class _UkjentHendelse(_Hendelse):
    type: Literal[
        "tildeltNavKontor",
        "soknadsStatus",
        "vedtakFattet",
        "dokumentasjonEtterspurt",
        "forelopigSvar",
        "saksStatus",
        "utbetaling",
        "vilkar",
        "dokumentasjonkrav",
        "rammevedtak",
    ]


Hendelse = Annotated[
    Annotated[TildeltNavKontor, Tag(tag("tildeltNavKontor"))]
    | Annotated[SoknadsStatus, Tag(tag("soknadsStatus"))]
    | Annotated[VedtakFattet, Tag(tag("vedtakFattet"))]
    | Annotated[DokumentasjonEtterspurt, Tag(tag("dokumentasjonEtterspurt"))]
    | Annotated[ForelopigSvar, Tag(tag("forelopigSvar"))]
    | Annotated[SaksStatus, Tag(tag("saksStatus"))]
    | Annotated[Utbetaling, Tag(tag("utbetaling"))]
    | Annotated[Vilkar, Tag(tag("vilkar"))]
    | Annotated[Dokumentasjonkrav, Tag(tag("dokumentasjonkrav"))]
    | Annotated[Rammevedtak, Tag(tag("rammevedtak"))]
    | Annotated[_UkjentHendelse, Tag(UNKNOWN_TAG)],
    by_type(*HENDELSE_TYPES),
]


class DigisosSoker(DigisosModel):
    """``digisos-soker.json``: the complete public history of one søknad."""

    version: Version
    avsender: Avsender
    hendelser: Annotated[list[Hendelse], Field(min_length=1)]


# The subtype files read on their own (used for the part fixtures and --schemas comparisons).
STANDALONE_FELTER: dict[str, type[DigisosModel]] = {
    "tildeltNavKontor": _TildeltNavKontorFelter,
    "soknadsStatus": _SoknadsStatusFelter,
    "vedtakFattet": _VedtakFattetFelter,
    "dokumentasjonEtterspurt": _DokumentasjonEtterspurtFelter,
    "forelopigSvar": _ForelopigSvarFelter,
    "saksStatus": _SaksStatusFelter,
    "utbetaling": _UtbetalingFelter,
    "vilkar": _VilkarFelter,
    "dokumentasjonkrav": _DokumentasjonkravFelter,
    "rammevedtak": _RammevedtakFelter,
}
