"""Reads for payments: the day's due payments for the office page, and a plan preview.

Reads go through the caller's scope (``scoped_soknader``) and are audit-logged, one entry per
application listed, in one query (ADR 0001).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record, record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.decisions.models import Vilkar
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.payments.export import in_scope, office_for_export, visible_batches
from sosialsak.contexts.payments.models import (
    Betalingsprofil,
    Eksportkjoring,
    Samtykke,
    Tilbakeholdelse,
    Utbetaling,
    Utbetalingsinnstillinger,
    UtbetalingStatus,
)
from sosialsak.contexts.payments.office import debitor_for, utbetalingsdag_for
from sosialsak.contexts.payments.operations import TRANSITIONS
from sosialsak.contexts.payments.plan import (
    DEFAULT_UTBETALINGSDAG,
    PlanInput,
    PlannedPayment,
    build_plan,
)
from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class DuePayment:
    id: int
    referanse: str
    betalingsreferanse: str
    belop: int
    mottaker: str
    annen_mottaker: bool
    kontonummer: str
    kid_melding: str
    vedtak_id: int
    sak: str
    soknad_id: int
    oppdrag: int | None  # the day's batch number, None while not yet exported


@dataclass(frozen=True)
class ExportRun:
    kjort_at: datetime
    kjort_av: str
    kanal: str
    format: str
    lopenummer: int
    msg_id: str
    antall: int
    sum_belop: int
    sha256: str


@dataclass(frozen=True)
class DueDay:
    kontor: str
    forfallsdato: date
    betalinger: list[DuePayment]
    sum_belop: int
    ikke_eksportert: int
    kjoringer: list[ExportRun]
    oppdrag: list[int]  # the numbers of the day's batches
    mangler_debitor: bool


def due_payments(*, scope: Scope, actor: object, kontor_id: int, forfallsdato: date,
                 purpose: str) -> DueDay:
    """Return the planned payments due on a day at the office, and the day's export runs."""
    check_case_date(forfallsdato, field="dato")  # issue 10: dato=0 was read as 1970-01-01
    kontor = office_for_export(scope, actor, kontor_id, purpose)
    rows = list(Utbetaling.objects.select_related("vedtak__sak", "samlet_i", "oppdrag").filter(
        status=UtbetalingStatus.PLANLAGT, forfallsdato=forfallsdato,
        vedtak__sak__soknad__in=in_scope(scope, kontor_id)).order_by("mottaker_navn", "id"))
    payments = [DuePayment(
        id=u.pk, referanse=u.referanse,
        betalingsreferanse=u.samlet_i.referanse if u.samlet_i else u.referanse,
        belop=u.belop, mottaker=u.mottaker_navn, annen_mottaker=u.mottaker_type == "ANNEN",
        kontonummer=u.kontonummer, kid_melding=u.kid or u.melding, vedtak_id=u.vedtak_id,
        sak=u.vedtak.sak.tittel, soknad_id=u.vedtak.sak.soknad_id,
        oppdrag=u.oppdrag.lopenummer if u.oppdrag else None) for u in rows]
    soknad_ids: list[object] = [*sorted({p.soknad_id for p in payments})]
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=soknad_ids,
                purpose=purpose, kontor_ids=[kontor_id] * len(soknad_ids))
    batches = visible_batches(scope, kontor_id, forfallsdato)
    runs = Eksportkjoring.objects.select_related("oppdrag").filter(
        oppdrag__in=batches).order_by("-kjort_at", "-id")
    return DueDay(
        kontor=kontor.navn, forfallsdato=forfallsdato, betalinger=payments,
        sum_belop=sum(p.belop for p in payments),
        ikke_eksportert=sum(1 for p in payments if p.oppdrag is None),
        kjoringer=[ExportRun(r.kjort_at, r.kjort_av_navn, r.kanal, r.get_format_display(),
                             r.oppdrag.lopenummer, r.oppdrag.msg_id, r.antall, r.sum_belop,
                             r.sha256) for r in runs],
        oppdrag=sorted(batches.values_list("lopenummer", flat=True)),
        mangler_debitor=debitor_for(kontor_id) is None,
    )


def preview_payment_plan(
    *, kontor_id: int, belop: int, hyppighet: str, periode_fra: date | None,
    periode_til: date | None, today: date, forfallsdato: date | None = None,
) -> tuple[PlannedPayment, ...]:
    """Return the plan a decision would get, without storing anything (for the preview)."""
    return build_plan(PlanInput(belop=belop, hyppighet=hyppighet, periode_fra=periode_fra,
                                periode_til=periode_til,
                                utbetalingsdag=utbetalingsdag_for(kontor_id), today=today,
                                forfallsdato=forfallsdato))


@dataclass(frozen=True)
class PaymentRow:
    id: int
    forfallsdato: date
    belop: int
    mottaker: str
    annen_mottaker: bool
    status: str
    status_label: str
    vedtak_id: int
    sendt_til_bank: bool
    neste: list[tuple[str, str]]  # the statuses it may move to, with labels
    holdt_til_vilkar: str = ""  # issue 14: held until this condition is met


@dataclass(frozen=True)
class ConsentRow:
    id: int
    gjelder: str
    mottaker_navn: str
    gitt_dato: date
    gyldig_til: date | None
    trukket_dato: date | None


@dataclass(frozen=True)
class PaymentOverview:
    """One application's payments, the person's payment wishes and their consents."""

    soknad_id: int
    navn: str
    kontonummer: str
    samlet_manedlig_utbetaling: bool
    utbetalinger: list[PaymentRow]
    samtykker: list[ConsentRow]
    can_write: bool
    # Issue 14: every hold and release, and the case's open conditions to hold a payment for.
    tilbakeholdelser: list[HoldRow] = field(default_factory=list)
    vilkar_valg: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class HoldRow:
    utbetaling_id: int
    forfallsdato: date
    belop: int
    vilkar: str
    holdt_at: datetime
    frigitt_at: datetime | None


def _holds(soknad_id: int) -> tuple[dict[int, str], list[HoldRow], list[tuple[int, str]]]:
    rows = list(Tilbakeholdelse.objects.filter(utbetaling__vedtak__sak__soknad_id=soknad_id)
                .select_related("utbetaling", "vilkar").order_by("holdt_at", "id"))
    held = {h.utbetaling_id: h.vilkar.beskrivelse for h in rows if h.frigitt_at is None}
    choices = list(Vilkar.objects.filter(vedtak__sak__soknad_id=soknad_id,
                                         status__in=("RELEVANT", "IKKE_OPPFYLT"))
                   .order_by("id").values_list("pk", "beskrivelse"))
    return held, [HoldRow(h.utbetaling_id, h.utbetaling.forfallsdato, h.utbetaling.belop,
                          h.vilkar.beskrivelse, h.holdt_at, h.frigitt_at) for h in rows], choices


# The likely step first; annulling (for good) last.
_NEXT_ORDER = (UtbetalingStatus.UTBETALT, UtbetalingStatus.STOPPET, UtbetalingStatus.PLANLAGT,
               UtbetalingStatus.ANNULLERT)


def payment_overview(*, scope: Scope, actor: object, soknad_id: int) -> PaymentOverview:
    """Return the payments page of one application for staff; log the read."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id,
                            purpose="utbetalinger og samtykke")
    profil = Betalingsprofil.objects.filter(person_id=soknad.person_id,
                                            kontor_id=soknad.kontor_id).first()
    labels = dict(UtbetalingStatus.choices)
    rows = Utbetaling.objects.filter(vedtak__sak__soknad=soknad).order_by("forfallsdato", "id")
    held, holds, choices = _holds(soknad.pk)
    return PaymentOverview(
        soknad_id=soknad.pk, navn=soknad.soker_navn,
        kontonummer=profil.kontonummer if profil else "",
        samlet_manedlig_utbetaling=bool(profil and profil.samlet_manedlig_utbetaling),
        utbetalinger=[PaymentRow(
            u.pk, u.forfallsdato, u.belop, u.mottaker_navn, u.mottaker_type != "SOKER",
            u.status, str(labels.get(u.status, u.status)), u.vedtak_id, u.oppdrag_id is not None,
            [] if u.oppdrag_id is not None else
            [(s, str(labels[s])) for s in _NEXT_ORDER
             if s in TRANSITIONS.get(UtbetalingStatus(u.status), ())
             # A held payment is released by meeting its condition, not by hand.
             and not (s == UtbetalingStatus.PLANLAGT and u.pk in held)],
            held.get(u.pk, ""))
            for u in rows],
        samtykker=[ConsentRow(s.pk, s.gjelder, s.mottaker_navn, s.gitt_dato, s.gyldig_til,
                              s.trukket_dato)
                   # Only consents recorded in applications the caller may see.
                   for s in Samtykke.objects.filter(person_id=soknad.person_id,
                                                    soknad__in=scoped_soknader(scope))],
        can_write=scope.can_write, tilbakeholdelser=holds, vilkar_valg=choices)


@dataclass(frozen=True)
class PaymentChoices:
    """What the decision builder offers for paying: the applicant's registered account and the
    consents in force (recorded in applications the caller may see)."""

    kontonummer: str
    samtykker: list[ConsentRow]


def payment_choices(*, scope: Scope, soknad_id: int) -> PaymentChoices:
    """Return the payment choices of an application in scope, for a page that has already
    logged its own read of the application (the builder). NotFound outside scope."""
    visible = scoped_soknader(scope)
    row = visible.filter(pk=soknad_id).values_list("person_id", "kontor_id").first()
    if row is None:
        raise NotFound("Fant ikke søknaden.")
    person_id, kontor_id = row
    profil = Betalingsprofil.objects.filter(person_id=person_id, kontor_id=kontor_id).first()
    return PaymentChoices(
        kontonummer=profil.kontonummer if profil else "",
        samtykker=[ConsentRow(s.pk, s.gjelder, s.mottaker_navn, s.gitt_dato, s.gyldig_til, None)
                   for s in Samtykke.objects.filter(person_id=person_id, soknad__in=visible,
                                                    trukket_dato__isnull=True)])


@dataclass(frozen=True)
class PaymentSettings:
    kontor_id: int
    kontor: str
    utbetalingsdag: int
    debitor_navn: str
    debitor_kontonummer: str
    debitor_organisasjonsnummer: str
    debitor_bic: str


def payment_settings(*, scope: Scope, actor: object, kontor_id: int) -> PaymentSettings:
    """Return the office's payment settings for its leder; log and refuse anyone else."""
    if Role.LEDER not in scope.roles or not scope.kontor_allowed(kontor_id):
        record(actor=actor, action=Action.DENIED, object_type="utbetalingsinnstillinger",
               object_id=kontor_id, purpose="lese utbetalingsinnstillinger")
        raise NotFound("Fant ikke kontoret.")
    kontor = NavKontor.objects.get(pk=kontor_id)
    row = Utbetalingsinnstillinger.objects.filter(kontor_id=kontor_id).first()
    return PaymentSettings(
        kontor_id=kontor_id, kontor=kontor.navn,
        utbetalingsdag=row.utbetalingsdag if row else DEFAULT_UTBETALINGSDAG,
        debitor_navn=row.debitor_navn if row else "",
        debitor_kontonummer=row.debitor_kontonummer if row else "",
        debitor_organisasjonsnummer=row.debitor_organisasjonsnummer if row else "",
        debitor_bic=row.debitor_bic if row else "")
