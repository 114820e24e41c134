"""Writes to the deviation register (issue 17 item 4), each in a transaction that locks the
avvik before reading its state (``contexts/locking.py``). Only staff who may write in the
office may change it: the Statsforvalter reads but never writes. Every write is audit-logged
(object type ``avvik``; an avvik holds no personal data by design: no names in ``hva``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.locking import lock
from sosialsak.contexts.supervision import policy
from sosialsak.contexts.supervision.checks import CHECKS, run_checks
from sosialsak.contexts.supervision.models import (
    Alvorlighet,
    Avvik,
    AvvikKilde,
    AvvikStatus,
    AvvikTiltak,
    Kontrollterskel,
)
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules.risiko import katalog

NOT_FOUND = "Fant ikke avviket, eller du har ikke tilgang til å endre det."


@dataclass(frozen=True)
class AvvikInput:
    hva: str
    hvor: str
    dato: date
    alvorlighet: str
    risikopunkt: int | None = None


def _may_write(scope: Scope, kontor_id: int) -> None:
    if not scope.can_write or kontor_id not in scope.kontor_ids:
        raise NotFound(NOT_FOUND)


def _text(value: str, field: str, *, required: bool = True, limit: int = policy.MAX_TEXT) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationFailed(f"{field}: skal fylles ut.", field=field)
    if len(value) > limit:
        raise ValidationFailed(f"{field}: høyst {limit} tegn.", field=field)
    return value


def _locked(scope: Scope, avvik_id: int) -> Avvik:
    avvik = lock(Avvik, avvik_id)
    if avvik is None:
        raise NotFound(NOT_FOUND)
    _may_write(scope, avvik.kontor_id)
    return avvik


def _log(actor: object, avvik: Avvik, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="avvik", object_id=avvik.pk,
           purpose=purpose, kontor_id=avvik.kontor_id)


def register_avvik(*, scope: Scope, actor: object, kontor_id: int, data: AvvikInput,
                   now: datetime) -> Avvik:
    """Register an avvik by hand: what, where, when, how serious, which risk point."""
    _may_write(scope, kontor_id)
    if data.alvorlighet not in Alvorlighet.values:
        raise ValidationFailed("alvorlighet: velg lav, middels eller høy.", field="alvorlighet")
    if data.risikopunkt is not None and data.risikopunkt not in katalog().numbers():
        raise ValidationFailed("risikopunkt: ukjent nummer.", field="risikopunkt")
    with transaction.atomic():
        avvik = Avvik.objects.create(
            kontor_id=kontor_id, kilde=AvvikKilde.MANUELL, risikopunkt=data.risikopunkt,
            hva=_text(data.hva, "hva"), hvor=_text(data.hvor, "hvor", required=False, limit=200),
            dato=data.dato, alvorlighet=data.alvorlighet, registrert_at=now,
            registrert_av_id=_user_id(actor))
        _log(actor, avvik, "avvik registrert")
    return avvik


def set_terskel(*, scope: Scope, actor: object, kontor_id: int, kontroll: str,
                terskel: int | None) -> None:
    """Set (or with None remove) the office's threshold for one check."""
    _may_write(scope, kontor_id)
    if kontroll not in CHECKS:
        raise ValidationFailed("kontroll: ukjent kontroll.", field="kontroll")
    if terskel is not None and not 0 <= terskel <= 100_000:
        raise ValidationFailed("terskel: 0–100000.", field="terskel")
    with transaction.atomic():
        if terskel is None:
            Kontrollterskel.objects.filter(kontor_id=kontor_id, kontroll=kontroll).delete()
        else:
            Kontrollterskel.objects.update_or_create(kontor_id=kontor_id, kontroll=kontroll,
                                                     defaults={"terskel": terskel})
        record(actor=actor, action=Action.WRITE, object_type="kontrollterskel",
               object_id=kontor_id, purpose=f"terskel {kontroll}"[:100], kontor_id=kontor_id)


def raise_from_checks(*, scope: Scope, actor: object, kontor_id: int, fra: date, til: date,
                      today: date, now: datetime) -> list[Avvik]:
    """Run the checks; for each above the office's threshold, raise an avvik unless one for the
    same check is still open (one open avvik per problem, not one per run)."""
    _may_write(scope, kontor_id)
    terskler = dict(Kontrollterskel.objects.filter(kontor_id=kontor_id)
                    .values_list("kontroll", "terskel"))
    out = []
    with transaction.atomic():
        for r in run_checks(scope=scope, actor=actor, kontor_id=kontor_id, fra=fra, til=til,
                            today=today):
            if not policy.over_threshold(antall=r.antall, terskel=terskler.get(r.kode)):
                continue
            if Avvik.objects.filter(kontor_id=kontor_id, kontroll=r.kode).exclude(
                    status=AvvikStatus.LUKKET).exists():
                continue
            avvik = Avvik.objects.create(
                kontor_id=kontor_id, kilde=AvvikKilde.KONTROLL, kontroll=r.kode,
                risikopunkt=r.risikopunkter[0],
                hva=(f"Kontrollen «{r.kode}» fant {r.antall} av {r.grunnlag} i perioden "
                     f"{fra:%d.%m.%Y}–{til:%d.%m.%Y} (terskel {terskler[r.kode]})."),
                dato=today, alvorlighet=Alvorlighet.MIDDELS, registrert_at=now,
                registrert_av_id=_user_id(actor))
            _log(actor, avvik, "avvik fra kontroll")
            out.append(avvik)
    return out


def assign_avvik(*, scope: Scope, actor: object, avvik_id: int, ansvarlig_id: int) -> Avvik:
    """Give the avvik to someone at the office to follow up."""
    with transaction.atomic():
        avvik = _locked(scope, avvik_id)
        _move(avvik, AvvikStatus.TILDELT)
        user = get_user_model().objects.filter(pk=ansvarlig_id, is_active=True).first()
        if user is None:
            raise ValidationFailed("ansvarlig: fant ikke brukeren.", field="ansvarlig_id")
        avvik.ansvarlig = user
        avvik.status = AvvikStatus.TILDELT
        avvik.save(update_fields=["ansvarlig", "status"])
        _log(actor, avvik, "avvik tildelt")
    return avvik


def analyse_avvik(*, scope: Scope, actor: object, avvik_id: int, arsak: str) -> Avvik:
    """Record the cause analysis."""
    with transaction.atomic():
        avvik = _locked(scope, avvik_id)
        _move(avvik, AvvikStatus.ANALYSERT)
        avvik.arsak = _text(arsak, "arsak")
        avvik.status = AvvikStatus.ANALYSERT
        avvik.save(update_fields=["arsak", "status"])
        _log(actor, avvik, "årsaksanalyse")
    return avvik


def add_tiltak(*, scope: Scope, actor: object, avvik_id: int, hva: str, ansvarlig_id: int,
               frist: date) -> AvvikTiltak:
    """Add a measure with an owner and a deadline (not on a closed avvik)."""
    with transaction.atomic():
        avvik = _locked(scope, avvik_id)
        if avvik.status == AvvikStatus.LUKKET:
            raise ValidationFailed("Avviket er lukket.", field="status")
        if not get_user_model().objects.filter(pk=ansvarlig_id, is_active=True).exists():
            raise ValidationFailed("ansvarlig: fant ikke brukeren.", field="ansvarlig_id")
        tiltak = AvvikTiltak.objects.create(avvik=avvik, hva=_text(hva, "hva"),
                                            ansvarlig_id=ansvarlig_id, frist=frist)
        _log(actor, avvik, "tiltak lagt til")
    return tiltak


def close_avvik(*, scope: Scope, actor: object, avvik_id: int, evaluering: str,
                now: datetime) -> Avvik:
    """Close the avvik with an evaluation; refused until cause and a measure are recorded."""
    with transaction.atomic():
        avvik = _locked(scope, avvik_id)
        _move(avvik, AvvikStatus.LUKKET)
        problems = policy.close_problems(arsak=avvik.arsak, tiltak=avvik.tiltak.count(),
                                         evaluering=evaluering)
        if problems:
            raise ValidationFailed(" ".join(problems), field="evaluering", problems=problems)
        avvik.evaluering = _text(evaluering, "evaluering")
        avvik.status = AvvikStatus.LUKKET
        avvik.lukket_at = now
        avvik.save(update_fields=["evaluering", "status", "lukket_at"])
        _log(actor, avvik, "avvik lukket")
    return avvik


def _move(avvik: Avvik, target: str) -> None:
    if not policy.may_move(avvik.status, target):
        raise ValidationFailed(f"Avviket kan ikke gå fra {avvik.status} til {target}.",
                               field="status")


def _user_id(actor: object) -> int | None:
    pk = getattr(actor, "pk", None)
    return pk if isinstance(pk, int) else None
