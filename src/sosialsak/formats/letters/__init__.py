"""Letters to the person as PDF (Typst) and plain text: decisions and case letters.

Framework-free: build a frozen letter dataclass, then call :func:`render_pdf` or
:func:`letter_text`. The procedural legal references come from the rules' dated data, in force
on the letter's date (``hjemler.py``). See ``docs/letters.md``.
"""

from sosialsak.formats.letters.dokument import Document
from sosialsak.formats.letters.felles import InvalidLetter, Kontor, Mottaker, Periode
from sosialsak.formats.letters.forvaltningsbrev import (
    DokumentasjonsBrev,
    Dokumentkrav,
    ForelopigSvar,
    Forhandsvarsel,
    Varselmaaned,
)
from sosialsak.formats.letters.hjemler import (
    LegalReferencesMissing,
    LegalReferenceSource,
    Lovhenvisninger,
    use_legal_references,
)
from sosialsak.formats.letters.render import (
    PDF_STANDARDS,
    Brev,
    LetterRenderingFailed,
    compose,
    letter_text,
    render_document_pdf,
    render_pdf,
)
from sosialsak.formats.letters.vedtak import (
    Barnevurdering,
    Beregningslinje,
    Betalingsgrunnlag,
    Klageinfo,
    Maanedsbelop,
    Stonadsform,
    Utbetaling,
    Utfall,
    Vedtaksbrev,
    Vedtakspunkt,
    Vilkar,
)

__all__ = [
    "PDF_STANDARDS",
    "Barnevurdering",
    "Beregningslinje",
    "Betalingsgrunnlag",
    "Brev",
    "Document",
    "DokumentasjonsBrev",
    "Dokumentkrav",
    "ForelopigSvar",
    "Forhandsvarsel",
    "InvalidLetter",
    "Klageinfo",
    "Kontor",
    "LegalReferenceSource",
    "LegalReferencesMissing",
    "LetterRenderingFailed",
    "Lovhenvisninger",
    "Maanedsbelop",
    "Mottaker",
    "Periode",
    "Stonadsform",
    "Utbetaling",
    "Utfall",
    "Varselmaaned",
    "Vedtaksbrev",
    "Vedtakspunkt",
    "Vilkar",
    "compose",
    "letter_text",
    "render_document_pdf",
    "render_pdf",
    "use_legal_references",
]
