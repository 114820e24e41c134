"""KOSTRA 11F/11CF: layout read from SSB's YAML in ../shared, records, encoding, SSB's controls.

Each control is seen to fire on a record broken by hand (specs_felles_sosialtjenesten_2025.md,
felles_posisjonsbaserte_filvedlegg.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sosialsak.formats.kostra import (
    KostraWriteError,
    LayoutMissing,
    check_file,
    decode_line,
    encode_record,
    load_layout,
    write_file,
)
from sosialsak.formats.kostra._layout import kostra_dir

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "kostra"
if not (SHARED / "file_description_11F_2026.yaml").is_file():
    pytest.skip("../shared/kostra (SSB's file descriptions) is not available",
                allow_module_level=True)


def good_11f(**over: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "KOMMUNE_NR": "4601", "VERSION": "26", "FODSELSDATO": date(1990, 5, 17),
        "PERSON_JOURNALNR": "S-12", "PERSON_FODSELSNR": "17059012345", "KJONN": "2",
        "EKTSTAT": "1", "BU18": "1", "ANTBU18": 2, "VKLO": "5", "TRYGDESIT": "01",
        "ARBSIT": "10", "STMND_1": "01", "STMND_2": "02", "BIDRAG": 12000, "LAAN": 500,
        "BIDRAG_JAN": 6000, "BIDRAG_FEB": 6000, "LAAN_FEB": 500, "GITT_OKONOMIRAD": "2",
        "FAAT_INDIVIDUELL_PLAN": "2", "SAKSBEHANDLER": "7", "BOSIT": "1",
        "VILKARSOSLOV": "1", "VILKARSAMEKT": "2", "UTBETDATO": date(2026, 1, 5),
        "UTBETTOMDATO": date(2026, 2, 28), "VILKARJOBBLOG": "06", "SANKSJONRED": "01"}
    rec.update(over)
    return rec


def fnr() -> str:
    """A fødselsnummer with valid check digits (control 005)."""
    from sosialsak.formats.kostra._rules import fnr_valid
    for n in range(100, 1000):
        candidate = f"170590{n:03d}"
        for k in range(100):
            if fnr_valid(candidate + f"{k:02d}"):
                return candidate + f"{k:02d}"
    raise AssertionError


@pytest.fixture
def f11():  # type: ignore[no-untyped-def]
    return load_layout("11F", 2026, SHARED)


@pytest.fixture
def cf():  # type: ignore[no-untyped-def]
    return load_layout("11CF", 2026, SHARED)


def test_record_lengths_come_from_the_yaml_of_each_year() -> None:
    assert load_layout("11F", 2026, SHARED).record_length == 338
    assert load_layout("11F", 2025, SHARED).record_length == 338
    assert load_layout("11CF", 2026, SHARED).record_length == 152
    assert load_layout("11CF", 2025, SHARED).record_length == 152


def test_missing_layout_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LayoutMissing, match="SOSIALSAK_KOSTRA_DIR"):
        load_layout("11F", 2026, tmp_path)


def test_the_directory_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOSIALSAK_KOSTRA_DIR", str(tmp_path))
    assert kostra_dir() == tmp_path
    monkeypatch.delenv("SOSIALSAK_KOSTRA_DIR")
    assert kostra_dir().resolve() == SHARED.resolve()


def test_fields_are_placed_where_the_layout_says(f11) -> None:  # type: ignore[no-untyped-def]
    line = encode_record(f11, good_11f(PERSON_FODSELSNR=fnr()))
    assert len(line) == 338
    assert line[0:4] == "4601" and line[4:6] == "26" and line[6:8] == "  "
    assert line[8:16] == "17051990"
    assert line[f11.field("BIDRAG").slice] == "  12000"  # integers right-aligned
    assert line[f11.field("PERSON_JOURNALNR").slice] == "S-12    "  # text left-aligned
    assert decode_line(f11, line)["VILKARJOBBLOG"] == "06"


def test_the_file_is_iso_8859_1_one_record_a_line(f11) -> None:  # type: ignore[no-untyped-def]
    data = write_file(f11, [good_11f(PERSON_JOURNALNR="Ø-1"), good_11f(PERSON_JOURNALNR="Å-2")])
    assert data.count(b"\n") == 2
    assert b"\xd8-1" in data and b"\xc5-2" in data  # Ø and Å, one byte each
    assert all(len(line) == 338 for line in data.split(b"\n")[:-1])


def test_no_records_is_one_space(f11) -> None:  # type: ignore[no-untyped-def]
    assert write_file(f11, []) == b" "
    assert check_file(f11, b" ", kommunenummer="4601").ready


def test_writer_refuses_a_code_not_in_the_list(f11) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KostraWriteError, match="EKTSTAT"):
        encode_record(f11, good_11f(EKTSTAT="9"))
    with pytest.raises(KostraWriteError, match="ukjente felt"):
        encode_record(f11, good_11f(NOPE="1"))


def test_a_good_record_passes(f11) -> None:  # type: ignore[no-untyped-def]
    report = check_file(f11, write_file(f11, [good_11f(PERSON_FODSELSNR=fnr())]),
                        kommunenummer="4601")
    assert report.findings == ()
    assert report.ready


def _broken(layout, name: str, text: str, base: dict[str, object]) -> bytes:  # type: ignore[no-untyped-def]
    line = list(encode_record(layout, base))
    f = layout.field(name)
    line[f.slice] = list(text.ljust(f.size)[: f.size])
    return ("".join(line) + "\n").encode("iso-8859-1")


@pytest.mark.parametrize(("name", "text", "rule"), [
    ("KOMMUNE_NR", "0301", "003"),
    ("BYDELSNR", "01", "003"),
    ("VERSION", "25", "004"),
    ("FODSELSDATO", "31021990", "004A"),
    ("PERSON_FODSELSNR", "12345678901", "005"),
    ("KJONN", "3", "008"),
    ("EKTSTAT", "7", "009"),
    ("BU18", " ", "010"),
    ("ANTBU18", " 0", "011"),
    ("ANTBU18", "14", "013"),
    ("ANTBU18", "x1", "002"),
    ("SAKSBEHANDLER", " ", "002"),
    ("UTBETDATO", "99999999", "002"),
    ("SANKSJONRED", "07", "002"),
    ("VKLO", "0", "K014"),
    ("TRYGDESIT", "03", "K022"),
    ("ARBSIT", "99", "K025"),
    ("GITT_OKONOMIRAD", "3", "K032"),
    ("FAAT_INDIVIDUELL_PLAN", " ", "K033"),
    ("BOSIT", "9", "K035"),
    ("VILKARSOSLOV", " ", "K039"),
    ("VILKARSAMEKT", "3", "K040"),
    ("LAAN", "      0", "K037"),
    ("BIDRAG_JAN", "   6001", "K036"),
    ("UTBETDATO", "        ", "K041"),
    ("UTBETTOMDATO", "        ", "K042"),
    ("VILKARJOBBLOG", "  ", "K043"),
])
def test_each_rule_fires_on_a_record_broken_by_hand(f11, name: str, text: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    report = check_file(f11, _broken(f11, name, text, good_11f(PERSON_FODSELSNR=fnr())),
                        kommunenummer="4601")
    assert rule in report.rules_fired(), report.findings
    assert report.findings[0].line == 1 and report.findings[0].journalnr == "S-12"


def test_012_children_counted_but_none_said(f11) -> None:  # type: ignore[no-untyped-def]
    data = write_file(f11, [good_11f(BU18="2", ANTBU18=3)])
    assert "012" in check_file(f11, data, kommunenummer="4601").rules_fired()


def test_months_and_sums(f11) -> None:  # type: ignore[no-untyped-def]
    rec = good_11f(STMND_1=None, STMND_2=None, BIDRAG=0, LAAN=0, BIDRAG_JAN=None,
                   BIDRAG_FEB=None, LAAN_FEB=None)
    report = check_file(f11, write_file(f11, [rec]), kommunenummer="4601")
    assert {"K026", "K027"} <= report.rules_fired()
    assert not report.ready


def test_oslo_needs_a_bydel(f11) -> None:  # type: ignore[no-untyped-def]
    ok = write_file(f11, [good_11f(KOMMUNE_NR="0301", BYDELSNR="05", PERSON_FODSELSNR=fnr())])
    assert check_file(f11, ok, kommunenummer="0301", bydelsnummer="05").ready
    bad = write_file(f11, [good_11f(KOMMUNE_NR="0301", PERSON_FODSELSNR=fnr())])
    assert "003" in check_file(f11, bad, kommunenummer="0301").rules_fired()


def test_001_wrong_length_is_fatal_and_stops_the_rest(f11) -> None:  # type: ignore[no-untyped-def]
    line = encode_record(f11, good_11f())
    report = check_file(f11, (line[:-1] + "\n").encode("iso-8859-1"), kommunenummer="4601")
    assert [f.rule for f in report.findings] == ["001"]
    assert report.findings[0].severity == "FATAL" and not report.ready
    tab = check_file(f11, (line[:-1] + "\t\n").encode("iso-8859-1"), kommunenummer="4601")
    assert tab.rules_fired() == {"001"}
    crlf = check_file(f11, (line + "\r\n").encode("iso-8859-1"), kommunenummer="4601")
    assert crlf.rules_fired() == {"001"}


def test_000_empty_file_is_fatal(f11) -> None:  # type: ignore[no-untyped-def]
    assert check_file(f11, b"", kommunenummer="4601").rules_fired() == {"000"}


def test_duplicate_journal_numbers(f11) -> None:  # type: ignore[no-untyped-def]
    data = write_file(f11, [good_11f(PERSON_FODSELSNR=fnr())] * 2)
    report = check_file(f11, data, kommunenummer="4601")
    assert report.rules_fired() == {"K005B"} and report.ready  # a warning


def good_11cf(**over: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "KOMMUNE_NR": "4601", "VERSION": "26", "FODSELSDATO": date(1990, 5, 17),
        "PERSON_JOURNALNR": "K-1", "PERSON_FODSELSNR": fnr(), "KJONN": "1", "EKTSTAT": "1",
        "BU18": "2", "REG_DATO": date(2025, 11, 1), "VEDTAK_DATO": date(2025, 11, 20),
        "BEGYNT_DATO": date(2025, 12, 1), "KVP_KOMM": "2", "YTELSE_SOSHJELP": "1",
        "YTELSE_TYPE_SOSHJ": "2", "KVP_MED_ASTONAD": "2", "STMND_1": "01", "KVP_STONAD": 21000,
        "STATUS": "3", "AVSL_DATO": date(2026, 6, 30), "AVSL_ORDINAERTARB": "01",
        "AVSL_VIKTIGSTE_INNTEKT": "01", "SAKSBEHANDLER": "7"}
    rec.update(over)
    return rec


def test_11cf_record_and_rules(cf) -> None:  # type: ignore[no-untyped-def]
    data = write_file(cf, [good_11cf()])
    assert len(data) == 153
    assert check_file(cf, data, kommunenummer="4601").findings == ()
    bad = write_file(cf, [good_11cf(AVSL_DATO=None, VEDTAK_DATO=date(2025, 10, 1))])
    assert {"S02", "S03"} <= check_file(cf, bad, kommunenummer="4601").rules_fired()
    assert "002" in check_file(cf, _broken(cf, "STATUS", "9", good_11cf()),
                               kommunenummer="4601").rules_fired()
