"""The livsopphold rule in OpenFisca-core, for the benchmark only (optional extra ``bench``).

The same rule as ``rules.calculate_batch``: adult rate by household type (or an under-18
override), child rates by age band on the month's first day, capped housing costs, income by
the dated "counts as income" parameters, adjustments, never below 0, rounded half up. The
parameters are taken from our ruleset (each kommune's table, resolved per breakpoint, as the
batch does) into an OpenFisca ``ParameterNode``; each month is one OpenFisca simulation.

Input build (timed): from the same household JSON documents, persons and households as
OpenFisca wants them (ids, roles, ``set_input`` arrays), grouped by month. It reads the
values as they stand (no validation), which is what OpenFisca's bulk input does.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date
from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.model_api import MONTH, Variable
from openfisca_core.parameters import ParameterNode
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from sosialsak.rules import Ruleset
from sosialsak.rules.batch import _build
from sosialsak.rules.household import HOUSING_COSTS, INCOME_TYPES

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)
Household = build_entity(key="household", plural="households", label="Household", roles=[
    {"key": "adult", "plural": "adults", "label": "Adult", "max": 2},
    {"key": "child", "plural": "children", "label": "Child"}])
RATES = ("enslig", "ektepar_samboere", "bofellesskap", "barn_0_5", "barn_6_10", "barn_11_17")
TABLES = (0, 301, 4601, 1103)  # the bench's kommuner (0 = state rates)


def _int_var(name: str, entity: Any, default: int = 0) -> type[Variable]:
    return type(name, (Variable,), {"value_type": int, "entity": entity,
                                    "definition_period": MONTH, "default_value": default,
                                    "label": name})


def _packed(period: Any) -> int:
    return int(period.start.year) * 10000 + int(period.start.month) * 100 + 1


def _by_table(table: np.ndarray, p: Any, leaf: str) -> np.ndarray:
    return np.select([table == t for t in range(len(TABLES))],
                     [p[f"k{t}"][leaf] for t in range(len(TABLES))])


class child_rate(Variable):  # OpenFisca: the class name is the variable name
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Child rate (kroner)"

    def formula(person, period, parameters):  # type: ignore[no-untyped-def]
        p = parameters(period).livsopphold
        table = person.household("table_index", period)
        age = np.maximum((_packed(period) - person("birth", period)) // 10000, 0)
        rates = [_by_table(table, p, r) for r in RATES[3:]]
        b1, b2, top = (_by_table(table, p, b) for b in ("band_2", "band_3", "top"))
        rate = np.where(age < b1, rates[0], np.where(age < b2, rates[1], rates[2]))
        return np.where(age <= top, rate, 0)


class livsopphold(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Livsopphold (kroner)"

    def formula(household, period, parameters):  # type: ignore[no-untyped-def]
        p = parameters(period).livsopphold
        table = household("table_index", period)
        adults = household("adults_count", period)
        shares = household("shares_dwelling", period)
        adult = np.where(adults == 2, _by_table(table, p, "ektepar_samboere"),
                         np.where(shares, _by_table(table, p, "bofellesskap"),
                                  _by_table(table, p, "enslig")))
        override = household("override", period)
        adult = np.where(override >= 0, override, adult)
        children = household.sum(household.members("child_rate", period),
                                 role=Household.CHILD)
        norm = (adult + children).astype(np.int64)
        housing = sum(np.minimum(household(f"housing_{j}", period),
                                 _by_table(table, p, f"cap_{j}")).astype(np.int64)
                      for j in range(len(HOUSING_COSTS)))
        income = sum(household(f"income_{j}", period)
                     * _by_table(table, p, f"counts_{j}").astype(np.int64)
                     for j in range(len(INCOME_TYPES)))
        need = norm * 100 + housing + household("adjust", period)
        return (np.maximum(need - income, 0) + 50) // 100


def system(rules: Ruleset) -> TaxBenefitSystem:
    tbs = TaxBenefitSystem([Person, Household])
    tbs.add_variable(_int_var("birth", Person))
    for name in ("table_index", "adults_count", "adjust",
                 *(f"housing_{j}" for j in range(len(HOUSING_COSTS))),
                 *(f"income_{j}" for j in range(len(INCOME_TYPES)))):
        tbs.add_variable(_int_var(name, Household))
    tbs.add_variable(_int_var("override", Household, -1))
    tbs.add_variable(type("shares_dwelling", (Variable,), {
        "value_type": bool, "entity": Household, "definition_period": MONTH, "label": "s"}))
    tbs.add_variable(child_rate)
    tbs.add_variable(livsopphold)
    tbs.parameters = ParameterNode("", data={"livsopphold": _parameters(rules)})
    return tbs


def _parameters(rules: Ruleset) -> dict[str, Any]:
    kommuner = [None if k == 0 else f"{k:04d}" for k in TABLES]
    tab = _build(rules, [k for k in kommuner if k is None or k in rules.municipal])
    present = [k for k in kommuner if k is None or k in rules.municipal]
    data: dict[str, Any] = {}
    for t, kommune in enumerate(kommuner):
        index = present.index(kommune) if kommune in present else 0
        rows = np.flatnonzero(tab.table == index)
        leaves: dict[str, list[Any]] = defaultdict(list)
        for r in rows:
            packed = int(tab.keys[r] % 100_000_000)
            day = date(packed // 10000, packed // 100 % 100, packed % 100).isoformat()
            values = {**{n: int(v) for n, v in zip(RATES, tab.rates[r], strict=True)},
                      **{f"cap_{j}": float(c) for j, c in enumerate(tab.caps[r])},
                      **{f"counts_{j}": int(c) for j, c in enumerate(tab.counts[r])},
                      "band_2": int(tab.bands[r][0]), "band_3": int(tab.bands[r][1]),
                      "top": int(tab.bands[r][2])}
            for leaf, value in values.items():
                leaves[leaf].append((day, value))
        data[f"k{t}"] = {leaf: {"values": {d: {"value": v} for d, v in pairs}}
                         for leaf, pairs in leaves.items()}
    return data


def _ore(value: Any) -> int:
    return int(value * 100)


def _packed_date(text: str) -> int:
    return int(text[:4]) * 10000 + int(text[5:7]) * 100 + int(text[8:10])


def build_inputs(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Group the documents by month into OpenFisca's arrays (persons, roles, inputs)."""
    table_of = {None: 0, **{f"{k:04d}": t for t, k in enumerate(TABLES) if k}}
    groups: dict[str, dict[str, Any]] = {}
    housing_names = [c.value for c in HOUSING_COSTS]
    income_at = {t.value: j for j, t in enumerate(INCOME_TYPES)}
    for row, doc in enumerate(records):
        g = groups.get(doc["month"])
        if g is None:
            g = groups[doc["month"]] = defaultdict(list)
        g["row"].append(row)
        adults = doc["adults"]
        for person in adults:
            g["birth"].append(_packed_date(person["birth_date"]))
            g["role"].append("adult")
            g["member_of"].append(row)
        for child in doc.get("children", ()):
            if child.get("bosted", "fast").lower() != "samvaer":
                g["birth"].append(_packed_date(child["birth_date"]))
                g["role"].append("child")
                g["member_of"].append(row)
        g["table_index"].append(table_of.get(doc.get("kommune"), 0))
        g["adults_count"].append(len(adults))
        g["shares_dwelling"].append(doc.get("shares_dwelling", False))
        costs = doc.get("housing_costs", {})
        for j, name in enumerate(housing_names):
            g[f"housing_{j}"].append(_ore(costs.get(name, 0)))
        income = [0] * len(INCOME_TYPES)
        for item in doc.get("income", ()):
            income[income_at[item["type"]]] += _ore(item["amount"])
        for j, value in enumerate(income):
            g[f"income_{j}"].append(value)
        assessment = doc.get("individual_assessment")
        g["adjust"].append(sum(_ore(a["amount"]) for a in assessment.get("adjustments", ()))
                           if assessment else 0)
        minor = doc.get("under_18_assessment")
        g["override"].append(int(minor["amount"]) if minor else -1)
    return {month: {k: np.asarray(v) for k, v in g.items()} for month, g in groups.items()}


def simulations(tbs: TaxBenefitSystem, groups: dict[str, dict[str, Any]]) -> list[Any]:
    out = []
    for month, g in groups.items():
        sb = SimulationBuilder()
        sb.create_entities(tbs)
        sb.declare_person_entity("person", np.arange(g["birth"].size))
        household = sb.declare_entity("household", g["row"])
        sb.join_with_persons(household, g["member_of"], g["role"])
        sim = sb.build(tbs)
        for name, values in g.items():
            if name not in ("row", "role", "member_of"):
                sim.set_input(name, month, values)
        out.append((month, g["row"], sim))
    return out


def run(records: list[dict[str, Any]], rules: Ruleset, ours: np.ndarray
        ) -> tuple[float, float, int]:
    """Return OpenFisca's input build and compute time and its mismatches against ``ours``."""
    tbs = system(rules)
    start = time.perf_counter()
    sims = simulations(tbs, build_inputs(records))
    input_s = time.perf_counter() - start
    start = time.perf_counter()
    amounts = np.empty(len(records), dtype=np.int64)
    for month, rows, sim in sims:
        amounts[rows] = sim.calculate("livsopphold", month)
    compute_s = time.perf_counter() - start
    return input_s, compute_s, int((amounts != ours).sum())
