"""The lifecycle of an avvik (pure): REGISTRERT → TILDELT → ANALYSERT → LUKKET. Closing needs
the cause, at least one measure and an evaluation: an avvik closed without them teaches the
office nothing (internkontroll, kommuneloven § 25-1)."""

from __future__ import annotations

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "REGISTRERT": ("TILDELT",),
    "TILDELT": ("TILDELT", "ANALYSERT"),
    "ANALYSERT": ("TILDELT", "ANALYSERT", "LUKKET"),
    "LUKKET": (),
}
MAX_TEXT = 4000


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def close_problems(*, arsak: str, tiltak: int, evaluering: str) -> list[str]:
    """Return what is missing before an avvik can be closed (empty: it can)."""
    out = []
    if not arsak.strip():
        out.append("Skriv årsaksanalysen før avviket lukkes.")
    if tiltak < 1:
        out.append("Legg inn minst ett tiltak med ansvarlig og frist.")
    if not evaluering.strip():
        out.append("Skriv hvordan tiltakene virket (evaluering).")
    return out


def over_threshold(*, antall: int, terskel: int | None) -> bool:
    """A check raises an avvik only where the office has set a threshold and it is passed."""
    return terskel is not None and antall > terskel
