"""The structural check of a pain.001.001.03 file: what a bank's first gate looks at.

It is not a full XSD validator (the tests also validate against the official XSD). It checks,
for the subset of the schema that ``build_pain001`` writes:

* the root is ``Document`` in the namespace ``urn:iso:std:iso:20022:tech:xsd:pain.001.001.03``;
* in each element below, the children come in the schema's order, each required child is
  there, no child repeats beyond its maximum, and no unknown child appears (``_SEQUENCES``);
* ``MsgId``, ``PmtInfId`` and ``EndToEndId`` have 1–35 characters, and ``EndToEndId`` is
  unique in the file; ``Ustrd`` has at most 140 characters;
* ``NbOfTxs`` equals the number of ``CdtTrfTxInf`` and ``CtrlSum`` equals the sum of their
  ``InstdAmt``, both in ``GrpHdr`` and in each ``PmtInf``;
* every amount is positive with exactly two decimals and ``Ccy="NOK"``;
* accounts are 11-digit BBANs with ``SchmeNm/Cd`` = ``BBAN``;
* ``CreDtTm`` is an ISO date-time, ``ReqdExctnDt`` an ISO date, one ``PmtInf`` per date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
_N = f"{{{NAMESPACE}}}"
_MANY = 10**9

# element name -> its children in schema order: (name, minOccurs, maxOccurs)
_SEQUENCES: dict[str, list[tuple[str, int, int]]] = {
    "Document": [("CstmrCdtTrfInitn", 1, 1)],
    "CstmrCdtTrfInitn": [("GrpHdr", 1, 1), ("PmtInf", 1, _MANY)],
    "GrpHdr": [("MsgId", 1, 1), ("CreDtTm", 1, 1), ("NbOfTxs", 1, 1), ("CtrlSum", 0, 1),
               ("InitgPty", 1, 1)],
    "InitgPty": [("Nm", 0, 1), ("Id", 0, 1)],
    "PmtInf": [("PmtInfId", 1, 1), ("PmtMtd", 1, 1), ("NbOfTxs", 0, 1), ("CtrlSum", 0, 1),
               ("ReqdExctnDt", 1, 1), ("Dbtr", 1, 1), ("DbtrAcct", 1, 1), ("DbtrAgt", 1, 1),
               ("CdtTrfTxInf", 1, _MANY)],
    "Dbtr": [("Nm", 0, 1), ("Id", 0, 1)],
    "DbtrAcct": [("Id", 1, 1), ("Ccy", 0, 1)],
    "DbtrAgt": [("FinInstnId", 1, 1)],
    "FinInstnId": [("BIC", 0, 1), ("Othr", 0, 1)],
    "CdtTrfTxInf": [("PmtId", 1, 1), ("Amt", 1, 1), ("Cdtr", 1, 1), ("CdtrAcct", 1, 1),
                    ("RmtInf", 0, 1)],
    "PmtId": [("InstrId", 0, 1), ("EndToEndId", 1, 1)],
    "Amt": [("InstdAmt", 1, 1)],
    "Cdtr": [("Nm", 1, 1), ("Id", 0, 1)],
    "CdtrAcct": [("Id", 1, 1)],
    "RmtInf": [("Ustrd", 0, 1), ("Strd", 0, 1)],
    "Strd": [("CdtrRefInf", 1, 1)],
    "CdtrRefInf": [("Tp", 1, 1), ("Ref", 1, 1)],
}
_MAX35 = ("MsgId", "PmtInfId", "EndToEndId")


def _name(element: ET.Element) -> str:
    return element.tag.removeprefix(_N)


def _check_sequence(element: ET.Element, where: str, problems: list[str]) -> None:
    spec = _SEQUENCES.get(_name(element))
    children = list(element)
    if spec is not None:
        position, counts = 0, [0] * len(spec)
        for child in children:
            name = _name(child)
            while position < len(spec) and spec[position][0] != name:
                position += 1
            if position == len(spec):
                problems.append(f"{where}: {name} er ukjent eller står i feil rekkefølge")
                return
            counts[position] += 1
        for (name, low, high), count in zip(spec, counts, strict=True):
            if count < low:
                problems.append(f"{where}: mangler {name}")
            if count > high:
                problems.append(f"{where}: {name} forekommer {count} ganger")
    for index, child in enumerate(children):
        _check_sequence(child, f"{where}/{_name(child)}[{index}]", problems)


def _amounts(parent: ET.Element, problems: list[str]) -> list[Decimal]:
    values = []
    for amount in parent.iter(f"{_N}InstdAmt"):
        text = amount.text or ""
        if not re.fullmatch(r"\d{1,15}\.\d{2}", text) or Decimal(text) <= 0:
            problems.append(f"InstdAmt {text!r} er ikke et positivt beløp med to desimaler")
            continue
        if amount.get("Ccy") != "NOK":
            problems.append(f"InstdAmt har valuta {amount.get('Ccy')!r}, ikke NOK")
        values.append(Decimal(text))
    return values


def _check_totals(payments: ET.Element, totals: ET.Element, label: str,
                  problems: list[str]) -> None:
    """Compare ``totals``' NbOfTxs and CtrlSum with the transfers under ``payments``."""
    count = len(list(payments.iter(f"{_N}CdtTrfTxInf")))
    total = sum(_amounts(payments, []), Decimal(0))
    nb, ctrl = totals.findtext(f"{_N}NbOfTxs"), totals.findtext(f"{_N}CtrlSum")
    if nb is not None and nb != str(count):
        problems.append(f"{label}: NbOfTxs er {nb}, men filen har {count} betalinger")
    if ctrl is not None:
        if not re.fullmatch(r"\d+\.\d{2}", ctrl):
            problems.append(f"{label}: CtrlSum {ctrl!r} har ikke to desimaler")
        elif Decimal(ctrl) != total:
            problems.append(f"{label}: CtrlSum er {ctrl}, men summen er {total:.2f}")


def _check_values(root: ET.Element, problems: list[str]) -> None:
    for tag in _MAX35:
        for element in root.iter(f"{_N}{tag}"):
            if not 1 <= len(element.text or "") <= 35:
                problems.append(f"{tag} må ha 1 til 35 tegn")
    ids = [e.text for e in root.iter(f"{_N}EndToEndId")]
    if len(ids) != len(set(ids)):
        problems.append("EndToEndId er ikke unik i filen")
    for element in root.iter(f"{_N}Ustrd"):
        if not 1 <= len(element.text or "") <= 140:
            problems.append("Ustrd må ha 1 til 140 tegn")
    for tag in ("DbtrAcct", "CdtrAcct"):
        for account in root.iter(f"{_N}{tag}"):
            if not re.fullmatch(r"\d{11}", account.findtext(f"{_N}Id/{_N}Othr/{_N}Id") or "") \
                    or account.findtext(f"{_N}Id/{_N}Othr/{_N}SchmeNm/{_N}Cd") != "BBAN":
                problems.append(f"{tag} er ikke et norsk kontonummer (BBAN, 11 siffer)")
    try:
        datetime.fromisoformat(root.findtext(f".//{_N}CreDtTm") or "")
    except ValueError:
        problems.append("CreDtTm er ikke et ISO-tidspunkt")
    dates = [e.text or "" for e in root.iter(f"{_N}ReqdExctnDt")]
    for text in dates:
        try:
            date.fromisoformat(text)
        except ValueError:
            problems.append(f"ReqdExctnDt {text!r} er ikke en dato")
    if len(dates) != len(set(dates)):
        problems.append("det skal være én PmtInf per utførelsesdato")


def check_pain001(xml: bytes) -> list[str]:
    """Return the structural problems of a pain.001.001.03 file; an empty list when it holds."""
    try:
        root = ET.fromstring(xml)  # noqa: S314 - our own file, no DTD or entities
    except ET.ParseError as exc:
        return [f"ikke gyldig XML: {exc}"]
    if root.tag != f"{_N}Document":
        return [f"roten er {root.tag}, ikke Document i {NAMESPACE}"]
    problems: list[str] = []
    _check_sequence(root, "Document", problems)
    _amounts(root, problems)
    initiation = root.find(f"{_N}CstmrCdtTrfInitn")
    header = root.find(f"{_N}CstmrCdtTrfInitn/{_N}GrpHdr")
    if initiation is not None and header is not None:
        _check_totals(initiation, header, "GrpHdr", problems)
    for index, info in enumerate(root.iter(f"{_N}PmtInf")):
        _check_totals(info, info, f"PmtInf[{index}]", problems)
    _check_values(root, problems)
    return problems
