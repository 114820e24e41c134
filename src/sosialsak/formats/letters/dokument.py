"""A letter as a neutral document: a header and a list of blocks.

Each letter type is composed into a :class:`Document` once; the Typst template and the
plain-text renderer both lay out the same blocks, so the PDF and the preview always say the
same thing. All text is plain: nothing in it is ever read as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# C0/C1 control characters (except tab and newline) and lone surrogates cannot be typeset and
# are not valid in JSON text exchanged with Typst, so they are dropped.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Return ``text`` without characters that cannot be printed, line endings normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNPRINTABLE.sub("", text).strip()


@dataclass(frozen=True)
class Heading:
    """Start a section (level 2) or a subsection (level 3); level 1 is the letter's title."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``lead`` is a bold label before it, ``strong`` makes it all bold."""

    text: str
    lead: str = ""
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    """An unordered list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs laid out as two columns."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row, right-aligned last column and an optional bold total row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Box:
    """A framed group of blocks, for what the reader must not miss."""

    title: str
    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Bullets | Facts | Table | Box


@dataclass(frozen=True)
class Document:
    """A composed letter, ready to lay out."""

    title: str
    sender: tuple[str, ...]
    """The office: name first, then address lines and phone."""
    recipient: tuple[str, ...]
    """The recipient: name first, then the address lines that may be printed."""
    references: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    closing: tuple[str, ...]
    footer: str


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split free text on blank lines into paragraphs (single line breaks are kept)."""
    parts = re.split(r"\n\s*\n", clean(text))
    return tuple(Paragraph(part.strip()) for part in parts if part.strip())


def to_json(document: Document) -> dict[str, Any]:
    """Return the document as JSON-ready data for the Typst template."""
    return {
        "title": clean(document.title),
        "sender": [clean(line) for line in document.sender],
        "recipient": [clean(line) for line in document.recipient],
        "references": [[clean(k), clean(v)] for k, v in document.references],
        "blocks": [_block_json(block) for block in document.blocks],
        "closing": [clean(line) for line in document.closing],
        "footer": clean(document.footer),
    }


def _block_json(block: Block) -> dict[str, Any]:
    match block:
        case Heading(text, level):
            return {"kind": "heading", "text": clean(text), "level": level}
        case Paragraph(text, lead, strong):
            return {"kind": "paragraph", "text": clean(text), "lead": clean(lead), "strong": strong}
        case Bullets(items):
            return {"kind": "bullets", "items": [clean(item) for item in items]}
        case Facts(rows):
            return {"kind": "facts", "rows": [[clean(k), clean(v)] for k, v in rows]}
        case Table(columns, rows, total):
            return {
                "kind": "table",
                "columns": [clean(c) for c in columns],
                "rows": [[clean(c) for c in row] for row in rows],
                "total": None if total is None else [clean(c) for c in total],
            }
        case Box(title, blocks):
            return {"kind": "box", "title": clean(title),
                    "blocks": [_block_json(inner) for inner in blocks]}
    raise TypeError(f"unknown block {type(block).__name__}")
