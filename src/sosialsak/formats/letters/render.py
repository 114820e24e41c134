"""Render a letter to PDF with Typst, or to plain text.

The letter is composed into a neutral :class:`~sosialsak.formats.letters.dokument.Document`,
serialised to JSON and handed to the Typst template through ``sys.inputs``. The template reads
it with ``json(bytes(...))``, so user text is data and never parsed as markup: a name such as
``#set page(...)`` or ``*_$<@\\[`` is printed exactly as written.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import typst

from sosialsak.formats.letters._compose_forvaltning import (
    compose_dokumentasjonsbrev,
    compose_forelopig_svar,
    compose_forhandsvarsel,
)
from sosialsak.formats.letters._compose_vedtak import compose_vedtaksbrev
from sosialsak.formats.letters._text import document_text
from sosialsak.formats.letters.dokument import Document, to_json
from sosialsak.formats.letters.forvaltningsbrev import (
    DokumentasjonsBrev,
    ForelopigSvar,
    Forhandsvarsel,
)
from sosialsak.formats.letters.vedtak import Vedtaksbrev
from sosialsak.kernel.errors import DomainError

if TYPE_CHECKING:
    from typst import PDFStandard

Brev = Vedtaksbrev | DokumentasjonsBrev | ForelopigSvar | Forhandsvarsel
"""Every letter type the engine renders."""

PDF_STANDARDS: tuple[PDFStandard, ...] = ("a-2a", "ua-1")
"""PDF/A-2a (ISO 19005-2, level A: archival and tagged) and PDF/UA-1 (ISO 14289-1: accessible).

Typst checks both while exporting and refuses a document that breaks either.
"""

_TEMPLATES = "sosialsak.formats.letters.templates"
_TEMPLATE = "brev.typ"


class LetterRenderingFailed(DomainError):
    """Raise when Typst cannot lay out a letter; this is a bug in a template, not in the data."""

    code = "letter_rendering_failed"


def compose(letter: Brev) -> Document:
    """Return ``letter`` as a neutral document (for previews in other formats, such as HTML)."""
    match letter:
        case Vedtaksbrev():
            return compose_vedtaksbrev(letter)
        case DokumentasjonsBrev():
            return compose_dokumentasjonsbrev(letter)
        case ForelopigSvar():
            return compose_forelopig_svar(letter)
        case Forhandsvarsel():
            return compose_forhandsvarsel(letter)
    raise TypeError(f"not a letter: {type(letter).__name__}")


def letter_text(letter: Brev) -> str:
    """Return ``letter`` as plain text with the same wording as the PDF."""
    return document_text(compose(letter))


def render_pdf(letter: Brev) -> bytes:
    """Return ``letter`` as a PDF/A-2a and PDF/UA-1 document.

    The output depends only on the letter: the PDF's creation date is the letter's date and
    only the fonts built into Typst are used, so the same letter always gives the same bytes.
    """
    return render_document_pdf(compose(letter), created=letter.dato)


def render_document_pdf(document: Document, *, created: date) -> bytes:
    """Return a composed document as a PDF/A-2a and PDF/UA-1 document dated ``created``."""
    data = json.dumps(to_json(document), ensure_ascii=False)
    try:
        pdf = typst.compile(
            _template(),
            sys_inputs={"brev": data},
            ignore_system_fonts=True,
            pdf_standards=list(PDF_STANDARDS),
            timestamp=datetime(created.year, created.month, created.day, 12, tzinfo=UTC),
        )
    except typst.TypstError as error:
        raise LetterRenderingFailed(
            f"Typst could not lay out the letter: {error.message}", diagnostic=error.diagnostic
        ) from error
    return pdf


@cache
def _template() -> bytes:
    return resources.files(_TEMPLATES).joinpath(_TEMPLATE).read_bytes()
