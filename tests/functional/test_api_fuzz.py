"""Schemathesis over the whole JSON API (issue 10): generated requests from the OpenAPI
document, sent through the Django WSGI app as a caseworker with a Bearer token, on a small demo
data set. Checks: no 5xx, the status code is documented, the content type and the body match
the documented schema.

``make test`` runs a bounded pass (fixed seed, few examples per operation, positive data, a
few minutes at most on two cores). ``make fuzz`` sets SOSIALSAK_FUZZ=full: many more
examples, positive and negative data, and all of schemathesis' checks (but the one that
cannot hold for business rules, see ``_run_operation``).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

FULL = os.environ.get("SOSIALSAK_FUZZ") == "full"
EXAMPLES = int(os.environ.get("SOSIALSAK_FUZZ_EXAMPLES", "300" if FULL else "6"))
SEED = int(os.environ.get("SOSIALSAK_FUZZ_SEED", "20261207"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def _run_operation(operation: Any, headers: dict[str, str]) -> None:
    # The full run uses every check but one: "schema-valid data is accepted" cannot hold for
    # an API with business rules and date bounds that JSON Schema cannot state (a decision on
    # items that do not exist is a 400, a date before 2000 a 422).
    kwargs: dict[str, Any] = {"headers": headers}
    if FULL:
        kwargs["excluded_checks"] = [positive_data_acceptance]
    else:
        kwargs["checks"] = CHECKS

    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
           if not FULL else operation.as_strategy())
    @settings(max_examples=EXAMPLES, derandomize=not FULL, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    def run(case: Any) -> None:
        case.call_and_validate(**kwargs)

    run()


@pytest.fixture
def keep_test_connection() -> Any:
    """Schemathesis calls the WSGI app directly, which closes the database connection at the
    end of each request (Django's request signals); that would end the test's transaction on
    PostgreSQL. Django's own test client disconnects the same handlers."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_answers_generated_requests_as_documented(keep_test_connection: Any) -> None:
    from sosialsak.config.wsgi import application
    from sosialsak.contexts.accounts.models import User
    from sosialsak.contexts.accounts.tokens import create_token
    from sosialsak.interfaces.cli import demo_data

    demo_data.load(now=timezone.now(), count=6, seed=SEED)
    token = create_token(user=User.objects.get(username="veileder"))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    headers = {"Authorization": f"Bearer {token}"}

    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _run_operation(operation, headers)
        except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
