"""Demo content for follow-up (issue 14): the showcase person's activity plan with its
conditions and a held payment, plans for a few others, and an appeal near the office's
deadline, so each follow-up worklist has something. Deterministic: no randomness, the
applications are picked in id order."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.models import Klage, Vedtak
from sosialsak.contexts.decisions.operations import register_klage
from sosialsak.contexts.followup.operations import (
    add_aktivitet,
    agree_aktivitet,
    link_vilkar,
    set_aktivitet_status,
    set_vilkar_oppfolging,
)
from sosialsak.contexts.followup.policy import AktivitetInput
from sosialsak.contexts.intake.assignment import assign
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.payments.holds import hold_utbetaling
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.kernel.clock import local_date

OTHERS = (
    ("Bli klar for arbeid", "Arbeidstrening på lager, tre dager i uka", "Fretex Bergen", 18),
    ("Bedre norskferdigheter", "Norskkurs på Voksenopplæringen", "Bergen kommune", 10),
    ("Få orden på økonomien", "Budsjettsamtaler med økonomisk rådgiver", "NAV-veileder", 2),
)


def showcase(*, scope: Scope, actor: object, soknad: Soknad, vedtak: Vedtak,
             now: datetime) -> None:
    """Emma's plan: an activity per condition, one agreed, one over time; the housing
    condition followed up two days ago and its first payment held until it is met."""
    today = local_date(now)
    # The case has an owner, so each clock on it names who is to act.
    assign(scope=scope, actor=actor, soknad_id=soknad.pk,  # type: ignore[arg-type]
           to_user_id=getattr(actor, "pk", None), now=now)
    samtaler = add_aktivitet(scope=scope, actor=actor, soknad_id=soknad.pk, now=now,
                             data=AktivitetInput(
                                 mal="Komme i arbeid igjen", hva="Samtale om arbeid hver tirsdag",
                                 hvem="Veileder", fra=today - timedelta(days=7),
                                 til=today + timedelta(days=90), timer_per_uke=1))
    set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=samtaler.pk, status="STARTET",
                         now=now)
    agree_aktivitet(scope=scope, actor=actor, aktivitet_id=samtaler.pk, now=now,
                    merknad="I samtale på kontoret")
    bostotte = add_aktivitet(scope=scope, actor=actor, soknad_id=soknad.pk, now=now,
                             data=AktivitetInput(
                                 mal="Lavere boutgifter", hva="Søke bostøtte fra Husbanken",
                                 hvem="Emma, med hjelp fra veileder", fra=today))
    cv = add_aktivitet(scope=scope, actor=actor, soknad_id=soknad.pk, now=now,
                       data=AktivitetInput(
                           mal="Komme i arbeid igjen", hva="Kurs i å skrive CV og søknad",
                           hvem="Jobbklubben på NAV Årstad", fra=today - timedelta(days=21),
                           til=today - timedelta(days=5), timer_per_uke=6))
    set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=cv.pk, status="STARTET",
                         now=now)
    for v in vedtak.vilkar.order_by("id"):
        target = samtaler if v.kode == "08" else bostotte
        link_vilkar(scope=scope, actor=actor, vilkar_id=v.pk, aktivitet_id=target.pk, now=now)
        if v.holder_tilbake_utbetaling:
            set_vilkar_oppfolging(scope=scope, actor=actor, vilkar_id=v.pk,
                                  oppfolgingsdato=today - timedelta(days=2), now=now)
            first = (Utbetaling.objects.filter(vedtak=vedtak, status="PLANLAGT")
                     .order_by("forfallsdato", "id").first())
            if first is not None:
                hold_utbetaling(scope=scope, actor=actor, utbetaling_id=first.pk,
                                vilkar_id=v.pk, now=now)


def others(*, scope: Scope, kontor_id: int, now: datetime) -> None:
    """A plan for three more people at the office (one activity over time, one agreed), and
    an appeal whose forwarding deadline is near."""
    today = local_date(now)
    # The demo citizens first, so «bruker1» sees a plan at /mine/; then the oldest cases.
    picked = (Soknad.objects.filter(kontor_id=kontor_id)
              .order_by(F("person__user_id").asc(nulls_last=True), "id"))
    seen: set[int] = set()
    for soknad in picked:
        if soknad.person_id in seen or len(seen) == len(OTHERS):
            continue
        mal, hva, hvem, timer = OTHERS[len(seen)]
        n = len(seen)
        seen.add(soknad.person_id)
        fra = today - timedelta(days=30 + 10 * n)
        a = add_aktivitet(scope=scope, actor=None, soknad_id=soknad.pk, now=now,
                          data=AktivitetInput(mal=mal, hva=hva, hvem=hvem, fra=fra,
                                              til=fra + timedelta(days=25 + 20 * n),
                                              timer_per_uke=timer))
        set_aktivitet_status(scope=scope, actor=None, aktivitet_id=a.pk, status="STARTET",
                             now=now)
        if n == 2:  # the demo citizens still have theirs to agree to at /mine/
            agree_aktivitet(scope=scope, actor=None, aktivitet_id=a.pk, now=now,
                            merknad="I samtale på kontoret")
    old = (Vedtak.objects.filter(sak__soknad__kontor_id=kontor_id, utfall="AVSLATT",
                                 fattet_at__lt=now - timedelta(days=17))
           .exclude(pk__in=Klage.objects.values("vedtak_id")).order_by("fattet_at", "id").first())
    if old is not None:
        register_klage(scope=scope, actor=None, vedtak_id=old.pk, now=now,
                       mottatt=today - timedelta(days=16),
                       tekst="Jeg klager på avslaget. Jeg har ikke råd til strømregningen.")
