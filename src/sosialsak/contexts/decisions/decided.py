"""Which items applied for are decided: those a decision in a sak in force covers. The
decisions of a feilregistrert sak do not count. One definition for the status rule, the
builder and the guard against deciding an item twice (the worklists use the same rule as an
SQL subquery, ``casefile.worklists._sources._UNDECIDED``)."""

from __future__ import annotations

from django.db.models import QuerySet

from sosialsak.contexts.decisions.models import SakStatus
from sosialsak.contexts.intake.models import Soknad, SoktStonad


def decided_items(soknad: Soknad) -> QuerySet[SoktStonad]:
    """Return the application's items that have a decision in a sak in force."""
    return SoktStonad.objects.filter(soknad=soknad,
                                     vedtak__sak__status=SakStatus.AKTIV).distinct()
