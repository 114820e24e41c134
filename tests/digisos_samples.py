"""Digisos deliveries for tests, written by us (the official fixtures live in ../shared)."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from tests.helpers import synthetic_fnr

APPLICANT_FNR = synthetic_fnr(date(1990, 5, 17), 3)
CHILD_FNR = synthetic_fnr(date(2016, 2, 1), 7)


def did(label: str) -> str:
    """Return a digisosId (a UUID, as Fiks makes them) derived from a readable label."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"digisos:{label}"))


def kilde(value: Any, src: str = "bruker") -> dict[str, Any]:
    return {"kilde": src, "verdi": value}


def soknad_json(*, fnr: str = APPLICANT_FNR, enhet: str = "1201", kommune: str = "4601",
                hva: str = "Penger til mat og husleie for mars.") -> dict[str, Any]:
    return {
        "version": "1.0.0",
        "data": {
            "personalia": {
                "personIdentifikator": kilde(fnr, "system"),
                "navn": {"kilde": "system", "fornavn": "Amina", "mellomnavn": "",
                         "etternavn": "Digital"},
                "telefonnummer": kilde("+4791234567"),
                "kontonummer": kilde("12345678903"),
                "folkeregistrertAdresse": {
                    "kilde": "system", "type": "gateadresse", "kommunenummer": kommune,
                    "gatenavn": "Solheimsgaten", "husnummer": "7", "postnummer": "5058",
                    "poststed": "Bergen"},
            },
            "arbeid": {},
            "utdanning": {"kilde": "bruker", "erStudent": False},
            "familie": {
                "sivilstatus": {"kilde": "bruker", "status": "ugift"},
                "forsorgerplikt": {
                    "harForsorgerplikt": kilde(True, "system"),
                    "ansvar": [
                        {"barn": {"kilde": "system", "navn": {"fornavn": "Sara",
                                  "mellomnavn": "", "etternavn": "Digital"},
                                  "fodselsdato": "2016-02-01", "personIdentifikator": CHILD_FNR,
                                  "harDiskresjonskode": False},
                         "borSammenMed": kilde(True), "harDeltBosted": kilde(False)},
                        {"barn": {"kilde": "system", "navn": {"fornavn": "Yusuf",
                                  "mellomnavn": "", "etternavn": "Digital"},
                                  "fodselsdato": "2020-09-12", "personIdentifikator": "01010112345",
                                  "harDiskresjonskode": False},
                         "borSammenMed": kilde(True), "harDeltBosted": kilde(True)},
                    ],
                },
            },
            "begrunnelse": {"kilde": "bruker", "hvorforSoke": "Jeg mistet jobben.",
                            "hvaSokesOm": hva},
            "bosituasjon": {"kilde": "bruker", "botype": "leier", "antallPersoner": 3},
            "okonomi": {
                "opplysninger": {"utbetaling": [], "utgift": [
                    {"kilde": "bruker", "type": "strom", "tittel": "Strøm", "belop": 900,
                     "overstyrtAvBruker": False}]},
                "oversikt": {
                    "inntekt": [{"kilde": "bruker", "type": "barnetrygd",
                                 "tittel": "Barnetrygd", "netto": 3000, "brutto": 3000,
                                 "overstyrtAvBruker": False}],
                    "utgift": [{"kilde": "bruker", "type": "husleie", "tittel": "Husleie",
                                "belop": 9500, "overstyrtAvBruker": False}],
                    "formue": [],
                },
            },
        },
        "mottaker": {"kommunenummer": kommune, "enhetsnummer": enhet,
                     "navEnhetsnavn": "NAV Årstad, Bergen kommune"},
        "driftsinformasjon": {"utbetalingerFraNavFeilet": False,
                              "inntektFraSkatteetatenFeilet": False,
                              "stotteFraHusbankenFeilet": False},
        "kompatibilitet": [],
    }


PDF = b"%PDF-1.4\n% test attachment\n"


def vedlegg_json(files: dict[str, bytes], *, type: str = "husleiekontrakt",
                 tilleggsinfo: str = "husleiekontrakt", hendelse_type: str = "soknad",
                 hendelse_referanse: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": type, "tilleggsinfo": tilleggsinfo, "status": "LastetOpp",
        "hendelseType": hendelse_type,
        "filer": [{"filnavn": n, "sha512": hashlib.sha512(b).hexdigest()}
                  for n, b in files.items()]}
    if hendelse_referanse:
        item["hendelseReferanse"] = hendelse_referanse
    return {"vedlegg": [item]}


def write_delivery(folder: Path, *, digisos_id: str, ekstern_ref: str,
                   soknad: dict[str, Any] | None = None,
                   files: dict[str, bytes] | None = None,
                   vedlegg: dict[str, Any] | None = None,
                   ettersendelse: bool = False, done: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {"digisosId": digisos_id, "eksternRef": ekstern_ref}
    if ettersendelse:
        meta["soknadLeveranseId"] = {"sendtKanal": "FIKS_IO", "id": "orig"}
    (folder / "metadata.json").write_text(json.dumps(meta))
    if soknad is not None:
        (folder / "soknad.json").write_text(json.dumps(soknad, ensure_ascii=False))
    files = files or {}
    for name, content in files.items():
        (folder / name).write_bytes(content)
    if vedlegg is None:  # every delivery has one, listing each file with its sha512
        vedlegg = vedlegg_json(files) if files else {"vedlegg": []}
    (folder / "vedlegg.json").write_text(json.dumps(vedlegg))
    if done:  # the sender's marker: the folder is complete (digisos.importer._ready)
        (folder / ".ferdig").write_bytes(b"")
    return folder


def with_changes(doc: dict[str, Any], **paths: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    for dotted, value in paths.items():
        node = out
        keys = dotted.split("__")
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value
    return out
