"""Fixtures for the case-progress tests: a caseworker at office A and a family application."""

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
    """A phone application for livsopphold from a parent with two children (Barn 0, Barn 1)."""
    return make_soknad(items=("LIVSOPPHOLD",), barn=2)
