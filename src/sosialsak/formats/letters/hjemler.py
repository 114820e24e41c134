"""Legal references and the plain explanations the letters quote.

The procedural references (forvaltningsloven: preliminary reply, advance warning, access to
documents, appeal deadline, stay of implementation) and the appeal period in weeks are **dated
data**, not constants: a letter prints the ones in force on its date (``brev.dato``), because
the new forvaltningsloven (LOV-2025-06-20-81) renumbers everything when it enters into force
(§ 11 a → § 17, § 16 → § 42, § 18 → § 46, § 29 → § 63; see
``../shared/reference/legal-and-rates.md`` § 2.3).

This package may not import the rules (the layers keep ``rules`` and ``formats`` apart), so the
references arrive as a :class:`Lovhenvisninger` value: either on the letter itself
(``hjemler=``), or from the source the app registers at start-up with
:func:`use_legal_references` (``contexts.rates`` builds it from the rules' legal data and the
configured commencement dates). With neither, a letter is refused rather than printed with
guessed section numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sosialsak.kernel.errors import DomainError


@dataclass(frozen=True, kw_only=True)
class Lovhenvisninger:
    """The procedural references a letter prints, as in force on one date.

    Each is the reference as printed (``forvaltningsloven § 29``). ``utsatt_iverksetting`` is
    None when the act in force has no verified section for it; the letter then states the right
    without a section number.
    """

    forelopig_svar: str
    forhandsvarsel: str
    innsyn: str
    klagefrist: str
    klagefrist_uker: int
    utsatt_iverksetting: str | None = None
    lov_id: str = ""
    """The Lovdata id of the forvaltningslov in force (for the record)."""


LegalReferenceSource = Callable[[date], Lovhenvisninger]
"""Return the references in force on a date."""


class LegalReferencesMissing(DomainError):
    """Raise when a letter has no references and no source is registered (a set-up error)."""

    code = "legal_references_missing"


_source: list[LegalReferenceSource] = []


def use_legal_references(source: LegalReferenceSource | None) -> None:
    """Register where letters without their own references get them (None: forget it)."""
    _source.clear()
    if source is not None:
        _source.append(source)


def references_for(letter_date: date, given: Lovhenvisninger | None) -> Lovhenvisninger:
    """Return ``given``, or the registered source's references in force on ``letter_date``."""
    if given is not None:
        return given
    if not _source:
        raise LegalReferencesMissing(
            "Brevet mangler lovhenvisninger: gi hjemler= eller registrer en kilde med "
            "use_legal_references().", field="hjemler")
    return _source[0](letter_date)


SOSIALTJENESTELOVEN = "sosialtjenesteloven"

_FORKLARINGER: dict[str, str] = {
    "18": (
        "Etter denne regelen har du rett til økonomisk stønad hvis du ikke kan forsørge deg selv "
        "gjennom arbeid eller andre økonomiske rettigheter. Stønaden skal dekke det du trenger "
        "for å leve et forsvarlig liv, og vi vurderer hva som er riktig for deg og familien din."
    ),
    "19": (
        "Etter denne regelen kan vi gi økonomisk stønad når det trengs for at du skal kunne "
        "komme over eller tilpasse deg en vanskelig livssituasjon, også når du ikke har rett "
        "til stønad etter § 18. Det er en vurdering, ikke en rettighet."
    ),
    "20": (
        "Etter denne regelen kan vi sette vilkår for stønaden. Vilkårene skal ha nær sammenheng "
        "med vedtaket og skal ikke være uforholdsmessig tyngende for deg."
    ),
    "20 a": (
        "Etter denne regelen skal vi sette vilkår om aktivitet når du er under 30 år og får "
        "økonomisk stønad, hvis ikke tungtveiende grunner taler mot det."
    ),
    "21": (
        "Denne regelen sier at stønaden kan gis som bidrag, lån eller garanti, og i noen "
        "tilfeller som varer eller tjenester."
    ),
    "27": (
        "Etter denne regelen skal vi finne et midlertidig botilbud til deg hvis du ikke klarer "
        "det selv."
    ),
}

_SECTION = re.compile(r"§\s*(\d+)(?:\s*([a-z])\b)?")


def forklar_hjemmel(hjemmel: str) -> str | None:
    """Return a plain explanation of a sosialtjenesteloven section, or None when we have none.

    ``hjemmel`` is the reference as printed, for example ``sosialtjenesteloven § 20 a``.
    """
    text = hjemmel.casefold()
    if SOSIALTJENESTELOVEN not in text:
        return None
    match = _SECTION.search(text)
    if match is None:
        return None
    key = match.group(1) + (f" {match.group(2)}" if match.group(2) else "")
    return _FORKLARINGER.get(key)
