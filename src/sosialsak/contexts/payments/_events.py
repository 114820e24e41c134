"""The application event and the audit entry every change to a payment writes.

One ``payments.utbetaling`` hendelse per payment (per vedtak's share), carrying the full current
state, because the Digisos ``utbetaling`` event replaces the payment on nav.no each time and
must name the payment's own sak even when the bank sees one combined transfer.
"""

from __future__ import annotations

from datetime import date, datetime

from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.payments.models import Utbetaling


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def utbetaling_event(utbetaling: Utbetaling, actor: object, now: datetime,
                     purpose: str = "utbetaling") -> None:
    """Record the payment's current state as a hendelse and audit-log the write."""
    soknad = utbetaling.vedtak.sak.soknad
    samlet = utbetaling.samlet_i
    record_hendelse(
        soknad=soknad, type="payments.utbetaling", actor=actor, at=now,
        data={"referanse": utbetaling.referanse, "status": utbetaling.status,
              "belop": utbetaling.belop, "forfallsdato": utbetaling.forfallsdato.isoformat(),
              "mottaker_type": utbetaling.mottaker_type, "vedtak_id": utbetaling.vedtak_id,
              "sak": utbetaling.vedtak.sak.referanse, "mottaker": utbetaling.mottaker_navn,
              "kontonummer": utbetaling.kontonummer,
              "periode_fra": _iso(utbetaling.periode_fra),
              "periode_til": _iso(utbetaling.periode_til),
              "utbetalt_dato": _iso(utbetaling.utbetalt_dato),
              "samlet_referanse": samlet.referanse if samlet else None,
              "rammevedtak": utbetaling.vedtak.ramme_referanse or None},
    )
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)
