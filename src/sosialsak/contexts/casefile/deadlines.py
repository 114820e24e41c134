"""The next deadline shown for an open application."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from sosialsak.rules import frister

FORELOPIG_SVAR = _("Foreløpig svar")
DOKUMENTASJON = _("Dokumentasjon")


@dataclass(frozen=True)
class Deadline:
    due: date
    label: str
    overdue: bool


def next_deadline(
    *, mottatt: date, status: str, krav_frist: date | None, today: date
) -> Deadline | None:
    """Return the earliest open deadline: documentation due, or the preliminary reply (§ 11a)."""
    if status not in ("MOTTATT", "UNDER_BEHANDLING"):
        return None
    candidates = [Deadline(frister.forelopig_svar_frist(mottatt=mottatt), str(FORELOPIG_SVAR),
                           False)]
    if krav_frist is not None:
        candidates.append(Deadline(krav_frist, str(DOKUMENTASJON), False))
    first = min(candidates, key=lambda d: d.due)
    return Deadline(first.due, first.label, first.due < today)

