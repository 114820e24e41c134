"""A local Folkeregister with synthetic people, for development and tests (issue 18 item 7).

``synthetic_people()`` returns person documents in the register's JSON shape, keyed by
synthetic fødselsnummer (Skatteetaten's test numbers: month + 80, never a real person).
``FakeFolkeregister`` serves them over HTTP on 127.0.0.1 from a thread, with a Maskinporten-
style token endpoint, so the real adapter's HTTP path runs in tests without any network.
"""

from __future__ import annotations

import json
import secrets
import threading
import urllib.parse
from datetime import date
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sosialsak.kernel.identity import make_synthetic_fodselsnummer

# key: (birth date, fornavn, etternavn, gradering, address or None, relations (role, key))
_PEOPLE: dict[str, tuple[date, str, str, str, tuple[str, str, str, str] | None,
                         tuple[tuple[str, str], ...]]] = {
    "kari": (date(1985, 4, 12), "Kari", "Nordmann", "ugradert",
             ("Storgata", "1A", "0155", "OSLO"), (("barn", "ola"), ("gift", "per"))),
    "per": (date(1983, 9, 3), "Per", "Nordmann", "ugradert",
            ("Storgata", "1A", "0155", "OSLO"), (("barn", "ola"), ("gift", "kari"))),
    "ola": (date(2015, 6, 1), "Ola", "Nordmann", "ugradert",
            ("Storgata", "1A", "0155", "OSLO"), (("mor", "kari"), ("far", "per"))),
    "sara": (date(1990, 11, 30), "Sara", "Fjell", "strengtFortrolig", None,
             (("barn", "nora"),)),
    "nora": (date(2018, 2, 20), "Nora", "Fjell", "strengtFortrolig", None, (("mor", "sara"),)),
    "jon": (date(1979, 1, 15), "Jon", "Dal", "fortrolig", None, ()),
    "lise": (date(1992, 8, 8), "Lise", "Berg", "ugradert",
             ("Kirkeveien", "12", "5003", "BERGEN"), ()),
}


def fnr_of(key: str) -> str:
    """The synthetic fødselsnummer of one of the fake people (``kari``, ``sara`` …)."""
    born = _PEOPLE[key][0]
    for individual in range(0, 200):
        try:
            return make_synthetic_fodselsnummer(birth_date=born, individual=individual)
        except ValueError:
            continue
    raise AssertionError(f"no synthetic number for {key}")


def _kommune(postnummer: str) -> str:
    return "0301" if postnummer.startswith("0") else "4601"


@cache
def _documents() -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for key, (_born, fornavn, etternavn, gradering, adresse, relations) in _PEOPLE.items():
        fnr = fnr_of(key)
        doc: dict[str, Any] = {
            "identifikasjonsnummer": [{"erGjeldende": True, "foedselsEllerDNummer": fnr,
                                       "identifikatortype": "foedselsnummer",
                                       "status": "iBruk"}],
            "navn": [{"erGjeldende": True, "fornavn": fornavn, "etternavn": etternavn}],
            "adressebeskyttelse": [{"erGjeldende": True, "graderingsnivaa": gradering}],
            "familierelasjon": [
                {"erGjeldende": True, "relatertPerson": fnr_of(other),
                 "relatertPersonsRolle": role,
                 "minRolleForPerson": "barn" if role in ("mor", "far") else "forelder"}
                for role, other in relations if role != "gift"],
            "sivilstand": [{"erGjeldende": True, "sivilstand": "gift",
                            "relatertVedSivilstand": fnr_of(other)}
                           for role, other in relations if role == "gift"],
            "bostedsadresse": [],
        }
        if adresse is not None:
            gate, nummer, postnummer, poststed = adresse
            doc["bostedsadresse"] = [{"erGjeldende": True, "vegadresse": {
                "adressenavn": gate, "kommunenummer": _kommune(postnummer),
                "adressenummer": {"husnummer": nummer.rstrip("ABCDEFGH"),
                                  "husbokstav": nummer[len(nummer.rstrip("ABCDEFGH")):] or None},
                "poststed": {"postnummer": postnummer, "poststedsnavn": poststed}}}]
        docs[fnr] = doc
    return docs


def synthetic_people() -> dict[str, dict[str, Any]]:
    """A fresh copy of every synthetic person document, keyed by fødselsnummer."""
    return json.loads(json.dumps(_documents()))


class FakeFolkeregister:
    """An in-process Folkeregister: ``with FakeFolkeregister() as fake: fake.base_url``.

    ``POST /token`` answers a JWT-bearer grant with a token; ``GET <person path>/<ident>``
    needs that token. ``fail_next`` makes the next requests answer 503 (to test retries);
    ``requests`` records the paths asked for (never logged)."""

    person_prefix = "/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/"

    def __init__(self, people: dict[str, dict[str, Any]] | None = None) -> None:
        self.people = people if people is not None else synthetic_people()
        self.tokens: set[str] = set()
        self.grants: list[dict[str, str]] = []
        self.requests: list[str] = []
        self.fail_next = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_url(self) -> str:
        return self.base_url + "/token"

    def __enter__(self) -> FakeFolkeregister:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return  # the paths hold fødselsnumre: never printed

            def _answer(self, status: int, body: Any) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                if (self.path != "/token" or form.get("grant_type")
                        != "urn:ietf:params:oauth:grant-type:jwt-bearer"
                        or form.get("assertion", "").count(".") != 2):
                    self._answer(400, {"error": "invalid_grant"})
                    return
                fake.grants.append(form)
                token = secrets.token_urlsafe(16)
                fake.tokens.add(token)
                self._answer(200, {"access_token": token, "token_type": "Bearer",
                                   "expires_in": 120, "scope": "folkeregister:deling"})

            def do_GET(self) -> None:
                fake.requests.append(self.path)
                if fake.fail_next > 0:
                    fake.fail_next -= 1
                    self._answer(503, {"melding": "midlertidig utilgjengelig"})
                    return
                auth = self.headers.get("Authorization", "")
                if not auth.startswith("Bearer ") or auth[7:] not in fake.tokens:
                    self._answer(401, {"melding": "ugyldig token"})
                    return
                path = urllib.parse.urlsplit(self.path).path
                ident = path.removeprefix(fake.person_prefix)
                if not path.startswith(fake.person_prefix) or ident not in fake.people:
                    self._answer(404, {"melding": "fant ikke person"})
                    return
                self._answer(200, fake.people[ident])

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
