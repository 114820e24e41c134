"""``sosialsak calculate --soknad``: the household of a Digisos application, calculated."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.digisos_samples import soknad_json


def test_a_soknad_is_calculated_for_the_given_month(db, tmp_path) -> None:
    path = tmp_path / "soknad.json"
    path.write_text(json.dumps(soknad_json()))
    out = io.StringIO()

    call_command("calculate", "--soknad", str(path), "--month", "2024-03", stdout=out)

    result = json.loads(out.getvalue())
    # Applicant born 1990 (enslig 7 850) + children aged 8 (3 950) and 3 (3 850), 2024 rates;
    # rent 9 500 + electricity 900; barnetrygd is not counted after 2022-09-01.
    assert result["norm"] == 7850 + 3950 + 3850
    assert result["housing"] == 9500 + 900
    assert result["income_counted"] == 0
    assert result["amount"] == 7850 + 3950 + 3850 + 9500 + 900
    assert result["rate_set_from"] == "2024-01-01"


def test_a_bad_month_is_named(db, tmp_path) -> None:
    path = tmp_path / "soknad.json"
    path.write_text(json.dumps(soknad_json()))

    with pytest.raises(CommandError, match="--month") as err:
        call_command("calculate", "--soknad", str(path), "--month", "mars", stdout=io.StringIO())
    assert err.value.returncode == 2


def test_an_invalid_soknad_gives_exit_2_with_the_path(db, tmp_path) -> None:
    path = tmp_path / "soknad.json"
    path.write_text(json.dumps({"version": "1.0.0"}))

    with pytest.raises(CommandError, match=r"\$\.data") as err:
        call_command("calculate", "--soknad", str(path), stdout=io.StringIO())
    assert err.value.returncode == 2


@pytest.mark.parametrize(("content", "reason"), [
    (b"[" * 100_000 + b"]" * 100_000, "nøstet dypere"),  # the parser would recurse to a crash
    (b'{"x": "' + b"a" * 2_100_000 + b'"}', "for stor"),
    (b'{"belop": NaN}', "ikke gyldig JSON"),
])
def test_a_hostile_soknad_is_refused_with_the_intake_bounds(
    db, tmp_path, content: bytes, reason: str
) -> None:
    # The same bounds as Digisos intake (formats.digisos.limits.loads_bounded).
    path = tmp_path / "soknad.json"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=reason) as err:
        call_command("calculate", "--soknad", str(path), stdout=io.StringIO())
    assert err.value.returncode == 2 and str(err.value).startswith("--soknad:")
