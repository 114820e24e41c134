"""Issue 16, item 8: the Bokmål text of every citizen page reads easily (LIX ≤ 40).

Each page is rendered as the person sees it; the visible text of its main content is split
into its blocks (a heading, a list item, a label or a button is a unit of its own, as a
reader takes it) and scored with ``kernel.lix``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.decisions.models import Vedtak
from sosialsak.kernel.lix import lix
from tests.citizen_login import mount
from tests.functional.test_citizen_apply import STEPS
from tests.functional.test_citizen_follow import _citizen, refusal
from tests.integration.decisions.fixtures import utkast, young_parent

__all__ = ["refusal", "utkast", "young_parent"]
pytestmark = pytest.mark.django_db
BLOCKS = {"h1", "h2", "h3", "p", "li", "label", "legend", "button", "dt", "dd", "a", "option",
          "div", "section", "article", "td", "th"}
LIMIT = 40


class _Text(HTMLParser):
    """Collect the visible text of <main>, one unit per block element."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.units: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth = 1
        elif self.depth and tag in BLOCKS:
            self.units.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth = 0
        elif self.depth and tag in BLOCKS:
            self.units.append("")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.units[-1] += data


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    units = [" ".join(u.split()) for u in parser.units]
    return "\n".join(u if u[-1] in ".!?:" else u + "." for u in units if u)


def test_visible_text_splits_blocks() -> None:
    html = "<main><h1>Tittel</h1><p>En setning. To</p><ul><li>Ja</li></ul></main><p>Ute</p>"
    assert visible_text(html) == "Tittel.\nEn setning. To.\nJa."


def test_every_citizen_page_scores_at_most_40(monkeypatch: Any, refusal: Vedtak,
                                              young_parent: Any, offices: Any) -> None:
    mount(monkeypatch)
    client, _user = _citizen(young_parent, "kari")
    for step, data in STEPS:
        client.post(f"/mine/sok/{step}/", data)
    client.post("/mine/sok/soknad/", {**STEPS[5][1], "nodhjelp": "ja"})
    pages = ["/mine/", "/mine/sok/", "/mine/logg-inn/",
             *(f"/mine/sok/{s}/" for s, _ in STEPS), "/mine/sok/vedlegg/", "/mine/sok/send/",
             f"/mine/soknad/{young_parent.pk}/oversikt/", f"/mine/vedtak/{refusal.pk}/klage/"]
    scores = {}
    for url in pages:
        answer = (Client() if "logg-inn" in url else client).get(url)
        assert answer.status_code == 200, url
        scores[url] = round(lix(visible_text(answer.content.decode())), 1)
    too_hard = {u: s for u, s in scores.items() if s > LIMIT}
    assert not too_hard, f"LIX over {LIMIT}: {too_hard} (all: {scores})"


@pytest.mark.parametrize(("lang", "expected", "error"), [
    ("nn", "Vi lagrar det du skriv.", "Skriv kvifor du klagar."),
    ("en", "We save what you write.", "Write why you are appealing."),
])
def test_pages_and_domain_errors_in_nynorsk_and_english(
        lang: str, expected: str, error: str, refusal: Vedtak, young_parent: Any) -> None:
    client, _user = _citizen(young_parent, "kari")
    client.cookies["django_language"] = lang
    assert expected in client.get("/mine/sok/").content.decode()
    answer = client.post(f"/mine/vedtak/{refusal.pk}/klage/", {"tekst": " "})
    assert error in answer.content.decode()
