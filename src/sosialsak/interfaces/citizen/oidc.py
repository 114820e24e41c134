"""Citizen login through OpenID Connect, shaped for ID-porten (issue 16, item 1).

Authorization code flow with PKCE, state and nonce, through Authlib's OAuth 2.0 client; the
ID token's signature (the provider's JWKS), issuer, audience, expiry and nonce are checked by
joserfc (Authlib's JOSE library). Personal data needs ``acr = idporten-loa-high``; a lower
level is refused with a plain message. The ``pid`` claim (fødselsnummer) links the login to a
person (``people.login``), never by hand. Caseworkers keep their password login.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from sosialsak.contexts.people.login import citizen_for_login
from sosialsak.kernel.errors import DomainError
from sosialsak.kernel.logsafe import failure

log = logging.getLogger("sosialsak.citizen.oidc")
SESSION_KEY = "citizen_oidc"
PID_KEY = "citizen_pid"  # the logged-in person's fødselsnummer (server-side session only)
TIMEOUT = 10
# Transport adapters to mount on the HTTP session (prefix, adapter). Empty in production;
# the tests mount one that answers from the app itself, so no network is needed.
ADAPTERS: list[tuple[str, Any]] = []


class LoginFailed(Exception):
    pass


def _issuer(request: HttpRequest) -> str:
    return settings.SOSIALSAK_OIDC_ISSUER or request.build_absolute_uri("/dev-idp").rstrip("/")


def _client(request: HttpRequest, **kw: Any) -> OAuth2Session:
    session = OAuth2Session(settings.SOSIALSAK_OIDC_CLIENT_ID,
                            settings.SOSIALSAK_OIDC_CLIENT_SECRET, scope="openid profile",
                            token_endpoint_auth_method="client_secret_post",  # noqa: S106 (a method name)
                            redirect_uri=request.build_absolute_uri("/mine/logg-inn/svar/"),
                            code_challenge_method="S256", **kw)
    for prefix, adapter in ADAPTERS:
        session.mount(prefix, adapter)
    return session


def _get_json(request: HttpRequest, url: str) -> dict[str, Any]:
    response = _client(request).get(url, timeout=TIMEOUT, withhold_token=True)
    response.raise_for_status()
    data = response.json()
    if not isinstance(data, dict):
        raise LoginFailed("not an object")
    return data


def _metadata(request: HttpRequest) -> dict[str, Any]:
    meta = _get_json(request, _issuer(request) + "/.well-known/openid-configuration")
    if meta.get("issuer") != _issuer(request):
        raise LoginFailed("issuer mismatch")
    return meta


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider with a fresh state, nonce and PKCE verifier."""
    try:
        meta = _metadata(request)
    except Exception as exc:
        log.warning("oidc discovery failed: %s", failure(exc))
        return _refused(request, _("Innloggingen virker ikke akkurat nå. Prøv igjen senere."))
    verifier = secrets.token_urlsafe(48)
    nonce, state = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    url, _state = _client(request).create_authorization_url(
        meta["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier,
        acr_values=settings.SOSIALSAK_OIDC_ACR, ui_locales="nb")
    request.session[SESSION_KEY] = {"state": state, "nonce": nonce, "verifier": verifier}
    return redirect(url)


def _refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    return render(request, "citizen/login_refused.html", {"message": message}, status=status)


def _claims(request: HttpRequest, started: dict[str, str]) -> dict[str, Any]:
    """Exchange the code and return the checked ID-token claims (raise on anything wrong)."""
    if not started or request.GET.get("state") != started["state"] or not request.GET.get(
            "code"):
        raise LoginFailed("state")
    meta = _metadata(request)
    token = _client(request).fetch_token(
        meta["token_endpoint"], grant_type="authorization_code", code=request.GET["code"],
        code_verifier=started["verifier"], timeout=TIMEOUT)
    keys = KeySet.import_key_set(_get_json(request, meta["jwks_uri"]))  # type: ignore[arg-type]
    decoded = jwt.decode(token["id_token"], keys, algorithms=["RS256"])
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": meta["issuer"]},
        aud={"essential": True, "value": settings.SOSIALSAK_OIDC_CLIENT_ID},
        nonce={"essential": True, "value": started["nonce"]},
        exp={"essential": True}, pid={"essential": True},
    ).validate(decoded.claims)
    return dict(decoded.claims)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Finish the login: check the ID token, require loa-high, link the person by pid."""
    started = request.session.pop(SESSION_KEY, None)
    if request.GET.get("error"):
        return _refused(request, _("Du avbrøt innloggingen. Prøv igjen når du vil."))
    try:
        claims = _claims(request, started or {})
    except (LoginFailed, JoseError, KeyError, ValueError) as exc:
        log.warning("oidc login refused: %s", failure(exc))
        return _refused(request, _("Innloggingen kunne ikke fullføres. Prøv igjen."))
    except Exception as exc:  # the provider answered badly or not at all
        log.warning("oidc login failed: %s", failure(exc))
        return _refused(request, _("Innloggingen virker ikke akkurat nå. Prøv igjen senere."))
    if claims.get("acr") != settings.SOSIALSAK_OIDC_ACR:
        return _refused(request, _(
            "Du må logge inn med BankID, Buypass eller Commfides for å se saken din. "
            "Det er fordi sidene viser opplysninger om deg. Logg inn på nytt og velg en av dem."))
    try:
        user = citizen_for_login(pid=str(claims["pid"]))
    except DomainError:
        return _refused(request, _("Vi kan ikke logge deg inn med dette fødselsnummeret."))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[PID_KEY] = str(claims["pid"])
    return redirect("citizen:mine")


@require_GET
def login_page(request: HttpRequest) -> HttpResponse:
    return render(request, "citizen/login.html", {"dev_idp": settings.SOSIALSAK_DEV_IDP})
