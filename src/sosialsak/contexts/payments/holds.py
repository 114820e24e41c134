"""Hold a payment until a condition is met, and release it when it is (issue 14).

Only a condition whose decision grounds it may hold a payment: the condition says the payment
waits for it (``holder_tilbake_utbetaling``) and on what basis (``utsettelse_grunnlag``). Any
other hold is refused, so a payment is never held back at the office's whim. A hold stops the
payment (innsyn shows it stopped) and a release plans it again; both are an event on the case,
the payment's own event (innsyn) and an audit entry: never silent.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.models import Vilkar, VilkarStatus
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.contexts.payments._events import utbetaling_event
from sosialsak.contexts.payments.models import Tilbakeholdelse, Utbetaling, UtbetalingStatus
from sosialsak.contexts.payments.operations import _check_restart
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound

__all__ = ["HoldRefused", "hold_utbetaling", "release_holds_for_vilkar"]


class HoldRefused(DomainError):
    code = "hold_refused"


@transaction.atomic
def hold_utbetaling(*, scope: Scope, actor: object, utbetaling_id: int, vilkar_id: int,
                    now: datetime) -> Tilbakeholdelse:
    """Hold a planned payment until ``vilkar_id`` is met. Refused (HoldRefused) unless the
    condition belongs to the payment's decision and that decision says the payment waits for
    it; the payment must still be planned and not handed to the bank."""
    soknad_id = owner_id(Utbetaling, utbetaling_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke utbetalingen.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    u = lock(Utbetaling, utbetaling_id, "vedtak__sak__soknad", "samlet_i")
    v = lock(Vilkar, vilkar_id, "vedtak")
    if u is None:
        raise NotFound("Fant ikke utbetalingen.")
    if v is None or v.vedtak.sak_id != u.vedtak.sak_id:
        raise HoldRefused("vilkar_id: vilkåret hører ikke til saken utbetalingen hører til.",
                          code="hold_wrong_vilkar", field="vilkar_id")
    if not (v.holder_tilbake_utbetaling and v.utsettelse_grunnlag.strip()):
        raise HoldRefused(
            "Utbetalingen kan ikke holdes tilbake: vedtaket sier ikke at utbetalingen skal "
            "utsettes til dette vilkåret er oppfylt. Det må stå i vedtaket, med hjemmel, før en "
            "utbetaling kan holdes tilbake.", code="hold_without_ground", field="vilkar_id")
    if v.status not in (VilkarStatus.RELEVANT, VilkarStatus.IKKE_OPPFYLT):
        raise HoldRefused("vilkar_id: vilkåret er oppfylt eller annullert; det er ingenting å "
                          "vente på.", code="hold_vilkar_closed", field="vilkar_id")
    if u.status != UtbetalingStatus.PLANLAGT or u.oppdrag_id is not None:
        raise HoldRefused("utbetaling_id: bare planlagte utbetalinger som ikke er sendt til "
                          "banken kan holdes tilbake.", code="hold_not_planned",
                          field="utbetaling_id")
    hold = Tilbakeholdelse.objects.create(utbetaling=u, vilkar=v, holdt_at=now,
                                          holdt_av_id=getattr(actor, "pk", None))
    u.status = UtbetalingStatus.STOPPET
    u.save(update_fields=["status"])
    record_hendelse(soknad=soknad, type="payments.tilbakeholdt", actor=actor, at=now, data={
        "referanse": u.referanse, "vilkar_referanse": v.referanse, "vilkar_id": v.pk,
        "grunnlag": v.utsettelse_grunnlag})
    utbetaling_event(u, actor, now, purpose="utbetaling holdt tilbake til vilkår er oppfylt")
    return hold


def release_holds_for_vilkar(*, scope: Scope, actor: object, vilkar_id: int,
                             now: datetime) -> list[str]:
    """Release every open hold on the condition (it is met) and plan those payments again;
    one whose due date has passed falls due today. Return the references planned again (a
    payment whose decision has since been changed stays stopped; the event says why). Called
    in the transaction that marks the condition met (``followup.ports``)."""
    out = []
    holds = (Tilbakeholdelse.objects.select_for_update(of=("self",))
             .filter(vilkar_id=vilkar_id, frigitt_at__isnull=True).order_by("id"))
    for hold in holds:
        u = lock(Utbetaling, hold.utbetaling_id, "vedtak__sak__soknad", "samlet_i")
        if u is None:
            continue
        soknad = writable_soknad(scope, u.vedtak.sak.soknad_id, lock=True)
        hold.frigitt_at, hold.frigitt_av_id = now, getattr(actor, "pk", None)
        hold.save(update_fields=["frigitt_at", "frigitt_av"])
        kept = ""
        if u.status == UtbetalingStatus.STOPPET:
            try:
                _check_restart(u, now)
            except DomainError as exc:
                # The decision was changed meanwhile (or the recipient may no longer be paid):
                # the hold ends, the payment stays stopped and the event says why. Meeting
                # the condition is never refused because of it.
                kept = exc.message
            else:
                u.status = UtbetalingStatus.PLANLAGT
                u.forfallsdato = max(u.forfallsdato, local_date(now))
                u.save(update_fields=["status", "forfallsdato"])
        record_hendelse(soknad=soknad, type="payments.frigitt", actor=actor, at=now, data={
            "referanse": u.referanse, "vilkar_id": vilkar_id, "status": u.status,
            "ikke_startet": kept})
        utbetaling_event(u, actor, now, purpose="utbetaling frigitt: vilkåret er oppfylt")
        if not kept:
            out.append(u.referanse)
    return out


def open_hold(utbetaling_id: int) -> Tilbakeholdelse | None:
    return (Tilbakeholdelse.objects.select_related("vilkar")
            .filter(utbetaling_id=utbetaling_id, frigitt_at__isnull=True).first())
