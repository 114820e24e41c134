"""Reads of the tiltak catalogue and referrals, always through the caller's office scope.

The catalogue itself holds no personal data; the referrals do, so every referral read is
logged (one entry per case)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.intake.queries import scope_q, scoped_soknader
from sosialsak.contexts.tiltak.models import TAR_PLASS, Henvisning, HenvisningStatus, Tiltak
from sosialsak.contexts.tiltak.policy import Plasser
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class TiltakRow:
    id: int
    kontor_id: int
    navn: str
    tilbyder: str
    tilbyder_tekst: str
    tilbyder_navn: str
    beskrivelse: str
    malgruppe: str
    kapasitet: int | None
    opptatt: int
    venter: int
    ledige: int | None
    fullt: bool
    timeplan: str
    sted: str
    timer_per_uke: Decimal
    kontakt: str
    aktiv: bool
    avsluttet_dato: date | None


@dataclass(frozen=True)
class HenvisningRow:
    id: int
    soknad_id: int
    tiltak_id: int
    tiltak_navn: str
    navn: str
    henvist_dato: date
    henvist_av: str
    grunn: str
    status: str
    status_tekst: str
    startet_dato: date | None
    stoppet_dato: date | None
    stopp_grunn: str
    utfall: str
    utfall_tekst: str
    situasjon_etter: str
    ko_plass: int | None  # place in the waiting list, 1 = next


def _staff(scope: Scope) -> None:
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")


def _row(t: Tiltak) -> TiltakRow:
    p = Plasser(t.kapasitet, getattr(t, "n_opptatt", 0), getattr(t, "n_venter", 0))
    return TiltakRow(
        id=t.pk, kontor_id=t.kontor_id, navn=t.navn, tilbyder=t.tilbyder,
        tilbyder_tekst=str(t.get_tilbyder_display()), tilbyder_navn=t.tilbyder_navn,
        beskrivelse=t.beskrivelse, malgruppe=t.malgruppe, kapasitet=t.kapasitet,
        opptatt=p.opptatt, venter=p.venter, ledige=p.ledige, fullt=p.fullt, timeplan=t.timeplan,
        sted=t.sted, timer_per_uke=t.timer_per_uke, kontakt=t.kontakt, aktiv=t.aktiv,
        avsluttet_dato=t.avsluttet_dato)


def _counted() -> object:
    return Tiltak.objects.annotate(
        n_opptatt=Count("henvisninger", filter=Q(henvisninger__status__in=TAR_PLASS)),
        n_venter=Count("henvisninger",
                       filter=Q(henvisninger__status=HenvisningStatus.VENTELISTE)))


def catalogue(*, scope: Scope, kontor_id: int | None = None,
              only_active: bool = False) -> list[TiltakRow]:
    """Return the measures of the offices in scope (or one of them), with places taken and
    waiting."""
    _staff(scope)
    qs = _counted().filter(kontor_id__in=scope.kontor_ids)  # type: ignore[attr-defined]
    if kontor_id is not None:
        qs = qs.filter(kontor_id=kontor_id)
    if only_active:
        qs = qs.filter(aktiv=True)
    return [_row(t) for t in qs.order_by("-aktiv", "navn", "id")]


def get_tiltak(*, scope: Scope, tiltak_id: int) -> TiltakRow:
    _staff(scope)
    t = (_counted().filter(kontor_id__in=scope.kontor_ids, pk=tiltak_id)  # type: ignore[attr-defined]
         .first())
    if t is None:
        raise NotFound("Fant ikke tiltaket.")
    return _row(t)


def _henvisning_rows(qs: object, actor: object, purpose: str) -> list[HenvisningRow]:
    rows = list(qs.select_related("tiltak", "soknad__husstand", "henvist_av")  # type: ignore[attr-defined]
                .order_by("henvist_dato", "id"))
    queue: dict[int, list[int]] = {}
    for pk, tiltak_id in (Henvisning.objects.filter(
            tiltak_id__in={h.tiltak_id for h in rows}, status=HenvisningStatus.VENTELISTE)
            .order_by("henvist_dato", "id").values_list("pk", "tiltak_id")):
        queue.setdefault(tiltak_id, []).append(pk)
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=list({h.soknad_id for h in rows}), purpose=purpose,
                kontor_ids=[h.tiltak.kontor_id for h in {h.soknad_id: h for h in rows}.values()])
    return [HenvisningRow(
        id=h.pk, soknad_id=h.soknad_id, tiltak_id=h.tiltak_id, tiltak_navn=h.tiltak.navn,
        navn=h.soknad.soker_navn, henvist_dato=h.henvist_dato,
        henvist_av=h.henvist_av.get_full_name() if h.henvist_av else "", grunn=h.grunn,
        status=h.status, status_tekst=str(h.get_status_display()), startet_dato=h.startet_dato,
        stoppet_dato=h.stoppet_dato, stopp_grunn=h.stopp_grunn, utfall=h.utfall,
        utfall_tekst=str(h.get_utfall_display()) if h.utfall else "",
        situasjon_etter=h.situasjon_etter,
        ko_plass=queue[h.tiltak_id].index(h.pk) + 1 if h.pk in queue.get(h.tiltak_id, [])
        else None) for h in rows]


def referrals_of_tiltak(*, scope: Scope, actor: object, tiltak_id: int) -> list[HenvisningRow]:
    """Return the referrals to one measure (the waiting list in order), in the caller's scope."""
    get_tiltak(scope=scope, tiltak_id=tiltak_id)
    qs = Henvisning.objects.filter(scope_q(scope, "soknad__"), tiltak_id=tiltak_id)
    return _henvisning_rows(qs, actor, "se henvisninger til tiltak")


def referrals_of_case(*, scope: Scope, actor: object, soknad_id: int) -> list[HenvisningRow]:
    """Return the referrals of the person in one case, made by the case's office."""
    _staff(scope)
    if not scoped_soknader(scope).filter(pk=soknad_id).exists():
        raise NotFound("Fant ikke søknaden.")
    qs = Henvisning.objects.filter(scope_q(scope, "soknad__"), soknad_id=soknad_id)
    return _henvisning_rows(qs, actor, "se henvisninger i saken")


def get_referral(*, scope: Scope, actor: object, henvisning_id: int) -> HenvisningRow:
    _staff(scope)
    qs = Henvisning.objects.filter(scope_q(scope, "soknad__"), pk=henvisning_id)
    rows = _henvisning_rows(qs, actor, "se henvisning til tiltak")
    if not rows:
        raise NotFound("Fant ikke henvisningen.")
    return rows[0]
