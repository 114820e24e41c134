"""The JSON API's edge (issue 10): every value bounded (422 naming the field, never a 500),
one error shape for every refusal, a documented schema with unique names, and the Digisos
appeal read from the JSON body."""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pydantic import BaseModel

from sosialsak.contexts.accounts.tokens import create_token
from tests.helpers import synthetic_fnr

pytestmark = pytest.mark.django_db


def call(user: Any, method: str, url: str, body: Any = None, **extra: Any) -> Any:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"} if user else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body or {})
    kwargs = {"content_type": "application/json"} if method != "get" else {}
    return getattr(Client(), method)(f"/api/v1{url}", data if method != "get" else body,
                                     **kwargs, **auth, **extra)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"code", "message", "extra"}, body
    if code:
        assert body["code"] == code
    return body


def vedtak_body(**over: Any) -> dict[str, Any]:
    return {"post_ids": [1], "hjemmel": "§ 18", "utfall": "AVSLATT", "begrunnelse": "b",
            "fakta": "f", **over}


# 2/10: bounds. Each answered 500 (or was accepted) before.
@pytest.mark.parametrize(("method", "url", "body", "field"), [
    ("post", "/soknader/{s}/vedtak", vedtak_body(post_ids=[99999999999999999999]),
     "post_ids.0"),
    ("post", "/soknader/{s}/vedtak/forhandsvisning", vedtak_body(post_ids=[2**63]),
     "post_ids.0"),
    ("post", "/soknader/{s}/vedtak", vedtak_body(belop=10**15), "belop"),
    ("post", "/soknader/{s}/vedtak", vedtak_body(post_ids=list(range(1, 2000))), "post_ids"),
    ("post", "/soknader/{s}/dokumentasjon", {"titler": ["Kontoutskrift"], "dager": 4000000},
     "dager"),
    ("post", "/soknader/{s}/dokumentasjon", {"titler": ["x"] * 5000, "dager": 7}, "titler"),
    ("post", "/soknader/{s}/forelopig-svar", {"grunn": "g", "forventet_dato": "1970-01-01"},
     "forventet_dato"),
    ("post", "/soknader/{s}/oppgaver", {"tittel": "x" * 5000, "frist": "2024-05-01"},
     "tittel"),
    ("post", "/soknader/{s}/samtaler", {"tidspunkt": "9999-12-31T23:59:59+14:00",
                                        "kanal": "KONTOR", "notat": "n"}, "tidspunkt"),
    ("post", "/soknader/{s}/status", {"status": "x" * 10_000}, "status"),
    ("get", "/soknader/99999999999999999999", None, "soknad_id"),
    ("get", "/soknader/0", None, "soknad_id"),
    ("get", "/utbetalinger/forfall", {"dato": "0001-01-01"}, "dato"),
    ("get", "/soknader", {"q": "x" * 500}, "q"),
    # A NUL character: PostgreSQL cannot store it (a 500 there, found by the fuzz run).
    ("get", "/soknader", {"status": "a\x00b"}, "status"),
    ("post", "/soknader/{s}/oppgaver", {"tittel": "a\x00b", "frist": "2024-05-01"}, "tittel"),
])
def test_out_of_bounds_input_is_422_naming_the_field(
    make_soknad, users, method, url, body, field
) -> None:
    soknad = make_soknad()
    response = call(users["veileder_a"], method, url.format(s=soknad.pk), body)

    error = assert_error(response, 422, "invalid_input")
    assert error["extra"]["field"].removeprefix("body.") == field


def test_registration_bounds_receipt_time_and_birth_dates(users) -> None:
    base = {"fodselsnummer": synthetic_fnr(timezone.now().date().replace(year=1990), 3),
            "fornavn": "Kari", "etternavn": "Nordmann", "kanal": "PAPIR",
            "mottatt_at": timezone.now().isoformat(), "poster": [{"type": "LIVSOPPHOLD"}]}
    future = (timezone.now() + timedelta(days=30)).isoformat()
    cases = {
        "mottatt_at": {**base, "mottatt_at": future},
        "barn.0.fodselsdato": {**base, "barn": [{"navn": "B", "fodselsdato": "1850-01-01"}]},
    }
    for field, body in cases.items():
        error = assert_error(call(users["veileder_a"], "post", "/soknader", body), 422)
        assert error["extra"]["field"].removeprefix("body.") == field
    tomorrow = (timezone.now() + timedelta(days=2)).date().isoformat()
    error = assert_error(call(users["veileder_a"], "post", "/soknader",
                              {**base, "barn": [{"navn": "B", "fodselsdato": tomorrow}]}), 422)
    assert error["extra"]["field"] == "body.barn.0.fodselsdato"
    # Within the bounds it is registered.
    assert call(users["veileder_a"], "post", "/soknader", base).status_code == 201


@pytest.mark.parametrize("url", ["/soknader", "/samtaler"])
def test_a_compatibility_digit_in_a_search_is_not_a_500(make_soknad, users, url) -> None:
    """``"²".isdigit()`` is true and ``int("²")`` fails: the search term is normalised."""
    make_soknad()
    for q in ("²", "①", "¹²³", "12345678901234567890123"):
        response = call(users["veileder_a"], "get", url, {"q": q})
        # A list, or the notes search's "at least three characters" (400), never a 500.
        assert response.status_code in (200, 400, 422), (q, response.status_code)


# 11: the contract.
def test_the_digisos_appeal_reads_its_json_body(users) -> None:
    schema = Client().get("/api/openapi.json").json()
    operation = schema["paths"]["/api/v1/klager/digisos"]["post"]
    assert not [p for p in operation.get("parameters", []) if p["name"] == "body"]
    assert "application/json" in operation["requestBody"]["content"]

    response = call(users["veileder_a"], "post", "/klager/digisos", {"klageId": "x"})
    # Read from the body and refused by the rules, not "query parameter body missing".
    assert response.status_code in (400, 404), response.content[:300]
    assert_error(response, response.status_code)


def _models(tp: Any, seen: dict[str, set[type]]) -> None:
    origin = typing.get_origin(tp)
    if origin is not None:
        for arg in typing.get_args(tp):
            _models(arg, seen)
        return
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen.setdefault(tp.__name__, set()):
            return
        seen[tp.__name__].add(tp)
        for field in tp.model_fields.values():
            _models(field.annotation, seen)
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in seen.setdefault(tp.__name__, set()):
            return
        seen[tp.__name__].add(tp)
        for hint in typing.get_type_hints(tp).values():
            _models(hint, seen)


def test_every_schema_in_the_openapi_document_has_a_unique_name() -> None:
    """Two classes of one name (KravOut, UtbetalingOut, StatusIn) made one overwrite the other
    in the documented schema."""
    from sosialsak.interfaces.api.api import api

    seen: dict[str, set[type]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in op.models:
                    for field in model.model_fields.values():
                        _models(field.annotation, seen)
                for model in op.response_models.values():
                    _models(model, seen)
    # ninja's own per-operation wrappers, never in the document under these names.
    generated = {"Input", "Response", "PathParams", "QueryParams", "BodyParams",
                 "NinjaResponseSchema"}
    clashes = {n: c for n, c in seen.items() if len(c) > 1 and n not in generated}
    assert not clashes


def test_every_operation_documents_the_error_shape() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"code", "message"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            missing = {"401", "403", "404", "422", "500"} - set(operation["responses"])
            assert not missing, (method, path, missing)


def test_every_refusal_has_the_one_error_shape(make_soknad, users, settings) -> None:
    soknad = make_soknad()
    assert_error(call(None, "get", "/soknader"), 401, "unauthenticated")
    assert_error(call(users["veileder_a"], "post", f"/soknader/{soknad.pk}/status",
                      "{not json"), 400, "invalid_body")
    assert_error(call(users["veileder_a"], "get", "/finnes-ikke"), 404, "not_found")
    assert_error(call(users["veileder_a"], "delete", f"/soknader/{soknad.pk}"), 405,
                 "method_not_allowed")
    assert_error(call(users["veileder_a"], "post", f"/soknader/{soknad.pk}/status", {}), 422,
                 "invalid_input")
    # The browser session without the CSRF token.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["veileder_a"])
    response = browser.post(f"/api/v1/soknader/{soknad.pk}/status",
                            json.dumps({"status": "UNDER_BEHANDLING"}),
                            content_type="application/json")
    assert_error(response, 403, "csrf_failed")


def test_an_unexpected_failure_is_a_500_in_the_one_shape(users, monkeypatch) -> None:
    from sosialsak.interfaces.api import api as api_module

    def boom(**kwargs: Any) -> Any:
        raise RuntimeError("Kari Nordmann 01019012345")  # must not be echoed

    monkeypatch.setattr(api_module, "work_queue_page", boom)
    response = call(users["veileder_a"], "get", "/soknader")
    body = assert_error(response, 500, "server_error")
    assert "Kari" not in json.dumps(body)
