"""No personal data in logs (issue 10): a failure is logged by type and place, never by its
message, which can quote the value that broke it."""

from __future__ import annotations

from sosialsak.kernel.logsafe import failure


def test_a_failure_names_its_type_and_place_but_not_its_message() -> None:
    try:
        raise ValueError("Kari Nordmann 01019012345")
    except ValueError as exc:
        text = failure(exc)
    assert text.startswith("ValueError at test_logsafe.py:")
    assert "Kari" not in text and "01019012345" not in text


def test_an_exception_never_raised_gives_its_type() -> None:
    assert failure(KeyError("x")) == "KeyError"
