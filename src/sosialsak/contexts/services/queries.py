"""Reads of the services, through the caller's scope and audited. The participant view of an
individuell plan shows only what the person has consented to share with that participant for
that purpose, at the moment of reading (a withdrawal takes effect at once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Max, Q, QuerySet

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record, record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.services import access, policy
from sosialsak.contexts.services.models import (
    Bekymringsmelding,
    Botilbud,
    Deltaker,
    Formal,
    IndividuellPlan,
    Opphold,
    Radgivning,
    Samtykke,
    Utestengelse,
)
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

# --- shapes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanSamtykkeOut:
    id: int
    formal: str
    formal_label: str
    gitt_at: datetime
    trukket_at: datetime | None
    i_kraft: bool


@dataclass(frozen=True)
class DeltakerOut:
    id: int
    tjeneste: str
    tjeneste_label: str
    navn: str
    kontakt: str
    samtykker: list[PlanSamtykkeOut]


@dataclass(frozen=True)
class TiltakOut:
    id: int
    hva: str
    formal: str
    formal_label: str
    ansvarlig: str
    frist: date | None
    utfort: date | None


@dataclass(frozen=True)
class MoteOut:
    id: int
    dato: date
    formal: str
    formal_label: str
    referat: str
    deltakere: list[str]


@dataclass(frozen=True)
class PlanOut:
    id: int
    person_id: int
    soknad_id: int
    mal: str
    koordinator: str
    barn_langvarige_behov: bool
    barnekoordinator: str
    neste_evaluering: date
    evaluering_passert: bool
    avsluttet: date | None
    deltakere: list[DeltakerOut] = field(default_factory=list)
    tiltak: list[TiltakOut] = field(default_factory=list)
    moter: list[MoteOut] = field(default_factory=list)


@dataclass(frozen=True)
class OppholdOut:
    id: int
    soknad_id: int
    botilbud_id: int
    botilbud: str
    godkjent_for_barn: bool | None  # the newest assessment's answer; None: never assessed
    antall_voksne: int
    antall_barn: int
    fra: date
    til: date | None
    tre_maneder: date
    pris_per_dogn: int
    vedtak_id: int | None
    aktiv: bool
    over_tre_maneder: bool
    med_barn: bool


@dataclass(frozen=True)
class UtestengelseOut:
    id: int
    botilbud: str
    fra: date
    til: date | None
    begrunnelse: str
    brev_id: int
    fattet_at: datetime


@dataclass(frozen=True)
class HenvisningOut:
    til: str
    til_label: str
    navn: str
    dato: date
    notat: str


@dataclass(frozen=True)
class RadgivningOut:
    id: int
    art: str
    art_label: str
    vedtak_dato: date
    utfall: str
    utfall_label: str
    start: date | None
    niva: str
    niva_label: str
    kostra_gitt_okonomirad: str
    avsluttet: date | None
    resultat: str
    resultat_label: str
    resultat_notat: str
    henvisninger: list[HenvisningOut]


@dataclass(frozen=True)
class BekymringOut:
    id: int
    soknad_id: int
    barn_navn: str
    sendt_dato: date
    barneverntjeneste: str
    svar_dato: date | None
    svar: str
    neste_steg: str
    svar_frist: date
    venter_svar: bool
    fra_kartlegging: bool


@dataclass(frozen=True)
class PersonServices:
    person_id: int
    planer: list[PlanOut]
    opphold: list[OppholdOut]
    utestengelser: list[UtestengelseOut]
    radgivninger: list[RadgivningOut]
    bekymringer: list[BekymringOut]
    kostra_individuell_plan: str
    kostra_gitt_okonomirad: str
    # concerns recorded in the children's mapping that have no follow-up yet
    kartlagte_bekymringer: list[KartlagtBekymring]


@dataclass(frozen=True)
class KartlagtBekymring:
    kartlegging_id: int
    barn_navn: str
    sendt_dato: date | None


# --- reads -------------------------------------------------------------------------------------

def _samtykke(s: Samtykke, at: datetime) -> PlanSamtykkeOut:
    return PlanSamtykkeOut(s.pk, s.formal, str(s.get_formal_display()), s.gitt_at, s.trukket_at,
                       policy.in_force(_consent(s), at))


def _consent(s: Samtykke) -> policy.Consent:
    return policy.Consent(s.deltaker_id, s.formal, s.gitt_at, s.trukket_at)


def _plan_out(p: IndividuellPlan, today: date, now: datetime) -> PlanOut:
    deltakere = list(p.deltakere.all())
    names = {d.pk: d.navn for d in deltakere}
    return PlanOut(
        id=p.pk, person_id=p.person_id, soknad_id=p.soknad_id, mal=p.mal,
        koordinator=p.koordinator.get_full_name() or p.koordinator.username
        if p.koordinator else "",
        barn_langvarige_behov=p.barn_langvarige_behov, barnekoordinator=p.barnekoordinator,
        neste_evaluering=p.neste_evaluering,
        evaluering_passert=policy.evaluering_passert(p.neste_evaluering, p.avsluttet, today),
        avsluttet=p.avsluttet,
        deltakere=[DeltakerOut(d.pk, d.tjeneste, str(d.get_tjeneste_display()), d.navn,
                               d.kontakt, [_samtykke(s, now) for s in d.samtykker.all()])
                   for d in deltakere],
        tiltak=[TiltakOut(t.pk, t.hva, t.formal, str(t.get_formal_display()),
                          names.get(t.ansvarlig_id or 0, "NAV"), t.frist, t.utfort)
                for t in p.tiltak.all()],
        moter=[MoteOut(m.pk, m.dato, m.formal, str(m.get_formal_display()), m.referat,
                       [d.navn for d in m.deltakere.all()]) for m in p.moter.all()])


def _plans(qs: QuerySet[IndividuellPlan]) -> QuerySet[IndividuellPlan]:
    return qs.select_related("koordinator").prefetch_related(
        "deltakere__samtykker", "tiltak", "moter__deltakere")


def barn_godkjent(botilbud_ids: set[int]) -> dict[int, bool]:
    """The newest assessment's answer on children, per provider."""
    out: dict[int, bool] = {}
    for b_id, barn in (Botilbud.objects.filter(pk__in=botilbud_ids)
                       .values_list("pk", "vurderinger__godkjent_for_barn")
                       .order_by("pk", "-vurderinger__dato", "-vurderinger__pk")):
        if b_id not in out and barn is not None:
            out[b_id] = barn
    return out


def opphold_out(o: Opphold, today: date, barn_ok: dict[int, bool]) -> OppholdOut:
    return OppholdOut(
        id=o.pk, soknad_id=o.soknad_id, botilbud_id=o.botilbud_id, botilbud=o.botilbud.navn,
        godkjent_for_barn=barn_ok.get(o.botilbud_id), antall_voksne=o.antall_voksne,
        antall_barn=o.antall_barn, fra=o.fra, til=o.til, tre_maneder=policy.tre_maneder(o.fra),
        pris_per_dogn=o.pris_per_dogn, vedtak_id=o.vedtak_id,
        aktiv=policy.active(o.fra, o.til, today),
        over_tre_maneder=policy.over_tre_maneder(o.fra, o.til, today), med_barn=o.antall_barn > 0)


def person_services(*, scope: Scope, actor: object, person_id: int, today: date,
                    now: datetime, purpose: str) -> PersonServices:
    """Every service record in scope for one person. NotFound (audited) when none of the
    person's applications is in scope."""
    soknader = list(scoped_soknader(scope).filter(person_id=person_id)
                    .values_list("pk", "kontor_id"))
    if not soknader or not access.staff(scope):
        record(actor=actor, action=Action.DENIED, object_type="person", object_id=person_id,
               purpose=purpose)
        raise NotFound(access.NOT_FOUND)
    mine = Q(person_id=person_id)
    planer = list(_plans(access.in_scope(IndividuellPlan, scope).filter(mine)))
    opphold = list(access.in_scope(Opphold, scope).filter(mine).select_related("botilbud"))
    barn_ok = barn_godkjent({o.botilbud_id for o in opphold})
    utestengelser = list(access.in_scope(Utestengelse, scope).filter(mine)
                         .select_related("botilbud"))
    radgivninger = list(access.in_scope(Radgivning, scope).filter(mine)
                        .prefetch_related("henvisninger"))
    bekymringer = list(access.in_scope(Bekymringsmelding, scope).filter(mine))
    followed = {b.kartlegging_id for b in bekymringer}
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s for s, _ in soknader], purpose=purpose,
                kontor_ids=[k for _, k in soknader])
    return PersonServices(
        person_id=person_id,
        planer=[_plan_out(p, today, now) for p in planer],
        opphold=[opphold_out(o, today, barn_ok) for o in opphold],
        utestengelser=[UtestengelseOut(u.pk, u.botilbud.navn, u.fra, u.til, u.begrunnelse,
                                       u.brev_id, u.fattet_at) for u in utestengelser],
        radgivninger=[RadgivningOut(
            id=r.pk, art=r.art, art_label=str(r.get_art_display()), vedtak_dato=r.vedtak_dato,
            utfall=r.utfall, utfall_label=str(r.get_utfall_display()), start=r.start,
            niva=r.niva, niva_label=str(r.get_niva_display()),
            kostra_gitt_okonomirad=policy.kostra_gitt_okonomirad(
                [r.niva] if r.utfall == "INNVILGET" else []),
            avsluttet=r.avsluttet, resultat=r.resultat,
            resultat_label=str(r.get_resultat_display()) if r.resultat else "",
            resultat_notat=r.resultat_notat,
            henvisninger=[HenvisningOut(h.til, str(h.get_til_display()), h.navn, h.dato, h.notat)
                          for h in r.henvisninger.all()]) for r in radgivninger],
        bekymringer=[_bekymring(b, today) for b in bekymringer],
        kostra_individuell_plan=policy.kostra_individuell_plan(bool(planer)),
        kostra_gitt_okonomirad=policy.kostra_gitt_okonomirad(
            r.niva for r in radgivninger if r.utfall == "INNVILGET"),
        kartlagte_bekymringer=_mapped_concerns(scope, person_id, followed))


def _bekymring(b: Bekymringsmelding, today: date) -> BekymringOut:
    return BekymringOut(
        id=b.pk, soknad_id=b.soknad_id, barn_navn=b.barn_navn, sendt_dato=b.sendt_dato,
        barneverntjeneste=b.barneverntjeneste, svar_dato=b.svar_dato, svar=b.svar,
        neste_steg=b.neste_steg, svar_frist=b.svar_frist,
        venter_svar=b.svar_dato is None and today > b.svar_frist,
        fra_kartlegging=b.kartlegging_id is not None)


def _mapped_concerns(scope: Scope, person_id: int, followed: set[int | None]
                     ) -> list[KartlagtBekymring]:
    """The newest mapping of each child that says a concern is to be sent to barnevernet and
    that has no follow-up here yet."""
    from sosialsak.contexts.cases.models import Kartleggingsdel

    rows = (Kartleggingsdel.objects.filter(person_id=person_id, del_type="BARN",
                                           soknad__in=scoped_soknader(scope))
            .order_by("barn_navn", "-skrevet_at", "-pk"))
    out, seen = [], set()
    for k in rows:
        if k.barn_navn in seen:
            continue
        seen.add(k.barn_navn)
        if k.svar.get("bekymring_barnevern") is True and k.pk not in followed:
            sendt = k.svar.get("melding_barnevern_dato")
            out.append(KartlagtBekymring(k.pk, k.barn_navn, date.fromisoformat(sendt)
                                         if isinstance(sendt, str) and sendt else None))
    return out


def check_visible(*, scope: Scope, actor: object, kind: str, pk: int, person_id: int | None,
                  purpose: str) -> None:
    """Raise NotFound (audited) unless the record ``kind`` ``pk`` is in scope (and, with
    ``person_id``, belongs to that person): a form page for it shows nothing otherwise."""
    model = {"radgivning": Radgivning, "bekymring": Bekymringsmelding,
             "botilbud": Botilbud}[kind]
    row = access.get(model, scope=scope, actor=actor, pk=pk, purpose=purpose,
                     object_type=kind, kontor_path="kontor_id" if kind == "botilbud"
                     else "soknad__kontor_id")
    if person_id is not None and getattr(row, "person_id", None) != person_id:
        raise NotFound(access.NOT_FOUND)


def vedtak_choices(scope: Scope, person_id: int) -> list[tuple[int, str]]:
    """The person's decisions in scope, newest first, to link a stay to the decision that
    granted it (the caller has read the person, audited)."""
    from sosialsak.contexts.decisions.models import Vedtak
    from sosialsak.contexts.intake.queries import scope_q

    rows = (Vedtak.objects.filter(scope_q(scope, "sak__soknad__"), sak__soknad__person_id=person_id)
            .select_related("sak").order_by("-fattet_at", "-pk")[:50])
    return [(v.pk, f"{v.fattet_at:%d.%m.%Y} {v.sak.tittel}: {v.get_utfall_display()}")
            for v in rows]


def get_plan(*, scope: Scope, actor: object, plan_id: int, today: date, now: datetime,
             purpose: str) -> PlanOut:
    access.get(IndividuellPlan, scope=scope, actor=actor, pk=plan_id, purpose=purpose,
               object_type="individuell_plan")
    return _plan_out(_plans(IndividuellPlan.objects.filter(pk=plan_id)).get(), today, now)


# --- the participant's view: consent enforced --------------------------------------------------

@dataclass(frozen=True)
class ParticipantView:
    """What one participant may see of a plan: only the purposes the person has consented to
    share with them, as of ``at``. Nothing else of the plan is in it (not even other
    participants' names)."""

    plan_id: int
    deltaker_id: int
    deltaker: str
    at: datetime
    formal: list[str]
    mal: str | None
    tiltak: list[TiltakOut]
    moter: list[MoteOut]


def participant_view(*, scope: Scope, actor: object, deltaker_id: int, at: datetime,
                     formal: str | None = None, purpose: str) -> ParticipantView:
    """The plan as shown or exported to one participant. ``formal`` narrows it to one purpose,
    and raises NoConsent (audited as a denial) when the person has not consented to that
    purpose for this participant or has withdrawn the consent."""
    d = access.get(Deltaker, scope=scope, actor=actor, pk=deltaker_id, purpose=purpose,
                   object_type="individuell_plan_deltaker",
                   kontor_path="plan__soknad__kontor_id")
    consents = [_consent(s) for s in Samtykke.objects.filter(deltaker=d)]
    shared = policy.shared_purposes(consents, d.pk, at)
    if formal is not None:
        if formal not in Formal.values or formal not in shared:
            record(actor=actor, action=Action.DENIED, object_type="individuell_plan_deltaker",
                   object_id=d.pk, purpose=f"{purpose}: uten samtykke")
            raise policy.NoConsent(
                "Personen har ikke samtykket til at dette deles med denne deltakeren, eller har "
                "trukket samtykket tilbake.", field="formal")
        shared = frozenset({formal})
    plan = _plans(IndividuellPlan.objects.filter(pk=d.plan_id)).get()
    full = _plan_out(plan, local_date(at), at)
    return ParticipantView(
        plan_id=plan.pk, deltaker_id=d.pk, deltaker=d.navn, at=at, formal=sorted(shared),
        mal=plan.mal if Formal.MAL_OG_TILTAK in shared else None,
        tiltak=[t for t in full.tiltak if t.formal in shared],
        moter=[MoteOut(m.id, m.dato, m.formal, m.formal_label, m.referat, [])
               for m in full.moter if m.formal in shared])


# --- providers --------------------------------------------------------------------------------

@dataclass(frozen=True)
class BotilbudOut:
    id: int
    kontor_id: int
    navn: str
    adresse: str
    type: str
    type_label: str
    aktiv: bool
    siste_vurdering: date | None
    vurdert_av: str
    funn: str
    forsvarlig: bool | None
    godkjent_for_barn: bool | None
    vurdering_utdatert: bool
    neste_vurdering: date | None


def providers(*, scope: Scope, actor: object, today: date, stale_only: bool = False
              ) -> list[BotilbudOut]:
    """The providers of the offices in scope with their newest assessment; ``stale_only``:
    those in use without an assessment in the last twelve months. No personal data."""
    if not access.staff(scope):
        raise NotFound(access.NOT_FOUND)
    qs = access.in_scope(Botilbud, scope).annotate(siste=Max("vurderinger__dato"))
    if stale_only:
        qs = qs.filter(Q(siste__isnull=True) | Q(siste__lte=policy.latest_stale_assessment(today)),
                       aktiv=True)
    rows = list(qs.prefetch_related("vurderinger").order_by("navn", "pk"))
    out = []
    for b in rows:
        v = next(iter(b.vurderinger.all()), None)  # ordered newest first
        out.append(BotilbudOut(
            id=b.pk, kontor_id=b.kontor_id, navn=b.navn, adresse=b.adresse, type=b.type,
            type_label=str(b.get_type_display()), aktiv=b.aktiv,
            siste_vurdering=v.dato if v else None, vurdert_av=v.vurdert_av if v else "",
            funn=v.funn if v else "", forsvarlig=v.forsvarlig if v else None,
            godkjent_for_barn=v.godkjent_for_barn if v else None,
            vurdering_utdatert=policy.vurdering_utdatert(v.dato if v else None, today),
            neste_vurdering=policy.vurdering_gyldig_til(v.dato) if v else None))
    return out


def stale_provider_count(scope: Scope, today: date) -> int:
    if not access.staff(scope):
        return 0
    return (access.in_scope(Botilbud, scope).filter(aktiv=True)
            .annotate(siste=Max("vurderinger__dato"))
            .filter(Q(siste__isnull=True) | Q(siste__lte=policy.latest_stale_assessment(today)))
            .count())
