"""The structural check of a Noark 5 package made by ``build`` (issue 18 item 6).

No Noark 5 XSD (arkivstruktur.xsd, metadatakatalog.xsd) is published as a Python or npm
package, so instead of validating against the schema this checks what the schema and the
package rules require of our packages (docs/archive.md):

- arkivstruktur.xml parses, has the Noark 5 namespace and the hierarchy arkiv > arkivdel >
  mappe > registrering > dokumentbeskrivelse > dokumentobjekt, each with its required
  elements, in the schema's order for the elements we write;
- every dokumentobjekt names a file inside dokumenter/, which exists, whose SHA-256 and size
  match, and every file in dokumenter/ is named by one dokumentobjekt;
- a document said to be PDF/A carries the PDF/A identification in its metadata;
- arkivuttrekk.xml holds arkivstruktur.xml's SHA-256 and the right number of each object;
- manifest-sha256.txt lists every file with its SHA-256.

Returns a list of errors (empty when the package is sound).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from sosialsak.formats.noark5.build import NS, NS_ADDML
from sosialsak.kernel.paths import UnsafePath, inside

REQUIRED: dict[str, tuple[str, ...]] = {
    "arkiv": ("systemID", "tittel", "arkivstatus", "opprettetDato", "opprettetAv",
              "arkivskaper", "arkivdel"),
    "arkivdel": ("systemID", "tittel", "arkivdelstatus", "opprettetDato", "opprettetAv"),
    "mappe": ("systemID", "mappeID", "tittel", "opprettetDato", "opprettetAv", "avsluttetDato"),
    "registrering": ("systemID", "opprettetDato", "opprettetAv", "arkivertDato", "arkivertAv",
                     "tittel", "dokumentbeskrivelse"),
    "dokumentbeskrivelse": ("systemID", "dokumenttype", "dokumentstatus", "tittel",
                            "opprettetDato", "opprettetAv", "tilknyttetRegistreringSom",
                            "dokumentnummer", "dokumentobjekt"),
    "dokumentobjekt": ("versjonsnummer", "variantformat", "format", "referanseDokumentfil",
                       "sjekksum", "sjekksumAlgoritme", "filstoerrelse"),
}
CHILD = {"arkiv": "arkivdel", "arkivdel": "mappe", "mappe": "registrering",
         "registrering": "dokumentbeskrivelse", "dokumentbeskrivelse": "dokumentobjekt"}
_PDFA = re.compile(rb"pdfaid:part(?:>|=\")\s*(\d)")
_PDFA_LEVEL = re.compile(rb"pdfaid:conformance(?:>|=\")\s*([ABUabu])")
MAX_XML_BYTES = 50_000_000


def pdf_format(content: bytes) -> str:
    """"PDF/A-<part><level>" when the file declares PDF/A in its XMP metadata, else "PDF"
    (or "ukjent" for a file that is not a PDF)."""
    if not content.startswith(b"%PDF-"):
        return "ukjent"
    part = _PDFA.search(content)
    if not part:
        return "PDF"
    level = _PDFA_LEVEL.search(content)
    return f"PDF/A-{part.group(1).decode()}{level.group(1).decode().lower() if level else ''}"


def _local(tag: str) -> str:
    return tag.split("}", 1)[1] if "}" in tag else tag


def _check_element(el: ET.Element, where: str, errors: list[str]) -> None:
    name = _local(el.tag)
    if el.tag != f"{{{NS}}}{name}":
        errors.append(f"{where}: {name} har ikke Noark 5-navnerommet")
    children = [_local(c.tag) for c in el]
    for required in REQUIRED.get(name, ()):
        if required not in children:
            errors.append(f"{where}: {name} mangler {required}")
    for c in el:
        if len(c) == 0 and c.text is not None and not c.text.strip() and _local(c.tag) in \
                REQUIRED.get(name, ()):
            errors.append(f"{where}: {name}/{_local(c.tag)} er tom")
    child = CHILD.get(name)
    if child:
        for i, sub in enumerate(el.findall(f"{{{NS}}}{child}")):
            _check_element(sub, f"{where}/{child}[{i + 1}]", errors)


def _read_xml(path: Path, errors: list[str]) -> ET.Element | None:
    if not path.is_file():
        errors.append(f"{path.name} mangler")
        return None
    if path.stat().st_size > MAX_XML_BYTES:
        errors.append(f"{path.name} er for stor")
        return None
    raw = path.read_bytes()
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # our packages never have one
        errors.append(f"{path.name} har en DOCTYPE eller ENTITY, som ikke er tillatt")
        return None
    try:
        # No DTD and no entities (refused above), so expat has nothing to expand.
        return ET.fromstring(raw)  # noqa: S314
    except ET.ParseError as exc:
        errors.append(f"{path.name} er ikke gyldig XML ({exc.position})")
        return None


def check_package(folder: Path) -> list[str]:
    errors: list[str] = []
    root = _read_xml(folder / "arkivstruktur.xml", errors)
    if root is None:
        return errors
    if root.tag != f"{{{NS}}}arkiv":
        return [*errors, "arkivstruktur.xml: rotelementet er ikke Noark 5 arkiv"]
    _check_element(root, "arkiv", errors)
    referenced: set[str] = set()
    objects = root.findall(f".//{{{NS}}}dokumentobjekt")
    for i, obj in enumerate(objects, start=1):
        ref = obj.findtext(f"{{{NS}}}referanseDokumentfil") or ""
        parts = ref.split("/")
        if len(parts) != 2 or parts[0] != "dokumenter":
            errors.append(f"dokumentobjekt {i}: referanseDokumentfil {ref[:80]!r} ligger ikke "
                          "i dokumenter/")
            continue
        try:
            path = inside(folder, *parts)
        except UnsafePath:
            errors.append(f"dokumentobjekt {i}: ugyldig filsti {ref[:80]!r}")
            continue
        referenced.add(ref)
        if not path.is_file():
            errors.append(f"dokumentobjekt {i}: {ref} mangler")
            continue
        content = path.read_bytes()
        if obj.findtext(f"{{{NS}}}sjekksumAlgoritme") != "SHA256":
            errors.append(f"dokumentobjekt {i}: sjekksumAlgoritme er ikke SHA256")
        if obj.findtext(f"{{{NS}}}sjekksum") != hashlib.sha256(content).hexdigest():
            errors.append(f"dokumentobjekt {i}: sjekksummen for {ref} stemmer ikke")
        if obj.findtext(f"{{{NS}}}filstoerrelse") != str(len(content)):
            errors.append(f"dokumentobjekt {i}: filstørrelsen for {ref} stemmer ikke")
        said = obj.findtext(f"{{{NS}}}format") or ""
        if said.startswith("PDF/A") and not pdf_format(content).startswith("PDF/A"):
            errors.append(f"dokumentobjekt {i}: {ref} er ikke PDF/A slik formatet sier")
    docs = folder / "dokumenter"
    present = {f"dokumenter/{p.name}" for p in docs.iterdir()} if docs.is_dir() else set()
    for extra in sorted(present - referenced):
        errors.append(f"{extra} er ikke nevnt i arkivstruktur.xml")
    errors += _check_metadata(folder, root, len(objects))
    errors += _check_manifest(folder, present)
    return errors


def _check_metadata(folder: Path, root: ET.Element, objects: int) -> list[str]:
    errors: list[str] = []
    meta = _read_xml(folder / "arkivuttrekk.xml", errors)
    if meta is None:
        return errors
    props = {p.get("name"): (p.text or "") for p in meta.iter(f"{{{NS_ADDML}}}property")}
    struktur = hashlib.sha256((folder / "arkivstruktur.xml").read_bytes()).hexdigest()
    if props.get("checksumValue") != struktur:
        errors.append("arkivuttrekk.xml: sjekksummen for arkivstruktur.xml stemmer ikke")
    expected = {"mappe": len(root.findall(f".//{{{NS}}}mappe")),
                "registrering": len(root.findall(f".//{{{NS}}}registrering")),
                "dokumentobjekt": objects}
    for name, number in expected.items():
        if props.get(f"antall:{name}") != str(number):
            errors.append(f"arkivuttrekk.xml: antall {name} stemmer ikke")
    return errors


def _check_manifest(folder: Path, documents: set[str]) -> list[str]:
    path = folder / "manifest-sha256.txt"
    if not path.is_file():
        return ["manifest-sha256.txt mangler"]
    listed: dict[str, str] = {}
    for line in path.read_text(encoding="ascii", errors="replace").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    errors = []
    for name in sorted(documents | {"arkivstruktur.xml", "arkivuttrekk.xml"}):
        try:
            content = inside(folder, *name.split("/")).read_bytes()
        except (UnsafePath, OSError):
            continue
        if listed.get(name) != hashlib.sha256(content).hexdigest():
            errors.append(f"manifest-sha256.txt: {name} mangler eller har feil sjekksum")
    return errors
