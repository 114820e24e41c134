"""The insight charts and the XLSX export (issue 15 item 5): an SVG is an image with its title
and text alternative, escapes what it is given, and scales to the largest value; an XLSX is a
valid workbook whose cells hold the numbers as numbers and text that can never be a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from xml.etree import ElementTree

from sosialsak.formats import svgchart, xlsx

SVG = "{http://www.w3.org/2000/svg}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_bar_chart_is_an_accessible_image() -> None:
    svg = svgchart.bar_chart(ident="c1", title="Andel <under> 30", desc="A & B",
                             labels=["a", "b", "c"], values=[10, None, 40])
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").text == "Andel <under> 30"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "A & B"  # type: ignore[union-attr]
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2  # None leaves a gap
    heights = [float(b.get("height", 0)) for b in bars]
    assert heights[1] == 4 * heights[0]


def test_line_chart_breaks_at_unknown_values() -> None:
    svg = svgchart.line_chart(ident="c2", title="t", desc="d", labels=["j", "f", "m"],
                              series=[svgchart.Series("Tilgang", [None, 2, 3]),
                                      svgchart.Series("Avgang", [1, None, 3])])
    lines = ElementTree.fromstring(svg).findall(f"{SVG}polyline")
    assert [len(pl.get("points", "").split()) for pl in lines] == [2, 1, 1]


def test_xlsx_cells() -> None:
    body = xlsx.workbook(sheet="Flyt/2024", header=["Måned", "Bestand"],
                         rows=[["=SUM(A1)", 37000], [date(2024, 2, 1), 1.5], ["x", None]])
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        assert "[Content_Types].xml" in z.namelist()
        wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    assert wb.find(f"{SHEET}sheets/{SHEET}sheet").get("name") == "Flyt2024"  # type: ignore
    cells = {c.get("r"): c for c in sheet.iter(f"{SHEET}c")}
    assert cells["A2"].get("t") == "inlineStr" and cells["A2"].find(f"{SHEET}f") is None
    assert cells["B2"].find(f"{SHEET}v").text == "37000"  # type: ignore[union-attr]
    assert "".join(cells["A3"].itertext()) == "2024-02-01"
    assert "B4" not in cells
