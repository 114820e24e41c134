"""The LIX readability score (issue 16, item 8)."""

from __future__ import annotations

import pytest

from sosialsak.kernel.lix import lix


def test_words_per_sentence_plus_the_share_of_long_words() -> None:
    # 9 words, 2 sentences, 1 word over six letters ("setning"): 9/2 + 100/9
    assert lix("Dette er en kort setning. Her er en til.") == pytest.approx(4.5 + 100 / 9)


def test_long_bureaucratic_text_scores_high() -> None:
    text = ("Saksbehandlingstiden forlenges grunnet manglende dokumentasjonsgrunnlag "
            "vedrørende inntektsforholdene.")
    assert lix(text) > 60


def test_text_without_words_is_zero() -> None:
    assert lix("") == 0.0
    assert lix("12 345 – 7") == 0.0
