"""Write a Digisos ``soknad.json`` from what a person typed in our own application form.

Framework-free. The result has the shape nav.no sends (``version`` 1.0.0), so the person's
own form enters through the same intake as a Digisos delivery (issue 16, item 2). Everything
the person states has ``kilde: bruker``; the fødselsnummer comes from the login (``system``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

BOTYPER = ("eier", "leier", "kommunal", "ingen", "annet")
SIVILSTATUSER = ("ugift", "gift", "samboer", "enke", "skilt", "separert")
# Our form's income and expense lines → the Digisos oversikt type and its title.
INNTEKTER = {"jobb": "Lønn", "barnetrygd": "Barnetrygd", "bostotte": "Bostøtte",
             "annen": "Annen inntekt"}
UTGIFTER = {"husleie": "Husleie", "strom": "Strøm", "oppvarming": "Oppvarming",
            "annen": "Andre utgifter"}


@dataclass(frozen=True)
class BarnSkjema:
    navn: str
    fodselsdato: date
    bor_sammen: bool = True


@dataclass(frozen=True)
class SoknadSkjema:
    """The answers of the form, already checked and bounded by the caller."""

    fodselsnummer: str
    fornavn: str
    etternavn: str
    telefon: str
    kontonummer: str
    gatenavn: str
    husnummer: str
    postnummer: str
    poststed: str
    kommunenummer: str
    enhetsnummer: str
    kontornavn: str
    sivilstatus: str
    botype: str
    antall_personer: int
    hva: str
    hvorfor: str
    barn: tuple[BarnSkjema, ...] = ()
    inntekter: dict[str, int] = field(default_factory=dict)
    utgifter: dict[str, int] = field(default_factory=dict)


def timestamp(at: datetime) -> str:
    """Return ``at`` as Digisos writes a moment: UTC with milliseconds and a Z."""
    utc = at.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def phone(value: str) -> str:
    """Return a Norwegian number in Digisos form (+47 and eight digits)."""
    digits = "".join(c for c in value if c.isdigit())
    return f"+47{digits}" if len(digits) == 8 else f"+{digits}"


def _k(value: Any, src: str = "bruker") -> dict[str, Any]:
    return {"kilde": src, "verdi": value}


def _navn(full: str) -> dict[str, str]:
    parts = full.split()
    return {"fornavn": " ".join(parts[:-1]) or full, "mellomnavn": "",
            "etternavn": parts[-1] if len(parts) > 1 else ""}


def build_soknad(s: SoknadSkjema) -> dict[str, Any]:
    """Return the soknad.json document for the answers."""
    ansvar = [{"barn": {"kilde": "bruker", "navn": _navn(b.navn),
                        "fodselsdato": b.fodselsdato.isoformat()},
               "borSammenMed": _k(b.bor_sammen)} for b in s.barn]
    adresse = {"kilde": "bruker", "type": "gateadresse", "kommunenummer": s.kommunenummer,
               "gatenavn": s.gatenavn, "husnummer": s.husnummer, "postnummer": s.postnummer,
               "poststed": s.poststed}
    return {
        "version": "1.0.0",
        "data": {
            "personalia": {
                "personIdentifikator": _k(s.fodselsnummer, "system"),
                "navn": {"kilde": "system", "fornavn": s.fornavn, "mellomnavn": "",
                         "etternavn": s.etternavn},
                "telefonnummer": _k(phone(s.telefon)),
                "kontonummer": _k(s.kontonummer),
                "folkeregistrertAdresse": adresse,
            },
            "arbeid": {},
            "utdanning": {"kilde": "bruker", "erStudent": False},
            "familie": {
                "sivilstatus": {"kilde": "bruker", "status": s.sivilstatus},
                "forsorgerplikt": {"harForsorgerplikt": _k(bool(s.barn)),
                                   "ansvar": ansvar},
            },
            "begrunnelse": {"kilde": "bruker", "hvorforSoke": s.hvorfor,
                            "hvaSokesOm": s.hva},
            "bosituasjon": {"kilde": "bruker", "botype": s.botype,
                            "antallPersoner": s.antall_personer},
            "okonomi": {
                "opplysninger": {"utbetaling": [], "utgift": []},
                "oversikt": {
                    "inntekt": [{"kilde": "bruker", "type": t, "tittel": INNTEKTER[t],
                                 "netto": v, "brutto": v, "overstyrtAvBruker": False}
                                for t, v in s.inntekter.items() if t in INNTEKTER and v],
                    "utgift": [{"kilde": "bruker", "type": t, "tittel": UTGIFTER[t],
                                "belop": v, "overstyrtAvBruker": False}
                               for t, v in s.utgifter.items() if t in UTGIFTER and v],
                    "formue": [],
                },
            },
        },
        "mottaker": {"kommunenummer": s.kommunenummer, "enhetsnummer": s.enhetsnummer,
                     "navEnhetsnavn": s.kontornavn},
        "driftsinformasjon": {"utbetalingerFraNavFeilet": False,
                              "inntektFraSkatteetatenFeilet": False,
                              "stotteFraHusbankenFeilet": False},
        "kompatibilitet": [],
    }
