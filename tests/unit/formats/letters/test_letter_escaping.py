"""User text reaches the PDF literally: Typst markup and code in names and reasons stay text."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import pypdf
import pytest

from sosialsak.formats.letters import (
    Beregningslinje,
    Kontor,
    LetterRenderingFailed,
    Mottaker,
    Utbetaling,
    letter_text,
    render,
    render_pdf,
)
from tests.unit.formats.letters.letter_samples import LIVSOPPHOLD, VEDTAKSBREV

HOSTILE_NAMES = (
    "#set page(width: 2cm)",
    '#panic("boom")',
    '#read("/etc/passwd")',
    "*fet* _kursiv_ `kode`",
    "$x^2$ <etikett> @referanse",
    "Back\\slash \\u{41} [klamme] ]{ }",
    "= Overskrift - liste + tall / 50 % & ~ ' \"",
    "Ærlige Øystein Å'Brien",
)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def hostile_text() -> str:
    punkt = dataclasses.replace(
        LIVSOPPHOLD,
        tittel="Livsopphold #strong[x]",
        begrunnelse="\n\n".join(HOSTILE_NAMES) + "\n\n// ikke en kommentar /* heller ikke */",
        beregning=(
            Beregningslinje("Sats <for> #deg", Decimal("12345")),
        ),
    )
    letter = dataclasses.replace(
        VEDTAKSBREV,
        kontor=Kontor(navn="NAV #Kontor*", adresse=("Gate $1$",), telefon="[55] 55"),
        mottaker=Mottaker(navn=HOSTILE_NAMES[0], adresse=(HOSTILE_NAMES[1], HOSTILE_NAMES[2])),
        vedtak=(punkt,),
        utbetalinger=(Utbetaling(dato=VEDTAKSBREV.dato, belop=Decimal(1), mottaker="@meg _deg_"),),
        saksbehandler="Saks\\behandler #1",
    )
    pdf = render_pdf(letter)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return _normal("\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_text_appears_literally(hostile_text: str, name: str) -> None:
    assert _normal(name) in hostile_text


@pytest.mark.parametrize("fragment", [
    "Livsopphold #strong[x]",
    "Sats <for> #deg 12 345 kr",
    "// ikke en kommentar /* heller ikke */",
    "NAV #Kontor*",
    "Gate $1$",
    "[55] 55",
    "@meg _deg_",
    "Saks\\behandler #1",
])
def test_text_in_every_part_of_the_letter_is_literal(hostile_text: str, fragment: str) -> None:
    assert fragment in hostile_text


def test_typst_code_in_data_is_never_run(hostile_text: str) -> None:
    assert "root:" not in hostile_text


def test_control_characters_are_dropped_not_fatal() -> None:
    letter = dataclasses.replace(
        VEDTAKSBREV, mottaker=Mottaker(navn="Ola\x00 \x1bNord\x7fmann\ud800", adresse=("Vei 1",))
    )

    pdf = render_pdf(letter)

    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Ola Nordmann" in text
    assert "Ola Nordmann" in letter_text(letter)


def test_a_broken_template_raises_a_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "_template", lambda: b'#panic("broken")')

    with pytest.raises(LetterRenderingFailed) as caught:
        render_pdf(VEDTAKSBREV)

    assert caught.value.code == "letter_rendering_failed"
