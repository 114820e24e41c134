"""Lay out a composed document as plain text, for previews and tests."""

from __future__ import annotations

import textwrap

from sosialsak.formats.letters.dokument import (
    Block,
    Box,
    Bullets,
    Document,
    Facts,
    Heading,
    Paragraph,
    Table,
    clean,
)

WIDTH = 78


def document_text(document: Document) -> str:
    """Return ``document`` as plain text wrapped at 78 columns."""
    lines: list[str] = [clean(line) for line in document.sender]
    lines += ["", *(clean(line) for line in document.recipient), ""]
    lines += _facts(document.references)
    title = clean(document.title)
    lines += ["", title.upper(), "=" * len(title)]
    for block in document.blocks:
        lines += ["", *_block(block)]
    lines += ["", *(clean(line) for line in document.closing), "", clean(document.footer)]
    return "\n".join(lines) + "\n"


def _block(block: Block, width: int = WIDTH) -> list[str]:
    match block:
        case Heading(text, level):
            text = clean(text)
            return [text, ("-" if level <= 2 else "·") * len(text)]
        case Paragraph(text, lead, strong):
            body = f"{clean(lead)} {clean(text)}" if lead.strip() else clean(text)
            if strong:
                body = f"**{body}**"
            return _wrap(body, width)
        case Bullets(items):
            return [line for item in items for line in _wrap(clean(item), width, bullet="- ")]
        case Facts(rows):
            return _facts(rows, width)
        case Table(columns, rows, total):
            return _table(columns, rows, total)
        case Box(title, blocks):
            inner: list[str] = [clean(title).upper()]
            for child in blocks:
                inner += _block(child, width - 4)
            edge = "+" + "-" * (width - 2)
            return [edge, *("| " + line for line in inner), edge]
    raise TypeError(f"unknown block {type(block).__name__}")


def _wrap(text: str, width: int, bullet: str = "") -> list[str]:
    indent = " " * len(bullet)
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        first = bullet if number == 0 else indent
        out += textwrap.wrap(line, width, initial_indent=first, subsequent_indent=indent,
                             break_on_hyphens=False) or [first.rstrip()]
    return out


def _facts(rows: tuple[tuple[str, str], ...], width: int = WIDTH) -> list[str]:
    label_width = max((len(clean(label)) for label, _ in rows), default=0) + 2
    out: list[str] = []
    for label, value in rows:
        wrapped = _wrap(clean(value), max(width - label_width, 20)) or [""]
        out.append(f"{clean(label) + ':':<{label_width}}{wrapped[0]}")
        out += [" " * label_width + rest for rest in wrapped[1:]]
    return out


def _table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           total: tuple[str, ...] | None) -> list[str]:
    all_rows = [tuple(clean(c) for c in columns), *(tuple(clean(c) for c in r) for r in rows)]
    if total is not None:
        all_rows.append(tuple(clean(c) for c in total))
    widths = [max(len(row[i]) for row in all_rows) for i in range(len(columns))]

    def line(row: tuple[str, ...]) -> str:
        cells = [cell.ljust(w) for cell, w in zip(row[:-1], widths[:-1], strict=True)]
        return "  ".join([*cells, row[-1].rjust(widths[-1])]).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [line(all_rows[0]), rule, *(line(row) for row in all_rows[1:len(rows) + 1])]
    if total is not None:
        out += [rule, line(all_rows[-1])]
    return out
