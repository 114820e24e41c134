"""A development OpenID Connect provider shaped like ID-porten, for the demo and the tests.

Runs inside this app under ``/dev-idp/`` and needs no network: discovery
(``.well-known/openid-configuration``), JWKS, an authorize page where you type the
fødselsnummer and pick the security level, and a token endpoint that checks the client
secret and PKCE and signs an ID token (RS256) with a key made when the process starts. The
claims are ID-porten's: ``pid`` (fødselsnummer), ``acr`` (``idporten-loa-high`` or
``idporten-loa-substantial``), ``amr``, ``nonce``. Only mounted when
``SOSIALSAK_DEV_IDP`` is on, and refused in production (settings): anyone can be anyone here.
One process only (codes live in the process cache).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc import jwt
from joserfc.jwk import RSAKey

LEVELS = ("idporten-loa-high", "idporten-loa-substantial")
CODE_SECONDS = 60


@cache
def signing_key() -> RSAKey:
    """The provider's key, made once per process (never stored)."""
    return RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig"},
                               private=True)


def issuer(request: HttpRequest) -> str:
    return request.build_absolute_uri("/dev-idp").rstrip("/")


def _enabled() -> None:
    if not settings.SOSIALSAK_DEV_IDP:
        raise Http404


@require_GET
def configuration(request: HttpRequest) -> JsonResponse:
    _enabled()
    base = issuer(request)
    return JsonResponse({
        "issuer": base, "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token", "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"], "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": list(LEVELS),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
    })


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    _enabled()
    return JsonResponse({"keys": [signing_key().as_dict(private=False)]})


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """Show the test login; on POST make a code and send the browser back to the client."""
    _enabled()
    q = request.GET
    if q.get("client_id") != settings.SOSIALSAK_OIDC_CLIENT_ID or q.get(
            "response_type") != "code" or not q.get("redirect_uri", "").startswith(
            request.build_absolute_uri("/")) or q.get("code_challenge_method") != "S256":
        return HttpResponse("Ugyldig forespørsel til test-innloggingen.", status=400,
                            content_type="text/plain; charset=utf-8")
    error = ""
    if request.method == "POST":
        pid = request.POST.get("pid", "").strip()
        level = request.POST.get("acr", "")
        if len(pid) == 11 and pid.isdigit() and level in LEVELS:
            code = secrets.token_urlsafe(24)
            django_cache.set(f"dev-idp:{code}", {
                "pid": pid, "acr": level, "nonce": q.get("nonce", "")[:200],
                "redirect_uri": q["redirect_uri"], "challenge": q.get("code_challenge", ""),
            }, CODE_SECONDS)
            sep = "&" if "?" in q["redirect_uri"] else "?"
            return redirect(q["redirect_uri"] + sep + urlencode(
                {"code": code, "state": q.get("state", "")}))
        error = "Skriv et fødselsnummer med 11 siffer, og velg sikkerhetsnivå."
    return render(request, "citizen/dev_idp.html", {"levels": LEVELS, "error": error},
                  status=400 if error else 200)


def _client_ok(request: HttpRequest) -> bool:
    cid, secret = request.POST.get("client_id", ""), request.POST.get("client_secret", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Basic "):
        cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
    return cid == settings.SOSIALSAK_OIDC_CLIENT_ID and hmac.compare_digest(
        secret, settings.SOSIALSAK_OIDC_CLIENT_SECRET)


def _error(code: str) -> JsonResponse:
    return JsonResponse({"error": code}, status=400)


@csrf_exempt  # a back-channel call from the client with its secret, not a browser form
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    _enabled()
    if not _client_ok(request):
        return JsonResponse({"error": "invalid_client"}, status=401)
    p = request.POST
    grant: dict[str, Any] | None = django_cache.get(f"dev-idp:{p.get('code', '')}")
    django_cache.delete(f"dev-idp:{p.get('code', '')}")  # a code is used once
    if p.get("grant_type") != "authorization_code" or grant is None \
            or grant["redirect_uri"] != p.get("redirect_uri"):
        return _error("invalid_grant")
    digest = hashlib.sha256(p.get("code_verifier", "").encode()).digest()
    if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
        return _error("invalid_grant")
    now = int(time.time())
    key = signing_key()
    claims = {"iss": issuer(request), "aud": settings.SOSIALSAK_OIDC_CLIENT_ID,
              "sub": hashlib.sha256(grant["pid"].encode()).hexdigest()[:32],
              "pid": grant["pid"], "acr": grant["acr"], "amr": ["TestID"],
              "iat": now, "exp": now + 120, "nonce": grant["nonce"], "locale": "nb"}
    id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
    return JsonResponse({"access_token": secrets.token_urlsafe(24), "token_type": "Bearer",
                         "expires_in": 120, "id_token": id_token, "scope": "openid profile"})
