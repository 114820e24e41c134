"""Writes for the activity plan and the follow-up of conditions. Each runs in a transaction,
takes the application's lock first (``contexts/locking.py``) and reads what it changes only then.

A caseworker reaches a plan through one of the person's applications at the office (its scope
and write rights); the person reaches their own plan through their user (``Kanal.PERSON``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import Vilkar, VilkarStatus
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.followup import ports
from sosialsak.contexts.followup.models import (
    Aktivitet,
    AktivitetEndring,
    Aktivitetsplan,
    EndringType,
    Kanal,
    VilkarAktivitet,
)
from sosialsak.contexts.followup.policy import (
    AktivitetInput,
    InvalidAktivitet,
    check_aktivitet,
    check_transition,
    diff,
)
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.errors import NotFound, ValidationFailed

__all__ = [
    "add_aktivitet",
    "agree_aktivitet",
    "change_aktivitet",
    "link_vilkar",
    "mark_vilkar_oppfylt",
    "set_aktivitet_status",
    "set_vilkar_oppfolging",
    "unlink_vilkar",
]

NOT_FOUND = "Fant ikke aktiviteten, eller du har ikke tilgang til å endre den."


class VilkarNotLinkable(ValidationFailed):
    code = "vilkar_not_linkable"


def _audit(actor: object, person_id: int, kontor_id: int | None, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="person", object_id=person_id,
           purpose=purpose, kontor_id=kontor_id)


def _history(a: Aktivitet, type: str, actor: object, kanal: str, now: datetime,
             changes: dict[str, Any] | None = None) -> None:
    AktivitetEndring.objects.create(aktivitet=a, type=type, at=now, kanal=kanal,
                                    av_id=getattr(actor, "pk", None), endringer=changes or {})


def _fields(a: Aktivitet) -> dict[str, Any]:
    return AktivitetInput(mal=a.mal, hva=a.hva, hvem=a.hvem, fra=a.fra, til=a.til,
                          timer_per_uke=a.timer_per_uke).as_json()


def _office_soknad(scope: Scope, person_id: int, kontor_id: int) -> int:
    """The newest of the person's applications at the office that the caller may change: the
    lock every write to the plan takes, and the proof of access."""
    soknad_id = (scoped_soknader(scope).filter(person_id=person_id, kontor_id=kontor_id)
                 .order_by("-mottatt_at", "-pk").values_list("pk", flat=True).first())
    if soknad_id is None or not scope.can_write:
        raise NotFound(NOT_FOUND)
    writable_soknad(scope, soknad_id, lock=True)
    return soknad_id


def _locked_aktivitet(scope: Scope, aktivitet_id: int) -> tuple[Aktivitet, str]:
    """Lock and return the activity for the caller, with the channel the change comes from."""
    owner = (Aktivitet.objects.filter(pk=aktivitet_id)
             .values_list("plan__person_id", "plan__kontor_id", "plan__person__user_id").first())
    if owner is None:
        raise NotFound(NOT_FOUND)
    person_id, kontor_id, user_id = owner
    if scope.is_citizen:
        if user_id is None or user_id != scope.user_id:
            raise NotFound(NOT_FOUND)
        kanal = Kanal.PERSON
    else:
        _office_soknad(scope, person_id, kontor_id)
        kanal = Kanal.VEILEDER
    row = lock(Aktivitet, aktivitet_id, "plan")
    if row is None:
        raise NotFound(NOT_FOUND)
    return row, kanal


@transaction.atomic
def add_aktivitet(*, scope: Scope, actor: object, soknad_id: int, data: AktivitetInput,
                  now: datetime) -> Aktivitet:
    """Add an activity to the plan of the application's person at its office (the plan is
    made on first use)."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    data = data.cleaned()
    check_aktivitet(data)
    plan, _ = Aktivitetsplan.objects.get_or_create(
        person_id=soknad.person_id, kontor_id=soknad.kontor_id, defaults={"opprettet_at": now})
    a = Aktivitet.objects.create(plan=plan, mal=data.mal, hva=data.hva, hvem=data.hvem,
                                 fra=data.fra, til=data.til, timer_per_uke=data.timer_per_uke,
                                 opprettet_at=now, endret_at=now)
    _history(a, EndringType.OPPRETTET, actor, Kanal.VEILEDER, now, diff({}, data.as_json()))
    _audit(actor, soknad.person_id, soknad.kontor_id, "aktivitetsplan: ny aktivitet")
    return a


@transaction.atomic
def change_aktivitet(*, scope: Scope, actor: object, aktivitet_id: int, data: AktivitetInput,
                     now: datetime) -> Aktivitet:
    """Change what an activity says. A real change clears the agreement (it covered the old
    version); a change that changes nothing is not recorded."""
    a, kanal = _locked_aktivitet(scope, aktivitet_id)
    data = data.cleaned()
    check_aktivitet(data)
    changes = diff(_fields(a), data.as_json())
    if not changes:
        return a
    a.mal, a.hva, a.hvem, a.fra, a.til = data.mal, data.hva, data.hvem, data.fra, data.til
    a.timer_per_uke, a.endret_at = data.timer_per_uke, now
    if a.avtalt_at is not None:
        changes["avtalt"] = [a.avtalt_at.isoformat(), None]
        a.avtalt_at, a.avtalt_av, a.avtalt_kanal, a.avtalt_merknad = None, None, "", ""
    a.save()
    _history(a, EndringType.ENDRET, actor, kanal, now, changes)
    _audit(actor, a.plan.person_id, a.plan.kontor_id, "aktivitetsplan: endret aktivitet")
    return a


@transaction.atomic
def set_aktivitet_status(*, scope: Scope, actor: object, aktivitet_id: int, status: str,
                         now: datetime) -> Aktivitet:
    """Move an activity planned → started → done, or cancel it."""
    a, kanal = _locked_aktivitet(scope, aktivitet_id)
    check_transition(a.status, status)
    before, a.status, a.endret_at = a.status, status, now
    a.save(update_fields=["status", "endret_at"])
    _history(a, EndringType.STATUS, actor, kanal, now, {"status": [before, status]})
    _audit(actor, a.plan.person_id, a.plan.kontor_id, "aktivitetsplan: status")
    return a


@transaction.atomic
def agree_aktivitet(*, scope: Scope, actor: object, aktivitet_id: int, now: datetime,
                    merknad: str = "") -> Aktivitet:
    """Record that the person agreed to the activity as it is now: by the person on their own
    pages, or by the veileder who heard it (``merknad`` says how, e.g. «i samtale 3.12»)."""
    a, kanal = _locked_aktivitet(scope, aktivitet_id)
    merknad = merknad.strip()[:200]
    if kanal == Kanal.VEILEDER and not merknad:
        raise InvalidAktivitet("merknad: skriv hvordan personen sa seg enig (for eksempel i "
                               "samtale på kontoret).", field="merknad")
    if a.avtalt_at is not None:
        raise InvalidAktivitet("Aktiviteten er allerede avtalt.", code="already_agreed",
                               field="aktivitet_id")
    a.avtalt_at, a.avtalt_av_id, a.avtalt_kanal = now, getattr(actor, "pk", None), kanal
    a.avtalt_merknad = merknad
    a.save(update_fields=["avtalt_at", "avtalt_av", "avtalt_kanal", "avtalt_merknad"])
    _history(a, EndringType.AVTALT, actor, kanal, now, {"avtalt": [None, now.isoformat()],
                                                         "merknad": [None, merknad or None]})
    _audit(actor, a.plan.person_id, a.plan.kontor_id, "aktivitetsplan: avtalt")
    return a


def _locked_vilkar(scope: Scope, vilkar_id: int) -> tuple[Vilkar, Soknad]:
    soknad_id = owner_id(Vilkar, vilkar_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vilkåret.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    row = lock(Vilkar, vilkar_id, "vedtak__sak")
    if row is None:
        raise NotFound("Fant ikke vilkåret.")
    return row, soknad


@transaction.atomic
def link_vilkar(*, scope: Scope, actor: object, vilkar_id: int, aktivitet_id: int,
                now: datetime) -> VilkarAktivitet:
    """Say which activity fulfils the condition (one activity per condition; linking again
    moves the link). The activity must be in the plan of the same person at the same office."""
    vilkar, soknad = _locked_vilkar(scope, vilkar_id)
    if vilkar.status == VilkarStatus.ANNULLERT:
        raise VilkarNotLinkable("Vilkåret er annullert og gjelder ikke lenger.",
                                field="vilkar_id")
    a = lock(Aktivitet, aktivitet_id, "plan")
    if a is None or (a.plan.person_id, a.plan.kontor_id) != (soknad.person_id, soknad.kontor_id):
        raise VilkarNotLinkable("aktivitet_id: aktiviteten er ikke i aktivitetsplanen til "
                                "personen vilkåret gjelder.", field="aktivitet_id")
    old = VilkarAktivitet.objects.select_related("aktivitet").filter(vilkar=vilkar).first()
    if old is not None and old.aktivitet_id == a.pk:
        return old
    if old is not None:
        _history(old.aktivitet, EndringType.VILKAR_FRAKOBLET, actor, Kanal.VEILEDER, now,
                 {"vilkar": [vilkar.pk, None]})
        old.aktivitet, old.koblet_at, old.koblet_av_id = a, now, getattr(actor, "pk", None)
        old.save(update_fields=["aktivitet", "koblet_at", "koblet_av"])
        link = old
    else:
        link = VilkarAktivitet.objects.create(vilkar=vilkar, aktivitet=a, koblet_at=now,
                                              koblet_av_id=getattr(actor, "pk", None))
    _history(a, EndringType.VILKAR_KOBLET, actor, Kanal.VEILEDER, now,
             {"vilkar": [None, vilkar.pk]})
    _audit(actor, soknad.person_id, soknad.kontor_id, "aktivitetsplan: vilkår knyttet")
    return link


@transaction.atomic
def unlink_vilkar(*, scope: Scope, actor: object, vilkar_id: int, now: datetime) -> Vilkar:
    """Remove the link from the condition to its activity (if any); return the condition."""
    vilkar, soknad = _locked_vilkar(scope, vilkar_id)
    link = VilkarAktivitet.objects.select_related("aktivitet").filter(vilkar=vilkar).first()
    if link is None:
        return vilkar
    _history(link.aktivitet, EndringType.VILKAR_FRAKOBLET, actor, Kanal.VEILEDER, now,
             {"vilkar": [vilkar.pk, None]})
    link.delete()
    _audit(actor, soknad.person_id, soknad.kontor_id, "aktivitetsplan: vilkår fjernet")
    return vilkar


@transaction.atomic
def set_vilkar_oppfolging(*, scope: Scope, actor: object, vilkar_id: int,
                          oppfolgingsdato: date | None, now: datetime) -> Vilkar:
    """Set (or clear) the date the office next checks the condition."""
    vilkar, soknad = _locked_vilkar(scope, vilkar_id)
    if oppfolgingsdato is not None:
        check_case_date(oppfolgingsdato, field="oppfolgingsdato")
    vilkar.oppfolgingsdato = oppfolgingsdato
    vilkar.save(update_fields=["oppfolgingsdato"])
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="vilkår: oppfølgingsdato", kontor_id=soknad.kontor_id)
    return vilkar


@transaction.atomic
def mark_vilkar_oppfylt(*, scope: Scope, actor: object, vilkar_id: int,
                        now: datetime) -> tuple[Vilkar, list[str]]:
    """Mark the condition met (innsyn: vilkår OPPFYLT) and release the payments held for it;
    return the condition and the references of the released payments."""
    vilkar, soknad = _locked_vilkar(scope, vilkar_id)
    if vilkar.status not in (VilkarStatus.RELEVANT, VilkarStatus.IKKE_OPPFYLT):
        raise ValidationFailed(f"Vilkåret kan ikke merkes oppfylt når status er {vilkar.status}.",
                               code="vilkar_not_open", field="vilkar_id")
    first = (soknad.hendelser.filter(type="decisions.vilkar", data__referanse=vilkar.referanse)
             .order_by("at", "id").values_list("data", flat=True).first()) or {}
    vilkar.status, vilkar.oppfylt_at = VilkarStatus.OPPFYLT, now
    vilkar.save(update_fields=["status", "oppfylt_at"])
    record_hendelse(soknad=soknad, type="decisions.vilkar", actor=actor, at=now,
                    tekst="Vilkår er oppfylt", data={
        "referanse": vilkar.referanse, "vedtak_id": vilkar.vedtak_id,
        "sak": vilkar.vedtak.sak.referanse, "tittel": first.get("tittel") or "Vilkår",
        "beskrivelse": vilkar.beskrivelse,
        "frist": vilkar.frist.isoformat() if vilkar.frist else None, "status": vilkar.status,
        "kode": vilkar.kode, "konsekvens": vilkar.konsekvens,
        "utbetalinger": first.get("utbetalinger", [])})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="vilkår oppfylt", kontor_id=soknad.kontor_id)
    released = ports.vilkar_oppfylt(scope=scope, actor=actor, vilkar_id=vilkar.pk, now=now)
    return vilkar, released
