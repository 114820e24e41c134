"""``sosialsak digisos validate``: OK per file, every error with its path, exit 1 if any fail.

Needs Django settings (a management command) but no database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import django
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "digisos"


@pytest.fixture(autouse=True)
def _django_apps() -> Iterator[None]:
    # Under "-p no:django" nobody loads the apps; the command needs them but no database.
    if not apps.ready:
        if not os.environ.get("DJANGO_SETTINGS_MODULE"):
            pytest.skip("Django settings are not configured")
        django.setup()
    yield


def run(*args: str) -> str:
    out = StringIO()
    call_command("digisos", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_valid_files_print_ok(tmp_path: Path, soker: dict[str, Any],
                              soknad: dict[str, Any]) -> None:
    a = write(tmp_path, "digisos-soker.json", soker)
    b = write(tmp_path, "soknad.json", soknad)

    assert run("validate", a, b).splitlines() == [
        f"{a} (digisos-soker): OK",
        f"{b} (soknad): OK",
    ]


def test_an_invalid_file_prints_every_error_and_fails(tmp_path: Path,
                                                      soker: dict[str, Any]) -> None:
    good = write(tmp_path, "good.json", soker)
    soker["hendelser"][2]["status"] = "AVSLUTTET"
    del soker["avsender"]["systemnavn"]
    bad = write(tmp_path, "bad.json", soker)
    out = StringIO()

    with pytest.raises(CommandError) as err:
        call_command("digisos", "validate", good, bad, stdout=out)

    assert err.value.returncode == 1
    assert "1 of 2 file(s) failed" in str(err.value)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{good} (digisos-soker): OK"
    assert lines[1] == f"{bad} (digisos-soker): INVALID"
    assert "  $.avsender.systemnavn: is required but missing" in lines
    assert any(line.startswith("  $.hendelser[2].status: must be one of") for line in lines)


def test_a_directory_without_schemas_is_refused(tmp_path: Path, soker: dict[str, Any]) -> None:
    with pytest.raises(CommandError) as err:
        run("validate", write(tmp_path, "s.json", soker), "--schemas", str(tmp_path))

    assert err.value.returncode == 2


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as err:
        run("validate", str(tmp_path / "nope.json"))

    assert err.value.returncode == 2 and "finner ikke" in str(err.value)


def test_with_schemas_the_official_verdict_is_reported(tmp_path: Path,
                                                       soker: dict[str, Any]) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/digisos (official schemas) is not available")
    path = write(tmp_path, "s.json", soker)

    assert run("validate", path, "--schemas", str(SHARED / "json")).splitlines() == [
        f"{path} (digisos-soker): OK",
        "  official schema: agrees",
    ]


def test_type_names_the_fragment_and_an_unknown_type_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "barn.json", {"kilde": "bruker", "navn": {
        "fornavn": "", "mellomnavn": "", "etternavn": ""}, "fodselsdato": "2017-01-0"})

    with pytest.raises(CommandError) as bad:
        call_command("digisos", "validate", path, "--type", "soknad/familie/barn",
                     stdout=(out := StringIO()))
    with pytest.raises(CommandError) as unknown:
        run("validate", path, "--type", "barnet")

    assert bad.value.returncode == 1
    assert out.getvalue().splitlines()[:2] == [
        f"{path} (soknad/familie/barn): INVALID",
        "  $.fodselsdato: must be a date written YYYY-MM-DD"]
    assert unknown.value.returncode == 2 and "--type: unknown type 'barnet'" in str(unknown.value)
