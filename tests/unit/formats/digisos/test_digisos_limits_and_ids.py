"""Bounds and identifiers checked before a Digisos delivery is used (issue 10, items 4, 5, 13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sosialsak.formats.digisos.ids import digisos_id_error, ekstern_ref_error
from sosialsak.formats.digisos.limits import loads_bounded, nesting_depth, value_errors
from sosialsak.kernel.paths import UnsafePath, inside

TODAY = date(2026, 12, 7)


def test_nesting_is_counted_without_recursion_and_ignores_brackets_in_strings() -> None:
    assert nesting_depth(b"[" * 100_000 + b"]" * 100_000) == 100_000
    assert nesting_depth(b'{"a": "[[[[", "b": [1, {"c": "\\"]"}]}') == 3


def test_a_deep_or_huge_file_is_an_error_not_a_crash() -> None:
    assert "nøstet dypere" in (loads_bounded(b"[" * 100_000 + b"]" * 100_000, "s")[1] or "")
    assert "for stor" in (loads_bounded(b" " * 3_000_000, "s")[1] or "")
    assert "ikke gyldig JSON" in (loads_bounded(b'{"a": NaN}', "s")[1] or "")
    assert loads_bounded(b'{"a": [1]}', "s") == ({"a": [1]}, None)


def test_every_value_out_of_bounds_names_its_field() -> None:
    data = {"data": {"navn": {"fornavn": "A" * 201}, "belop": 1e30, "fodselsdato": "1899-12-31",
                     "fom": "2099-01-01", "innsendingstidspunkt": "1999-01-01T00:00:00.0Z",
                     "ok": "2026-01-01", "teller": 3}}

    errors = value_errors(data, "soknad.json", today=TODAY)

    assert [e.split(":")[1].strip() for e in errors] == sorted([
        "$.data.navn.fornavn", "$.data.belop", "$.data.fodselsdato", "$.data.fom",
        "$.data.innsendingstidspunkt"])


@pytest.mark.parametrize("bad", ["../../..", "/etc/passwd", "..", "", "d-1", "a/b",
                                 "7d2c9a4e-0000-4000-8000-00000000000", None, 7])
def test_a_digisos_id_is_a_uuid(bad: object) -> None:
    assert digisos_id_error(bad) is not None
    assert digisos_id_error("7d2c9a4e-0000-4000-8000-000000000001") is None
    assert digisos_id_error("fil-" + "0" * 32) is None


@pytest.mark.parametrize("bad", ["../x", "a b", ".", "-a", "x" * 101, ""])
def test_an_ekstern_ref_is_a_short_token(bad: str) -> None:
    assert ekstern_ref_error(bad) is not None
    assert ekstern_ref_error("110000AB0001") is None


@pytest.mark.parametrize("part", ["..", ".", "", "a/b", "/etc", "a\0b"])
def test_a_path_part_cannot_leave_its_root(tmp_path: Path, part: str) -> None:
    with pytest.raises(UnsafePath):
        inside(tmp_path, part)
    assert inside(tmp_path, "a", "b.pdf") == tmp_path / "a" / "b.pdf"


def test_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "out").symlink_to(tmp_path)
    with pytest.raises(UnsafePath):
        inside(tmp_path / "root", "out")
