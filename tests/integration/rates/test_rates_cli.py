"""``sosialsak calculate`` and ``sosialsak rates`` through Django's call_command."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sosialsak.contexts.rates.operations import RateSetInput, register_rate_set

EXAMPLE = {
    "month": "2024-03", "kommune": "0301",
    "adults": [{"birth_date": "1990-04-01"}, {"birth_date": "1992-01-15"}],
    "shares_dwelling": False,
    "children": [{"birth_date": "2015-06-30"}],
    "housing_costs": {"rent": 9000, "electricity": 800, "municipal_fees": 0, "insurance": 0},
    "income": [{"type": "salary", "amount": 5000}, {"type": "child_benefit", "amount": 1766}],
}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, doc: Any) -> str:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def register_oslo_test_rates() -> None:
    register_rate_set(data=RateSetInput(  # fictional test figures
        valid_from=date(2024, 1, 1), reference="Testvedtak", kommunenummer="0301", enslig=8000,
        ektepar_samboere=13500, bofellesskap=7000, barn_0_5=4000, barn_6_10=4100,
        barn_11_17=5300, tak_husleie=8500), actor=None, now=datetime(2024, 1, 2, tzinfo=UTC))


class TestCalculate:
    def test_prints_the_result_as_json(self, db: Any, tmp_path: Path) -> None:
        out = json.loads(run("calculate", "--household", write(tmp_path, EXAMPLE)))

        assert (out["amount"], out["norm"], out["housing"], out["income_counted"]) == (
            21850, 17050, 9800, 5000)
        assert out["rate_set_from"] == "2024-01-01" and out["lines"][0]["value"] == 13100

    def test_reads_standard_input(self, db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(EXAMPLE)))

        assert json.loads(run("calculate", "--household", "-"))["amount"] == 21850

    def test_uses_the_municipalitys_registered_rates(self, db: Any, tmp_path: Path) -> None:
        register_oslo_test_rates()

        out = json.loads(run("calculate", "--household", write(tmp_path, EXAMPLE)))

        # 13 500 + 4 100 + min(9 000, 8 500) + 800 − 5 000
        assert out["amount"] == 21900 and out["rate_set_source"] == "kommune 0301"

    def test_explain_prints_the_caseworker_and_applicant_text(
        self, db: Any, tmp_path: Path
    ) -> None:
        text = run("calculate", "--household", write(tmp_path, EXAMPLE), "--explain")

        assert "sosialtjenesteloven § 18 · veiledende_satser.livsopphold.ektepar_samboere" in text
        assert "For søkeren:" in text and "Du får 21 850 kroner" in text

    @pytest.mark.parametrize(("doc", "field"), [
        ({**EXAMPLE, "pets": 1}, "pets"),
        ({**EXAMPLE, "month": "2018-12"}, "month"),
        ({**EXAMPLE, "income": [{"type": "salary", "amount": -5}]}, "income[0].amount"),
        ({**EXAMPLE, "income": [{"type": "gift", "amount": 5}]}, "income[0].type"),
        ({**EXAMPLE, "children": [{"birth_date": "2015-6-30"}]}, "children[0].birth_date"),
    ])
    def test_bad_input_exits_with_2_naming_the_field(
        self, db: Any, tmp_path: Path, doc: Any, field: str
    ) -> None:
        with pytest.raises(CommandError) as err:
            run("calculate", "--household", write(tmp_path, doc))

        assert err.value.returncode == 2
        assert str(err.value).startswith(f"{field}:")

    @pytest.mark.parametrize("raw", ["1e400", "1" * 30, "9" * 5000, "NaN", "-Infinity"])
    def test_an_absurd_amount_exits_with_2_naming_the_field(
        self, db: Any, tmp_path: Path, raw: str
    ) -> None:
        path = tmp_path / "household.json"
        path.write_text('{"month": "2024-03", "adults": [{"birth_date": "1980-01-01"}], '
                        '"housing_costs": {"rent": ' + raw + '}}', encoding="utf-8")

        with pytest.raises(CommandError) as err:
            run("calculate", "--household", str(path))

        assert err.value.returncode == 2
        assert str(err.value).startswith("housing_costs.rent:")

    def test_an_applicant_under_18_is_refused(self, db: Any, tmp_path: Path) -> None:
        doc = {"month": "2024-03", "adults": [{"birth_date": "2020-01-01"}]}

        with pytest.raises(CommandError) as err:
            run("calculate", "--household", write(tmp_path, doc))

        assert err.value.returncode == 2
        assert str(err.value).startswith("adults[0].birth_date:") and "18 år" in str(err.value)

    def test_month_is_refused_with_household(self, db: Any, tmp_path: Path) -> None:
        with pytest.raises(CommandError) as err:
            run("calculate", "--household", write(tmp_path, EXAMPLE), "--month", "2024-05")

        assert err.value.returncode == 2
        assert str(err.value).startswith("--month:") and "month" in str(err.value)

    def test_the_help_says_month_is_for_soknad_only(self) -> None:
        from sosialsak.interfaces.cli.management.commands.calculate import Command

        text = " ".join(Command().create_parser("sosialsak", "calculate").format_help().split())

        assert "bare med --soknad" in text

    def test_a_missing_file_exits_with_2(self, db: Any, tmp_path: Path) -> None:
        with pytest.raises(CommandError, match="--household") as err:
            run("calculate", "--household", str(tmp_path / "nope.json"))

        assert err.value.returncode == 2


class TestRates:
    def test_prints_the_state_rates_and_g_in_force(self, db: Any) -> None:
        text = run("rates", "--date", "2023-08-15")

        assert "Satssett fra 2023-07-01" in text and "7 550 kr" in text
        assert "Grunnbeløpet (G): 118 620 kr fra 2023-05-01" in text

    def test_shows_a_municipalitys_own_rates_and_caps(self, db: Any) -> None:
        register_oslo_test_rates()

        data = json.loads(run("rates", "--date", "2024-03-01", "--kommune", "0301", "--json"))

        assert data["rates"]["enslig"] == 8000 and data["housing_caps"]["husleie"] == 8500
        assert data["rate_set_source"] == "kommune 0301"

    def test_warns_when_the_rates_may_be_out_of_date(self, db: Any) -> None:
        data = json.loads(run("rates", "--date", "2025-06-01", "--json"))

        assert data["stale"] is True and data["rate_set_from"] == "2024-01-01"
        assert data["grunnbelop"]["value"] == 130160

    @pytest.mark.parametrize(("args", "field"), [
        (("--date", "2024-02-30"), "--date"),
        (("--date", "1.3.2024"), "--date"),
        (("--date", "2100-01-01"), "2000–2099"),  # the CLI's one date type (cli/args.case_date)
        (("--date", "2024-03-01", "--kommune", "30"), "--kommune"),
    ])
    def test_bad_input_exits_with_2(self, db: Any, args: tuple[str, ...], field: str) -> None:
        with pytest.raises(CommandError) as err:
            run("rates", *args)

        assert err.value.returncode == 2 and field in str(err.value)

    @pytest.mark.parametrize("day", ["2018-12-31", "1900-01-01"])
    def test_a_date_before_the_rates_names_date_and_the_first_date(
        self, db: Any, day: str
    ) -> None:
        with pytest.raises(CommandError) as err:
            run("rates", "--date", day)

        assert err.value.returncode == 2
        assert str(err.value).startswith("--date:") and "2019-01-01" in str(err.value)
        assert "veiledende_satser" not in str(err.value)


def test_the_apps_rules_apply_the_configured_commencement(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sosialsak.contexts.rates.queries import current_ruleset
    from sosialsak.rules import klagefrist

    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", "LOV-2025-06-20-81=2027-01-01")  # test date
    rules = current_ruleset()

    assert rules.hjemmel("fvl.klagefrist", on=date(2026, 12, 31)).section == "§ 29"
    assert rules.hjemmel("fvl.klagefrist", on=date(2027, 1, 1)).section == "§ 63"
    assert "§ 63" in klagefrist(kom_fram=date(2027, 3, 1), rules=rules).hjemmel
