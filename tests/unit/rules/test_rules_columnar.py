"""The columnar input path gives the scalar path's arrays and the scalar path's first error.

Scalar path: ``household_request`` (``parse_household`` + ``check_household``) per household,
then ``batch_from_requests``. Columnar path: ``batch_from_households`` (records),
``batch_from_table`` (dict of columns) and ``batch_from_csv``. Property tests (Hypothesis) over
valid and broken household JSON documents, including the contract's children with bosted,
samvær, under-18 assessments and adjustments with a basis.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosialsak.rules import InvalidHousehold, calculate_batch, load_ruleset
from sosialsak.rules import columnar as columnar_module
from sosialsak.rules.columnar import batch_from_households, batch_from_households_scalar
from sosialsak.rules.columnar_csv import batch_from_csv
from sosialsak.rules.columnar_table import _Table, batch_from_table
from sosialsak.rules.household_json import parse_household

RULES = load_ruleset()
INCOME = ["salary", "benefit", "housing_allowance", "child_benefit", "child_support",
          "student_support", "child_earnings", "other"]
HOUSING = ["rent", "electricity", "municipal_fees", "insurance"]
# Values the scalar path refuses somewhere; CSV-safe ones survive a trip through CSV text.
BAD_CSV = ["2024-13-01", "2024-02-30", "abc", "2024-3", " ", "ukjent", "FAST ", "0301x",
           "1.001", "-1", "-0.5", "NaN", "1e400", "100000001", "0", "2050-01-01", "1899-12-31"]
BAD_ANY = [*BAD_CSV, None, 5, True, -1, Decimal("1.001"), Decimal("NaN"), 10**40, [], {},
           0, Decimal("-0.50"), 12.5]


def iso(day: date) -> str:
    return day.isoformat()


@st.composite
def documents(draw: st.DrawFn, *, csv_safe: bool = False) -> dict[str, Any]:
    year, month = draw(st.integers(2019, 2026)), draw(st.integers(1, 12))
    first = date(year, month, 1)
    doc: dict[str, Any] = {"month": f"{year:04d}-{month:02d}"}
    kommune = draw(st.sampled_from([None, "0301", "4601", "1103", "0000"]))
    if kommune:
        doc["kommune"] = kommune

    def born(low_years: float, high_years: float) -> str:
        return iso(first - timedelta(days=draw(st.integers(int(365.25 * low_years) - 3,
                                                            int(365.25 * high_years) + 3))))

    adults = [{"birth_date": born(17.5, 70)} for _ in range(draw(st.integers(1, 2)))]
    doc["adults"] = adults
    if draw(st.integers(0, 4)) == 0:
        adults[0]["birth_date"] = born(16, 18.5)
        doc["under_18_assessment"] = {"amount": draw(st.integers(0, 9000)), "reason": "Vurdert"}
    if draw(st.booleans()):
        doc["shares_dwelling"] = draw(st.booleans())
    children = []
    for _ in range(draw(st.integers(0, 4))):
        child: dict[str, Any] = {"birth_date": born(-0.05, 19)}
        bosted = draw(st.sampled_from([None, "fast", "delt", "samvaer", "DELT", "SAMVAER"]))
        if bosted:
            child["bosted"] = bosted
            if bosted.lower() == "samvaer" and draw(st.booleans()):
                del child["birth_date"]
        children.append(child)
    if children or draw(st.booleans()):
        doc["children"] = children
    money = st.one_of(st.integers(0, 40_000),
                      st.integers(0, 4_000_000).map(lambda ore: Decimal(ore) / 100))
    housing = {k: draw(money) for k in HOUSING if draw(st.booleans())}
    if housing:
        doc["housing_costs"] = housing
    income = [{"type": draw(st.sampled_from(INCOME)), "amount": draw(money)}
              for _ in range(draw(st.integers(0, 3)))]
    if income:
        doc["income"] = income
    if draw(st.booleans()):
        adjustments = []
        for _ in range(draw(st.integers(0, 2))):
            amount = draw(st.integers(-5000, 5000).filter(bool))
            adj: dict[str, Any] = {"amount": amount, "reason": "Grunn"}
            if amount > 0 and draw(st.booleans()):
                adj["basis"] = "samvaer"
            adjustments.append(adj)
        doc["individual_assessment"] = {"reason": "Vurdert", "adjustments": adjustments}
    if draw(st.integers(0, 3)) == 0:
        _break(draw, doc, csv_safe)
    return doc


def _leaves(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every value in ``doc`` (containers included)."""
    out: list[tuple[Any, ...]] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        out.append((*path, key))
        if isinstance(value, dict | list):
            out.extend(_leaves(value, (*path, key)))
    return out


def _break(draw: st.DrawFn, doc: dict[str, Any], csv_safe: bool) -> None:
    """Break one thing: a leaf gets a bad value, a key goes, or an unknown key comes."""
    paths = [p for p in _leaves(doc)
             if not csv_safe or not isinstance(_get(doc, p), dict | list)]
    path = draw(st.sampled_from(paths))
    parent = _get(doc, path[:-1])
    action = draw(st.sampled_from(["value", "delete", "unknown"]))
    if action == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "unknown" and isinstance(parent, dict) and not csv_safe:
        parent["extra"] = 1
    elif csv_safe and path[-1] == "shares_dwelling":
        parent[path[-1]] = "yes"
    else:
        parent[path[-1]] = draw(st.sampled_from(BAD_CSV if csv_safe else BAD_ANY))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def outcome(fn: Any, *args: Any) -> Any:
    """The arrays (as lists) or the error (class, field, message)."""
    try:
        h = fn(*args)
    except Exception as exc:
        return (type(exc).__name__, getattr(exc, "extra", {}).get("field"), str(exc))
    return {name: np.asarray(getattr(h, name)).tolist() for name in h.__dataclass_fields__}


def _flatten(doc: dict[str, Any]) -> dict[str, Any]:
    """A document as table cells named by JSON path."""
    cells: dict[str, Any] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, f"{path}[{i}]")
        else:
            cells[path] = value
    walk(doc, "")
    return cells


def as_table(docs: list[dict[str, Any]]) -> dict[str, list[Any]]:
    rows = [_flatten(d) for d in docs]
    names = sorted({name for row in rows for name in row})
    return {name: [row.get(name) for row in rows] for name in names}


def as_csv(table: dict[str, list[Any]]) -> io.StringIO:
    def text(v: Any) -> str:
        if v is None:
            return ""
        return ("true" if v else "false") if isinstance(v, bool) else str(v)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table)
    for i in range(len(next(iter(table.values()), []))):
        writer.writerow([text(col[i]) for col in table.values()])
    out.seek(0)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(), min_size=1, max_size=12))
def test_records_give_the_scalar_arrays_and_the_scalar_first_error(docs: list[Any]) -> None:
    assert outcome(batch_from_households, docs, RULES) == outcome(
        batch_from_households_scalar, docs, RULES)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(csv_safe=True), min_size=1, max_size=12))
def test_a_table_and_its_csv_give_the_scalar_arrays_and_first_error(docs: list[Any]) -> None:
    table = as_table(docs)
    # A row stands for the document of its present cells (an empty element has no cells).
    stands_for = [_Table(table).document(i) for i in range(len(docs))]
    want = outcome(batch_from_households_scalar, stands_for, RULES)
    assert outcome(batch_from_table, table, RULES) == want
    assert outcome(batch_from_csv, as_csv(table), RULES) == want


def test_the_error_names_the_row_and_the_field() -> None:
    ok = {"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}]}
    bad = {"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}],
           "children": [{"birth_date": "2024-02-30"}]}
    docs = [ok] * 17 + [bad, {"month": "nope"}]

    with pytest.raises(InvalidHousehold) as err:
        batch_from_households(docs)

    assert err.value.field == "households[17].children[0].birth_date"
    assert "finnes ikke" in err.value.message


def test_a_partner_without_a_birth_date_is_refused_by_row() -> None:
    """A partner living together needs a birth date (members_at_rate): no single rate."""
    docs = [{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}, {}]}]

    with pytest.raises(InvalidHousehold) as err:
        batch_from_households(docs)

    assert err.value.field == "households[0].adults[1].birth_date"


def test_the_adult_age_is_looked_up_once_per_distinct_month(monkeypatch: Any) -> None:
    calls: list[date] = []
    real = columnar_module.adult_age

    def counting(*, rules: Any, on: date) -> int:
        calls.append(on)
        return real(rules=rules, on=on)

    monkeypatch.setattr(columnar_module, "adult_age", counting)
    docs = [{"month": m, "adults": [{"birth_date": "1980-01-01"}]}
            for m in ["2024-03", "2024-04"] * 500]

    batch_from_households(docs)

    assert sorted(calls) == [date(2024, 3, 1), date(2024, 4, 1)]


def test_numpy_columns_give_the_amounts_of_the_documents() -> None:
    docs = [{"month": "2024-03", "kommune": "0301",
             "adults": [{"birth_date": "1980-01-01"}, {"birth_date": "1982-05-05"}],
             "children": [{"birth_date": "2015-06-30", "bosted": "delt"}],
             "housing_costs": {"rent": 9000}},
            {"month": "2022-09", "adults": [{"birth_date": "1990-01-01"}],
             "housing_costs": {"rent": 7000},
             "income": [{"type": "child_benefit", "amount": 1054}]}]
    table = {
        "month": np.array(["2024-03", "2022-09"], dtype="datetime64[M]"),
        "kommune": np.array(["0301", ""]),
        "adults[0].birth_date": np.array(["1980-01-01", "1990-01-01"], dtype="datetime64[D]"),
        "adults[1].birth_date": ["1982-05-05", None],
        "children[0].birth_date": ["2015-06-30", None],
        "children[0].bosted": ["delt", None],
        "housing_costs.rent": np.array([9000, 7000]),
        "income[0].type": [None, "child_benefit"],
        "income[0].amount": [None, 1054],
    }

    got = calculate_batch(households=batch_from_table(table), rules=RULES)
    want = calculate_batch(households=batch_from_households_scalar(docs), rules=RULES)

    assert got.amount.tolist() == want.amount.tolist()


def test_an_adjustment_basis_that_is_no_text_names_the_field() -> None:
    """A list as ``basis`` raised TypeError (a 500) in the scalar parser before."""
    doc = {"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}],
           "individual_assessment": {"reason": "r", "adjustments": [
               {"amount": 5, "reason": "r", "basis": []}]}}

    with pytest.raises(InvalidHousehold) as err:
        parse_household(doc)

    assert err.value.field == "individual_assessment.adjustments[0].basis"
