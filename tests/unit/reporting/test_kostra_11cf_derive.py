"""11CF: each programme field derived by its rule (contexts/reporting/derive.record_11cf)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "kostra"
if not (SHARED / "file_description_11CF_2026.yaml").is_file():
    pytest.skip("../shared/kostra is not available", allow_module_level=True)

from sosialsak.contexts.reporting.derive import (  # noqa: E402
    Programme,
    Recipient,
    Recorded,
    code_fields,
    record_11cf,
)
from sosialsak.formats.kostra import check_file, load_layout, write_file  # noqa: E402

LAYOUT = load_layout("11CF", 2026, SHARED)
AVSL = code_fields(LAYOUT, "AVSL_")


def _rec(p: Programme | None, **r: object) -> dict[str, object]:
    rec = Recipient(1, fodselsdato=date(1990, 5, 17), fodselsnummer="17059012345",
                    recorded=Recorded(sivilstand="1", kilde_livsopphold="5",
                                      journalnummer="K-1"), **r)  # type: ignore[arg-type]
    rec.bidrag[2] = 21000
    rec.paid_months.add(3)
    return record_11cf(LAYOUT, rec, p, kommunenummer="4601", bydelsnummer="", avsl=AVSL)


def test_an_ended_programme_reports_its_end() -> None:
    p = Programme(date(2025, 11, 1), date(2025, 11, 20), date(2025, 12, 1),
                  date(2026, 6, 30), "3", ("01", "14"), "01", sosialhjelp_for=True)
    rec = _rec(p)
    assert (rec["REG_DATO"], rec["VEDTAK_DATO"], rec["BEGYNT_DATO"]) == (
        date(2025, 11, 1), date(2025, 11, 20), date(2025, 12, 1))
    assert rec["STATUS"] == "3" and rec["AVSL_DATO"] == date(2026, 6, 30)
    assert (rec["AVSL_ORDINAERTARB"], rec["AVSL_AAP"], rec["AVSL_VIKTIGSTE_INNTEKT"]) == (
        "01", "14", "01")
    assert (rec["YTELSE_SOSHJELP"], rec["YTELSE_TYPE_SOSHJ"]) == ("1", "2")
    assert rec["KVP_MED_ASTONAD"] == "2" and rec["KVP_STONAD"] == 21000
    assert rec["STMND_3"] == "03"
    assert check_file(LAYOUT, write_file(LAYOUT, [rec]), kommunenummer="4601").ready


def test_status_at_year_end() -> None:
    running = Programme(date(2026, 1, 2), date(2026, 1, 10), date(2026, 2, 1))
    assert _rec(running)["STATUS"] == "1" and _rec(running)["AVSL_DATO"] is None
    paused = Programme(date(2026, 1, 2), date(2026, 1, 10), date(2026, 2, 1),
                       avbrutt_ved_arsslutt=True, sosialhjelp_under=True)
    rec = _rec(paused)
    assert rec["STATUS"] == "2"
    assert (rec["KVP_MED_ASTONAD"], rec["KVP_MED_SOSHJ_SUP"]) == ("1", "7")
    ended_next_year = Programme(date(2026, 1, 2), date(2026, 1, 10), date(2026, 2, 1),
                                date(2027, 3, 1), "3")
    assert _rec(ended_next_year)["STATUS"] == "1"


def test_no_programme_leaves_the_dates_blank_for_the_control() -> None:
    rec = _rec(None)
    data = write_file(LAYOUT, [rec])
    assert "002" in check_file(LAYOUT, data, kommunenummer="4601").rules_fired()
