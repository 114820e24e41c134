"""Adapters for the population register port (``people.register``).

- ``FolkeregisterAdapter``: the Folkeregister API over HTTPS (standard library only), its
  person JSON (``identifikasjonsnummer``, ``navn``, ``bostedsadresse``, ``adressebeskyttelse``,
  ``familierelasjon``, ``sivilstand``; only the entries marked ``erGjeldende``), with a
  configurable endpoint and a token provider.
- ``MaskinportenTokenProvider``: a JWT-bearer grant (RFC 7523) to a Maskinporten-style token
  endpoint, the token kept until shortly before it expires. Signing the grant needs the
  organisation's key: the signer is passed in (an HSM or key library in production), so this
  module needs no crypto package.
- ``LocalRegister``: the synthetic people of ``register_fake`` in memory, parsed by the same
  code as the real answers; for development (``SOSIALSAK_PERSON_REGISTER=fake``).

A person's number goes into a URL only after it is checked to be eleven digits, and no answer
or number is ever logged.
"""

from __future__ import annotations

import base64
import http.client
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from sosialsak.contexts.people.models import Adressebeskyttelse
from sosialsak.contexts.people.register import (
    PersonRegister,
    RegisterAddress,
    RegisterPerson,
    RegisterUnavailable,
    Relation,
)

MAX_ANSWER_BYTES = 1_000_000
DEFAULT_PERSON_PATH = "/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{ident}"
DEFAULT_PARTS = ("identifikasjonsnummer", "navn", "bostedsadresse", "adressebeskyttelse",
                 "familierelasjon", "sivilstand")

# Graderingsnivå in the register → ours. An unknown grading is treated as the strictest: a
# new level the register adds must never show an address.
_GRADERING = {
    "ugradert": Adressebeskyttelse.INGEN,
    "fortrolig": Adressebeskyttelse.FORTROLIG,
    "strengtFortrolig": Adressebeskyttelse.STRENGT_FORTROLIG,
    "strengtFortroligUtland": Adressebeskyttelse.STRENGT_FORTROLIG,
}
_ROLLE = {"barn": "BARN", "mor": "MOR", "far": "FAR", "medmor": "MEDMOR"}
_PARTNER_SIVILSTAND = {"gift", "registrertPartner"}


class TokenProvider(Protocol):
    def token(self) -> str:
        """Return a bearer token; raise RegisterUnavailable when none can be had."""
        ...


class StaticToken:
    def __init__(self, value: str) -> None:
        self.value = value

    def token(self) -> str:
        return self.value


def _http_url(url: str) -> str:
    """Only http(s) endpoints: urllib would also open file: and ftp: URLs."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("endepunktet må være en http- eller https-adresse")
    return url


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class MaskinportenTokenProvider:
    """Get an access token with a signed JWT grant; reuse it until ``margin`` seconds before
    it expires."""

    def __init__(self, *, token_endpoint: str, client_id: str, audience: str, scope: str,
                 signer: Callable[[bytes], bytes], algorithm: str = "RS256",
                 key_id: str | None = None, timeout: float = 5.0, margin: float = 30.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.token_endpoint, self.client_id = _http_url(token_endpoint), client_id
        self.audience = audience
        self.scope, self.signer, self.algorithm, self.key_id = scope, signer, algorithm, key_id
        self.timeout, self.margin, self.clock = timeout, margin, clock
        self._cached: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def grant(self) -> str:
        now = int(self.clock())
        header: dict[str, Any] = {"alg": self.algorithm, "typ": "JWT"}
        if self.key_id:
            header["kid"] = self.key_id
        claims = {"aud": self.audience, "iss": self.client_id, "scope": self.scope,
                  "iat": now, "exp": now + 120, "jti": str(uuid.uuid4())}
        signing_input = (_b64(json.dumps(header).encode()) + "."
                         + _b64(json.dumps(claims).encode()))
        return signing_input + "." + _b64(self.signer(signing_input.encode("ascii")))

    def token(self) -> str:
        with self._lock:
            if self._cached and self._cached[1] - self.margin > self.clock():
                return self._cached[0]
            body = urllib.parse.urlencode({
                "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion": self.grant()}).encode("ascii")
            request = urllib.request.Request(  # noqa: S310 (http(s) only: _http_url)
                self.token_endpoint, data=body, method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            try:
                answer = _read_json(request, self.timeout, what="token")
            except urllib.error.HTTPError as exc:
                raise RegisterUnavailable(f"token: HTTP {exc.code}") from None
            if not isinstance(answer, dict) or not isinstance(answer.get("access_token"), str):
                raise RegisterUnavailable("token: svaret mangler access_token")
            lifetime = answer.get("expires_in")
            seconds = float(lifetime) if isinstance(lifetime, int | float) else 60.0
            self._cached = (answer["access_token"], self.clock() + seconds)
            return self._cached[0]

    def forget(self) -> None:
        with self._lock:
            self._cached = None


def _read_json(request: urllib.request.Request, timeout: float, *, what: str) -> Any:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError:
        raise
    except (urllib.error.URLError, OSError, TimeoutError, http.client.HTTPException) as exc:
        raise RegisterUnavailable(f"{what}: ikke svar ({type(exc).__name__})") from None
    if len(raw) > MAX_ANSWER_BYTES:
        raise RegisterUnavailable(f"{what}: svaret er for stort")
    try:
        return json.loads(raw)
    except ValueError:
        raise RegisterUnavailable(f"{what}: svaret er ikke JSON") from None


def _current(entries: Any) -> list[Mapping[str, Any]]:
    """The entries the register marks as current (``erGjeldende``)."""
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and e.get("erGjeldende") is True]


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def parse_freg_person(doc: Mapping[str, Any], ident: str) -> RegisterPerson:
    """Map one person document in the Folkeregister's JSON shape to a ``RegisterPerson``."""
    navn = next(iter(_current(doc.get("navn"))), {})
    fornavn = " ".join(x for x in (_text(navn.get("fornavn"), 100),
                                    _text(navn.get("mellomnavn"), 100)) if x)
    grader = [_GRADERING.get(str(e.get("graderingsnivaa")), Adressebeskyttelse.STRENGT_FORTROLIG)
              for e in _current(doc.get("adressebeskyttelse"))]
    order = [Adressebeskyttelse.INGEN, Adressebeskyttelse.FORTROLIG,
             Adressebeskyttelse.STRENGT_FORTROLIG]
    beskyttelse = max(grader, key=order.index, default=Adressebeskyttelse.INGEN)
    adresse = None
    bosted = next(iter(_current(doc.get("bostedsadresse"))), None)
    vei = bosted.get("vegadresse") if bosted else None
    if beskyttelse == Adressebeskyttelse.INGEN and isinstance(vei, dict):
        nummer: Mapping[str, Any] = vei.get("adressenummer") or {}
        post: Mapping[str, Any] = vei.get("poststed") or {}
        nummer = nummer if isinstance(nummer, dict) else {}
        post = post if isinstance(post, dict) else {}
        gate = " ".join(x for x in (_text(vei.get("adressenavn"), 150),
                                    _text(nummer.get("husnummer"), 10)
                                    + _text(nummer.get("husbokstav"), 2)) if x)
        adresse = RegisterAddress(
            gateadresse=gate[:200], postnummer=_text(post.get("postnummer"), 4),
            poststed=_text(post.get("poststedsnavn"), 100),
            kommunenummer=_text(vei.get("kommunenummer"), 4))
    relasjoner = [Relation(_text(e.get("relatertPerson"), 11),
                           _ROLLE[str(e.get("relatertPersonsRolle"))])
                  for e in _current(doc.get("familierelasjon"))
                  if str(e.get("relatertPersonsRolle")) in _ROLLE and e.get("relatertPerson")]
    relasjoner += [Relation(_text(e.get("relatertVedSivilstand"), 11), "EKTEFELLE_ELLER_PARTNER")
                   for e in _current(doc.get("sivilstand"))
                   if e.get("sivilstand") in _PARTNER_SIVILSTAND and e.get("relatertVedSivilstand")]
    return RegisterPerson(fodselsnummer=ident, fornavn=fornavn,
                          etternavn=_text(navn.get("etternavn"), 100), adresse=adresse,
                          adressebeskyttelse=beskyttelse, relasjoner=tuple(relasjoner))


def _checked_ident(fodselsnummer: str) -> str:
    if not (len(fodselsnummer) == 11 and fodselsnummer.isascii() and fodselsnummer.isdigit()):
        raise ValueError("ugyldig fødselsnummer for oppslag")
    return fodselsnummer


class FolkeregisterAdapter:
    """Look people up in the Folkeregister API. A 5xx or network error is retried
    ``retries`` times; a 401 gets one new token; a 404 is "no such person"."""

    def __init__(self, *, base_url: str, tokens: TokenProvider,
                 person_path: str = DEFAULT_PERSON_PATH, parts: tuple[str, ...] = DEFAULT_PARTS,
                 timeout: float = 5.0, retries: int = 2, backoff: float = 0.2,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = _http_url(base_url).rstrip("/")
        self.tokens, self.person_path = tokens, person_path
        self.parts, self.timeout, self.retries = parts, timeout, retries
        self.backoff, self.sleep = backoff, sleep

    def _url(self, ident: str) -> str:
        query = urllib.parse.urlencode([("part", p) for p in self.parts])
        return (self.base_url + self.person_path.format(ident=urllib.parse.quote(ident, safe=""))
                + "?" + query)

    def person(self, fodselsnummer: str) -> RegisterPerson | None:
        ident = _checked_ident(fodselsnummer)
        renewed = False
        attempt = 0
        while True:
            request = urllib.request.Request(self._url(ident), headers={  # noqa: S310
                "Authorization": f"Bearer {self.tokens.token()}", "Accept": "application/json"})
            try:
                doc = _read_json(request, self.timeout, what="folkeregisteret")
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                if exc.code == 401 and not renewed and hasattr(self.tokens, "forget"):
                    self.tokens.forget()
                    renewed = True
                    continue
                if exc.code < 500 or attempt >= self.retries:
                    raise RegisterUnavailable(f"folkeregisteret: HTTP {exc.code}") from None
            except RegisterUnavailable:
                if attempt >= self.retries:
                    raise
            else:
                if not isinstance(doc, dict):
                    raise RegisterUnavailable("folkeregisteret: uventet svar")
                return parse_freg_person(doc, ident)
            attempt += 1
            self.sleep(self.backoff * attempt)


class LocalRegister:
    """The synthetic people (``register_fake.synthetic_people``) without any HTTP."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        from sosialsak.contexts.people.register_fake import synthetic_people

        self.documents = dict(documents if documents is not None else synthetic_people())

    def person(self, fodselsnummer: str) -> RegisterPerson | None:
        doc = self.documents.get(_checked_ident(fodselsnummer))
        return parse_freg_person(doc, fodselsnummer) if doc is not None else None


def register_from_settings(config: Mapping[str, Any]) -> PersonRegister | None:
    """Build the configured adapter: ``{"adapter": "none" | "fake" | "folkeregister", ...}``.
    The Folkeregister needs ``base_url`` and a token (``token``, for a gateway that hands one
    out); a Maskinporten signer is wired in code by whoever holds the key."""
    kind = str(config.get("adapter", "none"))
    if kind == "none":
        return None
    if kind == "fake":
        return LocalRegister()
    if kind == "folkeregister":
        return FolkeregisterAdapter(
            base_url=str(config["base_url"]), tokens=StaticToken(str(config.get("token", ""))),
            person_path=str(config.get("person_path", DEFAULT_PERSON_PATH)),
            timeout=float(config.get("timeout", 5.0)))
    raise ValueError(f"ukjent personregister-adapter {kind!r}")
