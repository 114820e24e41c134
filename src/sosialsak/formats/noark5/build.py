"""Write a Noark 5 arkivuttrekk-shaped package for one or more case folders.

The package, in a folder of its own::

    arkivstruktur.xml     arkiv > arkivdel > mappe > registrering > dokumentbeskrivelse >
                          dokumentobjekt (namespace of Noark 5 arkivstruktur), each
                          dokumentobjekt with its file's SHA-256 and size
    arkivuttrekk.xml      the package metadata (ADDML-shaped): who made it, from which system,
                          the period, the number of each object, and arkivstruktur.xml's SHA-256
    dokumenter/<id>.pdf   the documents (the letters are PDF/A-2a as rendered)
    manifest-sha256.txt   every file's SHA-256, one line each ("<sum>  <path>")

No Noark 5 XSD can be had as a package, so ``check.check_package`` checks the structure the
schema would (docs/archive.md). File names come from our own ids only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sosialsak.kernel.paths import inside

NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
NS_ADDML = "http://www.arkivverket.no/standarder/addml"
NOARK_VERSION = "5.0"
SYSTEM = "sosialsak"


@dataclass(frozen=True)
class Dokument:
    system_id: str  # a UUID: names the file too
    tittel: str
    innhold: bytes
    opprettet: datetime
    format: str  # "PDF/A-2a", "PDF", or the file's type
    filendelse: str = "pdf"
    tilknyttet: str = "Hoveddokument"  # tilknyttetRegistreringSom
    dokumenttype: str = "Brev"


@dataclass(frozen=True)
class Registrering:
    system_id: str
    tittel: str
    opprettet: datetime
    dokumenter: tuple[Dokument, ...]


@dataclass(frozen=True)
class Mappe:
    system_id: str
    mappe_id: str  # the saksnummer
    tittel: str
    opprettet: datetime
    avsluttet: datetime
    registreringer: tuple[Registrering, ...]


@dataclass(frozen=True)
class Uttrekk:
    uttrekk_id: str
    arkivskaper: str  # the office's name and number (an organisation, not a person)
    laget: datetime
    mapper: tuple[Mappe, ...]
    arkiv_tittel: str = "Sosialtjenesten i NAV-kontoret"
    arkivdel_tittel: str = "Saker om økonomisk stønad"
    kommentar: str = field(default="")

    @property
    def periode(self) -> tuple[date, date]:
        return (min(m.opprettet for m in self.mapper).date(),
                max(m.avsluttet for m in self.mapper).date())


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _ts(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def document_path(d: Dokument) -> str:
    return f"dokumenter/{d.system_id}.{d.filendelse}"


def arkivstruktur(u: Uttrekk) -> bytes:
    ET.register_namespace("", NS)
    arkiv = ET.Element(f"{{{NS}}}arkiv")
    _sub(arkiv, "systemID", u.uttrekk_id)
    _sub(arkiv, "tittel", u.arkiv_tittel)
    _sub(arkiv, "arkivstatus", "Avsluttet")
    _sub(arkiv, "opprettetDato", _ts(u.laget))
    _sub(arkiv, "opprettetAv", SYSTEM)
    skaper = _sub(arkiv, "arkivskaper")
    _sub(skaper, "arkivskaperID", u.arkivskaper.split(" ")[0])
    _sub(skaper, "arkivskaperNavn", u.arkivskaper)
    del_ = _sub(arkiv, "arkivdel")
    _sub(del_, "systemID", f"{u.uttrekk_id}-arkivdel")
    _sub(del_, "tittel", u.arkivdel_tittel)
    _sub(del_, "arkivdelstatus", "Avsluttet periode")
    _sub(del_, "opprettetDato", _ts(u.laget))
    _sub(del_, "opprettetAv", SYSTEM)
    start, slutt = u.periode
    _sub(del_, "arkivperiodeStartDato", start.isoformat())
    _sub(del_, "arkivperiodeSluttDato", slutt.isoformat())
    for m in u.mapper:
        mappe = _sub(del_, "mappe")
        _sub(mappe, "systemID", m.system_id)
        _sub(mappe, "mappeID", m.mappe_id)
        _sub(mappe, "tittel", m.tittel)
        _sub(mappe, "opprettetDato", _ts(m.opprettet))
        _sub(mappe, "opprettetAv", SYSTEM)
        _sub(mappe, "avsluttetDato", _ts(m.avsluttet))
        _sub(mappe, "avsluttetAv", SYSTEM)
        for r in m.registreringer:
            reg = _sub(mappe, "registrering")
            _sub(reg, "systemID", r.system_id)
            _sub(reg, "opprettetDato", _ts(r.opprettet))
            _sub(reg, "opprettetAv", SYSTEM)
            _sub(reg, "arkivertDato", _ts(u.laget))
            _sub(reg, "arkivertAv", SYSTEM)
            _sub(reg, "tittel", r.tittel)
            for nr, d in enumerate(r.dokumenter, start=1):
                besk = _sub(reg, "dokumentbeskrivelse")
                _sub(besk, "systemID", f"{d.system_id}-beskrivelse")
                _sub(besk, "dokumenttype", d.dokumenttype)
                _sub(besk, "dokumentstatus", "Dokumentet er ferdigstilt")
                _sub(besk, "tittel", d.tittel)
                _sub(besk, "opprettetDato", _ts(d.opprettet))
                _sub(besk, "opprettetAv", SYSTEM)
                _sub(besk, "tilknyttetRegistreringSom", d.tilknyttet)
                _sub(besk, "dokumentnummer", str(nr))
                _sub(besk, "tilknyttetDato", _ts(d.opprettet))
                _sub(besk, "tilknyttetAv", SYSTEM)
                obj = _sub(besk, "dokumentobjekt")
                _sub(obj, "versjonsnummer", "1")
                _sub(obj, "variantformat", "Arkivformat")
                _sub(obj, "format", d.format)
                _sub(obj, "opprettetDato", _ts(d.opprettet))
                _sub(obj, "opprettetAv", SYSTEM)
                _sub(obj, "referanseDokumentfil", document_path(d))
                _sub(obj, "sjekksum", hashlib.sha256(d.innhold).hexdigest())
                _sub(obj, "sjekksumAlgoritme", "SHA256")
                _sub(obj, "filstoerrelse", str(len(d.innhold)))
    ET.indent(arkiv)
    return ET.tostring(arkiv, encoding="utf-8", xml_declaration=True)


def counts(u: Uttrekk) -> dict[str, int]:
    regs = [r for m in u.mapper for r in m.registreringer]
    return {"mappe": len(u.mapper), "registrering": len(regs),
            "dokumentobjekt": sum(len(r.dokumenter) for r in regs)}


def arkivuttrekk(u: Uttrekk, struktur: bytes) -> bytes:
    """The package metadata, shaped as ADDML's dataset > reference > context / content."""
    ET.register_namespace("", NS_ADDML)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{NS_ADDML}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{NS_ADDML}}}addml")
    dataset = sub(root, "dataset", name=u.uttrekk_id)
    ref = sub(dataset, "reference")
    ctx = sub(ref, "context")
    props = sub(ctx, "additionalElements")
    for name, value in (("uttrekkID", u.uttrekk_id), ("arkivskaper", u.arkivskaper),
                        ("system", SYSTEM), ("noarkVersjon", NOARK_VERSION),
                        ("uttrekkDato", _ts(u.laget)),
                        ("periodeStart", u.periode[0].isoformat()),
                        ("periodeSlutt", u.periode[1].isoformat())):
        sub(props, "additionalElement", value, name=name)
    content = sub(ref, "content")
    files = sub(content, "additionalElements")
    fil = sub(files, "additionalElement", name="arkivstruktur.xml")
    sub(fil, "property", "XML", name="format")
    sub(fil, "property", "SHA256", name="checksumAlgorithm")
    sub(fil, "property", hashlib.sha256(struktur).hexdigest(), name="checksumValue")
    for name, number in counts(u).items():
        sub(fil, "property", str(number), name=f"antall:{name}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_package(u: Uttrekk, root: Path, folder: str) -> tuple[Path, str]:
    """Write the package to ``root/folder`` (which must not exist yet); return the folder and
    arkivstruktur.xml's SHA-256."""
    target = inside(root, folder)
    target.mkdir(parents=True, exist_ok=False)
    docs = inside(target, "dokumenter")
    docs.mkdir()
    files: dict[str, bytes] = {}
    for m in u.mapper:
        for r in m.registreringer:
            for d in r.dokumenter:
                _write(inside(docs, f"{d.system_id}.{d.filendelse}"), d.innhold)
                files[document_path(d)] = d.innhold
    struktur = arkivstruktur(u)
    _write(inside(target, "arkivstruktur.xml"), struktur)
    meta = arkivuttrekk(u, struktur)
    _write(inside(target, "arkivuttrekk.xml"), meta)
    files["arkivstruktur.xml"] = struktur
    files["arkivuttrekk.xml"] = meta
    manifest = "".join(f"{hashlib.sha256(b).hexdigest()}  {name}\n"
                       for name, b in sorted(files.items()))
    _write(inside(target, "manifest-sha256.txt"), manifest.encode("ascii"))
    return target, hashlib.sha256(struktur).hexdigest()
