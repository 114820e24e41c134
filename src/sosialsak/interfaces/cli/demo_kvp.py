"""Demo data for issue 14 (deterministic): a tiltak catalogue at NAV Årstad with a full
measure and a waiting list, referrals with and without outcome, and KVP participants: one in
programme with attendance and an absence (and its reduction), one whose programme ends soon
(the extension worklist), one ended with an outcome, and one long-term recipient to screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import Scope, scope_for
from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
from sosialsak.contexts.intake.models import Kanal, Soknad, StonadType
from sosialsak.contexts.intake.operations import PostInput, SoknadInput, register_soknad
from sosialsak.contexts.kvp import operations as kvp
from sosialsak.contexts.kvp.models import Deltakelse
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.payments.operations import set_utbetaling_status
from sosialsak.contexts.people.models import Kilde
from sosialsak.contexts.people.operations import (
    StatedApplicant,
    person_for_application,
    record_household,
)
from sosialsak.contexts.tiltak import operations as tiltak
from sosialsak.kernel.clock import OSLO, local_date
from sosialsak.rules.frister import add_months

KONTO = "12345678903"


def _case(*, fornavn: str, etternavn: str, born: date, fnr_for: Callable[[date], str],
          kontor: NavKontor, actor: object, scope: Scope, received: datetime) -> Soknad:
    stated = StatedApplicant(fornavn=fornavn, etternavn=etternavn, gateadresse="Kvarteret 3",
                             postnummer="5007", poststed="Bergen", kommunenummer="4601",
                             kontonummer=KONTO)
    person = person_for_application(fodselsnummer=fnr_for(born), stated=stated)
    husstand = record_household(person=person, stated=stated, partner=None, barn=[],
                                kilde=Kilde.SAKSBEHANDLER, at=received, kontor_id=kontor.pk,
                                actor=actor)
    return register_soknad(scope=scope, actor=actor, kontor=kontor, person=person,
                           husstand=husstand, data=SoknadInput(
                               kanal=Kanal.MUNTLIG, mottatt_at=received,
                               poster=[PostInput(type=StonadType.LIVSOPPHOLD)]))


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=OSLO)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _catalogue(scope: Scope, actor: object, kontor: NavKontor, now: datetime) -> dict[str, int]:
    rows = {}
    for key, navn, tilbyder, tilbyder_navn, timer, kap, sted in (
        ("kafe", "Arbeidstrening på kafé", "KOMMUNE", "Bergen kommune", "22.5", 3,
         "Kafé Kvarteret, Olav Kyrres gate 49"),
        ("norsk", "Norskkurs med språkpraksis", "FRIVILLIG", "Røde Kors Bergen", "15", 1,
         "Allehelgens gate 2"),
        ("jobbklubb", "Jobbklubb", "STAT", "NAV (arbeidsrettet tiltak)", "7.5", None,
         "NAV Årstad"),
        ("sykkel", "Sykkelverksted", "SOSIALT_ENTREPRENORSKAP", "Sykkelhjelpen AS", "15", 6,
         "Møllendalsveien 8"),
    ):
        rows[key] = tiltak.create_tiltak(
            scope=scope, actor=actor, kontor_id=kontor.pk, now=now, data=tiltak.TiltakInput(
                navn=navn, tilbyder=tilbyder, tilbyder_navn=tilbyder_navn,
                malgruppe="Voksne som står langt fra arbeidslivet",
                timer_per_uke=Decimal(timer), kapasitet=kap, timeplan="Mandag–fredag 09–15",
                sted=sted, kontakt="Kari Kontakt, 55 55 00 00")).pk
    return rows


def _granted(*, scope: Scope, actor: object, soknad: Soknad, start: date,
             registered: datetime) -> Deltakelse:
    d = kvp.screen(scope=scope, actor=actor, soknad_id=soknad.pk, grunn="LANGTID",
                   now=registered)
    kvp.assess(scope=scope, actor=actor, deltakelse_id=d.pk, now=registered,
               data=kvp.VurderingInput(
                   vesentlig_nedsatt_arbeidsevne=True, andre_ytelser="ingen",
                   arbeidsevnevurdering=True, egnet=True,
                   begrunnelse="Lang tid uten arbeid og lite nettverk; trenger tett og "
                               "helhetlig oppfølging for å komme i arbeid."))
    kvp.apply(scope=scope, actor=actor, deltakelse_id=d.pk, mottatt_at=registered,
              kanal=Kanal.MUNTLIG, now=registered)
    return kvp.decide(scope=scope, actor=actor, deltakelse_id=d.pk, now=registered,
                      data=kvp.VedtakInput(
                          innvilget=True, start=start, kontonummer=KONTO,
                          fakta="Du har hatt økonomisk stønad i over ett år og har ikke "
                                "arbeidsavklaringspenger eller andre ytelser.",
                          begrunnelse="Du har rett til kvalifiseringsprogram, og et program "
                                      "på full tid er egnet for å hjelpe deg i arbeid."))


def _paid_until(scope: Scope, d: Deltakelse, month: date, now: datetime) -> None:
    """The months before ``month`` are paid (a programme that started long ago)."""
    assert d.vedtak_id is not None
    for u in Utbetaling.objects.filter(vedtak_id=d.vedtak_id, periode_fra__lt=month,
                                       status=UtbetalingStatus.PLANLAGT):
        set_utbetaling_status(scope=scope, actor=None, utbetaling_id=u.pk,
                              status=UtbetalingStatus.UTBETALT, now=now)


def load(*, scope: Scope, kontor: NavKontor, now: datetime,
         fnr_for: Callable[[date], str]) -> None:
    actor = kontor.ansatte.filter(groups__name=Role.VEILEDER).order_by("username").first()
    assert actor is not None
    mine = scope_for(actor)
    today = local_date(now)
    this_month = today.replace(day=1)
    cat = _catalogue(mine, actor, kontor, now)

    # 1. In programme since last month: kafé + norsk (the one place), a sick day with a
    # self-declaration and an unauthorised absence, reduced by decision.
    one = _case(fornavn="Sara", etternavn="Solberg", born=today.replace(year=today.year - 27),
                fnr_for=fnr_for, kontor=kontor, actor=actor, scope=mine,
                received=now - timedelta(days=75))
    start = add_months(this_month, -1)
    reg = _at(start - timedelta(days=20))
    d1 = _granted(scope=mine, actor=actor, soknad=one, start=start, registered=reg)
    h_kafe = tiltak.refer(scope=mine, actor=actor, soknad_id=one.pk, tiltak_id=cat["kafe"],
                          grunn="Arbeidstrening med tett oppfølging", now=reg,
                          henvist_dato=reg.date())
    h_norsk = tiltak.refer(scope=mine, actor=actor, soknad_id=one.pk, tiltak_id=cat["norsk"],
                           grunn="Bedre norsk for arbeidslivet", now=reg,
                           henvist_dato=reg.date())
    for h in (h_kafe, h_norsk):
        tiltak.start(scope=mine, actor=actor, henvisning_id=h.pk, dato=start, now=reg)
    kvp.save_plan(scope=mine, actor=actor, deltakelse_id=d1.pk, now=reg, linjer=[
        kvp.PlanLinje(henvisning_id=h_kafe.pk), kvp.PlanLinje(henvisning_id=h_norsk.pk)])
    kvp.start(scope=mine, actor=actor, deltakelse_id=d1.pk, now=reg)
    sick, absent = _weekday(start + timedelta(days=7)), _weekday(start + timedelta(days=14))
    kvp.record_absence(scope=mine, actor=actor, deltakelse_id=d1.pk, dato=sick,
                       type="SYK_EGENMELDING", dokumentasjon="Egenmelding levert", now=now)
    kvp.record_absence(scope=mine, actor=actor, deltakelse_id=d1.pk, dato=absent,
                       type="UGYLDIG", merknad="Møtte ikke, ga ikke beskjed", now=now)
    kvp.decide_reduction(scope=mine, actor=actor, deltakelse_id=d1.pk, maned=start,
                         begrunnelse="Sara møtte ikke og ga ikke beskjed. Hun har fått si sin "
                                     "mening i samtale.", now=now)

    # 2. The waiting list: the norskkurs is full.
    two = _case(fornavn="Jonas", etternavn="Berg", born=today.replace(year=today.year - 35),
                fnr_for=fnr_for, kontor=kontor, actor=actor, scope=mine,
                received=now - timedelta(days=20))
    tiltak.refer(scope=mine, actor=actor, soknad_id=two.pk, tiltak_id=cat["norsk"],
                 grunn="Trenger norsk for å søke jobb", now=now)
    # A referral without outcome after more than eight weeks (the worklist).
    tiltak.refer(scope=mine, actor=actor, soknad_id=two.pk, tiltak_id=cat["jobbklubb"],
                 grunn="Jobbsøking i gruppe", now=now, henvist_dato=today - timedelta(weeks=10))

    # 3. Ended with an outcome: ordinary work (KOSTRA 01).
    three = _case(fornavn="Ali", etternavn="Haugen", born=today.replace(year=today.year - 31),
                  fnr_for=fnr_for, kontor=kontor, actor=actor, scope=mine,
                  received=now - timedelta(days=160))
    start3 = add_months(this_month, -4)
    reg3 = _at(start3 - timedelta(days=14))
    d3 = _granted(scope=mine, actor=actor, soknad=three, start=start3, registered=reg3)
    h3 = tiltak.refer(scope=mine, actor=actor, soknad_id=three.pk, tiltak_id=cat["sykkel"],
                      grunn="Praktisk arbeid", now=reg3, henvist_dato=reg3.date())
    tiltak.start(scope=mine, actor=actor, henvisning_id=h3.pk, dato=start3, now=reg3)
    kvp.save_plan(scope=mine, actor=actor, deltakelse_id=d3.pk, now=reg3, linjer=[
        kvp.PlanLinje(henvisning_id=h3.pk, timer_per_uke=Decimal(30)),
        kvp.PlanLinje(beskrivelse="Jobbsøking med veileder", timer_per_uke=Decimal("7.5"))])
    kvp.start(scope=mine, actor=actor, deltakelse_id=d3.pk, now=reg3)
    _paid_until(mine, d3, this_month, now)
    last = add_months(this_month, -1) - timedelta(days=1)
    tiltak.stop(scope=mine, actor=actor, henvisning_id=h3.pk, dato=last,
                grunn="Fikk fast jobb i sykkelbutikk", utfall="ARBEID", situasjon_etter="01",
                now=now)
    kvp.end(scope=mine, actor=actor, deltakelse_id=d3.pk, now=now, data=kvp.AvslutningInput(
        dato=last, kostra_status="3", begrunnelse="Ali har fått fast jobb i full stilling.",
        situasjon_etter=("01",), viktigste_inntekt="01"))

    # 4. In programme for almost two years: the end or an extension is due (the worklist).
    four = _case(fornavn="Mona", etternavn="Lie", born=today.replace(year=today.year - 44),
                 fnr_for=fnr_for, kontor=kontor, actor=actor, scope=mine,
                 received=now - timedelta(days=740))
    start4 = add_months(this_month, -23)
    reg4 = _at(start4 - timedelta(days=10))
    d4 = _granted(scope=mine, actor=actor, soknad=four, start=start4, registered=reg4)
    h4 = tiltak.refer(scope=mine, actor=actor, soknad_id=four.pk, tiltak_id=cat["kafe"],
                      grunn="Arbeidstrening", now=reg4, henvist_dato=reg4.date())
    kvp.save_plan(scope=mine, actor=actor, deltakelse_id=d4.pk, now=reg4, linjer=[
        kvp.PlanLinje(henvisning_id=h4.pk),
        kvp.PlanLinje(beskrivelse="Jobbklubb og jobbsøking", timer_per_uke=Decimal(15))])
    kvp.start(scope=mine, actor=actor, deltakelse_id=d4.pk, now=reg4)
    _paid_until(mine, d4, this_month, now)

    # 5. A long-term recipient to screen: § 18 support for the last seven months.
    five = _case(fornavn="Per", etternavn="Dahl", born=today.replace(year=today.year - 38),
                 fnr_for=fnr_for, kontor=kontor, actor=actor, scope=mine,
                 received=now - timedelta(days=5))
    record_vedtak(scope=mine, actor=actor, soknad_id=five.pk, now=now, data=VedtakInput(
        post_ids=[five.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
        stonadsform="BIDRAG", periode_fra=add_months(this_month, -6),
        periode_til=add_months(this_month, 1), belop=7850,
        begrunnelse="Du har ikke inntekt til livsopphold."))
