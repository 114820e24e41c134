"""One saksnummer for a case everywhere (issue 11, item 14): the application's number.

The case page, every letter ("Saksnummer", "Oppgi saksnummeret … når du tar kontakt"), the
caseworker's search and innsyn use it. Each decision subject (``Sak``) inside the application
gets the reference ``<saksnummer>-<løpenummer>`` (Digisos ``saksreferanse``, unique per sak),
so a reference the person reads from nav.no also finds the case. Saker made before this
scheme keep their old random references (they are keys in the stored innsyn events)."""

from __future__ import annotations

import re

_TERM = re.compile(r"^\s*(?:saksnummer\s*)?(\d{1,12})(?:-\d{1,4})?\s*$", re.IGNORECASE | re.ASCII)


def saksnummer(soknad_id: int) -> str:
    """Return the saksnummer of the application ``soknad_id``."""
    return str(soknad_id)


def sak_referanse(soknad_id: int, lopenummer: int) -> str:
    """Return the reference of the ``lopenummer``-th decision subject in the application."""
    return f"{saksnummer(soknad_id)}-{lopenummer}"


def parse_saksnummer(term: str) -> int | None:
    """Return the application id a search term names (``123``, ``123-2``, ``Saksnummer 123``),
    or None when the term is not a saksnummer."""
    m = _TERM.match(term or "")
    return int(m.group(1)) if m else None
