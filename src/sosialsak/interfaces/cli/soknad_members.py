"""Who is in the household of a soknad.json, decided by the rules' one definition.

The Digisos answers are read as the intake reads them (``contexts.digisos.soknad_import``):
delt bosted → DELT, ``borSammenMed`` false → SAMVAER, otherwise FAST; a spouse or cohabitant
(status gift/samboer) lives with the applicant unless ``borSammenMed`` is false. The decision
of who counts — and the refusal of a partner without a birth date — is
``rules.members_at_rate``; errors name the soknad.json field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sosialsak.formats.digisos.soknad_data import SoknadInnhold
from sosialsak.rules import Bosted, ChildFacts, InvalidHousehold, PartnerFacts, members_at_rate

FIELDS = {"partner.birth_date": "familie.sivilstatus.ektefelle.fodselsdato",
          "applicant.birth_date": "personalia.fodselsdato"}


def _soknad_field(field: str) -> str:
    if field.startswith("children["):
        index = field[len("children["):field.index("]")]
        return f"familie.forsorgerplikt.ansvar[{index}].barn.fodselsdato"
    return FIELDS.get(field, field)


def members_json(innhold: SoknadInnhold, *, applicant: dict[str, str]) -> dict[str, Any]:
    """Return the household JSON's ``adults`` and ``children`` for the soknad; raise
    InvalidHousehold naming the soknad.json field."""
    sivil = innhold.familie.sivilstatus
    partner = None
    if sivil and sivil.status in ("gift", "samboer") and sivil.ektefelle:
        partner = PartnerFacts(sivil.ektefelle.fodselsdato,
                               lives_together=sivil.bor_sammen_med is not False)
    children = [ChildFacts(b.fodselsdato, Bosted.DELT if b.har_delt_bosted else (
        Bosted.SAMVAER if b.bor_sammen_med is False else Bosted.FAST))
        for b in innhold.familie.barn]
    try:
        members = members_at_rate(applicant_birth_date=date.fromisoformat(
            applicant["birth_date"]), partner=partner, children=children)
    except InvalidHousehold as exc:
        raise InvalidHousehold(_soknad_field(exc.field),
                               exc.message.split(": ", 1)[-1]) from None
    return {
        "adults": [{"birth_date": p.birth_date.isoformat()} for p in members.adults],
        "children": [{"birth_date": c.birth_date.isoformat(), "bosted": c.bosted.value}
                     for c in members.children]
        + [{"bosted": Bosted.SAMVAER.value}] * members.samvaer_children,
    }
