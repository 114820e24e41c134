"""The Noark 5 package (issue 18 item 6): what it holds, and the structural check that
stands in for the Noark 5 XSD (none can be had as a package; docs/archive.md)."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sosialsak.formats.noark5 import (
    Dokument,
    Mappe,
    Registrering,
    Uttrekk,
    check_package,
    pdf_format,
    write_package,
)
from sosialsak.formats.noark5.build import NS

T = datetime(2024, 3, 4, 9, 30, tzinfo=UTC)
PDFA = (b"%PDF-1.7\n<x:xmpmeta><rdf:Description pdfaid:part=\"2\" pdfaid:conformance=\"A\"/>"
        b"</x:xmpmeta>\n%%EOF\n")
PLAIN = b"%PDF-1.4\n% a scanned attachment\n%%EOF\n"


def _package(tmp_path: Path) -> Path:
    letter = Dokument("11111111-1111-4111-8111-111111111111", "Vedtak om økonomisk stønad", PDFA,
                      T, pdf_format(PDFA), dokumenttype="Vedtak")
    scan = Dokument("22222222-2222-4222-8222-222222222222", "Vedlegg: kontoutskrift", PLAIN, T,
                    pdf_format(PLAIN), tilknyttet="Vedlegg")
    mappe = Mappe("33333333-3333-4333-8333-333333333333", "42", "Søknad om økonomisk stønad",
                  T, T, (Registrering("r1", "Vedtak", T, (letter,)),
                         Registrering("r2", "Vedlegg", T, (scan,))))
    folder, _ = write_package(Uttrekk("44444444-4444-4444-8444-444444444444",
                                      "1201 NAV Årstad", T, (mappe,)), tmp_path, "pakke")
    return folder


def test_a_package_holds_the_hierarchy_documents_checksums_and_metadata(tmp_path: Path) -> None:
    folder = _package(tmp_path)

    assert check_package(folder) == []
    root = ET.parse(folder / "arkivstruktur.xml").getroot()
    path = "/".join(f"{{{NS}}}{t}" for t in ("arkivdel", "mappe", "registrering",
                                              "dokumentbeskrivelse", "dokumentobjekt"))
    objects = root.findall(path)
    assert len(objects) == 2
    first = objects[0]
    ref = first.findtext(f"{{{NS}}}referanseDokumentfil")
    assert ref == "dokumenter/11111111-1111-4111-8111-111111111111.pdf"
    assert first.findtext(f"{{{NS}}}sjekksum") == hashlib.sha256(PDFA).hexdigest()
    assert first.findtext(f"{{{NS}}}format") == "PDF/A-2a"
    assert root.find(f"{{{NS}}}arkivdel/{{{NS}}}mappe/{{{NS}}}mappeID").text == "42"  # type: ignore[union-attr]
    manifest = (folder / "manifest-sha256.txt").read_text()
    assert f"{hashlib.sha256((folder / 'arkivstruktur.xml').read_bytes()).hexdigest()}  " \
           "arkivstruktur.xml" in manifest


@pytest.mark.parametrize(("damage", "expected"), [
    ("changed document", "sjekksummen for dokumenter/"),
    ("missing document", "mangler"),
    ("extra document", "dokumenter/extra.pdf er ikke nevnt"),
    ("changed arkivstruktur", "sjekksummen for arkivstruktur.xml stemmer ikke"),
    ("missing element", "mappe mangler mappeID"),
    ("doctype", "DOCTYPE"),
    ("plain pdf said to be pdf/a", "er ikke PDF/A"),
])
def test_the_check_finds_a_damaged_package(tmp_path: Path, damage: str, expected: str) -> None:
    folder = _package(tmp_path)
    doc = folder / "dokumenter" / "11111111-1111-4111-8111-111111111111.pdf"
    struktur = folder / "arkivstruktur.xml"
    if damage == "changed document":
        doc.write_bytes(PDFA + b"x")
    elif damage == "missing document":
        doc.unlink()
    elif damage == "extra document":
        (folder / "dokumenter" / "extra.pdf").write_bytes(PLAIN)
    elif damage == "changed arkivstruktur":
        struktur.write_bytes(struktur.read_bytes().replace(b"NAV \xc3\x85rstad", b"NAV X"))
    elif damage == "missing element":
        struktur.write_bytes(struktur.read_bytes().replace(b"<mappeID>42</mappeID>", b""))
    elif damage == "doctype":
        struktur.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]>'
                             + struktur.read_bytes().split(b"?>", 1)[1])
    else:
        doc.write_bytes(PLAIN)
    errors = check_package(folder)
    assert any(expected in e for e in errors), errors


def test_pdf_format_reads_the_pdfa_identification() -> None:
    assert pdf_format(PDFA) == "PDF/A-2a"
    assert pdf_format(PLAIN) == "PDF"
    assert pdf_format(b"GIF89a") == "ukjent"


def test_a_document_path_outside_the_package_is_refused(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    struktur = folder / "arkivstruktur.xml"
    struktur.write_bytes(struktur.read_bytes().replace(
        b"dokumenter/11111111-1111-4111-8111-111111111111.pdf", b"dokumenter/../../etc"))
    assert any("ugyldig filsti" in e or "ligger ikke" in e for e in check_package(folder))
