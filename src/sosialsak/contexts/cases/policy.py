"""Pure rules for case progress (no Django): kartlegging answers and completeness, the rule that
a livsopphold decision cannot skip the children, the documentation burden, and when a
preliminary reply is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak.contexts.cases.skjema import SECTIONS, Felt
from sosialsak.kernel.errors import DomainError, ValidationFailed
from sosialsak.rules.frister import forelopig_svar_frist


class InvalidKartlegging(ValidationFailed):
    code = "invalid_kartlegging"


class ChildrenNotMapped(DomainError):
    """A § 18 livsopphold decision for a household with children whose needs are not mapped."""

    code = "children_not_mapped"


Svar = dict[str, object]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_one(felt: Felt, value: object) -> object:
    where = f"svar.{felt.key}"
    if _blank(value):
        return None
    if felt.kind == "janei":
        if not isinstance(value, bool):
            raise InvalidKartlegging(f"{where}: svar ja eller nei.", field=where)
        return value
    if felt.kind == "belop":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidKartlegging(f"{where}: skriv et beløp i hele kroner (0 eller mer).",
                                     field=where)
        return value
    if not isinstance(value, str):
        raise InvalidKartlegging(f"{where}: skriv tekst.", field=where)
    value = value.strip()
    if felt.kind == "valg" and value not in dict(felt.choices):
        raise InvalidKartlegging(f"{where}: ukjent valg «{value}».", field=where)
    if felt.kind == "dato":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InvalidKartlegging(f"{where}: skriv datoen som ÅÅÅÅ-MM-DD.",
                                     field=where) from None
    if len(value) > 5000:
        raise InvalidKartlegging(f"{where}: teksten er for lang (høyst 5000 tegn).", field=where)
    return value


def clean_svar(section: str, svar: Svar) -> Svar:
    """Return the answers of ``section`` checked and trimmed, leaving out unanswered questions.

    Raise InvalidKartlegging naming the field for an unknown section, question or value.
    """
    if section not in SECTIONS:
        raise InvalidKartlegging(f"del: ukjent del «{section}».", field="del")
    felter = {f.key: f for f in SECTIONS[section]}
    for key in svar:
        if key not in felter:
            raise InvalidKartlegging(f"svar.{key}: ukjent spørsmål i denne delen.",
                                     field=f"svar.{key}")
    cleaned = {k: _clean_one(felter[k], v) for k, v in svar.items()}
    return {k: v for k, v in cleaned.items() if v is not None}


def missing(section: str, svar: Svar) -> list[str]:
    """Return the labels of the required questions of ``section`` that ``svar`` leaves open."""
    out = []
    for felt in SECTIONS[section]:
        needed = felt.required or (
            felt.required_if is not None and svar.get(felt.required_if[0]) == felt.required_if[1])
        if needed and _blank(svar.get(felt.key)):
            out.append(felt.label)
    return out


def check_children_mapped(
    *, hjemmel: str, utfall: str, post_types: list[str], gaps: list[str]
) -> list[str]:
    """Return the children whose missing section blocks the decision (empty: it may be saved).

    ``gaps`` names the children in the household whose section is neither completed nor has a
    reason recorded. Rule: a decision under sosialtjenesteloven § 18 (stønad til livsopphold,
    which includes housing costs and electricity) for a household with children may only be
    saved when every child's section is completed or a
    reason why not is recorded (R35 4.18.2.6: children's needs weigh especially; the
    Directorate's 2022 letter: each child's situation must be mapped and assessed concretely in
    the reasons). Nødhjelp (hjemmel «§ 18 nødhjelp», or an item of type NODHJELP) is exempt but
    followed up, and so is a dismissal (AVVIST), which decides nothing on the merits.
    """
    if not applies_to_children_rule(hjemmel=hjemmel, post_types=post_types):
        return []
    if utfall == "AVVIST":
        return []
    return list(gaps)


def applies_to_children_rule(*, hjemmel: str, post_types: list[str]) -> bool:
    """Return whether a decision is one the children rule can block: every § 18 decision
    (stønad til livsopphold, housing costs and electricity included), not nødhjelp, and a
    decision on livsopphold whose stated basis is § 21 (the form of support: goods and
    services): the form does not change that the decision is about livsopphold."""
    if "NODHJELP" in post_types:
        return False
    return hjemmel == "§ 18" or (hjemmel == "§ 21" and "LIVSOPPHOLD" in post_types)


def is_nodhjelp_decision(*, hjemmel: str, post_types: list[str]) -> bool:
    """Return whether a decision is nødhjelp (exempt from the children rule, but followed up)."""
    return hjemmel == "§ 18 nødhjelp" or "NODHJELP" in post_types


def children_not_mapped_error(names: list[str]) -> ChildrenNotMapped:
    """Return the error for a decision blocked by unmapped children, naming each child."""
    return ChildrenNotMapped(
        "kartlegging: vedtaket om livsopphold kan ikke lagres før hvert barn er kartlagt, "
        "eller du har skrevet hvorfor det ikke er gjort. Mangler for: " + ", ".join(names) + ".",
        field="kartlegging", barn=names,
    )


def over_document_threshold(*, antall_apne: int, terskel: int) -> bool:
    """Return whether the open document requests exceed the office's threshold.

    The risk assessment warns that heavy documentation demands make people give up; requests
    above the threshold are flagged to the caseworker (not refused).
    """
    return antall_apne > terskel


@dataclass(frozen=True)
class ForelopigSvarVarsel:
    frist: date
    tekst: str
    overdue: bool


def forelopig_svar_varsel(
    *, mottatt: date, today: date, varsel_dager: int, sendt: bool, forventet: date | None
) -> ForelopigSvarVarsel | None:
    """Return the warning about a preliminary reply for an undecided application, or None.

    Forvaltningsloven § 11 a (new act § 17): when an application cannot be answered within one
    month of receipt, a preliminary reply with the reason and the expected time is due. The
    warning starts ``varsel_dager`` calendar days before that deadline. After a reply is sent,
    a new warning appears when the expected date in it has passed without a decision (the new
    act § 17 requires telling the party why, and when to expect an answer).
    """
    frist = forelopig_svar_frist(mottatt=mottatt)
    if sendt:
        if forventet is not None and forventet < today:
            return ForelopigSvarVarsel(forventet, "Forventet svardato er passert", True)
        return None
    if (frist - today).days > varsel_dager:
        return None
    return ForelopigSvarVarsel(frist, "Foreløpig svar må sendes", frist < today)
