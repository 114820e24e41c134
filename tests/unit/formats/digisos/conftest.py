"""Small, self-contained Digisos documents for the unit tests (no shared files needed)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

TS = "2024-03-01T10:00:00.000Z"
UUID = "3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c"

_SOKNAD: dict[str, Any] = {
    "version": "1.0.11",
    "innsendingstidspunkt": "2024-03-01T09:59:58.120Z",
    "data": {
        "soknadstype": "standard",
        "personalia": {
            "personIdentifikator": {"kilde": "system", "verdi": "15076500565"},
            "navn": {"kilde": "system", "fornavn": "Ola", "mellomnavn": "", "etternavn": "Nord"},
            "telefonnummer": {"kilde": "bruker", "verdi": "+4791234567"},
            "kontonummer": {"kilde": "system", "verdi": "12345678903"},
            "fodselsdato": "1965-07-15",
            "folkeregistrertAdresse": {
                "kilde": "system",
                "type": "gateadresse",
                "kommunenummer": "0301",
                "gatenavn": "Storgata",
                "husnummer": "1",
                "husbokstav": "B",
                "postnummer": "0155",
                "poststed": "Oslo",
            },
            "postadresse": {
                "kilde": "bruker",
                "type": "postboks",
                "postboks": "42",
                "postnummer": "0101",
                "poststed": "Oslo",
            },
        },
        "arbeid": {
            "forhold": [
                {
                    "kilde": "system",
                    "arbeidsgivernavn": "Firma AS",
                    "fom": "2023-01-01",
                    "tom": "2024-01-31",
                    "stillingsprosent": 60,
                    "overstyrtAvBruker": False,
                }
            ]
        },
        "familie": {
            "sivilstatus": {
                "kilde": "bruker",
                "status": "gift",
                "ektefelle": {
                    "navn": {"fornavn": "Kari", "mellomnavn": "", "etternavn": "Nord"},
                    "fodselsdato": "1970-02-30",
                },
                "borSammenMed": True,
            },
            "forsorgerplikt": {
                "harForsorgerplikt": {"kilde": "system", "verdi": True},
                "barnebidrag": {"kilde": "bruker", "verdi": "mottar"},
                "ansvar": [
                    {
                        "barn": {
                            "kilde": "system",
                            "navn": {"fornavn": "Lille", "mellomnavn": "", "etternavn": "Nord"},
                            "fodselsdato": "2015-05-01",
                            "personIdentifikator": "01051500000",
                        },
                        "erFolkeregistrertSammen": {"kilde": "system", "verdi": False},
                        "borSammenMed": {"kilde": "bruker", "verdi": False},
                        "samvarsgrad": {"kilde": "bruker", "verdi": 40},
                    },
                    {"barn": {"kilde": "bruker", "navn": {"fornavn": "Liten", "mellomnavn": "",
                                                          "etternavn": "Nord"}},
                     "borSammenMed": {"kilde": "bruker", "verdi": True}},
                ],
            },
        },
        "begrunnelse": {
            "kilde": "bruker",
            "hvaSokesOm": "Livsopphold og strøm for mars",
            "hvorforSoke": "Mistet jobben",
        },
        "bosituasjon": {"kilde": "bruker", "botype": "leier", "antallPersoner": 2},
        "okonomi": {
            "opplysninger": {
                "utbetaling": [
                    {"kilde": "bruker", "type": "salg", "tittel": "Solgt bil", "belop": 5000,
                     "overstyrtAvBruker": False, "utbetalingsdato": "2024-02-10"}
                ],
                "utgift": [
                    {"kilde": "bruker", "type": "strom", "tittel": "Strøm", "belop": 1200,
                     "overstyrtAvBruker": False},
                    {"kilde": "bruker", "type": "sfo", "tittel": "SFO", "belop": 900,
                     "overstyrtAvBruker": False},
                ],
                "bekreftelse": [
                    {"kilde": "bruker", "type": "bostotte", "tittel": "Søkt bostøtte",
                     "verdi": False}
                ],
            },
            "oversikt": {
                "inntekt": [
                    {"kilde": "bruker", "type": "barnebidrag", "tittel": "Barnebidrag",
                     "brutto": 1800, "netto": 1800, "overstyrtAvBruker": False}
                ],
                "utgift": [
                    {"kilde": "bruker", "type": "husleie", "tittel": "Husleie", "belop": 9500,
                     "overstyrtAvBruker": False}
                ],
                "formue": [
                    {"kilde": "bruker", "type": "brukskonto", "tittel": "Brukskonto",
                     "belop": 300, "overstyrtAvBruker": False},
                    {"kilde": "bruker", "type": "verdipapirer", "tittel": "Aksjer",
                     "belop": 1000, "overstyrtAvBruker": False},
                ],
            },
        },
    },
    "mottaker": {"kommunenummer": "0301", "enhetsnummer": "0314", "navEnhetsnavn": "NAV Sagene"},
    "driftsinformasjon": {
        "inntektFraSkatteetatenFeilet": False,
        "utbetalingerFraNavFeilet": True,
    },
    "kompatibilitet": [
        {"minVersion": "1.0.0", "maxVersion": "1.0.20", "text": "Vis denne"},
        {"minVersion": "2.0.0", "text": "Ikke for oss"},
    ],
}

_SOKER: dict[str, Any] = {
    "version": "1.3.0",
    "avsender": {"systemnavn": "sosialsak", "systemversjon": "0.1.0"},
    "hendelser": [
        {"type": "soknadsStatus", "hendelsestidspunkt": TS, "status": "MOTTATT"},
        {"type": "tildeltNavKontor", "hendelsestidspunkt": TS, "navKontor": "0314"},
        {"type": "saksStatus", "hendelsestidspunkt": TS, "referanse": "s1", "tittel": "Mat",
         "status": "UNDER_BEHANDLING"},
        {"type": "vedtakFattet", "hendelsestidspunkt": TS, "saksreferanse": "s1",
         "utfall": "INNVILGET",
         "vedtaksfil": {"referanse": {"type": "dokumentlager", "id": UUID}}},
        {"type": "utbetaling", "hendelsestidspunkt": TS, "utbetalingsreferanse": "u1",
         "status": "UTBETALT", "belop": 1500.5, "annenMottaker": False,
         "kontonummer": "12345678903", "utbetalingsdato": "2024-03-02"},
    ],
}


@pytest.fixture
def soknad() -> dict[str, Any]:
    """Return a fresh, valid soknad.json with family, children and economy."""
    return copy.deepcopy(_SOKNAD)


@pytest.fixture
def soker() -> dict[str, Any]:
    """Return a fresh, valid digisos-soker.json with five hendelser."""
    return copy.deepcopy(_SOKER)
