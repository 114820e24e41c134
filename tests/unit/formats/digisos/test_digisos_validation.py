"""Document detection, reports with JSON paths, and file validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sosialsak.formats.digisos import (
    DocumentKind,
    ValidationIssue,
    ValidationReport,
    detect_document_type,
    detect_fragment,
    resolve_type,
    validate_any,
    validate_document,
    validate_files,
)
from sosialsak.formats.digisos._report import json_path


class TestDetection:
    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            ({"version": "1.0.0", "hendelser": []}, DocumentKind.DIGISOS_SOKER),
            ({"avsender": {}}, DocumentKind.DIGISOS_SOKER),
            ({"klageId": "k", "mottaker": {}}, DocumentKind.KLAGE),
            ({"version": "1.0.0", "data": {}}, DocumentKind.SOKNAD),
            ({"driftsinformasjon": ""}, DocumentKind.SOKNAD),
            ({"vedlegg": []}, DocumentKind.VEDLEGG),
            ({"version": "1.0.0"}, None),
            ([], None),
        ],
    )
    def test_the_kind_is_told_by_the_top_level_fields(
        self, data: Any, kind: DocumentKind | None
    ) -> None:
        assert detect_document_type(data) is kind

    @pytest.mark.parametrize(
        "data",
        [
            {"type": "vedtakFattet", "saksreferanse": "S", "vedlegg": []},
            {"type": "forelopigSvar", "hendelsestidspunkt": "x", "vedlegg": []},
            {"type": "utbetaling", "utbetalingsreferanse": "u", "mottaker": "Utleier AS"},
            {"type": "foobar", "hendelsestidspunkt": "2018-10-04T13:37:00.134Z"},
        ],
    )
    def test_a_hendelse_is_a_fragment_not_a_document(self, data: dict[str, Any]) -> None:
        assert detect_document_type(data) is None
        assert detect_fragment(data) == "digisos/soker/parts/hendelse.json"

    def test_a_hendelse_missing_its_file_is_invalid(self) -> None:
        # Used to be taken for vedlegg.json (it has a "vedlegg" key) and pass.
        report = validate_any({"type": "vedtakFattet", "saksreferanse": "S",
                               "hendelsestidspunkt": "2018-10-04T13:37:00.134Z", "vedlegg": []})

        assert (report.kind, report.fragment) == (None, "digisos/soker/parts/hendelse.json")
        assert [str(i) for i in report.issues] == ["$.vedtaksfil: is required but missing"]
        assert report.lines()[0] == "document (hendelse): INVALID"

    @pytest.mark.parametrize(
        ("data", "schema"),
        [
            ({"systemnavn": "x", "systemversjon": "1"}, "digisos/soker/parts/avsender.json"),
            ({"type": "svarut", "id": "x", "nr": 1}, "digisos/soker/parts/filreferanse.json"),
            ({"kilde": "bruker", "type": "gateadresse"}, "soknad/parts/adresse.json"),
            ({"kilde": "system", "status": "gift"}, "soknad/familie/sivilstatus.json"),
            ("2018-10-04T13:37:00.134Z", "types/tidspunkt.json"),
            ("1.0.0-blabla", "soknad/parts/version.json"),
            ({"kilde": "bruker", "verdi": "1"}, None),
            ({}, None),
        ],
    )
    def test_fragments_are_recognised_only_when_unambiguous(
        self, data: Any, schema: str | None
    ) -> None:
        assert detect_fragment(data) == schema

    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("soknad", DocumentKind.SOKNAD),
            ("digisos/soker/digisos-soker", DocumentKind.DIGISOS_SOKER),
            ("hendelse", "digisos/soker/parts/hendelse.json"),
            ("hendelse/vedtakFattet", "digisos/soker/parts/hendelse/vedtakFattet.json"),
            ("soknad/familie/barn.json", "soknad/familie/barn.json"),
            ("types/tidspunkt", "types/tidspunkt.json"),
        ],
    )
    def test_type_names_resolve(self, name: str, kind: Any) -> None:
        assert resolve_type(name) == kind

    def test_an_unknown_type_lists_the_choices(self) -> None:
        with pytest.raises(ValueError, match=r"unknown type 'hendelsen'.*hendelse/vilkar"):
            resolve_type("hendelsen")

    def test_an_unrecognisable_document_is_invalid_with_a_reason(self) -> None:
        report = validate_document({"hei": 1})

        assert report.kind is None
        assert not report.valid
        assert report.issues[0].path == "$"
        assert "cannot tell which Digisos document" in report.issues[0].reason

    def test_detection_feeds_validation(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][0]["status"] = "SENDT"

        report = validate_document(soker)

        assert report.kind is DocumentKind.DIGISOS_SOKER
        assert [i.path for i in report.issues] == ["$.hendelser[0].status"]


class TestPaths:
    def test_json_path_quotes_keys_that_are_not_identifiers(self) -> None:
        assert json_path(["hendelser", 3, "status"]) == "$.hendelser[3].status"
        assert json_path(["a b", 0]) == "$['a b'][0]"
        assert json_path([]) == "$"

    def test_union_tags_never_leak_into_paths(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][3]["vedtaksfil"]["referanse"]["id"] = "nope"

        (issue,) = validate_document(soker).issues

        assert issue.path == "$.hendelser[3].vedtaksfil.referanse.id"

    def test_a_real_key_that_looks_like_a_tag_is_kept(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][0]["\u00a7x"] = {"a": 1}

        assert validate_document(soker).valid


class TestReport:
    def test_lines_say_ok_or_list_every_issue(self) -> None:
        ok = ValidationReport(DocumentKind.VEDLEGG, (), "v.json")
        bad = ValidationReport(
            DocumentKind.SOKNAD,
            (ValidationIssue("$.version", "is required but missing"),
             ValidationIssue("$.mottaker", "is required but missing")),
            "s.json",
        )

        assert ok.lines() == ["v.json (vedlegg): OK"]
        assert bad.lines() == [
            "s.json (soknad): INVALID",
            "  $.version: is required but missing",
            "  $.mottaker: is required but missing",
        ]

    def test_a_disagreement_with_the_official_schema_is_not_ok(self) -> None:
        report = ValidationReport(
            DocumentKind.VEDLEGG, (), "v.json", (ValidationIssue("$.x", "must be a string"),)
        )

        assert report.valid
        assert report.disagreement
        assert not report.ok
        assert "DISAGREEMENT: our models say valid, the official schema says invalid" in (
            report.lines()[1]
        )


class TestFiles:
    def write(self, tmp_path: Path, name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    def test_each_file_gets_its_own_report(self, tmp_path: Path, soker: dict[str, Any]) -> None:
        good = self.write(tmp_path, "good.json", json.dumps(soker))
        soker["hendelser"][1]["navKontor"] = "031"
        bad = self.write(tmp_path, "bad.json", json.dumps(soker))

        first, second = validate_files([good, bad])

        assert first.ok and first.source == str(good)
        assert not second.ok
        assert [str(i) for i in second.issues] == [
            "$.hendelser[1].navKontor: must be exactly four digits"
        ]

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("{", "not readable JSON"),
            ('{"vedlegg": [], "x": NaN}', "NaN is not allowed"),
        ],
    )
    def test_unreadable_json_is_an_issue_not_a_crash(
        self, tmp_path: Path, text: str, reason: str
    ) -> None:
        (report,) = validate_files([self.write(tmp_path, "x.json", text)])

        assert not report.valid
        assert reason in report.issues[0].reason

    def test_a_missing_file_is_an_issue(self, tmp_path: Path) -> None:
        (report,) = validate_files([tmp_path / "borte.json"])

        assert not report.valid
        assert report.issues[0].path == "$"
