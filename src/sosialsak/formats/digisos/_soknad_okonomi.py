"""Models of ``data.okonomi`` in ``soknad.json``.

``type`` on every item is an open code list ("consumers MUST support new types"), so it is a
plain string here; ``tittel`` is what must be shown.
"""

from __future__ import annotations

from typing import Annotated, Literal

from sosialsak.formats.digisos._base import (
    Dato,
    DigisosModel,
    JsonInteger,
    JsonNumber,
    Kilde,
    KildeBruker,
    KildeSystem,
    Tidspunkt,
    matches,
)

Organisasjonsnummer = Annotated[
    str, matches("^" + "[0-9]" * 9 + "$", "must be exactly nine digits")
]


class Organisasjon(DigisosModel):
    """``json/types/organisasjon.json``."""

    navn: str
    organisasjonsnummer: Organisasjonsnummer


class UtbetalingKomponent(DigisosModel):
    """One item of ``utbetaling.komponenter``."""

    type: str | None = None
    belop: JsonNumber | None = None
    satsType: str | None = None
    satsAntall: JsonNumber | None = None
    satsBelop: JsonNumber | None = None


class OpplysningUtbetaling(DigisosModel):
    """``okonomi/opplysninger/utbetaling.json``: a payment the applicant has received."""

    kilde: Kilde
    type: str
    tittel: str
    overstyrtAvBruker: bool
    organisasjon: Organisasjon | None = None
    belop: JsonInteger | None = None
    netto: JsonNumber | None = None
    brutto: JsonNumber | None = None
    skattetrekk: JsonNumber | None = None
    andreTrekk: JsonNumber | None = None
    utbetalingsdato: Dato | None = None
    periodeFom: Dato | None = None
    periodeTom: Dato | None = None
    komponenter: list[UtbetalingKomponent] | None = None
    mottaker: Literal["Husstand", "Kommune"] | None = None


class Bekreftelse(DigisosModel):
    """One item of ``opplysninger.bekreftelse``: a yes/no answer or a consent."""

    kilde: Kilde
    type: str
    tittel: str
    verdi: bool | None = None
    bekreftelsesDato: Tidspunkt | None = None


class BeskrivelseAvAnnet(DigisosModel):
    """``opplysninger.beskrivelseAvAnnet`` (deprecated free texts, all required when present)."""

    kilde: KildeBruker
    verdi: str
    sparing: str
    utbetaling: str
    boutgifter: str
    barneutgifter: str


class OpplysningUtgift(DigisosModel):
    """One item of ``opplysninger.utgift``."""

    kilde: Kilde
    type: str
    tittel: str
    overstyrtAvBruker: bool
    belop: JsonInteger | None = None


class BostotteSak(DigisosModel):
    """``bostotte/sak.json``: a housing-allowance case from Husbanken."""

    kilde: KildeSystem
    type: str
    dato: Dato
    status: str
    beskrivelse: str | None = None
    vedtaksstatus: Literal["INNVILGET", "AVSLAG", "AVVIST"] | None = None


class Bostotte(DigisosModel):
    """``bostotte/bostotte.json``."""

    saker: list[BostotteSak] | None = None


class Opplysninger(DigisosModel):
    """``okonomi.opplysninger``."""

    utbetaling: list[OpplysningUtbetaling]
    bekreftelse: list[Bekreftelse] | None = None
    beskrivelseAvAnnet: BeskrivelseAvAnnet | None = None
    utgift: list[OpplysningUtgift] | None = None
    bostotte: Bostotte | None = None


class OversiktInntekt(DigisosModel):
    """One item of ``oversikt.inntekt`` (monthly)."""

    kilde: Kilde
    type: str
    tittel: str
    overstyrtAvBruker: bool
    brutto: JsonInteger | None = None
    netto: JsonInteger | None = None


class OversiktBelop(DigisosModel):
    """One item of ``oversikt.utgift`` or ``oversikt.formue``."""

    kilde: Kilde
    type: str
    tittel: str
    overstyrtAvBruker: bool
    belop: JsonInteger | None = None


class Oversikt(DigisosModel):
    """``okonomi.oversikt``."""

    inntekt: list[OversiktInntekt]
    utgift: list[OversiktBelop] | None = None
    formue: list[OversiktBelop] | None = None


class Okonomi(DigisosModel):
    """``data.okonomi``."""

    opplysninger: Opplysninger
    oversikt: Oversikt | None = None
