"""Writes for økonomisk rådgivning and gjeldsrådgivning (sotjl. § 17)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.services import access
from sosialsak.contexts.services.models import (
    Henvisning,
    HenvisningTil,
    Niva,
    Radgivning,
    RadgivningArt,
    RadgivningUtfall,
    Resultat,
)
from sosialsak.contexts.services.operations._plan import _fail, _text

OBJ = "radgivning"


@dataclass(frozen=True)
class RadgivningInput:
    art: str
    vedtak_dato: date
    utfall: str
    niva: str
    start: date | None = None


@transaction.atomic
def record_radgivning(*, scope: Scope, actor: object, person_id: int, data: RadgivningInput,
                      now: datetime) -> Radgivning:
    """Record the decision on counselling (an individual service that needs a written
    decision), its start and its level."""
    soknad = access.anchor_soknad(scope, actor, person_id, "registrere økonomisk rådgivning")
    if data.art not in RadgivningArt.values:
        raise _fail("art", "velg økonomisk rådgivning eller gjeldsrådgivning.")
    if data.utfall not in RadgivningUtfall.values:
        raise _fail("utfall", "velg innvilget eller avslått.")
    if data.niva not in Niva.values:
        raise _fail("niva", "velg nivå I, II eller III.")
    if data.utfall == RadgivningUtfall.INNVILGET and data.start is None:
        raise _fail("start", "skriv når rådgivningen starter.")
    if data.start is not None and data.start < data.vedtak_dato:
        raise _fail("start", "rådgivningen kan ikke starte før vedtaket.")
    r = Radgivning.objects.create(
        person_id=person_id, soknad=soknad, art=data.art, vedtak_dato=data.vedtak_dato,
        utfall=data.utfall, start=data.start, niva=data.niva, registrert_at=now,
        registrert_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type=OBJ, object_id=r.pk,
                     purpose="registrere økonomisk rådgivning", kontor_id=soknad.kontor_id)
    return r


@dataclass(frozen=True)
class HenvisningInput:
    til: str
    dato: date
    navn: str = ""
    notat: str = ""


@transaction.atomic
def add_henvisning(*, scope: Scope, actor: object, radgivning_id: int, data: HenvisningInput,
                   now: datetime) -> Henvisning:
    r = access.lock_under(scope, actor, Radgivning, radgivning_id, "registrere henvisning", OBJ)
    if data.til not in HenvisningTil.values:
        raise _fail("til", "ukjent mottaker av henvisningen.")
    h = Henvisning.objects.create(radgivning=r, til=data.til, dato=data.dato,
                                  navn=_text(data.navn, "navn", limit=200, required=False),
                                  notat=_text(data.notat, "notat", required=False))
    access.write_log(actor=actor, object_type=OBJ, object_id=r.pk,
                     purpose="registrere henvisning", kontor_id=r.soknad.kontor_id)
    return h


@transaction.atomic
def close_radgivning(*, scope: Scope, actor: object, radgivning_id: int, avsluttet: date,
                     resultat: str, notat: str, now: datetime) -> Radgivning:
    r = access.lock_under(scope, actor, Radgivning, radgivning_id, "avslutte rådgivning", OBJ)
    if resultat not in Resultat.values:
        raise _fail("resultat", "velg resultatet.")
    if r.start is not None and avsluttet < r.start:
        raise _fail("avsluttet", "rådgivningen kan ikke slutte før den startet.")
    r.avsluttet, r.resultat = avsluttet, resultat
    r.resultat_notat = _text(notat, "notat", required=False)
    r.save(update_fields=["avsluttet", "resultat", "resultat_notat"])
    access.write_log(actor=actor, object_type=OBJ, object_id=r.pk,
                     purpose="avslutte rådgivning", kontor_id=r.soknad.kontor_id)
    return r
