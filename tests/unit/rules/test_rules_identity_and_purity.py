"""Identity numbers through ``sosialsak.rules.identity``, and the rules' purity."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.identity import (
    parse_fodselsnummer,
    parse_kontonummer,
    parse_organisasjonsnummer,
)

RULES_DIR = Path(__file__).resolve().parents[3] / "src" / "sosialsak" / "rules"


class TestIdentity:
    def test_a_fodselsnummer_and_a_d_nummer_are_accepted(self) -> None:
        assert not parse_fodselsnummer("15076500565").is_d_nummer
        assert parse_fodselsnummer("55076500559").is_d_nummer

    def test_a_kontonummer_with_a_wrong_check_digit_is_refused_naming_the_field(self) -> None:
        assert parse_kontonummer("8601 11 17947") == "86011117947"
        with pytest.raises(ValidationFailed, match=r"utbetaling\.kontonummer: kontrollsifferet"):
            parse_kontonummer("86011117948", field="utbetaling.kontonummer")

    def test_an_organisasjonsnummer_is_checked(self) -> None:
        assert parse_organisasjonsnummer("974 760 673") == "974760673"
        with pytest.raises(ValidationFailed, match="9 siffer"):
            parse_organisasjonsnummer("12345")


class TestPurity:
    def test_importing_the_rules_does_not_import_django(self) -> None:
        code = ("import sys, sosialsak.rules, sosialsak.rules.lawcases; "
                "print([m for m in sys.modules if m.split('.')[0] == 'django'])")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={"PYTHONPATH": str(RULES_DIR.parents[1])})

        assert out.stdout.strip() == "[]"

    def test_the_rules_never_read_the_clock(self) -> None:
        for path in RULES_DIR.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            calls = {f"{n.func.value.id}.{n.func.attr}" for n in ast.walk(tree)
                     if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                     and isinstance(n.func.value, ast.Name)}
            assert not calls & {"date.today", "datetime.now", "datetime.today", "time.time"}, path

    def test_no_module_is_much_longer_than_three_hundred_lines(self) -> None:
        for path in RULES_DIR.rglob("*.py"):
            assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path
