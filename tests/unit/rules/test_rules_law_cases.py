"""Run every YAML law case in ``src/sosialsak/rules/cases`` (OpenFisca-style)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from sosialsak.rules.lawcases import LawCase, load_cases, mismatches

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}:{c.name}" for c in CASES])
def test_law_case(case: LawCase) -> None:
    problems = mismatches(case)

    assert problems == [], f"{case.file}: {case.name} ({case.reference})"


class TestTheCaseCollection:
    def test_has_at_least_forty_hand_written_cases_covering_every_rule(self) -> None:
        kinds = Counter(c.kind for c in CASES)

        assert len(CASES) >= 40
        assert set(kinds) == {"livsopphold", "frist", "kvp_sats", "kvp_maaned",
                              "kvp_inngangsvilkar", "kvp_programlengde", "aktivitetsplikt",
                              "kvp_vurdert", "norskopplaering", "reduksjon",
                              "livsopphold_periode", "kvp_periode"}

    def test_every_case_names_where_its_figure_comes_from(self) -> None:
        assert all(c.reference for c in CASES)

    def test_a_wrong_expectation_is_reported(self) -> None:
        case = next(c for c in CASES if c.kind == "livsopphold")
        wrong = replace(case, expect={**case.expect, "amount": case.expect["amount"] + 1})

        assert mismatches(wrong) != []

    def test_an_expected_key_the_rule_does_not_produce_is_reported(self) -> None:
        case = next(c for c in CASES if c.kind == "frist")
        wrong = replace(case, expect={"no_such_output": 1})

        assert mismatches(wrong) == ["no_such_output: expected 1, got '<missing>'"]
