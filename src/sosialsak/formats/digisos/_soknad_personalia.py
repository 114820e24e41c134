"""Models of ``soknad.json`` parts: names, addresses, personalia, work and education.

Files under ``json/soknad/parts``, ``json/soknad/personalia`` and ``json/soknad/arbeid``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Tag

from sosialsak.formats.digisos._base import (
    UNKNOWN_TAG,
    Dato,
    DigisosModel,
    JsonInteger,
    Kilde,
    KildeBruker,
    Loc,
    by_type,
    matches,
    tag,
)

AdresseValg = Literal["folkeregistrert", "midlertidig", "soknad"]
Telefonnummer = Annotated[str, matches(r"^\+[0-9]+$", "must be a phone number like +4712345678")]
Kontonummerverdi = Annotated[
    str, matches("^" + "[0-9]" * 11 + "$", "must be exactly eleven digits")
]


class Navn(DigisosModel):
    """``parts/navn.json``: all three parts are required but may be empty."""

    fornavn: str
    mellomnavn: str
    etternavn: str


class Sokernavn(Navn):
    """``personalia/sokernavn.json``: the applicant's name, always from the register."""

    kilde: Literal["system"]


class PersonIdentifikator(DigisosModel):
    """``personalia/personIdentifikator.json``: fødselsnummer or D-nummer from the register."""

    kilde: Literal["system"]
    verdi: str


class Statsborgerskap(DigisosModel):
    """``personalia/statsborgerskap.json`` (ISO 3166-1 alpha-3 in ``verdi``)."""

    kilde: Kilde
    verdi: str


class NordiskBorger(DigisosModel):
    """``personalia/nordiskBorger.json``."""

    kilde: Kilde
    verdi: bool


class Telefon(DigisosModel):
    """``personalia/telefonnummer.json`` (E.164)."""

    kilde: Kilde
    verdi: Telefonnummer


class Kontonummer(DigisosModel):
    """``personalia/kontonummer.json``."""

    kilde: Kilde
    harIkkeKonto: bool | None = None
    verdi: Kontonummerverdi | None = None


# --- parts/adresse.json: a oneOf over four address kinds, picked by "type" -----------------


class _GateadresseFelter(DigisosModel):
    landkode: str | None = None
    kommunenummer: str | None = None
    adresselinjer: list[str] | None = None
    bolignummer: str | None = None
    postnummer: str | None = None
    poststed: str | None = None
    gatenavn: str | None = None
    husnummer: str | None = None
    husbokstav: str | None = None


class _MatrikkeladresseFelter(DigisosModel):
    kommunenummer: str | None = None
    gaardsnummer: str | None = None
    bruksnummer: str | None = None
    festenummer: str | None = None
    seksjonsnummer: str | None = None
    undernummer: str | None = None


class _PostboksFelter(DigisosModel):
    postboks: str | None = None
    postnummer: str | None = None
    poststed: str | None = None


class _UstrukturertFelter(DigisosModel):
    adresse: list[str] | None = None


class _Adresse(DigisosModel):
    kilde: Kilde
    adresseValg: AdresseValg | None = None


class Gateadresse(_GateadresseFelter, _Adresse):
    """A street address."""

    type: Literal["gateadresse"]


class Matrikkeladresse(_MatrikkeladresseFelter, _Adresse):
    """A cadastral address (gårds- og bruksnummer)."""

    type: Literal["matrikkeladresse"]


class Postboksadresse(_PostboksFelter, _Adresse):
    """A post-office box."""

    type: Literal["postboks"]


class UstrukturertAdresse(_UstrukturertFelter, _Adresse):
    """Free address lines."""

    type: Literal["ustrukturert"]


class _UkjentAdresse(_Adresse):
    type: Literal["gateadresse", "matrikkeladresse", "postboks", "ustrukturert"]


Adresse = Annotated[
    Annotated[Gateadresse, Tag(tag("gateadresse"))]
    | Annotated[Matrikkeladresse, Tag(tag("matrikkeladresse"))]
    | Annotated[Postboksadresse, Tag(tag("postboks"))]
    | Annotated[UstrukturertAdresse, Tag(tag("ustrukturert"))]
    | Annotated[_UkjentAdresse, Tag(UNKNOWN_TAG)],
    by_type("gateadresse", "matrikkeladresse", "postboks", "ustrukturert"),
]

STANDALONE_ADRESSE: dict[str, type[DigisosModel]] = {
    "gateadresse": _GateadresseFelter,
    "matrikkeladresse": _MatrikkeladresseFelter,
    "postboks": _PostboksFelter,
    "ustrukturert": _UstrukturertFelter,
}


class Personalia(DigisosModel):
    """``data.personalia``."""

    personIdentifikator: PersonIdentifikator
    navn: Sokernavn
    kontonummer: Kontonummer
    statsborgerskap: Statsborgerskap | None = None
    nordiskBorger: NordiskBorger | None = None
    telefonnummer: Telefon | None = None
    folkeregistrertAdresse: Adresse | None = None
    oppholdsadresse: Adresse | None = None
    postadresse: Adresse | None = None
    fodselsdato: Dato | None = None


# --- arbeid and utdanning -------------------------------------------------------------------


class Arbeidsforhold(DigisosModel):
    """``arbeid/forhold.json``: one employment from the AA register."""

    kilde: Kilde
    arbeidsgivernavn: str
    fom: Dato
    stillingsprosent: JsonInteger
    overstyrtAvBruker: bool
    tom: Dato | None = None
    # Outdated in the schema's own words, still accepted.
    stillingstype: Literal["variabel", "fast", "fastOgVariabel"] | None = None


class Arbeidssituasjon(DigisosModel):
    """``arbeid/situasjon.json``: used when ``forhold`` is absent."""

    kilde: KildeBruker
    erIJobb: bool | None = None
    jobbGrad: Literal["heltid", "deltid"] | None = None


class KommentarTilArbeidsforhold(DigisosModel):
    """``arbeid/kommentarTilArbeidsforhold.json``."""

    kilde: KildeBruker | None = None
    verdi: str | None = None


class Arbeid(DigisosModel):
    """``data.arbeid``."""

    forhold: list[Arbeidsforhold] | None = None
    situasjon: Arbeidssituasjon | None = None
    kommentarTilArbeidsforhold: KommentarTilArbeidsforhold | None = None

    @classmethod
    def dependency_errors(cls, data: dict[str, Any]) -> list[tuple[Loc, str]]:
        """Require ``forhold`` whenever a comment on it is given (schema ``dependencies``)."""
        if "kommentarTilArbeidsforhold" in data and "forhold" not in data:
            return [(("forhold",), "is required when kommentarTilArbeidsforhold is given")]
        return []


class Utdanning(DigisosModel):
    """``data.utdanning``."""

    kilde: Kilde | None = None
    erStudent: bool | None = None
    studentgrad: Literal["heltid", "deltid"] | None = None
