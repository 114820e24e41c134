"""``sosialsak risk catalogue`` and ``sosialsak risk rank`` (issue 17, items 1–2)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("risk", *args, stdout=out)
    return out.getvalue()


def test_catalogue_json_lists_51_points_with_coverage() -> None:
    data = json.loads(_run("catalogue", "--format", "json"))
    assert len(data) == 51
    for row in data:
        assert {"number", "area", "short_name", "coverage", "how"} <= row.keys()
        assert row["coverage"] in ("check", "guard", "not_automatable") and row["how"]
    by_number = {r["number"]: r for r in data}
    assert by_number[45]["coverage"] == "guard" and "FERDIGBEHANDLET" in by_number[45]["how"]


def test_catalogue_text() -> None:
    out = _run("catalogue")
    assert "Tilgjengelighet" in out and "51. Ombud" in out


def _csv(tmp_path: Path, name: str, rows: str) -> str:
    path = tmp_path / name
    path.write_text(rows, encoding="utf-8")
    return str(path)


def test_rank_with_ties_and_top(tmp_path: Path) -> None:
    rows = "point,likelihood,consequence\n" + "".join(
        f"{n},{5 if n < 5 else 4},{6 - n if n < 5 else 5 - (n - 5) % 5}\n" for n in range(1, 13))
    path = _csv(tmp_path, "ws.csv", rows)
    data = json.loads(_run("rank", path, "--format", "json"))
    assert len(data) == 12
    ranks = [r["rank"] for r in data]
    assert ranks == sorted(ranks) and ranks[0] == 1
    top3 = json.loads(_run("rank", path, "--top", "3", "--format", "json"))
    assert len(top3) >= 3 and all(r["rank"] <= 3 for r in top3)
    text = _run("rank", path, "--rule", "sum")
    assert "Rang" in text and "Kasteball mellom Nav-kontor" in text


def test_rank_top_ten_returns_eleven_when_two_tie_at_ten(tmp_path: Path) -> None:
    # Scores 25, 20, 20(rank 2), 16, 15, 15, 12, 10, 9, 8, 8 (ranks 10, 10), 4.
    pairs = [(5, 5), (5, 4), (4, 5), (4, 4), (5, 3), (3, 5), (4, 3), (5, 2), (3, 3), (4, 2),
             (2, 4), (2, 2)]
    rows = "".join(f"{n},{a},{b}\n" for n, (a, b) in enumerate(pairs, start=1))
    data = json.loads(_run("rank", _csv(tmp_path, "ws.csv", rows), "--top", "10",
                           "--format", "json"))
    assert len(data) == 11
    assert [r["rank"] for r in data][-2:] == [10, 10]


def test_rank_three_workshops_mean(tmp_path: Path) -> None:
    a = _csv(tmp_path, "a.csv", "21,5,5\n4,4,5\n")
    b = _csv(tmp_path, "b.csv", "21,4,5\n4,4,5\n")
    c = _csv(tmp_path, "c.csv", "19,5,5\n")
    data = json.loads(_run("rank", a, b, c, "--format", "json"))
    assert [(r["rank"], r["point"]) for r in data] == [(1, 21), (2, 4), (3, 19)]
    assert data[0]["score"] == 15


@pytest.mark.parametrize(("rows", "needle"), [
    ("21,5,5\n99,1,1\n", "linje 2, point"),
    ("21,7,5\n", "linje 1, likelihood"),
])
def test_rank_bad_input_exits_2_naming_line_and_field(tmp_path: Path, rows: str,
                                                      needle: str) -> None:
    with pytest.raises(CommandError) as err:
        _run("rank", _csv(tmp_path, "bad.csv", rows))
    assert err.value.returncode == 2 and needle in str(err.value)


def test_rank_missing_file_exits_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as err:
        _run("rank", str(tmp_path / "nope.csv"))
    assert err.value.returncode == 2
