"""Fixtures for the services: a caseworker at office A and a family application."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def actor(users: dict[str, Any]) -> Any:
    return users["veileder_a"]


@pytest.fixture
def scope(actor: Any, scope_of: Any) -> Any:
    return scope_of(actor)


@pytest.fixture
def family(make_soknad: Any) -> Any:
    return make_soknad(items=("LIVSOPPHOLD",), barn=2)
