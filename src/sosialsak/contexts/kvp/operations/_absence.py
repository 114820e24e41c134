"""The absence register and the reduction decision for absence (§ 36).

Sick leave with a self-declaration or doctor's note keeps the stønad. Unauthorised absence and
agreed absence without stønad take one dagsats a day, but only through a decision: registering
the absence changes no payment. The reduction decision (with its letter) takes the month's
days not yet decided, calculates the month again with ``rules.kvp_maaned`` and lowers the
month's planned payment; if that has already left the office, the next planned payments
(overpayments may be deducted from later payments)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.kvp.models import TREKK, Deltakelse, Fravaer, Reduksjon
from sosialsak.contexts.kvp.operations._common import event, letter, letter_data, locked
from sosialsak.contexts.kvp.operations._programme import kvp_vedtak_ids
from sosialsak.contexts.kvp.policy import check_absence, check_step, fail
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.payments.operations import plan_utbetaling, stop_planned_payments
from sosialsak.contexts.payments.planning import month_text
from sosialsak.kernel.bounds import check_case_date


@transaction.atomic
def record_absence(*, scope: Scope, actor: object, deltakelse_id: int, dato: date, type: str,
                   now: datetime, dokumentasjon: str = "", merknad: str = "") -> Fravaer:
    """Register one weekday of absence."""
    d = locked(scope, deltakelse_id)
    check_step("fravaer", d.status)
    check_case_date(dato, field="dato")
    check_absence(type=type, dato=dato, dokumentasjon=dokumentasjon, merknad=merknad,
                  begynt=d.begynt_dato, slutt=d.slutt_dato)
    if d.fravaer.filter(dato=dato).exists():
        raise fail("dato", "det er allerede registrert fravær denne dagen.")
    row = Fravaer.objects.create(deltakelse=d, dato=dato, type=type,
                                 dokumentasjon=dokumentasjon.strip()[:300],
                                 merknad=merknad.strip(), registrert_at=now,
                                 registrert_av_id=getattr(actor, "pk", None))
    event(d, "fravaer", actor, now, "registrere fravær i KVP", dato=dato.isoformat(),
          type=type)
    return row


def _month_amount(d: Deltakelse, month: date, days: list[date]) -> int:
    assert d.begynt_dato is not None and d.person.fodselsdato is not None
    assert d.soknad is not None
    barn = [b.fodselsdato for b in household_of(d.soknad).barn
            if getattr(b, "bosted", "FAST") != "SAMVAER"]
    return rules.kvp_maaned(month=month, fodselsdato=d.person.fodselsdato,
                            deltakelse_fra=d.begynt_dato, deltakelse_til=d.slutt_dato,
                            fravaer_uten_gyldig_grunn=days, barn=barn).amount


def _lower_payments(scope: Scope, actor: object, d: Deltakelse, month: date, trekk: int,
                    now: datetime) -> list[str]:
    """Lower the month's planned payment by ``trekk``, or the next ones when it has left the
    office; return the new payments' references."""
    pending = list(Utbetaling.objects.filter(
        vedtak_id__in=kvp_vedtak_ids(d), status=UtbetalingStatus.PLANLAGT,
        oppdrag__isnull=True, periode_fra__gte=month).order_by("forfallsdato", "id"))
    refs: list[str] = []
    for u in pending:
        if trekk <= 0:
            break
        take = min(trekk, u.belop)
        trekk -= take
        stop_planned_payments(scope=scope, actor=actor, vedtak_id=u.vedtak_id,
                              from_date=u.forfallsdato,
                              to_date=u.forfallsdato + timedelta(days=1), now=now)
        if u.belop - take > 0:
            new = plan_utbetaling(
                scope=scope, actor=actor, vedtak_id=u.vedtak_id, belop=u.belop - take,
                forfallsdato=u.forfallsdato, kontonummer=u.kontonummer,
                mottaker_navn=u.mottaker_navn, mottaker_type=u.mottaker_type,
                organisasjonsnummer=u.mottaker_organisasjonsnummer, samtykke_id=u.samtykke_id,
                kid=u.kid, periode_fra=u.periode_fra, periode_til=u.periode_til,
                melding=f"Kvalifiseringsstønad {month_text(u.periode_fra or month)}",
                now=now)
            refs.append(new.referanse)
    return refs


@transaction.atomic
def decide_reduction(*, scope: Scope, actor: object, deltakelse_id: int, maned: date,
                     begrunnelse: str, now: datetime) -> Reduksjon:
    """Decide the reduction for the month's unauthorised absence (and agreed absence without
    stønad) not yet decided, with a letter; lower the payments."""
    d = locked(scope, deltakelse_id)
    check_step("reduksjon", d.status)
    month = maned.replace(day=1)
    nxt = (month + timedelta(days=32)).replace(day=1)
    rows = list(d.fravaer.filter(type__in=TREKK, reduksjon__isnull=True, dato__gte=month,
                                 dato__lt=nxt))
    if not rows:
        raise fail("maned", "det er ikke registrert fravær som gir trekk denne måneden.",
                   code="ingen_fravaer")
    if not begrunnelse.strip():
        raise fail("begrunnelse", "skriv begrunnelsen for trekket.")
    earlier = [f.dato for f in d.fravaer.filter(reduksjon__isnull=False, dato__gte=month,
                                                dato__lt=nxt)]
    days = [f.dato for f in rows]
    before = _month_amount(d, month, earlier)
    after = _month_amount(d, month, earlier + days)
    trekk = before - after
    dates = ", ".join(f"{x:%d.%m}" for x in sorted(days))
    text = (f"Du hadde fravær uten gyldig grunn eller avtalt fravær uten stønad {len(days)} "
            f"dag{'er' if len(days) != 1 else ''} i {month_text(month)} ({dates}). "
            f"Vedtaket om kvalifiseringsprogram sa at slikt fravær gir trekk i stønaden for "
            f"hver dag. Stønaden for {month_text(month)} blir derfor {after} kr i stedet for "
            f"{before} kr (trekk {trekk} kr).\n\n{begrunnelse.strip()}")
    brev = letter(d=d, actor=actor, now=now, utfall="DELVIS_INNVILGET", belop=after,
                  tittel=f"Kvalifiseringsstønad for {month_text(month)}: trekk for fravær",
                  begrunnelse=text,
                  periode=(month, nxt - timedelta(days=1)))
    red = Reduksjon.objects.create(
        deltakelse=d, maned=month, dager=len(days), trekk=trekk, stonad_for=before,
        stonad_etter=after, begrunnelse=begrunnelse.strip(), brev=brev, vedtatt_at=now,
        vedtatt_av_id=getattr(actor, "pk", None))
    Fravaer.objects.filter(pk__in=[f.pk for f in rows]).update(reduksjon=red)
    refs = _lower_payments(scope, actor, d, month, trekk, now)
    event(d, "reduksjon", actor, now, "vedta trekk i kvalifiseringsstønad",
          reduksjon_id=red.pk, maned=month.isoformat(), trekk=trekk, utbetalinger=refs,
          **letter_data(d, brev, "DELVIS_INNVILGET"))
    return red


