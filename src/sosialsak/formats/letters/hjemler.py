"""Legal references and the plain explanations the letters quote.

Every section number the letters print lives here, so that the switch from the 1967
forvaltningsloven to the new act (LOV-2025-06-20-81, commencement date not yet set) is one edit:
§ 11 a → § 17, § 16 → § 42, § 18 → §§ 46–53, §§ 24–25 → §§ 56–57, § 29 → § 63, § 42 → § 52 ff.
See ``../shared/reference/legal-and-rates.md`` §§ 2.1 and 2.3.
"""

from __future__ import annotations

import re

FVL_FORELOPIG_SVAR = "forvaltningsloven § 11 a"
FVL_FORHANDSVARSEL = "forvaltningsloven § 16"
FVL_INNSYN = "forvaltningsloven § 18"
FVL_KLAGEFRIST = "forvaltningsloven § 29"
FVL_UTSATT_IVERKSETTING = "forvaltningsloven § 42"

KLAGEFRIST_UKER = 3
"""fvl § 29: three weeks from the day the letter reached the party."""

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
