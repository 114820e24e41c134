"""Legal references by topic and date (data in ``parameters/hjemler/*.yaml``).

Use ``hjemmel("fvl.klagefrist", on=...)`` rather than writing a § number in code: the new
forvaltningsloven (LOV-2025-06-20-81) renumbers everything when it enters into force, and its
commencement date is data (``Ruleset.with_commencements``), not code.
"""

from __future__ import annotations

import re
from datetime import date

from sosialsak.rules.engine.laws import LegalReference
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.errors import InvalidCommencement

NY_FORVALTNINGSLOV = "LOV-2025-06-20-81"
_COMMENCEMENT = re.compile(r"^\s*(LOV-\d{4}-\d{2}-\d{2}(?:-\d+)?)\s*=\s*(\d{4}-\d{2}-\d{2})\s*$")


def parse_commencements(text: str, *, rules: Ruleset | None = None) -> dict[str, date]:
    """Return the commencements in ``text``: ``LOV-2025-06-20-81=2027-01-01``, several separated
    by commas (empty text: none). Raise InvalidCommencement for a malformed entry, a date that
    does not exist or an act version the legal data does not know."""
    # Only acts whose commencement is not yet in the data may be given a date: moving the
    # start of an act in force would leave earlier dates without any act.
    versions = [v for book in (rules or load_ruleset()).law_books.values() for v in book.versions]
    known = {v.law_id for v in versions if v.in_force_from is None}
    in_force = {v.law_id for v in versions if v.in_force_from is not None}
    out: dict[str, date] = {}
    for entry in filter(str.strip, text.split(",")):
        match = _COMMENCEMENT.match(entry)
        if match is None:
            raise InvalidCommencement(f"«{entry.strip()[:60]}»: skriv "
                                      "LOV-ÅÅÅÅ-MM-DD-NR=ÅÅÅÅ-MM-DD, "
                                      "f.eks. LOV-2025-06-20-81=2027-01-01.")
        law_id, raw = match.groups()
        if law_id in in_force:
            raise InvalidCommencement(f"{law_id}: loven er allerede i kraft, og datoen står i "
                                      "lovdataene; bare lover uten ikrafttredelse kan få en her.")
        if law_id not in known:
            raise InvalidCommencement(f"{law_id}: ukjent lov; kjente: {', '.join(sorted(known))}.")
        try:
            out[law_id] = date.fromisoformat(raw)
        except ValueError:
            raise InvalidCommencement(f"{law_id}: datoen {raw} finnes ikke.") from None
    return out


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
