"""The programme plan, the start, extension, interruption with re-entry, and the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.operations import (
    BarnBegrunnelse,
    KvpUtkast,
    UtbetalingValg,
    VedtakUtkast,
    make_vedtak,
)
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.operations import PostInput, add_item
from sosialsak.contexts.kvp.models import Avbrudd, Deltakelse, Programlinje, Status
from sosialsak.contexts.kvp.operations._common import event, fulltid, letter, letter_data, locked
from sosialsak.contexts.kvp.policy import check_end, check_plan, check_step, fail
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.payments.operations import set_utbetaling_status, stop_planned_payments
from sosialsak.contexts.tiltak.models import Henvisning, HenvisningStatus
from sosialsak.kernel.bounds import check_case_date


@dataclass(frozen=True)
class PlanLinje:
    """A tiltak referral (its name and hours by default) or a free activity."""

    henvisning_id: int | None = None
    beskrivelse: str = ""
    timer_per_uke: Decimal | None = None


def kvp_vedtak_ids(d: Deltakelse) -> list[int]:
    return [v for v in (d.vedtak_id, d.forlengelse_vedtak_id) if v is not None]


def plan_text(d: Deltakelse) -> str:
    return "; ".join(f"{line.beskrivelse}: {line.timer_per_uke:n} timer i uken"
                     for line in d.programlinjer.all())


@transaction.atomic
def save_plan(*, scope: Scope, actor: object, deltakelse_id: int, linjer: list[PlanLinje],
              now: datetime) -> list[Programlinje]:
    """Replace the programme plan (§ 30: full time, year-round, work-oriented). The hours a
    week must add up to the office's full time exactly."""
    d = locked(scope, deltakelse_id)
    check_step("programplan", d.status)
    rows: list[Programlinje] = []
    for i, line in enumerate(linjer):
        text, hours = line.beskrivelse.strip(), line.timer_per_uke
        henvisning = None
        if line.henvisning_id is not None:
            henvisning = (Henvisning.objects.select_related("tiltak")
                          .filter(pk=line.henvisning_id, person_id=d.person_id,
                                  tiltak__kontor_id=d.kontor_id).first())
            if henvisning is None:
                raise fail(f"linjer[{i}].henvisning_id", "fant ikke henvisningen for personen.")
            if henvisning.status == HenvisningStatus.AVSLUTTET:
                raise fail(f"linjer[{i}].henvisning_id", "henvisningen er avsluttet.")
            text = text or henvisning.tiltak.navn
            hours = hours if hours is not None else henvisning.tiltak.timer_per_uke
        if not text:
            raise fail(f"linjer[{i}].beskrivelse", "skriv hva aktiviteten er.")
        if hours is None:
            raise fail(f"linjer[{i}].timer_per_uke", "oppgi timer per uke.")
        rows.append(Programlinje(deltakelse=d, henvisning=henvisning, beskrivelse=text[:300],
                                 timer_per_uke=Decimal(hours), rekkefolge=i))
    total = check_plan([r.timer_per_uke for r in rows], fulltid(d.kontor_id))
    d.programlinjer.all().delete()
    Programlinje.objects.bulk_create(rows)
    d.endret_at = now
    d.save(update_fields=["endret_at"])
    event(d, "programplan", actor, now, "lagre programplan", timer=str(total),
          linjer=len(rows), plan=plan_text(d)[:1000], sak=_sak(d))
    return list(d.programlinjer.all())


def _sak(d: Deltakelse) -> str:
    return d.vedtak.sak.referanse if d.vedtak_id and d.vedtak else ""


@transaction.atomic
def start(*, scope: Scope, actor: object, deltakelse_id: int, now: datetime) -> Deltakelse:
    """Start the programme on the decision's start date with a full-time plan (KOSTRA:
    BEGYNT_DATO); it runs for up to 2 years (§ 30)."""
    d = locked(scope, deltakelse_id)
    check_step("starte", d.status)
    assert d.vedtak is not None and d.vedtak.periode_fra is not None
    lines = list(d.programlinjer.all())
    if not lines:
        raise fail("programplan", "lag programplanen før programmet starter.")
    check_plan([line.timer_per_uke for line in lines], fulltid(d.kontor_id))
    d.begynt_dato = d.vedtak.periode_fra
    d.slutt_dato = rules.kvp_programperiode(start=d.begynt_dato).ordinaer_slutt
    d.status, d.endret_at = Status.I_PROGRAM, now
    d.save(update_fields=["begynt_dato", "slutt_dato", "status", "endret_at"])
    event(d, "startet", actor, now, "starte kvalifiseringsprogram",
          begynt_dato=d.begynt_dato.isoformat(), slutt_dato=d.slutt_dato.isoformat(),
          plan=plan_text(d)[:1000], sak=_sak(d))
    return d


def _account(d: Deltakelse) -> str:
    row = (Utbetaling.objects.filter(vedtak_id__in=kvp_vedtak_ids(d))
           .order_by("-forfallsdato").values_list("kontonummer", flat=True).first())
    return row or ""


@transaction.atomic
def extend(*, scope: Scope, actor: object, deltakelse_id: int, ny_slutt: date,
           begrunnelse: str, now: datetime) -> Deltakelse:
    """Extend the programme beyond 2 years by up to 1 year in a special case, with reasons
    (§ 30; ``rules.sjekk_programlengde``): a new § 35 decision for the extension period, with
    its letter and payments."""
    d = locked(scope, deltakelse_id)
    check_step("forlenge", d.status)
    assert d.begynt_dato is not None and d.slutt_dato is not None and d.soknad is not None
    check_case_date(ny_slutt, field="ny_slutt")
    if d.forlengelse_vedtak_id is not None:
        raise fail("ny_slutt", "programmet er allerede forlenget.", code="allerede_forlenget")
    if ny_slutt <= d.slutt_dato:
        raise fail("ny_slutt", f"den nye sluttdatoen må være etter {d.slutt_dato:%d.%m.%Y}.")
    sjekk = rules.sjekk_programlengde(start=d.begynt_dato, slutt=ny_slutt,
                                      forlengelse_begrunnelse=begrunnelse)
    if not sjekk.ok:
        raise fail("ny_slutt" if begrunnelse.strip() else "begrunnelse",
                   f"{sjekk.message} ({sjekk.hjemmel})", code="programlengde")
    fra = d.slutt_dato
    post = add_item(scope=scope, actor=actor, soknad_id=d.soknad.pk, now=now, post=PostInput(
        type="ANNET", beskrivelse="Forlengelse av kvalifiseringsprogram og "
        "kvalifiseringsstønad (sosialtjenesteloven § 30)"))
    utkast = VedtakUtkast(
        post_ids=(post.pk,), hjemmel="§ 35", utfall="INNVILGET", stonadsform="BIDRAG",
        sak_tittel="Kvalifiseringsstønad, forlengelse",
        begrunnelse=(f"Kvalifiseringsprogrammet forlenges fra {fra:%d.%m.%Y} til "
                     f"{ny_slutt - timedelta(days=1):%d.%m.%Y}. Et program kan vare i inntil to "
                     "år og i særlige tilfeller forlenges med inntil ett år (§ 30).\n\n"
                     f"Særlige grunner: {begrunnelse.strip()}"),
        fakta=f"Du begynte i programmet {d.begynt_dato:%d.%m.%Y}.",
        periode_fra=fra, periode_til=ny_slutt, kvp=KvpUtkast(deltakelse_fra=d.begynt_dato),
        barn=_barn(d),
        utbetaling=UtbetalingValg(hyppighet="MANEDLIG", kontonummer=_account(d)))
    vedtak = make_vedtak(scope=scope, actor=actor, soknad_id=d.soknad.pk, now=now, data=utkast)
    d.forlengelse_vedtak, d.slutt_dato = vedtak, ny_slutt
    d.forlenget_begrunnelse, d.endret_at = begrunnelse.strip(), now
    d.save(update_fields=["forlengelse_vedtak", "slutt_dato", "forlenget_begrunnelse",
                          "endret_at"])
    event(d, "forlenget", actor, now, "forlenge kvalifiseringsprogram", vedtak_id=vedtak.pk,
          slutt_dato=ny_slutt.isoformat())
    return d


def _barn(d: Deltakelse) -> tuple[BarnBegrunnelse, ...]:
    assert d.soknad is not None
    return tuple(BarnBegrunnelse(b.pk, "Barnetillegget fortsetter i forlengelsen (§ 35).")
                 for b in household_of(d.soknad).barn)


def _stop_from(scope: Scope, actor: object, d: Deltakelse, day: date, now: datetime) -> None:
    for vedtak_id in kvp_vedtak_ids(d):
        stop_planned_payments(scope=scope, actor=actor, vedtak_id=vedtak_id, from_date=day,
                              now=now)


@transaction.atomic
def interrupt(*, scope: Scope, actor: object, deltakelse_id: int, fra: date, grunn: str,
              now: datetime) -> Avbrudd:
    """A temporary interruption: no kvalifiseringsstønad from ``fra`` (its planned payments
    stop) until the person comes back; there is no limit on re-entries."""
    d = locked(scope, deltakelse_id)
    check_step("avbryte", d.status)
    check_case_date(fra, field="fra")
    if not grunn.strip():
        raise fail("grunn", "skriv hvorfor programmet avbrytes.")
    assert d.begynt_dato is not None
    if fra < d.begynt_dato:
        raise fail("fra", "avbruddet kan ikke starte før programmet.")
    row = Avbrudd.objects.create(deltakelse=d, fra=fra, grunn=grunn.strip(), registrert_at=now)
    _stop_from(scope, actor, d, fra, now)
    d.status, d.endret_at = Status.AVBRUTT, now
    d.save(update_fields=["status", "endret_at"])
    # Stopping the stønad for a time is a decision: the person gets it in writing.
    brev = letter(d=d, actor=actor, now=now, utfall="AVSLATT",
                  tittel=f"Kvalifiseringsstønad fra {fra:%d.%m.%Y} (midlertidig avbrudd)",
                  begrunnelse=f"Kvalifiseringsprogrammet ditt er midlertidig avbrutt fra "
                              f"{fra:%d.%m.%Y}. Du får ikke kvalifiseringsstønad mens programmet "
                              f"er avbrutt. Når du kommer tilbake, får du stønad igjen fra den "
                              f"dagen.\n\n{grunn.strip()}")
    event(d, "avbrutt", actor, now, "avbryte kvalifiseringsprogram", fra=fra.isoformat(),
          **letter_data(d, brev, "AVSLATT"))
    return row


@transaction.atomic
def resume(*, scope: Scope, actor: object, deltakelse_id: int, dato: date,
           now: datetime) -> Deltakelse:
    """Re-entry after an interruption: the payments stopped for the time after ``dato`` are
    planned again."""
    d = locked(scope, deltakelse_id)
    check_step("gjenoppta", d.status)
    check_case_date(dato, field="dato")
    gap = d.avbrudd.filter(til__isnull=True).order_by("-fra").first()
    assert gap is not None
    if dato <= gap.fra:
        raise fail("dato", "datoen må være etter at avbruddet startet.")
    gap.til = dato
    gap.save(update_fields=["til"])
    stopped = Utbetaling.objects.filter(vedtak_id__in=kvp_vedtak_ids(d),
                                        status=UtbetalingStatus.STOPPET,
                                        forfallsdato__gte=dato, oppdrag__isnull=True)
    for u in stopped.order_by("forfallsdato", "id"):
        set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=u.pk,
                              status=UtbetalingStatus.PLANLAGT, now=now)
    d.status, d.endret_at = Status.I_PROGRAM, now
    d.save(update_fields=["status", "endret_at"])
    event(d, "gjenopptatt", actor, now, "gjenoppta kvalifiseringsprogram",
          dato=dato.isoformat())
    return d


@dataclass(frozen=True)
class AvslutningInput:
    dato: date  # the last day in the programme
    kostra_status: str
    begrunnelse: str
    situasjon_etter: tuple[str, ...] = ()
    viktigste_inntekt: str = ""


@transaction.atomic
def end(*, scope: Scope, actor: object, deltakelse_id: int, data: AvslutningInput,
        now: datetime) -> Deltakelse:
    """End the programme with the KOSTRA 11CF status and the situation right after. Ending is
    a decision: the person gets a letter with reasons and appeal information, and the
    payments planned after the last day stop."""
    d = locked(scope, deltakelse_id)
    check_step("avslutte", d.status)
    check_case_date(data.dato, field="dato")
    check_end(kostra_status=data.kostra_status, situasjon_etter=data.situasjon_etter,
              viktigste_inntekt=data.viktigste_inntekt, begrunnelse=data.begrunnelse)
    assert d.begynt_dato is not None
    if data.dato < d.begynt_dato:
        raise fail("dato", "programmet kan ikke slutte før det begynte.")
    _stop_from(scope, actor, d, data.dato + timedelta(days=1), now)
    d.avbrudd.filter(til__isnull=True).update(til=max(data.dato, d.begynt_dato)
                                              + timedelta(days=1))
    d.status, d.avsluttet_dato, d.kostra_status = Status.AVSLUTTET, data.dato, data.kostra_status
    d.situasjon_etter, d.viktigste_inntekt = list(data.situasjon_etter), data.viktigste_inntekt
    d.avslutning_begrunnelse, d.endret_at = data.begrunnelse.strip(), now
    d.save()
    brev = letter(d=d, actor=actor, now=now, utfall="AVSLATT",
                  tittel=f"Kvalifiseringsprogram og kvalifiseringsstønad etter "
                         f"{data.dato:%d.%m.%Y}",
                  begrunnelse=f"Kvalifiseringsprogrammet ditt avsluttes. Siste dag i "
                              f"programmet er {data.dato:%d.%m.%Y}, og stønaden stanses fra "
                              f"dagen etter.\n\n{data.begrunnelse.strip()}")
    event(d, "avsluttet", actor, now, "avslutte kvalifiseringsprogram",
          avsluttet_dato=data.dato.isoformat(), kostra_status=data.kostra_status,
          situasjon_etter=list(data.situasjon_etter), **letter_data(d, brev, "AVSLATT"))
    return d
