"""LIX (läsbarhetsindex), the readability score used for Scandinavian text (issue 16, item 8).

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. Below 40 is easy to read (children's books, plain public information); the person's
own pages must stay at or below 40.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n\s*\n")


def lix(text: str) -> float:
    """Return the LIX score of ``text`` (0.0 for text without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    long_words = sum(1 for w in words if len(w.replace("-", "")) > 6)
    return len(words) / sentences + 100 * long_words / len(words)
