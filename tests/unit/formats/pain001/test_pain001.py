"""The pain.001.001.03 builder: the official XSD, the documented structural check, and input.

The XSD is ISO 20022's own schema file as shipped in the MIT-licensed ``sepaxml`` package (a
dev dependency, used only here); ``xmlschema`` validates against it.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.resources import files

import pytest
import xmlschema

from sosialsak.formats.pain001 import (
    NAMESPACE,
    CreditTransfer,
    Debtor,
    Pain001Error,
    PaymentMessage,
    build_pain001,
    check_pain001,
)

N = f"{{{NAMESPACE}}}"
XSD = xmlschema.XMLSchema(str(files("sepaxml") / "schemas" / "pain.001.001.03.xsd"))
DEBTOR = Debtor("Bergen kommune", "15038723402", "964338531")


def transfer(ref: str, amount: str, day: date = date(2024, 4, 15), **over: str) -> CreditTransfer:
    fields: dict[str, object] = {
        "end_to_end_id": ref, "amount": Decimal(amount), "execution_date": day,
        "creditor_name": "Kari Nordmann", "creditor_account": "12345678903",
        "remittance_text": "NAV økonomisk stønad, april 2024"}
    fields.update(over)
    return CreditTransfer(**fields)  # type: ignore[arg-type]


def message(*transfers: CreditTransfer, msg_id: str = "SOSIALSAK-1201-20240415-01") -> bytes:
    return build_pain001(PaymentMessage(msg_id, datetime(2024, 4, 15, 6, 30, tzinfo=UTC),
                                        DEBTOR, transfers))


SAMPLE = message(
    transfer("a1", "10200"), transfer("b2", "8500.00", creditor_name="Bergen Bolig AS",
                                      creditor_organisation_number="964338531",
                                      kid="12345678903"),
    transfer("c3", "3484", day=date(2024, 3, 27)))


def children(element: ET.Element | None) -> list[str]:
    assert element is not None
    return [child.tag.removeprefix(N) for child in element]


class TestOfficialSchema:
    def test_the_file_validates_against_the_iso_20022_xsd(self) -> None:
        XSD.validate(SAMPLE)

    def test_a_file_without_payments_would_not_validate(self) -> None:
        broken = SAMPLE.replace(b"<NbOfTxs>3</NbOfTxs>", b"<NbOfTxs>tre</NbOfTxs>")

        assert not XSD.is_valid(broken)
        assert "NbOfTxs er tre" in " ".join(check_pain001(broken))


class TestStructure:
    root = ET.fromstring(SAMPLE)

    def test_namespace_and_root(self) -> None:
        assert self.root.tag == f"{N}Document"
        assert children(self.root) == ["CstmrCdtTrfInitn"]
        assert check_pain001(SAMPLE) == []

    def test_group_header_counts_and_sums_every_transfer(self) -> None:
        header = self.root.find(f"{N}CstmrCdtTrfInitn/{N}GrpHdr")

        assert children(header) == ["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"]
        assert header is not None
        assert header.findtext(f"{N}MsgId") == "SOSIALSAK-1201-20240415-01"
        assert header.findtext(f"{N}CreDtTm") == "2024-04-15T06:30:00+00:00"
        assert header.findtext(f"{N}NbOfTxs") == "3"
        assert header.findtext(f"{N}CtrlSum") == "22184.00"

    def test_one_payment_information_per_execution_date_in_date_order(self) -> None:
        infos = self.root.findall(f".//{N}PmtInf")

        assert [i.findtext(f"{N}ReqdExctnDt") for i in infos] == ["2024-03-27", "2024-04-15"]
        assert [i.findtext(f"{N}NbOfTxs") for i in infos] == ["1", "2"]
        assert [i.findtext(f"{N}CtrlSum") for i in infos] == ["3484.00", "18700.00"]
        assert children(infos[1])[:8] == ["PmtInfId", "PmtMtd", "NbOfTxs", "CtrlSum",
                                          "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt"]
        assert infos[1].findtext(f"{N}PmtMtd") == "TRF"
        assert infos[1].findtext(f"{N}DbtrAcct/{N}Id/{N}Othr/{N}Id") == "15038723402"

    def test_a_transfer_has_end_to_end_id_nok_amount_bban_and_remittance(self) -> None:
        tx = self.root.findall(f".//{N}CdtTrfTxInf")[1]

        assert children(tx) == ["PmtId", "Amt", "Cdtr", "CdtrAcct", "RmtInf"]
        assert tx.findtext(f"{N}PmtId/{N}EndToEndId") == "a1"
        amount = tx.find(f"{N}Amt/{N}InstdAmt")
        assert amount is not None and (amount.text, amount.get("Ccy")) == ("10200.00", "NOK")
        assert tx.findtext(f"{N}Cdtr/{N}Nm") == "Kari Nordmann"
        assert tx.findtext(f"{N}CdtrAcct/{N}Id/{N}Othr/{N}Id") == "12345678903"
        assert tx.findtext(f"{N}CdtrAcct/{N}Id/{N}Othr/{N}SchmeNm/{N}Cd") == "BBAN"
        assert tx.findtext(f"{N}RmtInf/{N}Ustrd") == "NAV økonomisk stønad, april 2024"

    def test_a_kid_is_a_structured_creditor_reference(self) -> None:
        tx = self.root.findall(f".//{N}CdtTrfTxInf")[2]
        ref = tx.find(f"{N}RmtInf/{N}Strd/{N}CdtrRefInf")

        assert ref is not None
        assert ref.findtext(f"{N}Tp/{N}CdOrPrtry/{N}Cd") == "SCOR"
        assert ref.findtext(f"{N}Ref") == "12345678903"
        assert tx.findtext(f"{N}Cdtr/{N}Id/{N}OrgId/{N}Othr/{N}Id") == "964338531"

    def test_no_postal_address_is_ever_written(self) -> None:
        assert b"PstlAdr" not in SAMPLE


class TestTheCheckFindsWhatABankWouldRefuse:
    @pytest.mark.parametrize(("old", "new", "problem"), [
        (b"<CtrlSum>22184.00</CtrlSum>", b"<CtrlSum>22185.00</CtrlSum>",
         "GrpHdr: CtrlSum er 22185.00, men summen er 22184.00"),
        (b">10200.00<", b">10200.5<", "InstdAmt '10200.5' er ikke et positivt beløp"),
        (b'Ccy="NOK">10200', b'Ccy="SEK">10200', "valuta 'SEK'"),
        (b"SOSIALSAK-1201-20240415-01</MsgId>", b"SOSIALSAK-1201-20240415-01-ABCDEFGHIJ</MsgId>",
         "MsgId må ha 1 til 35 tegn"),
        (b"<EndToEndId>c3</EndToEndId>", b"<EndToEndId>a1</EndToEndId>",
         "EndToEndId er ikke unik"),
        (NAMESPACE.encode(), b"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09",
         "ikke Document i urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"),
    ])
    def test_a_broken_file_is_reported(self, old: bytes, new: bytes, problem: str) -> None:
        broken = SAMPLE.replace(old, new, 1)

        assert broken != SAMPLE
        assert problem in " | ".join(check_pain001(broken))

    def test_elements_out_of_order_are_reported(self) -> None:
        swapped = SAMPLE.replace(b"<PmtMtd>TRF</PmtMtd>", b"", 1).replace(
            b"<ReqdExctnDt>2024-03-27</ReqdExctnDt>",
            b"<ReqdExctnDt>2024-03-27</ReqdExctnDt><PmtMtd>TRF</PmtMtd>", 1)

        problems = check_pain001(swapped)

        assert any("PmtMtd er ukjent eller står i feil rekkefølge" in p for p in problems)
        assert not XSD.is_valid(swapped)

    def test_a_missing_required_element_is_reported(self) -> None:
        without = SAMPLE.replace(b"<PmtMtd>TRF</PmtMtd>", b"", 1)

        assert any("mangler PmtMtd" in p for p in check_pain001(without))


class TestInput:
    def test_amounts_are_written_with_two_decimals(self) -> None:
        xml = message(transfer("x", "0.5"), transfer("y", "1999.99"))

        assert b">0.50<" in xml and b">1999.99<" in xml and b"<CtrlSum>2000.49</CtrlSum>" in xml

    @pytest.mark.parametrize(("change", "field"), [
        ({"amount": Decimal("0")}, "transfers[0].amount"),
        ({"amount": Decimal("1.005")}, "transfers[0].amount"),
        ({"creditor_account": "1234"}, "transfers[0].creditor_account"),
        ({"end_to_end_id": "x" * 36}, "transfers[0].end_to_end_id"),
        ({"creditor_name": " "}, "transfers[0].creditor_name"),
    ])
    def test_bad_input_is_refused_naming_the_field(self, change: dict[str, object],
                                                   field: str) -> None:
        with pytest.raises(Pain001Error) as err:
            message(dataclasses.replace(transfer("a", "1"), **change))  # type: ignore[arg-type]

        assert err.value.extra["field"] == field

    def test_msg_id_over_35_characters_is_refused(self) -> None:
        with pytest.raises(Pain001Error, match="msg_id"):
            message(transfer("a", "1"), msg_id="M" * 36)

    def test_control_characters_and_long_texts_are_cleaned(self) -> None:
        xml = message(transfer("a", "1", remittance_text="linje\nto\x00" + "x" * 200,
                               creditor_name="Ola\tNordmann"))

        XSD.validate(xml)
        assert b"<Nm>Ola Nordmann</Nm>" in xml
        ustrd = ET.fromstring(xml).findtext(f".//{N}Ustrd")
        assert ustrd is not None and len(ustrd) == 140 and ustrd.startswith("linje to x")

    def test_the_module_does_not_import_django(self) -> None:
        import subprocess
        import sys

        code = ("import sys, sosialsak.formats.pain001; "
                "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={"PYTHONPATH": "src"})
        assert out.stdout.strip() == "False"
