"""The household JSON interface: strict parsing to facts, and the result as JSON.

Input (stable; other systems and our tests use it; documented in ``docs/rules.md``)::

    {"month": "2024-03", "kommune": "0301",
     "adults": [{"birth_date": "1990-04-01"}, {"birth_date": "1992-01-15"}],
     "shares_dwelling": false,
     "children": [{"birth_date": "2015-06-30", "bosted": "fast"}],
     "housing_costs": {"rent": 9000, "electricity": 800, "municipal_fees": 0, "insurance": 0},
     "income": [{"type": "salary", "amount": 5000}, {"type": "child_benefit", "amount": 1766}],
     "individual_assessment": {"reason": "...", "adjustments": [{"amount": 500, "reason": "..."}]},
     "under_18_assessment": {"amount": 5000, "reason": "..."}}

Only ``month`` and ``adults`` are required; ``individual_assessment`` is an optional extension.
Children's ``bosted``: ``fast`` (default), ``delt``, ``samvaer`` (no child rate; see
``household.members_at_rate``); adjustments may have ``"basis": "samvaer"``.
Amounts are kroner: integers, or decimals with at most two places (never parsed as floats).
Unknown fields or types, a month before 2019, a negative amount or a malformed date raise
``InvalidHousehold`` whose message and ``field`` name the JSON path, e.g. ``income[1].amount``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sosialsak.rules.errors import InvalidHousehold
from sosialsak.rules.household import (
    Bosted,
    ChildFacts,
    Household,
    HousingCosts,
    Income,
    IncomeType,
    Person,
    members_at_rate,
)
from sosialsak.rules.result_json import result_as_json
from sosialsak.rules.vurdering import (
    ADJUSTMENT_BASES,
    Adjustment,
    IndividualAssessment,
    Under18Assessment,
)

EARLIEST_MONTH = date(2019, 1, 1)
LATEST_YEAR = 2099  # a month beyond this is a typing error, not a plan
MAX_AMOUNT = Decimal(100_000_000)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KOMMUNE = re.compile(r"^\d{4}$")
_TOP = {"month", "kommune", "adults", "shares_dwelling", "children", "housing_costs", "income",
        "individual_assessment", "under_18_assessment"}
_HOUSING = ("rent", "electricity", "municipal_fees", "insurance")
_SHOWN = 40  # characters of a bad value quoted in an error message
_LONG_INTEGER = 30  # digits; longer JSON integers are parsed as Decimal


@dataclass(frozen=True)
class HouseholdRequest:
    """A parsed household JSON document: the facts, the month and the municipality."""

    month: date
    kommune: str | None
    household: Household
    assessment: IndividualAssessment | None = None
    under_18: Under18Assessment | None = None


def _object(value: Any, field: str, allowed: set[str] | tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidHousehold(field or "$", "må være et JSON-objekt.")
    for key in value:
        if key not in allowed:
            path = f"{field}.{key}" if field else str(key)
            raise InvalidHousehold(path, "ukjent felt.")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidHousehold(field, "må være en liste.")
    return value


def _shown(value: Any) -> str:
    """Return ``value`` for an error message: text quoted and cut short (input may be huge)."""
    if not isinstance(value, str):
        return "(ikke tekst)"
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def _date(value: Any, field: str) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise InvalidHousehold(field, f"ugyldig dato {_shown(value)}; bruk ÅÅÅÅ-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidHousehold(field, f"datoen {value!r} finnes ikke.") from None


def _month(value: Any) -> date:
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InvalidHousehold("month", f"ugyldig måned {_shown(value)}; bruk ÅÅÅÅ-MM.")
    month = date(int(match.group(1)), int(match.group(2)), 1)
    if month < EARLIEST_MONTH:
        raise InvalidHousehold("month", "beregningen dekker måneder fra og med 2019-01.")
    if month.year > LATEST_YEAR:
        raise InvalidHousehold("month", f"beregningen dekker måneder til og med {LATEST_YEAR}-12.")
    return month


def _amount(value: Any, field: str, *, signed: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidHousehold(field, "beløpet må være et tall (kroner).")
    amount = Decimal(value)
    if not amount.is_finite():
        raise InvalidHousehold(field, "beløpet må være et vanlig tall (kroner).")
    # Size first: quantizing a number with more digits than the context holds would fail.
    if amount.copy_abs() > MAX_AMOUNT:
        raise InvalidHousehold(field, f"beløpet er urimelig stort (høyst {MAX_AMOUNT:,} kroner)."
                               .replace(",", " "))
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidHousehold(field, "beløpet kan ha høyst to desimaler.")
    if amount < 0 and not signed:
        raise InvalidHousehold(field, "beløpet kan ikke være negativt.")
    return amount


def _people(value: Any, field: str) -> tuple[Person, ...]:
    people = []
    for i, item in enumerate(_list(value, field)):
        obj = _object(item, f"{field}[{i}]", ("birth_date",))
        if "birth_date" not in obj:
            raise InvalidHousehold(f"{field}[{i}].birth_date", "mangler.")
        people.append(Person(_date(obj["birth_date"], f"{field}[{i}].birth_date")))
    return tuple(people)


def _children(value: Any) -> list[ChildFacts]:
    children = []
    for i, item in enumerate(_list(value, "children")):
        field = f"children[{i}]"
        obj = _object(item, field, ("birth_date", "bosted"))
        try:
            bosted = Bosted(obj.get("bosted", "fast"))
        except (ValueError, TypeError):
            raise InvalidHousehold(f"{field}.bosted", f"ukjent bosted {_shown(obj['bosted'])}; "
                                   f"gyldige: {', '.join(b.value for b in Bosted)}.") from None
        if "birth_date" not in obj and bosted is not Bosted.SAMVAER:
            raise InvalidHousehold(f"{field}.birth_date", "mangler.")
        born = _date(obj["birth_date"], f"{field}.birth_date") if "birth_date" in obj else None
        children.append(ChildFacts(born, bosted))
    return children


def _under_18(value: Any) -> Under18Assessment | None:
    if value is None:
        return None
    obj = _object(value, "under_18_assessment", ("amount", "reason"))
    reason = obj.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidHousehold("under_18_assessment.reason",
                               "skriv begrunnelsen for det vurderte beløpet.")
    amount = _amount(obj.get("amount"), "under_18_assessment.amount")
    if amount != amount.to_integral_value():
        raise InvalidHousehold("under_18_assessment.amount", "beløpet er hele kroner.")
    return Under18Assessment(amount, reason)


def _income(value: Any) -> tuple[Income, ...]:
    items = []
    for i, item in enumerate(_list(value, "income")):
        obj = _object(item, f"income[{i}]", ("type", "amount"))
        for key in ("type", "amount"):
            if key not in obj:
                raise InvalidHousehold(f"income[{i}].{key}", "mangler.")
        try:
            kind = IncomeType(obj["type"])
        except ValueError:
            raise InvalidHousehold(f"income[{i}].type", f"ukjent inntektstype "
                                   f"{_shown(obj['type'])}; "
                                   f"gyldige: {', '.join(t.value for t in IncomeType)}.") from None
        items.append(Income(kind, _amount(obj["amount"], f"income[{i}].amount")))
    return tuple(items)


def _assessment(value: Any) -> IndividualAssessment | None:
    if value is None:
        return None
    obj = _object(value, "individual_assessment", ("reason", "adjustments"))
    reason = obj.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidHousehold("individual_assessment.reason",
                               "skriv den individuelle vurderingen.")
    adjustments = []
    raw = _list(obj.get("adjustments", []), "individual_assessment.adjustments")
    for i, item in enumerate(raw):
        path = f"individual_assessment.adjustments[{i}]"
        adj = _object(item, path, ("amount", "reason", "basis"))
        why = adj.get("reason")
        if not isinstance(why, str) or not why.strip():
            raise InvalidHousehold(f"{path}.reason", "et tillegg eller fradrag må begrunnes.")
        amount = _amount(adj.get("amount"), f"{path}.amount", signed=True)
        if amount == 0:
            raise InvalidHousehold(f"{path}.amount", "beløpet kan ikke være 0.")
        basis = adj.get("basis")
        if basis is not None and (not isinstance(basis, str) or basis not in ADJUSTMENT_BASES
                                  or amount < 0):
            raise InvalidHousehold(f"{path}.basis", "ukjent grunnlag eller negativt beløp; "
                                   f"gyldige: {', '.join(ADJUSTMENT_BASES)}.")
        adjustments.append(Adjustment(amount, why, basis))
    return IndividualAssessment(reason, tuple(adjustments))


def parse_household(data: Any) -> HouseholdRequest:
    """Return the request in ``data`` (parsed JSON); raise InvalidHousehold naming the field."""
    obj = _object(data, "", _TOP)
    if "month" not in obj:
        raise InvalidHousehold("month", "mangler.")
    month = _month(obj["month"])
    kommune = obj.get("kommune")
    if kommune is not None and (not isinstance(kommune, str) or not _KOMMUNE.match(kommune)):
        raise InvalidHousehold("kommune", "kommunenummer har fire siffer, f.eks. «0301».")
    if "adults" not in obj:
        raise InvalidHousehold("adults", "mangler.")
    adults = _people(obj["adults"], "adults")
    if not 1 <= len(adults) <= 2:
        raise InvalidHousehold("adults", "oppgi søkeren og eventuelt ektefelle/samboer (1–2).")
    shares = obj.get("shares_dwelling", False)
    if not isinstance(shares, bool):
        raise InvalidHousehold("shares_dwelling", "må være true eller false.")
    housing = _object(obj.get("housing_costs", {}), "housing_costs", _HOUSING)
    costs = HousingCosts(**{k: _amount(v, f"housing_costs.{k}") for k, v in housing.items()})
    children = _children(obj.get("children", []))
    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    born_list: list[tuple[str, int, date | None]] = [
        ("adults", i, p.birth_date) for i, p in enumerate(adults)]
    born_list += [("children", i, c.birth_date) for i, c in enumerate(children)]
    for group, i, born in born_list:
        if born is not None and born >= month_end:
            raise InvalidHousehold(f"{group}[{i}].birth_date",
                                   f"personen er ikke født i {obj['month']}.")
    # One household definition: the same function the decision builder uses.
    members = members_at_rate(applicant_birth_date=adults[0].birth_date, children=children)
    household = Household(
        adults=adults,
        children=members.children,
        shares_dwelling=shares,
        housing_costs=costs,
        income=_income(obj.get("income", [])),
        samvaer_children=members.samvaer_children,
    )
    assessment = _assessment(obj.get("individual_assessment"))
    return HouseholdRequest(month, kommune, household, assessment,
                            _under_18(obj.get("under_18_assessment")))


def parse_household_json(text: str | bytes) -> HouseholdRequest:
    """Return the request in the JSON ``text``; raise InvalidHousehold on malformed JSON too."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_integer, parse_constant=Decimal)
    except json.JSONDecodeError as exc:
        raise InvalidHousehold("$", f"ugyldig JSON (linje {exc.lineno}, kolonne {exc.colno}).") \
            from None
    except RecursionError:
        raise InvalidHousehold("$", "JSON-dokumentet er for dypt nestet.") from None
    except ValueError:
        raise InvalidHousehold("$", "ugyldig JSON.") from None
    return parse_household(data)


def _integer(text: str) -> int | Decimal:
    """Return a JSON integer; a very long one stays a Decimal (Python refuses to convert
    integers of more than 4300 digits), so that the field it stands in is named when refused.
    NaN and ±Infinity become non-finite Decimals for the same reason (``parse_constant``)."""
    return int(text) if len(text) <= _LONG_INTEGER else Decimal(text)


__all__ = ["HouseholdRequest", "parse_household", "parse_household_json", "result_as_json"]
