"""Content-Security-Policy (issue 10, item 13).

Threat: an injected script (a name or note with markup that slips past escaping, a tampered
attachment preview) would run with the caseworker's session. The policy allows script and
style from this site only, with no inline script or style, so our templates must hold none:
no ``<script>`` without ``src`` (JSON data blocks excepted: they never run), no ``on...=``
handler, no ``style=`` attribute. htmx is configured to inject no ``<style>``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "sosialsak"
TEMPLATES = sorted(SRC.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_templates_hold_no_inline_script_handler_or_style() -> None:
    assert TEMPLATES, "no templates found"
    found = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE_ATTR):
            found += [f"{path.relative_to(SRC)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code() -> None:
    base = (SRC / "interfaces/caseworker/templates/caseworker/base.html").read_text()

    assert '"includeIndicatorStyles":false' in base and '"allowEval":false' in base


@pytest.mark.django_db
def test_pages_api_and_admin_carry_a_strict_policy(users: Any, make_soknad: Any) -> None:
    soknad = make_soknad()
    staff, admin = Client(), Client()
    staff.force_login(users["veileder_a"])
    admin.force_login(users["admin"])

    responses = [Client().get("/logg-inn/"), staff.get(f"/soknad/{soknad.pk}/"),
                 staff.get(f"/api/v1/soknader/{soknad.pk}"), admin.get("/admin/")]

    for response in responses:
        assert response.status_code == 200
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    page = responses[1].content.decode()
    assert not INLINE_SCRIPT.search(page) and not STYLE_ATTR.search(page)


@pytest.mark.django_db
def test_the_api_docs_page_carries_the_policy_and_loads_nothing_from_elsewhere(
        users: Any) -> None:
    """Issue 12, item 7: /api/docs was exempt because Swagger UI came from a CDN with an inline
    start-up script. Now its files are ninja's static files and the page is under the policy."""
    staff = Client()
    staff.force_login(users["veileder_a"])
    docs = staff.get("/api/docs")

    assert docs.status_code == 200
    policy = _policy(docs)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    page = docs.content.decode()
    assert not INLINE_SCRIPT.search(page) and not STYLE_ATTR.search(page)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "a file from elsewhere"
    for url in re.findall(r'(?:src|href)="/static/([^"]+)"', page):
        assert finders.find(url), f"{url} is not among the static files"
    assert "swagger-ui-bundle.js" in page and "swagger-ui-init.js" in page
