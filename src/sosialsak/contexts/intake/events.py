"""Append an event to an application's log. Callers are inside their own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from sosialsak.contexts.intake.models import Hendelse, Soknad

# The codes the timeline and the innsyn export understand. A code is never reused for another
# meaning; add new ones at the end.
TYPES = {
    "intake.soknad.mottatt": "Søknaden er mottatt",
    "intake.soknad.status": "Status er endret",
    "intake.soknad.tildelt": "Søknaden er tildelt NAV-kontor",
    "intake.soknad.ettersendelse": "Dokumenter er ettersendt",
    "cases.dokumentasjon.etterspurt": "Dokumentasjon er etterspurt",
    "cases.dokumentasjon.mottatt": "Dokumentasjon er mottatt",
    "cases.forelopig_svar": "Foreløpig svar er sendt",
    "decisions.sak.opprettet": "Sak er opprettet",
    "decisions.vedtak.fattet": "Vedtak er fattet",
    "decisions.vilkar": "Vilkår er satt",
    "payments.utbetaling": "Utbetaling er planlagt eller endret",
}


def record_hendelse(
    *,
    soknad: Soknad,
    type: str,
    data: dict[str, Any] | None = None,
    actor: object | None = None,
    at: datetime | None = None,
    tekst: str | None = None,
) -> Hendelse:
    """Append one hendelse. Raise KeyError for an unknown type (a typo must not pass silently)."""
    default_text = TYPES[type]
    return Hendelse.objects.create(
        soknad=soknad,
        at=at or timezone.now(),
        type=type,
        tekst=(tekst or default_text)[:300],
        data=data or {},
        actor_id=getattr(actor, "pk", None),
    )
