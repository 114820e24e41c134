"""Every letter type renders to a PDF/A whose text says what the law requires.

Each letter is rendered once per module; the tests read the PDF back with pypdf.
"""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

import pypdf
import pytest

from sosialsak.formats.letters import Brev, render_pdf
from tests.unit.formats.letters.letter_samples import (
    BESKYTTET,
    DOKUMENTASJON,
    FORELOPIG,
    KONTOR,
    MOTTAKER,
    VARSEL,
    VEDTAKSBREV,
)


def _normal(text: str) -> str:
    """Return extracted text with no-break spaces and line breaks as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


@dataclasses.dataclass(frozen=True)
class Rendered:
    pdf: bytes
    reader: pypdf.PdfReader
    text: str


def _render(letter: Brev) -> Rendered:
    pdf = render_pdf(letter)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = _normal("\n".join(page.extract_text() for page in reader.pages))
    return Rendered(pdf=pdf, reader=reader, text=text)


def _root(rendered: Rendered) -> Any:
    """Return the PDF's document catalogue."""
    return rendered.reader.trailer["/Root"]


@pytest.fixture(scope="module")
def vedtak() -> Rendered:
    return _render(VEDTAKSBREV)


@pytest.fixture(scope="module")
def beskyttet() -> Rendered:
    return _render(dataclasses.replace(VEDTAKSBREV, mottaker=BESKYTTET))


@pytest.fixture(scope="module")
def dokumentasjon() -> Rendered:
    return _render(DOKUMENTASJON)


@pytest.fixture(scope="module")
def forelopig() -> Rendered:
    return _render(FORELOPIG)


@pytest.fixture(scope="module")
def varsel() -> Rendered:
    return _render(VARSEL)


class TestDecisionLetter:
    def test_is_a_pdf_that_opens(self, vedtak: Rendered) -> None:
        assert vedtak.pdf.startswith(b"%PDF-")
        assert len(vedtak.reader.pages) >= 1
        assert vedtak.reader.metadata is not None
        assert vedtak.reader.metadata.title == "Vedtak om økonomisk stønad"

    def test_states_the_amounts_norwegian_style(self, vedtak: Rendered) -> None:
        assert "Du får 12 345 kr for 1. mars til 31. mars 2024." in vedtak.text
        assert "Du får låne 15 000,50 kr." in vedtak.text
        assert "−9 200 kr" in vedtak.text

    def test_shows_the_calculation_with_its_result(self, vedtak: Rendered) -> None:
        assert "Livsopphold for deg (veiledende sats) 7 250 kr" in vedtak.text
        assert "Arbeidsavklaringspenger −9 200 kr" in vedtak.text
        assert "Du får 12 345 kr" in vedtak.text

    def test_states_each_outcome_and_its_legal_basis(self, vedtak: Rendered) -> None:
        assert "Livsopphold: innvilget." in vedtak.text
        assert "Tannbehandling: avslått." in vedtak.text
        assert "Depositum: delvis innvilget." in vedtak.text
        assert "Lovhjemmel sosialtjenesteloven § 18" in vedtak.text
        assert "Vedtaket er gjort etter sosialtjenesteloven § 19." in vedtak.text

    def test_gives_the_reasons(self, vedtak: Rendered) -> None:
        assert "Hvorfor vi har bestemt dette" in vedtak.text
        assert "Barnetrygden regner vi ikke som inntekt." in vedtak.text

    def test_assesses_each_child(self, vedtak: Rendered) -> None:
        assert "Slik har vi vurdert barnas behov" in vedtak.text
        assert "Sofie (8 år): Sofie har snakket med oss." in vedtak.text

    def test_states_the_condition_and_the_consequence_of_breaking_it(
        self, vedtak: Rendered
    ) -> None:
        assert "Møte til samtale om arbeid og aktivitet hos veilederen din." in vedtak.text
        assert "Frist 15. mars 2024" in vedtak.text
        assert "Hvis du ikke oppfyller vilkåret: Stønaden til livsopphold kan bli redusert." in (
            vedtak.text
        )

    def test_lists_the_payments_and_their_recipients(self, vedtak: Rendered) -> None:
        assert "4. mars 2024 Boligbygg Oslo KF (husleie, med ditt samtykke) 9 500 kr" in (
            vedtak.text
        )

    def test_explains_how_where_and_when_to_appeal(self, vedtak: Rendered) -> None:
        text = vedtak.text
        assert "Klagefristen er 3 uker fra den dagen du fikk dette brevet" in text
        assert "(forvaltningsloven § 29)" in text
        assert "Send klagen til NAV Grünerløkka, Postboks 2500 Grünerløkka, 0504 Oslo" in text
        assert "videre til Statsforvalteren i Oslo og Akershus" in text
        assert "Du har rett til å se dokumentene i saken din." in text
        assert "(forvaltningsloven § 18)" in text

    def test_names_the_caseworker_and_the_approver(self, vedtak: Rendered) -> None:
        assert "Per Ørnulf Saksbehandler saksbehandler" in vedtak.text
        assert "Liv Leder godkjent av" in vedtak.text

    def test_renders_norwegian_letters(self, vedtak: Rendered) -> None:
        for word in ("Åse Ødegård", "økonomisk stønad", "Grünerløkka", "Strøm", "Beløp"):
            assert word in vedtak.text

    def test_prints_the_recipients_address(self, vedtak: Rendered) -> None:
        assert "Åse Ødegård Søndre gate 7 B 0550 Oslo" in vedtak.text

    def test_is_pdf_a_2a_and_pdf_ua_1(self, vedtak: Rendered) -> None:
        root = _root(vedtak)
        xmp = root["/Metadata"].get_data().decode()
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == "nb-NO"

    def test_embeds_every_font(self, vedtak: Rendered) -> None:
        for page in vedtak.reader.pages:
            resources: Any = page["/Resources"]
            for font in resources["/Font"].values():
                descendant = font.get_object()["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"]
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def test_gives_the_same_bytes_for_the_same_letter(self, vedtak: Rendered) -> None:
        assert render_pdf(VEDTAKSBREV) == vedtak.pdf


class TestProtectedAddress:
    def test_prints_the_name_but_no_address(self, beskyttet: Rendered) -> None:
        assert "Kari Hemmelig" in beskyttet.text
        for line in MOTTAKER.adresse:
            assert line not in beskyttet.text

    def test_prints_only_the_offices_postcode(self, beskyttet: Rendered) -> None:
        postcodes = set(re.findall(r"\b\d{4} Oslo\b", beskyttet.text))
        assert postcodes == {KONTOR.adresse[1]}

    def test_header_goes_straight_from_name_to_references(self, beskyttet: Rendered) -> None:
        assert "Telefon 55 55 33 33 Kari Hemmelig Dato 1. mars 2024" in beskyttet.text


class TestDocumentationRequest:
    def test_lists_the_documents_and_the_deadline(self, dokumentasjon: Rendered) -> None:
        text = dokumentasjon.text
        assert "Kontoutskrift: for alle kontoene dine, siste 3 måneder" in text
        assert "Husleiekontrakt" in text
        assert "Vi må ha dokumentene innen 28. februar 2024." in text

    def test_says_the_decision_is_made_on_what_we_have(self, dokumentasjon: Rendered) -> None:
        assert "avgjør vi søknaden ut fra de opplysningene vi har" in dokumentasjon.text

    def test_is_pdf_a(self, dokumentasjon: Rendered) -> None:
        xmp = _root(dokumentasjon)["/Metadata"].get_data().decode()
        assert "<pdfaid:part>2</pdfaid:part>" in xmp


class TestPreliminaryReply:
    def test_gives_the_reason_and_the_expected_date(self, forelopig: Rendered) -> None:
        assert "Vi venter på svar fra Husbanken om bostøtte." in forelopig.text
        assert "Vi regner med å avgjøre søknaden innen 2. april 2024." in forelopig.text

    def test_cites_the_rule_on_preliminary_replies(self, forelopig: Rendered) -> None:
        assert "(forvaltningsloven § 11 a)" in forelopig.text


class TestAdvanceWarning:
    def test_says_nothing_is_decided_yet(self, varsel: Rendered) -> None:
        assert "Dette er et varsel. Vi har ikke bestemt noe ennå." in varsel.text

    def test_states_the_condition_and_the_intended_reduction(self, varsel: Rendered) -> None:
        text = varsel.text
        assert "innen 15. mars 2024" in text
        assert "fra 12 345 kr til 10 345 kr for 1. april til 30. april 2024" in text
        assert "Reduksjon 2 000 kr" in text

    def test_gives_a_deadline_to_respond_and_the_legal_basis(self, varsel: Rendered) -> None:
        text = varsel.text
        assert "Gi oss svar innen 3. april 2024." in text
        assert "forvaltningsloven § 16" in text
        assert "sosialtjenesteloven § 20 a, jf. § 20 tredje ledd" in text
