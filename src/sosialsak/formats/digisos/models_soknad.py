"""Typed model of ``soknad.json``, the application NAV sends to the kommune (format 1.0.11).

Mirrors ``json/soknad/soknad.json`` and the files it references; the parts live in private
modules and are re-exported here. Field names are verbatim from the schema.
"""

from __future__ import annotations

from typing import Literal

from sosialsak.formats.digisos._base import (
    DigisosModel,
    JsonInteger,
    KildeBruker,
    Tidspunkt,
    Version,
)
from sosialsak.formats.digisos._soknad_familie import (
    Ansvar,
    Barn,
    Barnebidrag,
    BorSammenMed,
    Ektefelle,
    ErFolkeregistrertSammen,
    Familie,
    FolkeregistrertMedEktefelleAvviksforklaring,
    Forsorgerplikt,
    HarDeltBosted,
    HarForsorgerplikt,
    Samvarsgrad,
    Sivilstatus,
)
from sosialsak.formats.digisos._soknad_okonomi import (
    Bekreftelse,
    BeskrivelseAvAnnet,
    Bostotte,
    BostotteSak,
    Okonomi,
    Opplysninger,
    OpplysningUtbetaling,
    OpplysningUtgift,
    Organisasjon,
    Oversikt,
    OversiktBelop,
    OversiktInntekt,
    UtbetalingKomponent,
)
from sosialsak.formats.digisos._soknad_personalia import (
    Adresse,
    Arbeid,
    Arbeidsforhold,
    Arbeidssituasjon,
    Gateadresse,
    KommentarTilArbeidsforhold,
    Kontonummer,
    Matrikkeladresse,
    Navn,
    NordiskBorger,
    Personalia,
    PersonIdentifikator,
    Postboksadresse,
    Sokernavn,
    Statsborgerskap,
    Telefon,
    UstrukturertAdresse,
    Utdanning,
)

__all__ = [
    "Adresse",
    "Ansvar",
    "Arbeid",
    "Arbeidsforhold",
    "Arbeidssituasjon",
    "Barn",
    "Barnebidrag",
    "Begrunnelse",
    "Bekreftelse",
    "BeskrivelseAvAnnet",
    "BorSammenMed",
    "Bosituasjon",
    "Bostotte",
    "BostotteSak",
    "Driftsinformasjon",
    "Ektefelle",
    "ErFolkeregistrertSammen",
    "Familie",
    "FolkeregistrertMedEktefelleAvviksforklaring",
    "Forsorgerplikt",
    "Gateadresse",
    "HarDeltBosted",
    "HarForsorgerplikt",
    "KommentarTilArbeidsforhold",
    "Kompatibilitet",
    "Kontonummer",
    "Matrikkeladresse",
    "Mottaker",
    "Navn",
    "NordiskBorger",
    "Okonomi",
    "OpplysningUtbetaling",
    "OpplysningUtgift",
    "Opplysninger",
    "Organisasjon",
    "Oversikt",
    "OversiktBelop",
    "OversiktInntekt",
    "PersonIdentifikator",
    "Personalia",
    "Postboksadresse",
    "Samvarsgrad",
    "Situasjonendring",
    "Sivilstatus",
    "Sokernavn",
    "Soknad",
    "SoknadData",
    "Statsborgerskap",
    "Telefon",
    "UstrukturertAdresse",
    "UtbetalingKomponent",
    "Utdanning",
]


class Begrunnelse(DigisosModel):
    """``data.begrunnelse``: what is applied for and why, in the applicant's words."""

    kilde: KildeBruker
    hvaSokesOm: str
    hvorforSoke: str | None = None


class Situasjonendring(DigisosModel):
    """``data.situasjonendring`` (the short "kort" søknad)."""

    kilde: KildeBruker
    harNoeEndretSeg: bool
    hvaHarEndretSeg: str | None = None


class Bosituasjon(DigisosModel):
    """``data.bosituasjon``."""

    kilde: KildeBruker | None = None
    botype: (
        Literal[
            "eier",
            "leier",
            "kommunal",
            "ingen",
            "institusjon",
            "krisesenter",
            "fengsel",
            "venner",
            "foreldre",
            "familie",
            "annet",
        ]
        | None
    ) = None
    antallPersoner: JsonInteger | None = None


class SoknadData(DigisosModel):
    """``data``: the application content without meta and compatibility data."""

    personalia: Personalia
    begrunnelse: Begrunnelse
    okonomi: Okonomi
    soknadstype: Literal["kort", "standard"] | None = None
    arbeid: Arbeid | None = None
    utdanning: Utdanning | None = None
    familie: Familie | None = None
    situasjonendring: Situasjonendring | None = None
    bosituasjon: Bosituasjon | None = None


class Mottaker(DigisosModel):
    """``parts/mottaker.json``: the receiving kommune and NAV office (all optional)."""

    kommunenummer: str | None = None
    enhetsnummer: str | None = None
    navEnhetsnavn: str | None = None


class Driftsinformasjon(DigisosModel):
    """``driftsinformasjon``: which register lookups failed when the søknad was made."""

    inntektFraSkatteetatenFeilet: bool
    utbetalingerFraNavFeilet: bool | None = None
    stotteFraHusbankenFeilet: bool | None = None


class Kompatibilitet(DigisosModel):
    """``#/definitions/kompatibilitet``: a Markdown text that MUST be shown for its versions."""

    minVersion: str | None = None
    maxVersion: str | None = None
    text: str | None = None


class Soknad(DigisosModel):
    """``soknad.json``."""

    version: Version
    data: SoknadData
    mottaker: Mottaker
    driftsinformasjon: Driftsinformasjon
    kompatibilitet: list[Kompatibilitet]
    innsendingstidspunkt: Tidspunkt | None = None
