"""Write the payment plan of a granted decision, and combine monthly shares where wished.

This is the call the vedtak builder makes once a decision is made: ``create_payment_plan``.
The dates and amounts come from the pure policy in ``plan.py``; the recipient is checked by
``recipients.py``. A decision gets one plan: to change it, annul the planned payments first,
so that no month can be paid twice.

**Combined monthly payment.** When the person's ``Betalingsprofil`` asks for one payment a
month, each monthly share paid to the applicant's profile account joins the month's
``SamletUtbetaling`` (one per person, office and month), and its due date becomes the
combined payment's. If a share would fall due earlier, the combined payment moves earlier
with all its shares, so that no share is paid later than its own plan said. One-off payments
are never combined, because they are usually needed at once (nødhjelp, depositum). A share is
planned on its own when the month's combined payment is already in a bank file or its day
has passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.models import Stonadsform, Utfall, Vedtak
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.payments._events import utbetaling_event
from sosialsak.contexts.payments.bankdager import next_bank_day
from sosialsak.contexts.payments.models import (
    Betalingsprofil,
    Hyppighet,
    MottakerType,
    SamletUtbetaling,
    Utbetaling,
    UtbetalingStatus,
)
from sosialsak.contexts.payments.office import utbetalingsdag_for
from sosialsak.contexts.payments.operations import check_in_force, new_referanse
from sosialsak.contexts.payments.plan import (
    PlanInput,
    PlannedPayment,
    UnableToPlanUtbetaling,
    build_plan,
)
from sosialsak.contexts.payments.recipients import Mottaker, ResolvedMottaker, resolve_mottaker
from sosialsak.contexts.people.models import Person
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

MANEDER = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"]


def month_text(maned: date) -> str:
    """Return «april 2024» for a month."""
    return f"{MANEDER[maned.month - 1]} {maned.year}"


def _fail(field: str, message: str) -> UnableToPlanUtbetaling:
    return UnableToPlanUtbetaling(f"{field}: {message}", field=field)


def _check_vedtak(vedtak: Vedtak) -> int:
    check_in_force(vedtak)
    if vedtak.utfall not in (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET):
        raise _fail("vedtak_id", "bare innvilgede vedtak kan gi utbetaling.")
    if vedtak.stonadsform == Stonadsform.GARANTI:
        raise _fail("stonadsform", "en garanti gir ingen utbetaling før den eventuelt blir "
                    "innfridd.")
    if not vedtak.belop:
        raise _fail("belop", "vedtaket har ikke noe beløp å betale ut.")
    if Utbetaling.objects.filter(vedtak=vedtak).exclude(
            status=UtbetalingStatus.ANNULLERT).exists():
        raise _fail("vedtak_id", "vedtaket har allerede en utbetalingsplan. Annuller de "
                    "planlagte utbetalingene først om planen skal lages på nytt.")
    return vedtak.belop


@transaction.atomic
def create_payment_plan(
    *, scope: Scope, actor: object, vedtak_id: int, hyppighet: str, now: datetime,
    mottaker: Mottaker | None = None, forfallsdato: date | None = None, melding: str = "",
    periode_fra: date | None = None, periode_til: date | None = None,
    andre_maneder: Mapping[date, int] | None = None,
) -> list[Utbetaling]:
    """Plan the payments of a granted decision and return them in due-date order.

    ``hyppighet`` is ENGANGS (the decision's amount once) or MANEDLIG (the decision's amount
    for each whole month of its period; a decision calculated month by month pays each
    month's own amount, ``Vedtak.maned_belop``). ``forfallsdato`` asks for a date for a one-off
    payment. ``periode_fra``/``periode_til`` plan only that part of the decision's period (a
    reduction replacing stopped payments); ``andre_maneder`` pays months of that part the
    decision does not state at the given amounts (a replaced payment's months outside the
    new decision: the decision it replaces still governs them). Raise UnableToPlanUtbetaling
    or ValidationFailed naming the field; NotFound outside scope. Nothing is stored when
    anything is refused.
    """
    vedtak = Vedtak.objects.select_related("sak__soknad__person").filter(pk=vedtak_id).first()
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    soknad = writable_soknad(scope, vedtak.sak.soknad_id, lock=True)
    belop = _check_vedtak(vedtak)
    today = local_date(now)
    lines = build_plan(PlanInput(
        belop=belop, hyppighet=hyppighet,
        periode_fra=periode_fra if periode_fra is not None else vedtak.periode_fra,
        periode_til=periode_til if periode_til is not None else vedtak.periode_til,
        utbetalingsdag=utbetalingsdag_for(soknad.kontor_id),
        today=today, forfallsdato=forfallsdato,
        maned_belop={**(andre_maneder or {}),
                     **{date.fromisoformat(m["maned"]): int(m["belop"])
                        for m in vedtak.maned_belop or []}}))
    person = soknad.person
    resolved = resolve_mottaker(vedtak=vedtak, person=person, mottaker=mottaker or Mottaker(),
                                today=today, last_due=max(x.forfallsdato for x in lines))
    combine = hyppighet == Hyppighet.MANEDLIG and _wants_combined(person, soknad.kontor_id,
                                                                   resolved)
    planned = []
    for line in lines:
        samlet = _join_samlet(person=person, kontor_id=soknad.kontor_id, line=line,
                              mottaker=resolved, earliest=next_bank_day(today), actor=actor,
                              now=now) if combine and line.maned else None
        utbetaling = Utbetaling.objects.create(
            vedtak=vedtak, referanse=new_referanse(), belop=line.belop,
            forfallsdato=samlet.forfallsdato if samlet else line.forfallsdato,
            kontonummer=resolved.kontonummer, mottaker_navn=resolved.navn,
            mottaker_type=resolved.type,
            mottaker_organisasjonsnummer=resolved.organisasjonsnummer, kid=resolved.kid,
            samtykke=resolved.samtykke, periode_fra=line.periode_fra,
            periode_til=line.periode_til, samlet_i=samlet,
            melding=(melding or _default_melding(vedtak, line))[:140],
        )
        utbetaling_event(utbetaling, actor, now, purpose="utbetalingsplan")
        planned.append(utbetaling)
    return sorted(planned, key=lambda u: (u.forfallsdato, u.pk))


def _default_melding(vedtak: Vedtak, line: PlannedPayment) -> str:
    what = f"NAV økonomisk stønad: {vedtak.sak.tittel}"
    return f"{what}, {month_text(line.maned)}" if line.maned else what


def _wants_combined(person: Person, kontor_id: int, mottaker: ResolvedMottaker) -> bool:
    profil = Betalingsprofil.objects.filter(person=person, kontor_id=kontor_id).first()
    return (profil is not None and profil.samlet_manedlig_utbetaling
            and mottaker.type == MottakerType.SOKER
            and mottaker.kontonummer == profil.kontonummer)


def _join_samlet(
    *, person: Person, kontor_id: int, line: PlannedPayment, mottaker: ResolvedMottaker,
    earliest: date, actor: object, now: datetime,
) -> SamletUtbetaling | None:
    """Return the month's open combined payment (created if missing), or None if closed."""
    assert line.maned is not None
    samlet = (SamletUtbetaling.objects.select_for_update()
              .filter(person=person, kontor_id=kontor_id, maned=line.maned).first())
    if samlet is None:
        return SamletUtbetaling.objects.create(
            person=person, kontor_id=kontor_id, maned=line.maned, referanse=new_referanse(),
            forfallsdato=line.forfallsdato, mottaker_navn=mottaker.navn,
            kontonummer=mottaker.kontonummer)
    closed = (samlet.forfallsdato < earliest or samlet.kontonummer != mottaker.kontonummer
              or samlet.andeler.filter(oppdrag__isnull=False).exists())
    if closed:
        return None
    if line.forfallsdato < samlet.forfallsdato:
        samlet.forfallsdato = line.forfallsdato
        samlet.save(update_fields=["forfallsdato"])
        for andel in samlet.andeler.select_related("vedtak__sak__soknad").filter(
                status__in=[UtbetalingStatus.PLANLAGT, UtbetalingStatus.STOPPET]):
            andel.forfallsdato = line.forfallsdato
            andel.save(update_fields=["forfallsdato"])
            utbetaling_event(andel, actor, now, purpose="samlet utbetaling flyttet")
    return samlet

