"""The household checks for the livsopphold rule (§ 18): age bands, the adult age, the adult
rate category, the refusals shared by the scalar and the batch path, and the household flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak.rules.engine.ruleset import Ruleset
from sosialsak.rules.errors import InvalidAssessment, InvalidHousehold, InvalidParameterFile
from sosialsak.rules.household import Bosted, Household, age_on
from sosialsak.rules.vurdering import Flag, IndividualAssessment, Under18Assessment

RATES = "veiledende_satser.livsopphold."


@dataclass(frozen=True)
class AgeBand:
    """A children's rate band: ages ``fra``–``til`` (inclusive) on the first day of the month."""

    rate: str
    fra: int
    til: int


def age_bands(*, rules: Ruleset, on: date) -> tuple[AgeBand, ...]:
    """Return the children's age bands in force on ``on`` (parameter ``aldersgrupper``)."""
    raw = rules.get(RATES + "aldersgrupper", on=on)
    if not isinstance(raw, tuple):
        raise InvalidParameterFile(f"{RATES}aldersgrupper: expected a list of bands")
    try:
        return tuple(AgeBand(str(b["sats"]), int(b["fra"]), int(b["til"])) for b in raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidParameterFile(f"{RATES}aldersgrupper: malformed band ({exc})") from exc


def household_type(household: Household) -> str:
    """Return the adult rate category: ``ektepar_samboere``, ``bofellesskap`` or ``enslig``."""
    if len(household.adults) == 2:
        return "ektepar_samboere"
    return "bofellesskap" if household.shares_dwelling else "enslig"


def adult_age(*, rules: Ruleset, on: date) -> int:
    """Return the age from which a person gets an adult rate: the year after the oldest
    children's band (18 with the bands of 2019 onwards)."""
    return max(band.til for band in age_bands(rules=rules, on=on)) + 1


def check_household(household: Household, month: date, rules: Ruleset,
                    under_18: Under18Assessment | None = None) -> None:
    """Raise InvalidHousehold naming the field when the household cannot be calculated for
    ``month`` (the scalar and the batch path refuse the same households). An applicant
    (``adults[0]``) under 18 is allowed only with an individual assessment (``under_18``)."""
    if not 1 <= len(household.adults) <= 2:
        raise InvalidHousehold("adults", "oppgi søkeren og eventuelt ektefelle/samboer (1–2).")
    if household.samvaer_children < 0:
        raise InvalidHousehold("samvaer_children", "antallet kan ikke være negativt.")
    for i, child in enumerate(household.children):
        if child.bosted is Bosted.SAMVAER:
            raise InvalidHousehold(f"children[{i}].bosted", "barn med samvær bor ikke i "
                                   "husstanden og får ikke barnesats; bruk members_at_rate.")
    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for group, people in (("adults", household.adults), ("children", household.children)):
        for i, person in enumerate(people):
            if person.birth_date >= month_end:
                raise InvalidHousehold(f"{group}[{i}].birth_date", "personen er ikke født ennå "
                                       f"i {month.strftime('%Y-%m')}.")
    adult = adult_age(rules=rules, on=month)
    if under_18 is not None:
        under_18.validate()
        if age_on(household.applicant.birth_date, month) >= adult:
            raise InvalidAssessment(
                f"under_18_assessment: søkeren er {adult} år eller eldre første dag i "
                f"{month.strftime('%Y-%m')}; da gjelder de veiledende satsene.",
                field="under_18_assessment")
    for i, person in enumerate(household.adults):
        age = age_on(person.birth_date, month)
        if age < adult and not (i == 0 and under_18 is not None):
            raise InvalidHousehold(
                f"adults[{i}].birth_date",
                f"personen er {max(age, 0)} år første dag i {month.strftime('%Y-%m')}; satsene "
                f"for voksne gjelder fra {adult} år. Barn i husstanden føres under children; "
                "en søker under 18 år trenger en individuell vurdering (under_18_assessment).")


def household_flags(household: Household, assessment: IndividualAssessment | None,
                     hjemmel: str) -> tuple[Flag, ...]:
    flags = []
    if any(child.bosted is Bosted.DELT for child in household.children):
        flags.append(Flag(
            "DELT_BOSTED",
            "Barn med delt bosted har fått full barnesats i denne husstanden. Vurder barnets "
            "behov individuelt og om den andre forelderen dekker deler av det.", hjemmel))
    if household.samvaer_children and not (assessment and assessment.covers("samvaer")):
        flags.append(Flag(
            "SAMVAER_IKKE_VURDERT",
            "Søkeren har samvær med barn som ikke bor i husstanden. Samværsutgifter dekkes ikke "
            "av barnesatsen og må vurderes individuelt (tillegg med grunnlag samvær).", hjemmel))
    return tuple(flags)
