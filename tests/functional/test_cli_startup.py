"""Issue 13 (start-up): a CLI call does not pay for what it does not use.

``rates`` loads neither the decisions' operations (the payment ports live in the light
``decisions.ports``: ``interfaces.wiring``) nor the URLconf (its system checks leave out the URL
checks: ``interfaces/cli/checks.py``), and the ports are still in place when a decision needs
them. Each case runs in a fresh interpreter, as a real call does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import io, json, sys
from contextlib import redirect_stdout, redirect_stderr
from sosialsak.interfaces.cli.main import main
with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
    main(["rates", "--date", "2024-03-01", "--json"])
loaded = {name: name in sys.modules for name in (
    "sosialsak.contexts.decisions.operations", "sosialsak.config.urls",
    "sosialsak.contexts.digisos.importer")}
from sosialsak.contexts.decisions import ports as _ports
loaded["ports"] = [bool(p) for p in (_ports._planner, _ports._replacer, _ports._annuller,
                                     _ports._stopper)]
print(json.dumps(loaded))
"""


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "sosialsak.config.settings",
                               "PYTHONPATH": str(ROOT / "src"), **env},
                          cwd=ROOT, check=False, timeout=120)


def test_rates_loads_neither_the_decisions_nor_the_urlconf_and_the_ports_are_wired(
    tmp_path: Path,
) -> None:
    out = _run(PROBE, DATABASE_URL=f"sqlite:///{tmp_path / 'none.sqlite3'}")

    assert out.returncode == 0, out.stderr[-2000:]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"sosialsak.contexts.decisions.operations": False,
                      "sosialsak.config.urls": False,
                      "sosialsak.contexts.digisos.importer": False,
                      "ports": [True, True, True, True]}


@pytest.mark.parametrize("command", [["rates", "--date", "2024-03-01"],
                                     ["calculate", "--household", "-"]])
def test_a_malformed_commencement_still_stops_the_quick_commands(
    tmp_path: Path, command: list[str]
) -> None:
    code = f"from sosialsak.interfaces.cli.main import main; main({command!r})"
    out = _run(code, DATABASE_URL=f"sqlite:///{tmp_path / 'none.sqlite3'}",
               SOSIALSAK_IKRAFTTREDELSER="LOV-2099-01-01-1=2027-01-01")

    assert out.returncode != 0
    assert "SOSIALSAK_IKRAFTTREDELSER: LOV-2099-01-01-1" in out.stderr
