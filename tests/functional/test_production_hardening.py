"""Production hardening (issue 10, item 7).

Threat: production started with SOSIALSAK_DEBUG=1 and SOSIALSAK_SECRET_KEY=x showed Django's
debug page (traceback, settings, locals: personal data) and signed sessions with a guessable
key. Production must refuse both at start, send HSTS and redirect to https, and no page, API
response or letter with personal data may be stored by a browser or proxy (no-store).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

STRONG = "k3J9-vQ2_pL8wX1zR7mN4bT6yH0cF5sD2gA9eU3iO8rW1qZ7xV4nM6"


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings module in a fresh interpreter with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SOSIALSAK_")}
    code = ("import json; from sosialsak.config import settings as s; print(json.dumps({"
            "'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT, "
            "'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
            "'cookie': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE}))")
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env},
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(("env", "message"), [
    ({"SOSIALSAK_DEBUG": "1", "SOSIALSAK_SECRET_KEY": STRONG}, "SOSIALSAK_DEBUG=1 is refused"),
    ({"SOSIALSAK_SECRET_KEY": "x"}, "SOSIALSAK_SECRET_KEY is too weak"),
    ({"SOSIALSAK_SECRET_KEY": "dev-only-insecure-key-change-me-for-production-0123456789abcdef"},
     "SOSIALSAK_SECRET_KEY is too weak"),
    ({"SOSIALSAK_SECRET_KEY": "a" * 60}, "SOSIALSAK_SECRET_KEY is too weak"),
    ({}, "SOSIALSAK_SECRET_KEY must be set"),
])
def test_production_refuses_debug_and_a_weak_secret_at_start(
    env: dict[str, str], message: str
) -> None:
    result = _load_settings(SOSIALSAK_ENV="production", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_sends_hsts_redirects_to_https_and_trusts_the_named_proxy_header() -> None:
    result = _load_settings(SOSIALSAK_ENV="production", SOSIALSAK_SECRET_KEY=STRONG,
                            SOSIALSAK_PROXY_SSL_HEADER="X-Forwarded-Proto=https")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "hsts": 31536000, "redirect": True, "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "cookie": True, "csrf": True}


def test_development_keeps_working_without_https() -> None:
    result = _load_settings(SOSIALSAK_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["redirect"] is False


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_pages_api_responses_and_letters_are_never_stored(make_soknad: Any, users: Any) -> None:
    from sosialsak.contexts.cases.models import Brev

    soknad = make_soknad()
    client = _login(users["veileder_a"])
    client.post(f"/soknad/{soknad.pk}/dokumentasjon/",
                {"dokumenter": ["Kontoutskrift for siste måned"], "dager": "14"})

    page = client.get(f"/soknad/{soknad.pk}/")
    api = client.get(f"/api/v1/soknader/{soknad.pk}")
    letter = client.get(f"/soknad/{soknad.pk}/brev/{Brev.objects.get().pk}/")
    login_page = Client().get("/logg-inn/")

    for response in (page, api, letter, login_page):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    assert letter["Content-Type"] == "application/pdf"
