"""Individual assessment of livsopphold and the flags for the UI and internal control.

Økonomisk stønad is discretionary (sosialtjenesteloven § 18; R35 4.18.1.5): the state guideline
rates are only a starting point and every application needs an individual assessment, giving
children's needs special weight. The caseworker records that assessment as a written reason and,
where the need differs from the guideline, adds or deducts amounts, each with its own reason.

The flags follow the risk assessment of Helsetilsynet (risikopunkt 26–28) and the duty of internal
control (sotjl. § 5, kommuneloven § 25-1): the guideline rate applied with no individual
assessment; a large family, whose actual costs may not be covered by the per-child rates; a
young applicant (18–25) given less than the adult rate without a reason; a rate table that may
be out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sosialsak.rules.engine.explanation import ExplanationLine
from sosialsak.rules.engine.ruleset import Ruleset
from sosialsak.rules.errors import InvalidAssessment, InvalidParameterFile
from sosialsak.rules.money import format_kr

ADJUSTMENT_BASES = {
    # basis → the rule text of its explanation line (a positive amount)
    "samvaer": "Tillegg for utgifter til samvær med barn, etter individuell vurdering",
}


@dataclass(frozen=True)
class Adjustment:
    """An amount the caseworker adds (positive) to or deducts (negative) from the need.

    ``basis`` names what the adjustment covers when the rules know it: ``"samvaer"`` for the
    extra costs of a child's visits (samvær), which the guideline rates do not cover and
    which R35 leaves to an individual assessment (4.18.1.5)."""

    amount: Decimal
    reason: str
    basis: str | None = None


@dataclass(frozen=True)
class Under18Assessment:
    """An applicant under 18: the guideline table has no rate for a minor's own household,
    so the caseworker assesses the amount for the applicant individually (sotjl. § 18,
    R35 4.18.1.5), with the reason. ``amount`` replaces the adult rate; whole kroner."""

    amount: Decimal
    reason: str

    def validate(self) -> None:
        if not self.reason.strip():
            raise InvalidAssessment("under_18_assessment.reason: skriv begrunnelsen for det "
                                    "vurderte beløpet.", field="under_18_assessment.reason")
        if self.amount < 0 or self.amount != self.amount.to_integral_value():
            raise InvalidAssessment("under_18_assessment.amount: beløpet er hele kroner, "
                                    "ikke negativt.", field="under_18_assessment.amount")


@dataclass(frozen=True)
class IndividualAssessment:
    """The caseworker's written assessment, with optional adjustments to the need."""

    reason: str
    adjustments: tuple[Adjustment, ...] = ()

    def validate(self) -> None:
        """Raise InvalidAssessment naming the field when a reason is missing."""
        if not self.reason.strip():
            raise InvalidAssessment(
                "individual_assessment.reason: skriv hvilken individuell vurdering som er gjort.",
                field="individual_assessment.reason",
            )
        for i, adj in enumerate(self.adjustments):
            if not adj.reason.strip():
                raise InvalidAssessment(
                    f"individual_assessment.adjustments[{i}].reason: et tillegg eller fradrag "
                    "må ha en begrunnelse.",
                    field=f"individual_assessment.adjustments[{i}].reason",
                )
            if adj.amount == 0:
                raise InvalidAssessment(
                    f"individual_assessment.adjustments[{i}].amount: beløpet kan ikke være 0.",
                    field=f"individual_assessment.adjustments[{i}].amount",
                )
            if adj.basis is not None and (adj.basis not in ADJUSTMENT_BASES or adj.amount < 0):
                raise InvalidAssessment(
                    f"individual_assessment.adjustments[{i}].basis: ukjent grunnlag eller "
                    f"negativt beløp (gyldige grunnlag: {', '.join(ADJUSTMENT_BASES)}).",
                    field=f"individual_assessment.adjustments[{i}].basis",
                )

    def covers(self, basis: str) -> bool:
        return any(adj.basis == basis for adj in self.adjustments)

    @property
    def total(self) -> Decimal:
        return sum((adj.amount for adj in self.adjustments), Decimal(0))


@dataclass(frozen=True)
class Flag:
    """A signal for the caseworker's screen and for internal control; not a refusal."""

    code: str
    message: str
    hjemmel: str


def _pair(value: object) -> tuple[int, int]:
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidParameterFile(f"kontroll.ungdom_alder: expected [from, to], got {value!r}")
    return int(value[0]), int(value[1])


def assessment_lines(
    assessment: IndividualAssessment | None, *, hjemmel: str
) -> list[ExplanationLine]:
    """Return the explanation lines for the assessment and each adjustment."""
    if assessment is None:
        return []
    lines = [ExplanationLine(kind="vurdering", rule="Individuell vurdering", hjemmel=hjemmel,
                             amount=Decimal(0), detail=assessment.reason.strip())]
    for adj in assessment.adjustments:
        kind = "tillegg" if adj.amount > 0 else "fradrag"
        rule = "Tillegg etter individuell vurdering" if adj.amount > 0 else (
            "Fradrag etter individuell vurdering")
        if adj.basis in ADJUSTMENT_BASES:
            rule = ADJUSTMENT_BASES[adj.basis]
        lines.append(ExplanationLine(kind=kind, rule=rule, hjemmel=hjemmel, amount=adj.amount,
                                     detail=adj.reason.strip()))
    return lines


def control_flags(
    *,
    rules: Ruleset,
    on: date,
    applicant_age: int,
    adult_rate: int,
    reference_adult_rate: int,
    children_counted: int,
    assessment: IndividualAssessment | None,
    stale: bool,
    rate_set_from: date,
) -> tuple[Flag, ...]:
    """Return the flags raised by a livsopphold calculation (see the module docstring)."""
    flags: list[Flag] = []
    sotjl18 = rules.hjemmel("sotjl.livsopphold", on=on).text
    internkontroll = rules.hjemmel("sotjl.internkontroll", on=on).text
    if assessment is None:
        flags.append(Flag(
            "VEILEDENDE_SATS_UTEN_VURDERING",
            "Veiledende sats er brukt uten at en individuell vurdering er registrert. Satsene er "
            "bare et utgangspunkt; vurder behovet til søkeren og eventuelle barn.",
            sotjl18,
        ))
    threshold = rules.integer("kontroll.store_barnefamilier_antall_barn", on=on)
    if children_counted >= threshold:
        flags.append(Flag(
            "STOR_BARNEFAMILIE",
            f"Husholdningen har {children_counted} barn under 18 år. Kontroller at familiens "
            "faktiske utgifter er tatt med, og at barnas behov er vurdert særskilt.",
            internkontroll,
        ))
    young_from, young_to = _pair(rules.get("kontroll.ungdom_alder", on=on))
    figure = Decimal(adult_rate) + (assessment.total if assessment else Decimal(0))
    if young_from <= applicant_age <= young_to and figure < reference_adult_rate and (
        assessment is None
    ):
        flags.append(Flag(
            "SATS_UNGDOM",
            f"Søkeren er {applicant_age} år og får {format_kr(figure)} til livsopphold, under "
            f"voksensatsen på {format_kr(reference_adult_rate)}, uten begrunnelse. Vurder den "
            "unges behov individuelt.",
            sotjl18,
        ))
    if stale:
        flags.append(Flag(
            "SATSER_KAN_VAERE_UTDATERT",
            f"Satsene som er brukt gjelder fra {rate_set_from.isoformat()}, og nyere satser er "
            "ikke registrert. Kontroller om nye statlige eller kommunale satser gjelder.",
            sotjl18,
        ))
    return tuple(flags)
