"""The API documentation (issue 12, item 7): every operation in the OpenAPI document has a
summary and a description written in Norwegian (Bokmål), and a Norwegian tag.

Defect: ninja names an operation without ``summary=`` after its function ("Sf", "List
Soknader"), which tells a reader of /api/docs nothing; an English docstring was the only
description. This walks the document served at /api/openapi.json, so a new endpoint without a
summary fails here.
"""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from sosialsak.interfaces.api.api import api

TAGS = {"søknader", "saksgang", "vedtak", "utbetalinger", "digisos", "finn og fordel",
        "oppfølging", "sosiale tjenester", "tiltak", "kvalifiseringsprogram"}
# Words that mark an English sentence; none of them is a Norwegian word.
ENGLISH = re.compile(r"\b(the|and|with|which|when|returns?|caller|only)\b", re.I)


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = Client().get("/api/openapi.json").json()
    return [(method.upper(), path, operation) for path, item in schema["paths"].items()
            for method, operation in item.items()]


def _auto_summaries() -> set[str]:
    """What ninja writes when ``summary=`` is missing: the view's name, title-cased."""
    return {operation.view_func.__name__.replace("_", " ").title()
            for _prefix, router in api._routers
            for view in router.path_operations.values() for operation in view.operations}


def test_every_operation_has_a_written_norwegian_summary() -> None:
    operations = _operations()
    auto = _auto_summaries()
    assert len(operations) > 50 and "Sf" in auto and "List Soknader" in auto
    bad = []
    for method, path, operation in operations:
        summary = (operation.get("summary") or "").strip()
        if (not summary or summary in auto or len(summary.split()) < 2
                or ENGLISH.search(summary) or summary != summary[0].upper() + summary[1:]):
            bad.append(f"{method} {path}: {summary!r}")
    assert bad == []
    summaries = [operation["summary"] for _m, _p, operation in operations]
    assert len(set(summaries)) == len(summaries), "two operations share a summary"


def test_every_operation_has_a_norwegian_description_and_tag() -> None:
    bad = []
    for method, path, operation in _operations():
        description = (operation.get("description") or "").strip()
        if len(description) < 15 or ENGLISH.search(description):
            bad.append(f"{method} {path}: description {description[:60]!r}")
        if not operation.get("tags") or not set(operation["tags"]) <= TAGS:
            bad.append(f"{method} {path}: tags {operation.get('tags')}")
    assert bad == []
