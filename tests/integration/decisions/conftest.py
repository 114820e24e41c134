"""Fixtures for the decision flow (shared with the functional tests through ``fixtures``)."""

from tests.integration.decisions.fixtures import utkast, young_parent

__all__ = ["utkast", "young_parent"]
