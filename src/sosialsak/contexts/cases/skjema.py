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
    ("1", "Leier privat bolig"),
    ("2", "Leier kommunal bolig"),
    ("3", "Eier bolig"),
    ("4", "Uten bolig"),
    ("5", "Annet"),
    ("6", "Institusjon"),
)
NORSKNIVA = (
    ("MORSMAL", "Norsk er morsmålet"),
    ("GOD", "Snakker godt norsk"),
    ("NOE", "Snakker noe norsk"),
    ("LITE", "Snakker lite eller ikke norsk"),
)
INNSATSGRUPPE = (
    ("STANDARD", "Standard innsats"),
    ("SITUASJONSBESTEMT", "Situasjonsbestemt innsats"),
    ("SPESIELT_TILPASSET", "Spesielt tilpasset innsats"),
    ("GRADERT_VARIG", "Gradert varig tilpasset innsats"),
    ("VARIG", "Varig tilpasset innsats"),
    ("IKKE_VURDERT", "Ikke vurdert"),
)

SECTIONS: dict[str, tuple[Felt, ...]] = {
    "OKONOMI": (
        Felt("inntekter", "Inntekter (lønn, ytelser, bidrag)"),
        Felt("utgifter", "Faste utgifter"),
        Felt("gjeld", "Har personen gjeld?", "janei"),
        Felt("gjeld_beskrivelse", "Hva slags gjeld, og hvor mye", required=False,
             required_if=("gjeld", True)),
        Felt("trenger_gjeldsradgivning", "Trenger personen gjeldsrådgivning?", "janei",
             required=False, required_if=("gjeld", True)),
        Felt("formue", "Formue og eiendeler (bankinnskudd, bil, bolig)"),
    ),
    "BOLIG": (
        Felt("bosituasjon", "Bosituasjon", "valg", choices=BOSITUASJON),
        Felt("boutgift", "Boutgift per måned (kr)", "belop", required=False),
        Felt("risiko_miste_bolig", "Står personen i fare for å miste boligen?", "janei"),
        Felt("risiko_beskrivelse", "Hva er risikoen", required=False,
             required_if=("risiko_miste_bolig", True)),
        Felt("trenger_midlertidig_botilbud", "Trengs midlertidig botilbud (§ 27)?", "janei"),
    ),
    "HELSE_SOSIALT": (
        Felt("fysisk_helse", "Fysisk helse"),
        Felt("psykisk_helse", "Psykisk helse"),
        Felt("rus", "Rus"),
        Felt("tannhelse", "Tannhelse"),
        Felt("nettverk", "Nettverk (familie, venner, andre)"),
        Felt("vold_trusler", "Vold eller trusler i nære relasjoner?", "janei"),
        Felt("vold_beskrivelse", "Hva har skjedd, og hva er gjort", required=False,
             required_if=("vold_trusler", True)),
    ),
    "ARBEID_UTDANNING": (
        Felt("arbeidserfaring", "Arbeidserfaring"),
        Felt("utdanning", "Utdanning"),
        Felt("norskniva", "Norsk", "valg", choices=NORSKNIVA),
        Felt("trenger_tolk", "Trenger personen tolk?", "janei"),
        Felt("tolkesprak", "Tolkespråk", required=False, required_if=("trenger_tolk", True)),
        Felt("innsatsgruppe", "Innsatsgruppe", "valg", choices=INNSATSGRUPPE),
        Felt("arbeidsevnevurdering", "Finnes det en arbeidsevnevurdering?", "janei"),
    ),
    "BARN": (
        Felt("materielle_behov", "Materielle behov (klær, utstyr, mat)"),
        Felt("fritidsaktiviteter", "Fritidsaktiviteter"),
        Felt("fritid_kostnad", "Hva fritidsaktivitetene koster per måned (kr)", "belop",
             required=False),
        Felt("venner", "Tid med venner"),
        Felt("skole_barnehage", "Skole eller barnehage"),
        Felt("helse", "Helse"),
        Felt("saerlige_behov", "Særlige behov", required=False),
        Felt("snakket_med_barnet", "Har du snakket med barnet?", "janei"),
        Felt("barnets_syn", "Barnets egen mening", required=False,
             required_if=("snakket_med_barnet", True),
             hjelp="Skriv det barnet selv sa, så nær barnets egne ord som mulig."),
        Felt("bekymring_barnevern", "Er det grunn til bekymring som skal meldes til "
             "barneverntjenesten?", "janei",
             hjelp="Du har plikt til å melde fra (sosialtjenesteloven § 45)."),
        Felt("melding_barnevern_dato", "Dato meldingen til barneverntjenesten ble sendt", "dato",
             required=False, required_if=("bekymring_barnevern", True)),
        Felt("melding_barnevern_notat", "Om meldingen", required=False),
    ),
}

ORDER = ("OKONOMI", "BOLIG", "HELSE_SOSIALT", "ARBEID_UTDANNING", "BARN")
TITLES = {
    "OKONOMI": "Økonomi",
    "BOLIG": "Bolig",
    "HELSE_SOSIALT": "Helse og sosial situasjon",
    "ARBEID_UTDANNING": "Arbeid og utdanning",
    "BARN": "Barn",
}
