"""The YAML parameters agree with the team's checked reference tables (skipped without them).

The rules never read ``../shared`` at run time; this test reads it only to catch copying errors.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from sosialsak.rules import load_ruleset
from sosialsak.rules.vilkar import KATALOG, UnntakGrunn

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
RATES_MD = SHARED / "reference" / "rates.md"
KOSTRA_11F = SHARED / "kostra" / "file_description_11F_2026.yaml"
COLUMNS = ("enslig", "ektepar_samboere", "bofellesskap", "barn_0_5", "barn_6_10", "barn_11_17")


def _rows(pattern: str) -> list[list[str]]:
    if not RATES_MD.exists():
        pytest.skip("../shared/reference/rates.md is not available")
    rows = []
    for line in RATES_MD.read_text(encoding="utf-8").splitlines():
        if re.match(pattern, line):
            rows.append([c.strip().replace(" ", "").replace("\u00a0", "")
                         for c in line.strip("|").split("|")])
    return rows


def test_every_guideline_rate_matches_rates_md() -> None:
    rules = load_ruleset()
    rows = _rows(r"^\|\s*20\d\d-\d\d-\d\d\s*\|\s*\d")
    rate_rows = [r for r in rows if len(r) == 7]

    assert len(rate_rows) == 10
    for row in rate_rows:
        start = date.fromisoformat(row[0])
        for name, text in zip(COLUMNS, row[1:], strict=True):
            used = rules.value(f"veiledende_satser.livsopphold.{name}", on=start)
            assert (used.as_int(), used.valid_from) == (int(text), start), (name, start)


def test_every_g_matches_rates_md() -> None:
    rules = load_ruleset()
    g_rows = [r for r in _rows(r"^\|\s*20\d\d-05-01\s*\|\s*[\d ]+\|\s*$") if len(r) == 2]

    assert len(g_rows) == 8
    for start, value in g_rows:
        used = rules.value("grunnbelop", on=date.fromisoformat(start))
        assert (used.as_int(), used.valid_from.isoformat()) == (int(value), start)


def _kostra_fields() -> dict[str, list[dict[str, str]]]:
    if not KOSTRA_11F.exists():
        pytest.skip("../shared/kostra/file_description_11F_2026.yaml is not available")
    data = yaml.safe_load(KOSTRA_11F.read_text(encoding="utf-8"))
    return {f["name"]: f["codeList"] for f in data["fields"]}


def test_the_condition_catalogue_matches_the_kostra_11f_vilkar_codes() -> None:
    fields = _kostra_fields()
    kostra = {(name, c["code"], c["value"]) for name, codes in fields.items()
              if name.startswith("VILKAR") and name not in ("VILKARSOSLOV", "VILKARSAMEKT")
              for c in codes}
    ours = {(k.kostra_felt, k.type.value, k.label) for k in KATALOG.values()}

    assert {(f, c) for f, c, _ in ours} == {(f, c) for f, c, _ in kostra}
    labels = {c: v.replace(" ", "") for _, c, v in kostra}
    assert all(labels[c] == label.replace(" ", "") for _, c, label in ours)


def test_the_exemption_reasons_match_the_kostra_11f_vedtak_codes() -> None:
    fields = _kostra_fields()
    kostra = {c["code"]: c["value"] for name in ("VEDTAKARB", "VEDTAKAKT", "VEDTAKHELSE",
                                                   "VEDTAKGRUNN") for c in fields[name]}

    assert {g.value: g.label for g in UnntakGrunn} == kostra
