"""Automatic internal-control checks (issue 17): per office and period, a figure and the cases
behind it. Each check names the risk points (Helsetilsynet 4/2022) it watches.

Reads go through the caller's office scope (``intake.queries.scope_q``) and every case shown is
audit-logged as read with the purpose "internkontroll". The figures are counts of
applications, decisions, conditions or appeals; the lines carry internal ids and a short
detail, never names or fødselsnummer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, Min, OuterRef, Q

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import BrevType
from sosialsak.contexts.cases.queries import children_gaps_many
from sosialsak.contexts.decisions.models import (
    Klage,
    KlageStatus,
    SakStatus,
    Utfall,
    Vedtak,
    Vilkar,
    VilkarStatus,
)
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scope_q
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.contexts.people.models import HusstandBarn
from sosialsak.kernel.clock import OSLO, local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules.engine.ruleset import load_ruleset
from sosialsak.rules.frister import forelopig_svar_frist
from sosialsak.rules.household import age_on

PURPOSE = "internkontroll"
MAX_PERIOD_DAYS = 366 * 2  # a control period is at most two years; bounds the work of a check


@dataclass(frozen=True)
class Funn:
    """One case behind a figure: the application, what was found, and the object's id."""

    soknad_id: int
    object_id: int
    detalj: str


@dataclass(frozen=True)
class Kontrollresultat:
    kode: str
    risikopunkter: tuple[int, ...]
    antall: int       # cases found
    grunnlag: int     # cases looked at (the denominator)
    funn: tuple[Funn, ...]


@dataclass(frozen=True)
class _Ctx:
    scope: Scope
    kontor_id: int
    fra: date
    til: date
    today: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.fra, time.min, OSLO)

    @property
    def end(self) -> datetime:  # exclusive
        return datetime.combine(self.til + timedelta(days=1), time.min, OSLO)

    def soknad_q(self, prefix: str = "") -> Q:
        return scope_q(self.scope, prefix) & Q(**{f"{prefix}kontor_id": self.kontor_id})


def barn_ikke_kartlagt(ctx: _Ctx) -> tuple[int, list[Funn]]:
    """Point 21: decisions in the period for families with children where not every child's
    section is completed or explained (missing, stale or open)."""
    with_children = Exists(HusstandBarn.objects.filter(husstand=OuterRef("sak__soknad__husstand")))
    vedtak = list(Vedtak.objects.filter(ctx.soknad_q("sak__soknad__"), with_children,
                                        sak__status=SakStatus.AKTIV, fattet_at__gte=ctx.start,
                                        fattet_at__lt=ctx.end)
                  .select_related("sak__soknad").order_by("fattet_at", "pk"))
    gaps = children_gaps_many(list({v.sak.soknad.pk: v.sak.soknad for v in vedtak}.values()))
    found = [Funn(v.sak.soknad.pk, v.pk, f"{len(gaps[v.sak.soknad.pk])} barn ikke kartlagt")
             for v in vedtak if gaps.get(v.sak.soknad.pk)]
    return len(vedtak), found


def forelopig_svar_for_sent(ctx: _Ctx) -> tuple[int, list[Funn]]:
    """Point 46: applications received in the period not decided within a month of receipt
    (by today, if still open) without a preliminary reply dated on or before that deadline
    (fvl. § 11 a)."""
    soknader = list(Soknad.objects.filter(ctx.soknad_q(), mottatt_at__gte=ctx.start,
                                          mottatt_at__lt=ctx.end)
                    .annotate(first_vedtak=Min("saker__vedtak__fattet_at",
                                               filter=Q(saker__status=SakStatus.AKTIV)),
                              first_reply=Min("brev__dato",
                                              filter=Q(brev__type=BrevType.FORELOPIG_SVAR)))
                    .order_by("mottatt_at", "pk"))
    found = []
    for s in soknader:
        frist = forelopig_svar_frist(mottatt=local_date(s.mottatt_at))
        answered = local_date(s.first_vedtak) if s.first_vedtak else None
        if (answered or ctx.today) <= frist:
            continue
        if s.first_reply is not None and s.first_reply <= frist:
            continue
        found.append(Funn(s.pk, s.pk, f"Foreløpig svar skulle vært sendt innen {frist:%d.%m.%Y}"))
    return len(soknader), found


def vilkar_uten_oppfolgingsdato(ctx: _Ctx) -> tuple[int, list[Funn]]:
    """Points 29/30: conditions set in decisions of the period, still in force, without a
    follow-up date."""
    vilkar = list(Vilkar.objects.filter(ctx.soknad_q("vedtak__sak__soknad__"),
                                        vedtak__sak__status=SakStatus.AKTIV,
                                        vedtak__fattet_at__gte=ctx.start,
                                        vedtak__fattet_at__lt=ctx.end,
                                        status=VilkarStatus.RELEVANT)
                  .values_list("pk", "vedtak__sak__soknad_id", "oppfolgingsdato")
                  .order_by("vedtak__fattet_at", "pk"))
    found = [Funn(soknad_id, pk, "Vilkåret har ingen oppfølgingsdato")
             for pk, soknad_id, dato in vilkar if dato is None]
    return len(vilkar), found


def klage_ikke_oversendt(ctx: _Ctx) -> tuple[int, list[Funn]]:
    """Point 46 (appeals): appeals received in the period that were forwarded to the
    Statsforvalter after the office's own deadline (``klage_oversending_dager``), or are still
    waiting past it."""
    days = settings_for(ctx.kontor_id).klage_oversending_dager
    klager = list(Klage.objects.filter(ctx.soknad_q("vedtak__sak__soknad__"),
                                       mottatt__gte=ctx.fra, mottatt__lte=ctx.til)
                  .values_list("pk", "vedtak__sak__soknad_id", "mottatt", "status",
                               "oversendt_at").order_by("mottatt", "pk"))
    found = []
    for pk, soknad_id, mottatt, status, oversendt_at in klager:
        frist = mottatt + timedelta(days=days)
        if status == KlageStatus.OVERSENDT or oversendt_at is not None:
            if oversendt_at is not None and local_date(oversendt_at) > frist:
                found.append(Funn(soknad_id, pk, f"Sendt {local_date(oversendt_at):%d.%m.%Y}, "
                                                 f"fristen var {frist:%d.%m.%Y}"))
        elif status == KlageStatus.MOTTATT and ctx.today > frist:
            found.append(Funn(soknad_id, pk, f"Ikke sendt; fristen var {frist:%d.%m.%Y}"))
    return len(klager), found


def under_30_uten_aktivitetsvilkar(ctx: _Ctx) -> tuple[int, list[Funn]]:
    """§ 20 a (a signal for point 41): economic assistance granted in the period under § 18 (not
    emergency help) to a person under the age limit on the decision day, with neither an
    activity condition nor a coded exemption (KOSTRA reason) in the frozen assessment."""
    aktivitet = Exists(Vilkar.objects.filter(vedtak=OuterRef("pk"), aktivitet=True)
                       .exclude(status=VilkarStatus.ANNULLERT))
    rows = list(Vedtak.objects.filter(ctx.soknad_q("sak__soknad__"), sak__status=SakStatus.AKTIV,
                                      hjemmel="§ 18", fattet_at__gte=ctx.start,
                                      fattet_at__lt=ctx.end,
                                      utfall__in=(Utfall.INNVILGET, Utfall.DELVIS_INNVILGET),
                                      sak__soknad__person__fodselsdato__isnull=False)
                .annotate(har_aktivitet=aktivitet)
                .values_list("pk", "sak__soknad_id", "sak__soknad__person__fodselsdato",
                             "fattet_at", "har_aktivitet", "vilkarsvurdering")
                .order_by("fattet_at", "pk"))
    rules = load_ruleset()
    looked, found = 0, []
    for pk, soknad_id, born, fattet_at, har_aktivitet, vurdering in rows:
        on = local_date(fattet_at)
        if born is None or age_on(born, on) >= rules.integer("vilkar.aktivitetsplikt_alder", on=on):
            continue
        looked += 1
        unntak = (vurdering or {}).get("unntak") or {}
        if har_aktivitet or unntak.get("grunner"):
            continue
        found.append(Funn(soknad_id, pk, "Under 30 år: verken vilkår om aktivitet eller "
                                         "registrert unntak"))
    return looked, found


CHECKS: dict[str, tuple[tuple[int, ...], Callable[[_Ctx], tuple[int, list[Funn]]]]] = {
    "barn-ikke-kartlagt": ((21,), barn_ikke_kartlagt),
    "forelopig-svar-for-sent": ((46,), forelopig_svar_for_sent),
    "vilkar-uten-oppfolgingsdato": ((29, 30), vilkar_uten_oppfolgingsdato),
    "klage-ikke-oversendt": ((46,), klage_ikke_oversendt),
    "under-30-uten-aktivitetsvilkar": ((41,), under_30_uten_aktivitetsvilkar),
}


def run_checks(*, scope: Scope, actor: object, kontor_id: int, fra: date, til: date,
               today: date, koder: list[str] | None = None) -> list[Kontrollresultat]:
    """Run the checks (all, or ``koder``) for one office in scope and the period [fra, til];
    log every case behind a figure as read."""
    if kontor_id not in scope.kontor_ids:
        raise NotFound("Kontoret finnes ikke eller er utenfor ditt tilgangsområde.",
                       field="kontor_id")
    if til < fra or (til - fra).days > MAX_PERIOD_DAYS:
        raise ValidationFailed(f"Perioden må ha fra ≤ til og være høyst {MAX_PERIOD_DAYS} "
                               "dager.", field="periode")
    unknown = [k for k in koder or [] if k not in CHECKS]
    if unknown:
        raise ValidationFailed(f"Ukjent kontroll: {unknown[0][:40]}", field="kode")
    ctx = _Ctx(scope=scope, kontor_id=kontor_id, fra=fra, til=til, today=today)
    out = []
    for kode in koder or list(CHECKS):
        points, check = CHECKS[kode]
        grunnlag, found = check(ctx)
        out.append(Kontrollresultat(kode, points, len(found), grunnlag, tuple(found)))
    seen = sorted({f.soknad_id for r in out for f in r.funn})
    if seen:
        record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(seen),
                    purpose=PURPOSE, kontor_ids=[kontor_id] * len(seen))
    return out
