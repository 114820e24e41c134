"""Complete answers for the kartlegging sections, shared by the case-progress tests."""

from __future__ import annotations

CHILD: dict[str, object] = {
    "materielle_behov": "Trenger vinterdress.", "fritidsaktiviteter": "Fotball.",
    "fritid_kostnad": 300, "venner": "Har venner i klassen.", "skole_barnehage": "3. klasse.",
    "helse": "Frisk.", "snakket_med_barnet": True, "barnets_syn": "Vil fortsette med fotball.",
    "bekymring_barnevern": False,
}
OKONOMI: dict[str, object] = {
    "inntekter": "Ingen.", "utgifter": "Husleie 9000.", "gjeld": False, "formue": "Ingen.",
}
BOLIG: dict[str, object] = {
    "bosituasjon": "1", "risiko_miste_bolig": False, "trenger_midlertidig_botilbud": False,
}
