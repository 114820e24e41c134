"""Legal references by topic and date (data in ``parameters/hjemler/*.yaml``).

Use ``hjemmel("fvl.klagefrist", on=...)`` rather than writing a § number in code: the new
forvaltningsloven (LOV-2025-06-20-81) renumbers everything when it enters into force, and its
commencement date is data (``Ruleset.with_commencements``), not code.
"""

from __future__ import annotations

from datetime import date

from sosialsak.rules.engine.laws import LegalReference
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset

NY_FORVALTNINGSLOV = "LOV-2025-06-20-81"


def hjemmel(key: str, *, on: date, rules: Ruleset | None = None) -> LegalReference:
    """Return the reference for ``key`` (``<lov>.<emne>``, e.g. ``sotjl.aktivitetsplikt``)."""
    return (rules or load_ruleset()).hjemmel(key, on=on)


def topics(*, rules: Ruleset | None = None) -> dict[str, tuple[str, ...]]:
    """Return the known topic keys per act (for pickers and documentation)."""
    books = (rules or load_ruleset()).law_books
    return {
        key: tuple(sorted({topic for v in book.versions for topic in v.sections}))
        for key, book in books.items()
    }
