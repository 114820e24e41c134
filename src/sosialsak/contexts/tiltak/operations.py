"""Writes for the tiltak catalogue and referrals. Each runs in a transaction: the case's lock
first (``writable_soknad(..., lock=True)``), then the rows it changes (``contexts/locking.py``).
A referral takes the measure's row lock too, so two referrals cannot take the last place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.contexts.tiltak.models import (
    TAR_PLASS,
    Henvisning,
    HenvisningStatus,
    Tilbyder,
    Tiltak,
    TiltakInnstillinger,
)
from sosialsak.contexts.tiltak.policy import (
    Plasser,
    UnableToChangeHenvisning,
    UnableToChangeTiltak,
    check_hours,
    check_move,
    check_outcome,
    new_status,
)
from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

NOT_FOUND = "Fant ikke tiltaket, eller du har ikke tilgang til å endre det."


@dataclass(frozen=True)
class TiltakInput:
    navn: str
    tilbyder: str
    malgruppe: str
    timer_per_uke: Decimal
    tilbyder_navn: str = ""
    beskrivelse: str = ""
    kapasitet: int | None = None
    timeplan: str = ""
    sted: str = ""
    kontakt: str = ""


def _check(data: TiltakInput) -> None:
    if not data.navn.strip():
        raise UnableToChangeTiltak("navn: skriv navnet på tiltaket.", field="navn")
    if data.tilbyder not in Tilbyder.values:
        raise UnableToChangeTiltak(f"tilbyder: ukjent tilbyder «{data.tilbyder}».",
                                   field="tilbyder")
    if not data.malgruppe.strip():
        raise UnableToChangeTiltak("malgruppe: skriv hvem tiltaket er for.", field="malgruppe")
    check_hours(data.timer_per_uke)
    if data.kapasitet is not None and not 1 <= data.kapasitet <= 10_000:
        raise UnableToChangeTiltak("kapasitet: oppgi antall plasser (1–10 000), eller la feltet "
                                   "stå tomt når tiltaket ikke har noen grense.",
                                   field="kapasitet")


def _fields(data: TiltakInput) -> dict[str, object]:
    return {"navn": data.navn.strip()[:200], "tilbyder": data.tilbyder,
            "tilbyder_navn": data.tilbyder_navn.strip()[:200],
            "beskrivelse": data.beskrivelse.strip(), "malgruppe": data.malgruppe.strip()[:300],
            "kapasitet": data.kapasitet, "timeplan": data.timeplan.strip()[:300],
            "sted": data.sted.strip()[:200], "timer_per_uke": data.timer_per_uke,
            "kontakt": data.kontakt.strip()[:200]}


def _writable_kontor(scope: Scope, kontor_id: int) -> None:
    if not (scope.can_write and scope.kontor_allowed(kontor_id)):
        raise NotFound(NOT_FOUND)


@transaction.atomic
def create_tiltak(*, scope: Scope, actor: object, kontor_id: int, data: TiltakInput,
                  now: datetime) -> Tiltak:
    """Add a measure to the office's catalogue."""
    _writable_kontor(scope, kontor_id)
    if not NavKontor.objects.filter(pk=kontor_id).exists():
        raise NotFound(NOT_FOUND)
    _check(data)
    row = Tiltak.objects.create(kontor_id=kontor_id, opprettet_at=now, endret_at=now,
                                endret_av_id=getattr(actor, "pk", None), **_fields(data))
    record(actor=actor, action=Action.WRITE, object_type="tiltak", object_id=row.pk,
           purpose="opprette tiltak", kontor_id=kontor_id)
    return row


def _writable_tiltak(scope: Scope, tiltak_id: int) -> Tiltak:
    kontor_id = owner_id(Tiltak, tiltak_id, "kontor_id")
    if kontor_id is None:
        raise NotFound(NOT_FOUND)
    _writable_kontor(scope, kontor_id)
    row = lock(Tiltak, tiltak_id)
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


@transaction.atomic
def update_tiltak(*, scope: Scope, actor: object, tiltak_id: int, data: TiltakInput,
                  now: datetime) -> Tiltak:
    """Change a measure's description, capacity, schedule, place, hours or contact."""
    row = _writable_tiltak(scope, tiltak_id)
    _check(data)
    for name, value in _fields(data).items():
        setattr(row, name, value)
    row.endret_at, row.endret_av_id = now, getattr(actor, "pk", None)
    row.save()
    record(actor=actor, action=Action.WRITE, object_type="tiltak", object_id=row.pk,
           purpose="endre tiltak", kontor_id=row.kontor_id)
    return row


@transaction.atomic
def end_tiltak(*, scope: Scope, actor: object, tiltak_id: int, dato: date,
               now: datetime) -> Tiltak:
    """Mark a measure as ended: it takes no new referrals; the referrals in it stay."""
    row = _writable_tiltak(scope, tiltak_id)
    check_case_date(dato, field="avsluttet_dato")
    if not row.aktiv:
        raise UnableToChangeTiltak("aktiv: tiltaket er allerede avsluttet.", field="aktiv")
    row.aktiv, row.avsluttet_dato = False, dato
    row.endret_at, row.endret_av_id = now, getattr(actor, "pk", None)
    row.save(update_fields=["aktiv", "avsluttet_dato", "endret_at", "endret_av"])
    record(actor=actor, action=Action.WRITE, object_type="tiltak", object_id=row.pk,
           purpose="avslutte tiltak", kontor_id=row.kontor_id)
    return row


def plasser_of(tiltak_id: int, kapasitet: int | None) -> Plasser:
    rows = Henvisning.objects.filter(tiltak_id=tiltak_id)
    return Plasser(kapasitet=kapasitet, opptatt=rows.filter(status__in=TAR_PLASS).count(),
                   venter=rows.filter(status=HenvisningStatus.VENTELISTE).count())


def _event(h: Henvisning, kind: str, actor: object, now: datetime, **data: object) -> None:
    record_hendelse(soknad=h.soknad, type=f"tiltak.henvisning.{kind}", actor=actor, at=now,
                    data={"henvisning_id": h.pk, "tiltak_id": h.tiltak_id, "status": h.status,
                          **data})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=h.soknad_id,
           purpose=f"henvisning til tiltak: {kind}", kontor_id=h.soknad.kontor_id)


@transaction.atomic
def refer(*, scope: Scope, actor: object, soknad_id: int, tiltak_id: int, grunn: str,
          now: datetime, henvist_dato: date | None = None) -> Henvisning:
    """Refer the case's person to a measure of the same office: a place when one is free,
    otherwise the waiting list (the answer's ``status`` says which)."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    day = henvist_dato or local_date(now)
    check_case_date(day, field="henvist_dato")
    if not grunn.strip():
        raise UnableToChangeHenvisning("grunn: skriv hvorfor personen henvises.", field="grunn")
    tiltak = lock(Tiltak, tiltak_id)
    if tiltak is None or tiltak.kontor_id != soknad.kontor_id:
        raise NotFound(NOT_FOUND)
    if not tiltak.aktiv:
        raise UnableToChangeHenvisning("tiltak_id: tiltaket er avsluttet og tar ikke imot nye.",
                                       field="tiltak_id")
    if Henvisning.objects.filter(tiltak=tiltak, person_id=soknad.person_id).exclude(
            status=HenvisningStatus.AVSLUTTET).exists():
        raise UnableToChangeHenvisning("tiltak_id: personen er allerede henvist til dette "
                                       "tiltaket.", field="tiltak_id")
    status = new_status(plasser_of(tiltak.pk, tiltak.kapasitet))
    h = Henvisning.objects.create(
        tiltak=tiltak, soknad=soknad, person_id=soknad.person_id, henvist_dato=day,
        henvist_av_id=getattr(actor, "pk", None), grunn=grunn.strip(), status=status,
        registrert_at=now, endret_at=now)
    _event(h, "henvist", actor, now, henvist_dato=day.isoformat())
    return h


def _locked(scope: Scope, henvisning_id: int) -> Henvisning:
    soknad_id = owner_id(Henvisning, henvisning_id, "soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke henvisningen.")
    writable_soknad(scope, soknad_id, lock=True)
    h = lock(Henvisning, henvisning_id, "soknad", "tiltak")
    if h is None:
        raise NotFound("Fant ikke henvisningen.")
    return h


@transaction.atomic
def give_place(*, scope: Scope, actor: object, henvisning_id: int, now: datetime) -> Henvisning:
    """Move a waiting referral to a free place; the first in the queue goes first."""
    h = _locked(scope, henvisning_id)
    check_move(h.status, HenvisningStatus.HENVIST)
    tiltak = lock(Tiltak, h.tiltak_id)
    assert tiltak is not None
    if plasser_of(tiltak.pk, tiltak.kapasitet).fullt:
        raise UnableToChangeHenvisning("status: tiltaket er fullt; ingen plass er ledig.",
                                       code="tiltak_fullt", field="status")
    first = (Henvisning.objects.filter(tiltak=tiltak, status=HenvisningStatus.VENTELISTE)
             .order_by("henvist_dato", "id").values_list("pk", flat=True).first())
    if first != h.pk:
        raise UnableToChangeHenvisning("status: en annen står foran i køen.",
                                       code="ikke_forst_i_ko", field="status")
    h.status, h.endret_at = HenvisningStatus.HENVIST, now
    h.save(update_fields=["status", "endret_at"])
    _event(h, "plass", actor, now)
    return h


@transaction.atomic
def start(*, scope: Scope, actor: object, henvisning_id: int, dato: date,
          now: datetime) -> Henvisning:
    """Record that the person has started in the measure."""
    h = _locked(scope, henvisning_id)
    check_case_date(dato, field="startet_dato")
    check_move(h.status, HenvisningStatus.STARTET)
    if dato < h.henvist_dato:
        raise UnableToChangeHenvisning("startet_dato: kan ikke være før henvisningen.",
                                       field="startet_dato")
    h.status, h.startet_dato, h.endret_at = HenvisningStatus.STARTET, dato, now
    h.save(update_fields=["status", "startet_dato", "endret_at"])
    _event(h, "startet", actor, now, startet_dato=dato.isoformat())
    return h


@transaction.atomic
def stop(*, scope: Scope, actor: object, henvisning_id: int, dato: date, grunn: str,
         utfall: str, now: datetime, situasjon_etter: str = "") -> Henvisning:
    """End a referral with the reason and the outcome (a KOSTRA 11CF code unless the person
    dropped out). A waiting referral that is withdrawn ends here too."""
    h = _locked(scope, henvisning_id)
    check_case_date(dato, field="stoppet_dato")
    check_move(h.status, HenvisningStatus.AVSLUTTET)
    check_outcome(utfall=utfall, situasjon_etter=situasjon_etter, grunn=grunn)
    if dato < (h.startet_dato or h.henvist_dato):
        raise UnableToChangeHenvisning("stoppet_dato: kan ikke være før start eller henvisning.",
                                       field="stoppet_dato")
    h.status, h.stoppet_dato, h.stopp_grunn = HenvisningStatus.AVSLUTTET, dato, grunn.strip()
    h.utfall, h.situasjon_etter, h.endret_at = utfall, situasjon_etter, now
    h.save(update_fields=["status", "stoppet_dato", "stopp_grunn", "utfall", "situasjon_etter",
                          "endret_at"])
    _event(h, "avsluttet", actor, now, stoppet_dato=dato.isoformat(), utfall=utfall,
           situasjon_etter=situasjon_etter)
    return h


def overdue_weeks(kontor_id: int) -> int:
    """The office's «referral without outcome» clock, in weeks (default 8)."""
    row = TiltakInnstillinger.objects.filter(kontor_id=kontor_id).first()
    return row.henvisning_uten_utfall_uker if row else 8


@transaction.atomic
def save_settings(*, scope: Scope, actor: object, kontor_id: int, uker: int,
                  now: datetime) -> TiltakInnstillinger:
    """Set the office's clock for referrals without outcome (1–104 weeks); the leder's."""
    if Role.LEDER not in scope.roles:
        raise NotFound(NOT_FOUND)
    _writable_kontor(scope, kontor_id)
    if not 1 <= uker <= 104:
        raise UnableToChangeTiltak("henvisning_uten_utfall_uker: oppgi 1–104 uker.",
                                   field="henvisning_uten_utfall_uker")
    row, _ = TiltakInnstillinger.objects.update_or_create(
        kontor_id=kontor_id, defaults={"henvisning_uten_utfall_uker": uker})
    record(actor=actor, action=Action.WRITE, object_type="kontor", object_id=kontor_id,
           purpose="endre innstillinger for tiltak", kontor_id=kontor_id)
    return row
