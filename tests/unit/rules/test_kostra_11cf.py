"""The KOSTRA 11CF codes shipped as data equal SSB's file description (../shared); skipped
when the shared folder is not there."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sosialsak.rules.kostra_kvp import UTFALL_KODER, kodeverk_11cf

SHARED = Path(__file__).resolve().parents[4] / "shared" / "kostra" / \
    "file_description_11CF_2026.yaml"


def _fields() -> dict[str, list[dict[str, str]]]:
    if not SHARED.exists():
        pytest.skip("../shared/kostra is not here")
    data = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    return {f["name"]: f.get("codeList") or [] for f in data["fields"]}


def test_status_codes_equal_the_file_description() -> None:
    fields = _fields()
    assert [(k.code, k.text) for k in kodeverk_11cf().status] == [
        (c["code"], c["value"]) for c in fields["STATUS"]]


def test_every_situation_after_code_fills_its_field() -> None:
    fields = _fields()
    for kode in kodeverk_11cf().situasjon_etter:
        assert [(c["code"], c["value"]) for c in fields[kode.field]] == [(kode.code, kode.text)]
    main = {c["code"] for c in fields["AVSL_VIKTIGSTE_INNTEKT"]}
    assert main == {k.code for k in kodeverk_11cf().situasjon_etter}


def test_every_referral_outcome_code_is_a_situation_after_code() -> None:
    codes = {k.code for k in kodeverk_11cf().situasjon_etter}
    assert {c for cs in UTFALL_KODER.values() for c in cs} <= codes
    assert kodeverk_11cf().reporting_year == 2026
