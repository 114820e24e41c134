"""Writes for the individuell plan (sotjl. § 28). Each runs in one transaction, locks the
application the plan hangs under first, and writes an audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.services import access
from sosialsak.contexts.services.models import (
    Deltaker,
    Formal,
    IndividuellPlan,
    Mote,
    Samtykke,
    Tiltakspunkt,
    Tjeneste,
)
from sosialsak.contexts.services.policy import UnableToChangeService, check_barnekoordinator

OBJ = "individuell_plan"


def _fail(f: str, msg: str) -> UnableToChangeService:
    return UnableToChangeService(f"{f}: {msg}", field=f)


def _text(value: str, f: str, *, limit: int = 20_000, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise _fail(f, "må fylles ut.")
    if len(value) > limit or "\x00" in value:
        raise _fail(f, f"høyst {limit} tegn.")
    return value


@dataclass(frozen=True)
class PlanInput:
    mal: str
    neste_evaluering: date
    barn_langvarige_behov: bool = False
    barnekoordinator: str = ""
    koordinator_id: int | None = None  # None: the caller


def _check_koordinator(koordinator_id: int | None, kontor_id: int) -> None:
    """The coordinator is staff at the office that holds the plan."""
    from sosialsak.contexts.accounts.models import Role, User

    if koordinator_id is not None and not User.objects.filter(
            pk=koordinator_id, kontor_id=kontor_id, is_active=True,
            groups__name__in=(Role.VEILEDER, Role.LEDER)).exists():
        raise _fail("koordinator_id", "koordinatoren må være ansatt ved kontoret.")


@transaction.atomic
def create_plan(*, scope: Scope, actor: object, person_id: int, data: PlanInput,
                now: datetime) -> IndividuellPlan:
    soknad = access.anchor_soknad(scope, actor, person_id, "opprette individuell plan")
    check_barnekoordinator(data.barn_langvarige_behov, data.barnekoordinator)
    _check_koordinator(data.koordinator_id, soknad.kontor_id)
    koordinator = data.koordinator_id or getattr(actor, "pk", None)
    plan = IndividuellPlan.objects.create(
        person_id=person_id, soknad=soknad, mal=_text(data.mal, "mal"),
        koordinator_id=koordinator, barn_langvarige_behov=data.barn_langvarige_behov,
        barnekoordinator=_text(data.barnekoordinator, "barnekoordinator", limit=200,
                               required=False),
        neste_evaluering=data.neste_evaluering, opprettet_at=now,
        opprettet_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type=OBJ, object_id=plan.pk,
                     purpose="opprette individuell plan", kontor_id=soknad.kontor_id)
    return plan


@transaction.atomic
def update_plan(*, scope: Scope, actor: object, plan_id: int, data: PlanInput,
                now: datetime, avsluttet: date | None = None) -> IndividuellPlan:
    plan = access.lock_under(scope, actor, IndividuellPlan, plan_id, "endre individuell plan",
                             OBJ)
    check_barnekoordinator(data.barn_langvarige_behov, data.barnekoordinator)
    _check_koordinator(data.koordinator_id, plan.soknad.kontor_id)
    plan.mal = _text(data.mal, "mal")
    plan.neste_evaluering = data.neste_evaluering
    plan.barn_langvarige_behov = data.barn_langvarige_behov
    plan.barnekoordinator = _text(data.barnekoordinator, "barnekoordinator", limit=200,
                                  required=False)
    if data.koordinator_id:
        plan.koordinator_id = data.koordinator_id
    plan.avsluttet = avsluttet
    plan.save()
    access.write_log(actor=actor, object_type=OBJ, object_id=plan.pk,
                     purpose="endre individuell plan", kontor_id=plan.soknad.kontor_id)
    return plan


@dataclass(frozen=True)
class DeltakerInput:
    tjeneste: str
    navn: str
    kontakt: str = ""
    samtykke: tuple[str, ...] = field(default=())  # purposes consented to now


@transaction.atomic
def add_deltaker(*, scope: Scope, actor: object, plan_id: int, data: DeltakerInput,
                 now: datetime) -> Deltaker:
    plan = access.lock_under(scope, actor, IndividuellPlan, plan_id, "legge til deltaker", OBJ)
    if data.tjeneste not in Tjeneste.values:
        raise _fail("tjeneste", "ukjent tjeneste.")
    deltaker = Deltaker.objects.create(
        plan=plan, tjeneste=data.tjeneste, navn=_text(data.navn, "navn", limit=200),
        kontakt=_text(data.kontakt, "kontakt", limit=200, required=False), lagt_til_at=now)
    for formal in dict.fromkeys(data.samtykke):
        _give(deltaker, formal, actor, now)
    access.write_log(actor=actor, object_type=OBJ, object_id=plan.pk,
                     purpose="legge til deltaker i individuell plan",
                     kontor_id=plan.soknad.kontor_id)
    return deltaker


def _give(deltaker: Deltaker, formal: str, actor: object, now: datetime) -> Samtykke:
    if formal not in Formal.values:
        raise _fail("formal", "ukjent formål.")
    if Samtykke.objects.filter(deltaker=deltaker, formal=formal,
                               trukket_at__isnull=True).exists():
        raise UnableToChangeService("formal: personen har allerede samtykket til dette.",
                                    code="consent_exists", field="formal")
    return Samtykke.objects.create(deltaker=deltaker, formal=formal, gitt_at=now,
                                   registrert_av_id=getattr(actor, "pk", None))


@transaction.atomic
def give_samtykke(*, scope: Scope, actor: object, deltaker_id: int, formal: str,
                  now: datetime) -> Samtykke:
    """Record the person's consent to share ``formal``'s information with one participant."""
    deltaker = access.lock_under(scope, actor, Deltaker, deltaker_id, "registrere samtykke",
                                 OBJ)
    samtykke = _give(deltaker, formal, actor, now)
    access.write_log(actor=actor, object_type=OBJ, object_id=deltaker.plan_id,
                     purpose="registrere samtykke", kontor_id=deltaker.plan.soknad.kontor_id)
    return samtykke


@transaction.atomic
def withdraw_samtykke(*, scope: Scope, actor: object, samtykke_id: int,
                      now: datetime) -> Samtykke:
    """Withdraw a consent: from ``now`` nothing of that purpose is shown to the participant."""
    samtykke = access.lock_under(scope, actor, Samtykke, samtykke_id, "trekke samtykke", OBJ)
    if samtykke.trukket_at is not None:
        raise UnableToChangeService("samtykke: samtykket er allerede trukket tilbake.",
                                    code="consent_withdrawn", field="samtykke")
    samtykke.trukket_at = now
    samtykke.trukket_av_id = getattr(actor, "pk", None)
    samtykke.save(update_fields=["trukket_at", "trukket_av"])
    access.write_log(actor=actor, object_type=OBJ, object_id=samtykke.deltaker.plan_id,
                     purpose="trekke samtykke",
                     kontor_id=samtykke.deltaker.plan.soknad.kontor_id)
    return samtykke


@dataclass(frozen=True)
class TiltakInput:
    hva: str
    formal: str = Formal.MAL_OG_TILTAK
    ansvarlig_id: int | None = None  # a participant of the plan; None: NAV
    frist: date | None = None


@transaction.atomic
def add_tiltak(*, scope: Scope, actor: object, plan_id: int, data: TiltakInput,
               now: datetime) -> Tiltakspunkt:
    plan = access.lock_under(scope, actor, IndividuellPlan, plan_id, "legge til tiltak", OBJ)
    if data.formal not in Formal.values:
        raise _fail("formal", "ukjent formål.")
    if data.ansvarlig_id and not plan.deltakere.filter(pk=data.ansvarlig_id).exists():
        raise _fail("ansvarlig_id", "den ansvarlige må være deltaker i planen.")
    punkt = Tiltakspunkt.objects.create(plan=plan, hva=_text(data.hva, "hva", limit=2000),
                                        formal=data.formal, ansvarlig_id=data.ansvarlig_id,
                                        frist=data.frist)
    access.write_log(actor=actor, object_type=OBJ, object_id=plan.pk,
                     purpose="legge til tiltak i individuell plan",
                     kontor_id=plan.soknad.kontor_id)
    return punkt


@dataclass(frozen=True)
class MoteInput:
    dato: date
    referat: str
    formal: str = Formal.MAL_OG_TILTAK
    deltaker_ids: tuple[int, ...] = ()


@transaction.atomic
def record_mote(*, scope: Scope, actor: object, plan_id: int, data: MoteInput,
                now: datetime) -> Mote:
    """Log a meeting of the ansvarsgruppe."""
    plan = access.lock_under(scope, actor, IndividuellPlan, plan_id, "registrere møte", OBJ)
    if data.formal not in Formal.values:
        raise _fail("formal", "ukjent formål.")
    ids = set(data.deltaker_ids)
    if len(plan.deltakere.filter(pk__in=ids)) != len(ids):
        raise _fail("deltaker_ids", "alle som var med må være deltakere i planen.")
    mote = Mote.objects.create(plan=plan, dato=data.dato, formal=data.formal,
                               referat=_text(data.referat, "referat"), skrevet_at=now,
                               skrevet_av_id=getattr(actor, "pk", None))
    mote.deltakere.set(ids)
    access.write_log(actor=actor, object_type=OBJ, object_id=plan.pk,
                     purpose="registrere møte i ansvarsgruppen",
                     kontor_id=plan.soknad.kontor_id)
    return mote
