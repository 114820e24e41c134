"""Reads about offices that other contexts need: which municipality answers for a case."""

from __future__ import annotations

from sosialsak.contexts.accounts.models import Kommune


def responsible_kommune(*, kontor_id: int, bosted: str = "") -> str:
    """Return the kommunenummer of the municipality responsible for a case at the office.

    Sotjl. § 3: the municipality where the person stays (oppholdskommunen) answers for the
    services, and that is the municipality of the NAV office handling the case, not the one on
    the person's registered address. Its rates apply and its Statsforvalter hears appeals.
    An office serving several municipalities (an interkommunalt kontor) answers for each of
    them: the person's ``bosted`` is used only to pick among the office's own municipalities;
    otherwise the office's first. Return "" for an office with no municipality."""
    numbers = list(Kommune.objects.filter(kontorer__id=kontor_id).order_by("nummer")
                   .values_list("nummer", flat=True))
    if bosted in numbers:
        return bosted
    return numbers[0] if numbers else ""
