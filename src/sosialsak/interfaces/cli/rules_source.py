"""The rule set for ``calculate`` and ``rates``: the registered sets when there is a database,
otherwise the state rates shipped in the code (a fresh checkout, no ``migrate`` run).

Without a database both commands say so on standard error, in the same words, so that no one
mistakes the shipped state table for the municipality's own rates; the JSON on standard output
keeps its contract.
"""

from __future__ import annotations

from django.core.management.base import OutputWrapper
from django.db import DatabaseError

from sosialsak.contexts.rates.queries import current_ruleset, legal_ruleset
from sosialsak.rules import Ruleset

NO_DATABASE_NOTE = ("Merk: fant ingen database med registrerte satser; bare statens satser i "
                    "koden er brukt, og ingen kommunale satssett er lest.")


def ruleset_for_cli(stderr: OutputWrapper) -> Ruleset:
    """Return the registered rules, or the shipped state rules with a note on ``stderr``."""
    try:
        return current_ruleset()
    except DatabaseError:
        stderr.write(NO_DATABASE_NOTE)
        return legal_ruleset()
