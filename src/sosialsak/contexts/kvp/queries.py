"""Reads of KVP participations through the caller's office scope (the case the person was
found in decides who may see it). Every read is logged per case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.decisions.models import KvpVurdering as Fritekst
from sosialsak.contexts.intake.queries import scope_q, scoped_soknader
from sosialsak.contexts.kvp.models import Deltakelse, Status, Vurdering
from sosialsak.contexts.kvp.operations._common import fulltid
from sosialsak.contexts.kvp.policy import ALLOWED
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.kernel.errors import NotFound
from sosialsak.rules.kostra_kvp import kodeverk_11cf


@dataclass(frozen=True)
class VurderingView:
    id: int | None
    kilde: str
    vurdert_dato: date
    har_rett: bool
    begrunnelse: str
    vesentlig_nedsatt_arbeidsevne: bool | None
    andre_ytelser: str
    arbeidsevnevurdering: bool | None
    egnet: bool | None
    sjekker: list[dict[str, object]]


@dataclass(frozen=True)
class LinjeView:
    beskrivelse: str
    timer_per_uke: Decimal
    henvisning_id: int | None
    tiltak: str


@dataclass(frozen=True)
class FravaerView:
    id: int
    dato: date
    type: str
    type_tekst: str
    dokumentasjon: str
    merknad: str
    reduksjon_id: int | None


@dataclass(frozen=True)
class ReduksjonView:
    id: int
    maned: date
    dager: int
    trekk: int
    stonad_for: int
    stonad_etter: int
    begrunnelse: str
    brev_id: int


@dataclass(frozen=True)
class AvbruddView:
    fra: date
    til: date | None
    grunn: str


@dataclass(frozen=True)
class UtbetalingView:
    periode_fra: date | None
    forfallsdato: date
    belop: int
    status: str


@dataclass(frozen=True)
class DeltakelseView:
    id: int
    navn: str
    fodselsdato: date | None
    fra_soknad_id: int
    soknad_id: int | None
    kontor_id: int
    status: str
    status_tekst: str
    screening_grunn: str
    screening_tekst: str
    reg_dato: date | None
    vedtak_id: int | None
    vedtak_dato: date | None
    begynt_dato: date | None
    slutt_dato: date | None
    forlengelse_vedtak_id: int | None
    forlenget_begrunnelse: str
    avsluttet_dato: date | None
    kostra_status: str
    kostra_status_tekst: str
    situasjon_etter: list[str]
    viktigste_inntekt: str
    fulltid_timer: Decimal
    plan_timer: Decimal
    neste: list[str]  # the steps the status allows now
    vurderinger: list[VurderingView] = field(default_factory=list)
    plan: list[LinjeView] = field(default_factory=list)
    fravaer: list[FravaerView] = field(default_factory=list)
    reduksjoner: list[ReduksjonView] = field(default_factory=list)
    avbrudd: list[AvbruddView] = field(default_factory=list)
    utbetalinger: list[UtbetalingView] = field(default_factory=list)


def _staff(scope: Scope) -> None:
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")


def _scoped(scope: Scope) -> QuerySet[Deltakelse]:
    return Deltakelse.objects.filter(scope_q(scope, "fra_soknad__")).select_related(
        "person", "fra_soknad__husstand")


def _vurdering(v: Vurdering) -> VurderingView:
    return VurderingView(v.pk, v.kilde, v.vurdert_dato, v.har_rett, v.begrunnelse,
                         v.vesentlig_nedsatt_arbeidsevne, v.andre_ytelser,
                         v.arbeidsevnevurdering, v.egnet, list(v.sjekker or []))


def _status_text(code: str) -> str:
    return next((k.text for k in kodeverk_11cf().status if k.code == code), "")


def _view(d: Deltakelse, full: bool) -> DeltakelseView:
    lines = list(d.programlinjer.select_related("henvisning__tiltak")) if full else []
    view = DeltakelseView(
        id=d.pk, navn=d.fra_soknad.soker_navn, fodselsdato=d.person.fodselsdato,
        fra_soknad_id=d.fra_soknad_id, soknad_id=d.soknad_id, kontor_id=d.kontor_id,
        status=d.status, status_tekst=str(Status(d.status).label),
        screening_grunn=d.screening_grunn, screening_tekst=str(d.get_screening_grunn_display()),
        reg_dato=d.reg_dato, vedtak_id=d.vedtak_id, vedtak_dato=d.vedtak_dato,
        begynt_dato=d.begynt_dato, slutt_dato=d.slutt_dato,
        forlengelse_vedtak_id=d.forlengelse_vedtak_id,
        forlenget_begrunnelse=d.forlenget_begrunnelse, avsluttet_dato=d.avsluttet_dato,
        kostra_status=d.kostra_status, kostra_status_tekst=_status_text(d.kostra_status),
        situasjon_etter=list(d.situasjon_etter or []), viktigste_inntekt=d.viktigste_inntekt,
        fulltid_timer=fulltid(d.kontor_id),
        plan_timer=sum((line.timer_per_uke for line in lines), Decimal(0)),
        neste=[step for step, allowed in ALLOWED.items() if d.status in allowed])
    if not full:
        return view
    view.vurderinger.extend(_vurdering(v) for v in d.vurderinger.all())
    view.plan.extend(LinjeView(line.beskrivelse, line.timer_per_uke, line.henvisning_id,
                               line.henvisning.tiltak.navn if line.henvisning else "")
                     for line in lines)
    view.fravaer.extend(FravaerView(f.pk, f.dato, f.type, str(f.get_type_display()),
                                    f.dokumentasjon, f.merknad, f.reduksjon_id)
                        for f in d.fravaer.all())
    view.reduksjoner.extend(ReduksjonView(r.pk, r.maned, r.dager, r.trekk, r.stonad_for,
                                          r.stonad_etter, r.begrunnelse, r.brev_id)
                            for r in d.reduksjoner.all())
    view.avbrudd.extend(AvbruddView(a.fra, a.til, a.grunn) for a in d.avbrudd.all())
    ids = [v for v in (d.vedtak_id, d.forlengelse_vedtak_id) if v]
    view.utbetalinger.extend(
        UtbetalingView(u.periode_fra, u.forfallsdato, u.belop, u.status)
        for u in Utbetaling.objects.filter(vedtak_id__in=ids).order_by("forfallsdato", "id"))
    return view


def _log(actor: object, rows: list[Deltakelse], purpose: str) -> None:
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[d.fra_soknad_id for d in rows], purpose=purpose,
                kontor_ids=[d.kontor_id for d in rows])


def get_deltakelse(*, scope: Scope, actor: object, deltakelse_id: int,
                   purpose: str = "se kvalifiseringsprogram") -> DeltakelseView:
    _staff(scope)
    d = _scoped(scope).filter(pk=deltakelse_id).first()
    if d is None:
        raise NotFound("Fant ikke deltakelsen.")
    _log(actor, [d], purpose)
    return _view(d, full=True)


def list_deltakelser(*, scope: Scope, actor: object, status: str = "",
                     purpose: str = "liste kvalifiseringsprogram") -> list[DeltakelseView]:
    """The participations in the caller's offices, newest first (one status, or all)."""
    _staff(scope)
    qs = _scoped(scope)
    if status:
        qs = qs.filter(status=status)
    rows = list(qs.order_by("-screenet_at", "-pk")[:500])
    _log(actor, rows, purpose)
    return [_view(d, full=False) for d in rows]


@dataclass(frozen=True)
class SakensKvp:
    """The KVP side of one case: the person's participations at the office and every
    assessment, the free-text ones from before the structured assessment included."""

    deltakelser: list[DeltakelseView]
    vurderinger: list[VurderingView]


def kvp_of_case(*, scope: Scope, actor: object, soknad_id: int) -> SakensKvp:
    _staff(scope)
    case = scoped_soknader(scope).filter(pk=soknad_id).values_list(
        "person_id", "kontor_id").first()
    if case is None:
        raise NotFound("Fant ikke søknaden.")
    person_id, kontor_id = case
    rows = list(_scoped(scope).filter(person_id=person_id, kontor_id=kontor_id)
                .order_by("-screenet_at", "-pk"))
    _log(actor, rows, "se kvalifiseringsprogram i saken")
    structured = list(Vurdering.objects.filter(person_id=person_id,
                                               soknad__kontor_id=kontor_id))
    linked = {v.fritekst_id for v in structured}
    old = [VurderingView(None, "FRITEKST", o.vurdert_dato, o.har_rett, o.begrunnelse, None,
                         "", None, None, [])
           for o in Fritekst.objects.filter(person_id=person_id, soknad__kontor_id=kontor_id)
           .exclude(pk__in=[x for x in linked if x])]
    vurderinger = sorted([*map(_vurdering, structured), *old],
                         key=lambda v: v.vurdert_dato, reverse=True)
    return SakensKvp([_view(d, full=False) for d in rows], vurderinger)
