"""Pure rules for an application's status (no Django).

MOTTATT → UNDER_BEHANDLING → FERDIGBEHANDLET or BEHANDLES_IKKE. An application may be set
straight from MOTTATT to BEHANDLES_IKKE (withdrawn, duplicate). It cannot be FERDIGBEHANDLET
while any item applied for lacks a decision: the risk assessment names "manglende behandling av
hele søknaden" as a frequent failure.
"""

from __future__ import annotations

from sosialsak.kernel.errors import DomainError

# Targets in the order a caseworker would pick them (the usual next step first).
ALLOWED: dict[str, tuple[str, ...]] = {
    "MOTTATT": ("UNDER_BEHANDLING", "BEHANDLES_IKKE"),
    "UNDER_BEHANDLING": ("FERDIGBEHANDLET", "BEHANDLES_IKKE"),
    "FERDIGBEHANDLET": ("UNDER_BEHANDLING",),  # reopened after an appeal or new facts
    "BEHANDLES_IKKE": (),
}

LABELS = {
    "MOTTATT": "Mottatt",
    "UNDER_BEHANDLING": "Under behandling",
    "FERDIGBEHANDLET": "Ferdig behandlet",
    "BEHANDLES_IKKE": "Behandles ikke",
}


class IllegalTransition(DomainError):
    code = "illegal_status_transition"


class UndecidedItems(DomainError):
    code = "undecided_items"


class OpenRequests(DomainError):
    code = "open_documentation_requests"


def check_open_requests(*, target: str, open_requests: list[str], close: bool) -> None:
    """Refuse to finish a case while the person is still asked for documents, unless the
    caseworker chooses to withdraw the requests (fvl. § 17 asks only for what the case needs;
    a finished case needs nothing more, and nav.no must stop asking)."""
    if target == "FERDIGBEHANDLET" and open_requests and not close:
        raise OpenRequests(
            "Søknaden har dokumentasjonskrav som ikke er besvart: "
            f"{', '.join(open_requests)}. Registrer dem som levert, eller velg å lukke dem "
            "når saken ferdigbehandles (personen ser da på nav.no at dokumentene ikke lenger "
            "trengs).", field="lukk_dokumentasjonskrav", open_requests=open_requests)


def check_transition(*, current: str, target: str, undecided_items: list[str]) -> None:
    """Raise if the status may not move from ``current`` to ``target``.

    ``undecided_items`` names the items applied for that have no decision yet.
    """
    if target not in LABELS:
        raise IllegalTransition(f"status: ukjent status «{target}».", field="status")
    if target not in ALLOWED.get(current, ()):
        raise IllegalTransition(
            f"Søknaden kan ikke gå fra «{LABELS[current]}» til «{LABELS[target]}».",
            field="status", current=current, target=target,
        )
    if target == "FERDIGBEHANDLET" and undecided_items:
        raise UndecidedItems(
            "Søknaden kan ikke ferdigbehandles før alt det er søkt om har fått et vedtak. "
            f"Mangler vedtak: {', '.join(undecided_items)}.",
            field="status", undecided=undecided_items,
        )
