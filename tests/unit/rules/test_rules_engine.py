"""The parameter engine: dated lookup, errors, staleness, overlays and legal references."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from sosialsak.rules import ParameterNotFound, RateSet, load_ruleset
from sosialsak.rules.engine.parameters import UpdateCycle, parse_parameter
from sosialsak.rules.engine.ruleset import PARAMETER_DIR
from sosialsak.rules.errors import InvalidParameterFile, InvalidRateSet

ENSLIG = "veiledende_satser.livsopphold.enslig"


def rate_set(**overrides: object) -> RateSet:
    values: dict[str, object] = dict(
        valid_from=date(2025, 1, 1), reference="TESTDATA", enslig=8200,
        ektepar_samboere=13700, bofellesskap=6900, barn_0_5=4000, barn_6_10=4100,
        barn_11_17=5350)
    values.update(overrides)
    return RateSet(**values)  # type: ignore[arg-type]


class TestDatedLookup:
    def test_a_value_applies_from_its_start_date_until_the_next(self) -> None:
        rules = load_ruleset()

        assert rules.integer(ENSLIG, on=date(2023, 6, 30)) == 6850
        assert rules.integer(ENSLIG, on=date(2023, 7, 1)) == 7550

    def test_the_value_carries_its_start_date_and_reference(self) -> None:
        used = load_ruleset().value(ENSLIG, on=date(2024, 3, 1))

        assert used.valid_from == date(2024, 1, 1)
        assert "regjeringen.no" in used.reference and "A-3/2023" in used.source

    def test_no_value_raises_an_error_naming_the_parameter_and_date(self) -> None:
        with pytest.raises(ParameterNotFound) as err:
            load_ruleset().value("grunnbelop", on=date(2019, 4, 30))

        assert "grunnbelop" in err.value.message and "2019-04-30" in err.value.message
        assert err.value.extra == {"parameter": "grunnbelop", "date": "2019-04-30"}

    def test_an_unknown_parameter_is_named(self) -> None:
        with pytest.raises(ParameterNotFound, match="finnes_ikke"):
            load_ruleset().value("finnes_ikke", on=date(2024, 1, 1))

    def test_g_changes_on_1_may(self) -> None:
        rules = load_ruleset()

        assert rules.integer("grunnbelop", on=date(2024, 4, 30)) == 118620
        assert rules.integer("grunnbelop", on=date(2024, 5, 1)) == 124028


class TestStaleness:
    def test_the_newest_guideline_rate_is_stale_from_the_next_1_january(self) -> None:
        rules = load_ruleset()

        assert not rules.value(ENSLIG, on=date(2024, 12, 31)).stale
        stale = rules.value(ENSLIG, on=date(2025, 1, 1))
        assert stale.stale and stale.expected_update == date(2025, 1, 1)

    def test_an_older_value_is_never_stale(self) -> None:
        assert not load_ruleset().value(ENSLIG, on=date(2023, 12, 1)).stale

    def test_g_is_stale_from_the_next_1_may(self) -> None:
        rules = load_ruleset()

        assert not rules.value("grunnbelop", on=date(2027, 4, 30)).stale
        assert rules.value("grunnbelop", on=date(2027, 5, 1)).stale

    def test_a_mid_year_change_expects_the_next_update_on_1_january(self) -> None:
        assert UpdateCycle(1, 1).next_after(date(2023, 7, 1)) == date(2024, 1, 1)
        assert UpdateCycle(5, 1).next_after(date(2024, 5, 1)) == date(2025, 5, 1)


class TestOverlays:
    def test_a_registered_state_set_extends_the_state_timeline(self) -> None:
        rules = load_ruleset().with_rate_sets([rate_set()])

        assert rules.integer(ENSLIG, on=date(2024, 12, 1)) == 7850
        assert rules.integer(ENSLIG, on=date(2025, 1, 1)) == 8200
        assert not rules.value(ENSLIG, on=date(2025, 6, 1)).stale

    def test_an_older_registered_state_set_does_not_hide_a_newer_yaml_value(self) -> None:
        rules = load_ruleset().with_rate_sets([rate_set(valid_from=date(2023, 3, 1))])

        assert rules.integer(ENSLIG, on=date(2023, 4, 1)) == 8200
        assert rules.integer(ENSLIG, on=date(2023, 7, 1)) == 7550

    def test_a_municipal_set_takes_precedence_only_in_its_municipality(self) -> None:
        rules = load_ruleset().with_rate_sets(
            [rate_set(valid_from=date(2023, 3, 1), kommunenummer="0301", enslig=8000)])

        assert rules.integer(ENSLIG, on=date(2023, 8, 1), kommune="0301") == 8000
        assert rules.integer(ENSLIG, on=date(2023, 8, 1), kommune="4601") == 7550
        assert rules.integer(ENSLIG, on=date(2023, 2, 1), kommune="0301") == 6850
        assert rules.value(ENSLIG, on=date(2023, 8, 1), kommune="0301").layer == "kommune 0301"

    def test_the_baseline_is_not_changed_by_deriving_a_rule_set(self) -> None:
        load_ruleset().with_rate_sets([rate_set()])

        assert load_ruleset().integer(ENSLIG, on=date(2025, 1, 1)) == 7850

    def test_a_rate_set_without_a_reference_is_refused_naming_the_field(self) -> None:
        with pytest.raises(InvalidRateSet) as err:
            load_ruleset().with_rate_sets([rate_set(reference=" ")])

        assert err.value.extra["field"] == "reference"

    def test_a_negative_rate_is_refused_naming_the_rate(self) -> None:
        with pytest.raises(InvalidRateSet, match="barn_6_10"):
            load_ruleset().with_rate_sets([rate_set(barn_6_10=-1)])

    def test_two_sets_from_the_same_date_are_refused(self) -> None:
        with pytest.raises(InvalidRateSet, match="samme dato"):
            load_ruleset().with_rate_sets([rate_set(), rate_set(enslig=9000)])


class TestLegalReferences:
    def test_the_1967_act_applies_until_the_new_act_has_a_commencement_date(self) -> None:
        rules = load_ruleset()

        assert rules.hjemmel("fvl.forelopig_svar", on=date(2030, 1, 1)).text == (
            "forvaltningsloven § 11 a")

    def test_a_commencement_date_given_as_data_switches_every_number(self) -> None:
        rules = load_ruleset().with_commencements({"LOV-2025-06-20-81": date(2026, 7, 1)})

        assert rules.hjemmel("fvl.forelopig_svar", on=date(2026, 6, 30)).section == "§ 11 a"
        assert rules.hjemmel("fvl.forelopig_svar", on=date(2026, 7, 1)).section == "§ 17"
        assert rules.hjemmel("fvl.klagefrist", on=date(2026, 7, 1)).section == "§ 63"
        assert rules.hjemmel("fvl.begrunnelse_innhold", on=date(2026, 7, 1)).section == "§ 57"

    def test_an_unknown_topic_is_named(self) -> None:
        with pytest.raises(ParameterNotFound, match=r"hjemler\.sotjl\.finnes_ikke"):
            load_ruleset().hjemmel("sotjl.finnes_ikke", on=date(2024, 1, 1))


class TestParameterFiles:
    def test_every_value_in_every_file_has_a_reference(self) -> None:
        for path in PARAMETER_DIR.rglob("*.yaml"):
            if path.parent.name == "hjemler":
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for start, entry in data["values"].items():
                assert entry.get("reference"), f"{path.name} {start}"

    def test_a_value_without_a_reference_is_refused(self) -> None:
        with pytest.raises(InvalidParameterFile, match="reference"):
            parse_parameter("x", {"values": {date(2024, 1, 1): {"value": 1}}})

    def test_floats_are_refused_in_parameters(self) -> None:
        with pytest.raises(InvalidParameterFile, match="float"):
            parse_parameter("x", {"values": {date(2024, 1, 1): {"value": 1.5,
                                                                 "reference": "r"}}})

    def test_the_parameter_directory_is_inside_the_package(self) -> None:
        assert Path(PARAMETER_DIR).is_dir() and "sosialsak/rules" in PARAMETER_DIR.as_posix()
