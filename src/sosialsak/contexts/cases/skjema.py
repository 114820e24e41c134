"""The kartlegging form as data (pure, no Django): sections, their questions, what is required.

The questions follow what the Board of Health Supervision's risk assessment (2021) found missing
most often: the children's needs, the social and health situation, and whether advice and
guidance was offered. Each child has a section of their own (the Directorate's 2022 letter: each
child's situation must be mapped and assessed concretely in the reasons for a decision).
Housing uses KOSTRA 11F's ``BOSIT`` codes so the answer can be reported unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["tekst", "janei", "valg", "belop", "dato"]


def gettext_noop(text: str) -> str:
    """Mark a question for the translation catalogues (``makemessages`` looks for this name).

    The text stays Bokmål here, so this module needs no Django; the interface translates it
    when it renders the form (``forms_cases``)."""
    return text


@dataclass(frozen=True)
class Felt:
    """One question. ``required_if`` makes it required when another answer has a given value."""

    key: str
    label: str
    kind: Kind = "tekst"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    required_if: tuple[str, object] | None = None
    hjelp: str = ""


BOSITUASJON = (  # KOSTRA 11F BOSIT
    ("1", gettext_noop("Leier privat bolig")),
    ("2", gettext_noop("Leier kommunal bolig")),
    ("3", gettext_noop("Eier bolig")),
    ("4", gettext_noop("Uten bolig")),
    ("5", gettext_noop("Annet")),
    ("6", gettext_noop("Institusjon")),
)
NORSKNIVA = (
    ("MORSMAL", gettext_noop("Norsk er morsmålet")),
    ("GOD", gettext_noop("Snakker godt norsk")),
    ("NOE", gettext_noop("Snakker noe norsk")),
    ("LITE", gettext_noop("Snakker lite eller ikke norsk")),
)
INNSATSGRUPPE = (
    ("STANDARD", gettext_noop("Standard innsats")),
    ("SITUASJONSBESTEMT", gettext_noop("Situasjonsbestemt innsats")),
    ("SPESIELT_TILPASSET", gettext_noop("Spesielt tilpasset innsats")),
    ("GRADERT_VARIG", gettext_noop("Gradert varig tilpasset innsats")),
    ("VARIG", gettext_noop("Varig tilpasset innsats")),
    ("IKKE_VURDERT", gettext_noop("Ikke vurdert")),
)

SECTIONS: dict[str, tuple[Felt, ...]] = {
    "OKONOMI": (
        Felt("inntekter", gettext_noop("Inntekter (lønn, ytelser, bidrag)")),
        Felt("utgifter", gettext_noop("Faste utgifter")),
        Felt("gjeld", gettext_noop("Har personen gjeld?"), "janei"),
        Felt("gjeld_beskrivelse", gettext_noop("Hva slags gjeld, og hvor mye"), required=False,
             required_if=("gjeld", True)),
        Felt("trenger_gjeldsradgivning", gettext_noop("Trenger personen gjeldsrådgivning?"),
             "janei",
             required=False, required_if=("gjeld", True)),
        Felt("formue", gettext_noop("Formue og eiendeler (bankinnskudd, bil, bolig)")),
    ),
    "BOLIG": (
        Felt("bosituasjon", gettext_noop("Bosituasjon"), "valg", choices=BOSITUASJON),
        Felt("boutgift", gettext_noop("Boutgift per måned (kr)"), "belop", required=False),
        Felt("risiko_miste_bolig", gettext_noop("Står personen i fare for å miste boligen?"),
             "janei"),
        Felt("risiko_beskrivelse", gettext_noop("Hva er risikoen"), required=False,
             required_if=("risiko_miste_bolig", True)),
        Felt("trenger_midlertidig_botilbud", gettext_noop("Trengs midlertidig botilbud (§ 27)?"),
             "janei"),
    ),
    "HELSE_SOSIALT": (
        Felt("fysisk_helse", gettext_noop("Fysisk helse")),
        Felt("psykisk_helse", gettext_noop("Psykisk helse")),
        Felt("rus", gettext_noop("Rus")),
        Felt("tannhelse", gettext_noop("Tannhelse")),
        Felt("nettverk", gettext_noop("Nettverk (familie, venner, andre)")),
        Felt("vold_trusler", gettext_noop("Vold eller trusler i nære relasjoner?"), "janei"),
        Felt("vold_beskrivelse", gettext_noop("Hva har skjedd, og hva er gjort"), required=False,
             required_if=("vold_trusler", True)),
    ),
    "ARBEID_UTDANNING": (
        Felt("arbeidserfaring", gettext_noop("Arbeidserfaring")),
        Felt("utdanning", gettext_noop("Utdanning")),
        Felt("norskniva", gettext_noop("Norsk"), "valg", choices=NORSKNIVA),
        Felt("trenger_tolk", gettext_noop("Trenger personen tolk?"), "janei"),
        Felt("tolkesprak", gettext_noop("Tolkespråk"),
             required=False, required_if=("trenger_tolk", True)),
        Felt("innsatsgruppe", gettext_noop("Innsatsgruppe"), "valg", choices=INNSATSGRUPPE),
        Felt("arbeidsevnevurdering", gettext_noop("Finnes det en arbeidsevnevurdering?"), "janei"),
    ),
    "BARN": (
        Felt("materielle_behov", gettext_noop("Materielle behov (klær, utstyr, mat)")),
        Felt("fritidsaktiviteter", gettext_noop("Fritidsaktiviteter")),
        Felt("fritid_kostnad", gettext_noop("Hva fritidsaktivitetene koster per måned (kr)"),
             "belop", required=False),
        Felt("venner", gettext_noop("Tid med venner")),
        Felt("skole_barnehage", gettext_noop("Skole eller barnehage")),
        Felt("helse", gettext_noop("Helse")),
        Felt("saerlige_behov", gettext_noop("Særlige behov"), required=False),
        Felt("snakket_med_barnet", gettext_noop("Har du snakket med barnet?"), "janei"),
        Felt("barnets_syn", gettext_noop("Barnets egen mening"), required=False,
             required_if=("snakket_med_barnet", True),
             hjelp=gettext_noop("Skriv det barnet selv sa, så nær barnets egne ord som mulig.")),
        Felt("bekymring_barnevern", gettext_noop("Er det grunn til bekymring som skal meldes til "
             "barneverntjenesten?"), "janei",
             hjelp=gettext_noop("Du har plikt til å melde fra (sosialtjenesteloven § 45).")),
        Felt("melding_barnevern_dato",
             gettext_noop("Dato meldingen til barneverntjenesten ble sendt"), "dato",
             required=False, required_if=("bekymring_barnevern", True)),
        Felt("melding_barnevern_notat", gettext_noop("Om meldingen"), required=False),
    ),
}

ORDER = ("OKONOMI", "BOLIG", "HELSE_SOSIALT", "ARBEID_UTDANNING", "BARN")
TITLES = {
    "OKONOMI": gettext_noop("Økonomi"),
    "BOLIG": gettext_noop("Bolig"),
    "HELSE_SOSIALT": gettext_noop("Helse og sosial situasjon"),
    "ARBEID_UTDANNING": gettext_noop("Arbeid og utdanning"),
    "BARN": gettext_noop("Barn"),
}
