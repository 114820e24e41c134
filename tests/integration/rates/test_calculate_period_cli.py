"""``sosialsak calculate --to`` (every month on its own), the household of a soknad through the
rules' one definition, and ``calculate``/``rates`` without a database (issue 11)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.digisos_samples import soknad_json

# Single adult, child born 2017-12-15 (5 until 2023-12, 6 from 2024-01); the 2024 rates apply
# from January: 7 550 + 3 700 = 11 250 (Nov, Dec 2023); 7 850 + 3 950 = 11 800 (Jan, Feb 2024).
PERIOD = {"month": "2023-11", "adults": [{"birth_date": "1990-04-01"}],
          "children": [{"birth_date": "2017-12-15"}]}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path: Path, doc: Any, name: str = "household.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


class TestPeriod:
    def test_each_month_is_calculated_on_its_own_with_the_same_contract(
        self, db: Any, tmp_path: Path
    ) -> None:
        """Issue 11 item 2: the child's age band and the rate set of each month (§ 18)."""
        out = json.loads(run("calculate", "--household", write(tmp_path, PERIOD),
                             "--to", "2024-02"))

        assert [m["amount"] for m in out["months"]] == [11250, 11250, 11800, 11800]
        assert out["total"] == 46100
        assert [m["month"] for m in out["months"]] == ["2023-11", "2023-12", "2024-01",
                                                      "2024-02"]
        single = json.loads(run("calculate", "--household", write(tmp_path, PERIOD)))
        assert out["months"][0] == single  # the same JSON per month as without --to

    def test_explain_prints_every_month(self, db: Any, tmp_path: Path) -> None:
        text = run("calculate", "--household", write(tmp_path, PERIOD), "--to", "2024-01",
                   "--explain")

        assert "== 2023-11 ==" in text and "== 2024-01 ==" in text
        assert "Sum for perioden: 34 300 kr" in text

    @pytest.mark.parametrize("to", ["2023-10", "2023-13", "nov"])
    def test_a_bad_or_early_to_exits_with_2(self, db: Any, tmp_path: Path, to: str) -> None:
        with pytest.raises(CommandError) as err:
            run("calculate", "--household", write(tmp_path, PERIOD), "--to", to)

        assert err.value.returncode == 2 and str(err.value).startswith("--to:")

    def test_a_month_outside_the_case_range_names_the_range(self, db: Any,
                                                            tmp_path: Path) -> None:
        with pytest.raises(CommandError) as err:
            run("calculate", "--household", write(tmp_path, PERIOD), "--to", "9999-01")

        assert err.value.returncode == 2 and "2000–2099" in str(err.value)


class TestSoknadHousehold:
    def test_a_partner_without_birth_date_stops_the_calculation_naming_the_field(
        self, db: Any, tmp_path: Path
    ) -> None:
        """Issue 11 item 3: never the single-person rate for a couple (§ 18, ektepar rate)."""
        doc = soknad_json()
        doc["data"]["familie"]["sivilstatus"] = {
            "kilde": "bruker", "status": "gift", "borSammenMed": True,
            "ektefelle": {"navn": {"fornavn": "Ola", "mellomnavn": "", "etternavn": "D"}}}

        with pytest.raises(CommandError) as err:
            run("calculate", "--soknad", write(tmp_path, doc, "soknad.json"),
                "--month", "2024-03")

        assert err.value.returncode == 2
        assert str(err.value).startswith("familie.sivilstatus.ektefelle.fodselsdato:")

    def test_a_child_on_samvaer_gets_no_child_rate(self, db: Any, tmp_path: Path) -> None:
        """R35: a child who visits is not a member; samvær costs are assessed individually."""
        doc = soknad_json()
        ansvar = doc["data"]["familie"]["forsorgerplikt"]["ansvar"]
        ansvar[1]["borSammenMed"] = {"kilde": "bruker", "verdi": False}
        ansvar[1]["harDeltBosted"] = {"kilde": "bruker", "verdi": False}

        out = json.loads(run("calculate", "--soknad", write(tmp_path, doc, "soknad.json"),
                             "--month", "2024-03"))

        assert out["norm"] == 7850 + 3950  # the 3-year-old on samvær is not counted
        assert "SAMVAER_IKKE_VURDERT" in {f["code"] for f in out["flags"]}
        assert "DELT_BOSTED" not in {f["code"] for f in out["flags"]}


ROOT = Path(__file__).resolve().parents[3]


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none' / 'db.sqlite3'}"}
    (tmp_path / "none").mkdir(exist_ok=True)
    main = "import sys; from sosialsak.interfaces.cli.main import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", main, *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


class TestWithoutDatabase:
    """A fresh checkout, no migrate: the shipped state rates, and a note that no municipal set
    was read (issue 11, CLI)."""

    def test_calculate_and_rates_use_the_shipped_state_rates(self, tmp_path: Path) -> None:
        doc = {**PERIOD, "kommune": "0301"}
        calc = cli(tmp_path, "calculate", "--household", write(tmp_path, doc), "--to", "2024-02")
        rates = cli(tmp_path, "rates", "--date", "2026-03-01")

        assert calc.returncode == 0, calc.stderr
        assert json.loads(calc.stdout)["total"] == 46100
        assert rates.returncode == 0, rates.stderr
        for done in (calc, rates):
            assert "ingen kommunale satssett er lest" in done.stderr
        assert "eldre enn 2026-03" in rates.stdout and "2024-01-01" in rates.stdout
