"""Reads of the activity plan: the caseworker's page (through an application in scope) and the
person's own plans. Every read is logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.decisions.models import SakStatus, Vilkar
from sosialsak.contexts.followup.models import (
    Aktivitet,
    Aktivitetsplan,
    AktivitetStatus,
    EndringType,
    Kanal,
    VilkarAktivitet,
)
from sosialsak.contexts.followup.policy import TRANSITIONS, is_overdue
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.kernel.errors import NotFound

_STATUS = dict(AktivitetStatus.choices)
_TYPE = dict(EndringType.choices)
_KANAL = dict(Kanal.choices)


@dataclass(frozen=True)
class EndringRow:
    at: datetime
    type: str
    type_label: str
    kanal: str
    kanal_label: str
    av: str
    endringer: dict[str, list[object]]


@dataclass(frozen=True)
class VilkarRef:
    id: int
    beskrivelse: str


@dataclass(frozen=True)
class AktivitetRow:
    id: int
    mal: str
    hva: str
    hvem: str
    fra: date
    til: date | None
    status: str
    status_label: str
    timer_per_uke: int | None
    avtalt_at: datetime | None
    avtalt_kanal: str
    avtalt_av: str
    avtalt_merknad: str
    overdue: bool
    neste: list[tuple[str, str]]
    vilkar: list[VilkarRef]
    historikk: list[EndringRow] = field(default_factory=list)


@dataclass(frozen=True)
class VilkarRow:
    id: int
    vedtak_id: int
    beskrivelse: str
    frist: date | None
    oppfolgingsdato: date | None
    status: str
    status_label: str
    aktivitet_id: int | None
    holder_tilbake_utbetaling: bool
    forfalt: bool


@dataclass(frozen=True)
class PlanPage:
    soknad_id: int
    person_id: int
    kontor_id: int
    navn: str
    aktiviteter: list[AktivitetRow]
    vilkar: list[VilkarRow]
    can_write: bool


def _name(user: object | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", ""))


def aktivitet_rows(person_id: int, kontor_id: int, today: date) -> list[AktivitetRow]:
    """The activities of the person's plan at the office, with history and linked conditions."""
    acts = list(Aktivitet.objects.filter(plan__person_id=person_id, plan__kontor_id=kontor_id)
                .select_related("avtalt_av").prefetch_related("endringer__av")
                .order_by("fra", "id"))
    links: dict[int, list[VilkarRef]] = {}
    for link in (VilkarAktivitet.objects.filter(aktivitet__in=acts).select_related("vilkar")
                 .order_by("vilkar_id")):
        links.setdefault(link.aktivitet_id, []).append(
            VilkarRef(link.vilkar_id, link.vilkar.beskrivelse))
    return [AktivitetRow(
        id=a.pk, mal=a.mal, hva=a.hva, hvem=a.hvem, fra=a.fra, til=a.til, status=a.status,
        status_label=str(_STATUS[a.status]), timer_per_uke=a.timer_per_uke,
        avtalt_at=a.avtalt_at, avtalt_kanal=a.avtalt_kanal, avtalt_av=_name(a.avtalt_av),
        avtalt_merknad=a.avtalt_merknad,
        overdue=is_overdue(status=a.status, til=a.til, today=today),
        neste=[(s, str(_STATUS[s])) for s in AktivitetStatus.values if s in TRANSITIONS[a.status]],
        vilkar=links.get(a.pk, []),
        historikk=[EndringRow(e.at, e.type, str(_TYPE.get(e.type, e.type)), e.kanal,
                              str(_KANAL.get(e.kanal, e.kanal)), _name(e.av), e.endringer)
                   for e in a.endringer.all()],
    ) for a in acts]


def vilkar_rows(scope: Scope, person_id: int, kontor_id: int, today: date) -> list[VilkarRow]:
    """The conditions set in decisions on the person's applications at the office (in scope),
    in force, with their follow-up date and linked activity."""
    labels = dict(Vilkar._meta.get_field("status").choices or [])
    rows = (Vilkar.objects.filter(vedtak__sak__soknad__in=scoped_soknader(scope).filter(
        person_id=person_id, kontor_id=kontor_id), vedtak__sak__status=SakStatus.AKTIV)
        .select_related("aktivitetskobling").order_by("vedtak__fattet_at", "id"))
    out = []
    for v in rows:
        link = getattr(v, "aktivitetskobling", None)
        open_ = v.status in ("RELEVANT", "IKKE_OPPFYLT")
        forfalt = open_ and ((v.oppfolgingsdato is not None and v.oppfolgingsdato <= today)
                             or (v.frist is not None and v.frist < today))
        out.append(VilkarRow(v.pk, v.vedtak_id, v.beskrivelse, v.frist, v.oppfolgingsdato,
                             v.status, str(labels.get(v.status, v.status)),
                             link.aktivitet_id if link else None, v.holder_tilbake_utbetaling,
                             forfalt))
    return out


def plan_page(*, scope: Scope, actor: object, soknad_id: int, today: date) -> PlanPage:
    """The activity plan of the application's person at its office, for staff; log the read."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id,
                            purpose="aktivitetsplan")
    record(actor=actor, action=Action.READ, object_type="person", object_id=soknad.person_id,
           purpose="aktivitetsplan", kontor_id=soknad.kontor_id)
    return PlanPage(
        soknad_id=soknad.pk, person_id=soknad.person_id, kontor_id=soknad.kontor_id,
        navn=soknad.soker_navn,
        aktiviteter=aktivitet_rows(soknad.person_id, soknad.kontor_id, today),
        vilkar=vilkar_rows(scope, soknad.person_id, soknad.kontor_id, today),
        can_write=scope.can_write)


@dataclass(frozen=True)
class OwnPlan:
    kontor: str
    aktiviteter: list[AktivitetRow]


def own_plans(*, scope: Scope, actor: object, today: date) -> list[OwnPlan]:
    """The person's own plans (one per office), for their own pages; log the read."""
    if not scope.is_citizen or scope.user_id is None:
        raise NotFound("Fant ikke siden.")
    plans = list(Aktivitetsplan.objects.filter(person__user_id=scope.user_id)
                 .select_related("kontor").order_by("kontor__navn", "id"))
    for p in plans:
        record(actor=actor, action=Action.READ, object_type="person", object_id=p.person_id,
               purpose="innsyn egen aktivitetsplan", kontor_id=p.kontor_id)
    return [OwnPlan(p.kontor.navn, aktivitet_rows(p.person_id, p.kontor_id, today))
            for p in plans]
