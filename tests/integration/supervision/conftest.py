"""Fixtures for the internal-control checks (issue 17): the follow-up fixtures (a granted
decision with two conditions), shared rather than copied."""

from tests.integration.followup.conftest import Granted, actor, granted, scope

__all__ = ["Granted", "actor", "granted", "scope"]
