"""Accessibility check for the browser tests: axe-core run inside the page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def check_accessibility(page: Any, where: str, tags: Sequence[str] | None = None) -> None:
    """Run axe-core in the page and fail on any serious or critical violation; with ``tags``
    (for example ``("wcag2a", "wcag2aa")``), run only those rules and fail on every
    violation, whatever its impact (issue 16, item 8)."""
    # Evaluated through the browser's DevTools protocol, not added as an inline <script>: the
    # page's Content-Security-Policy (script-src 'self') refuses inline scripts, as it should.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    if tags:
        result = page.evaluate(
            "async (tags) => await axe.run(document, {resultTypes: ['violations'], "
            "runOnly: {type: 'tag', values: tags}})", list(tags))
        bad = result["violations"]
    else:
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    details = "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3]) for v in bad)
    assert not bad, f"{where}: {details}"
