"""The query behind each worklist (private). Each returns the lines in display order."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery

from sosialsak.contexts.casefile.worklists._common import (
    OPEN,
    RELATED,
    Ctx,
    WorkItem,
    item,
    micros,
    start_of,
)
from sosialsak.contexts.cases.models import Brev, BrevType, Dokumentasjonskrav, Oppgave
from sosialsak.contexts.cases.policy import forelopig_svar_varsel
from sosialsak.contexts.cases.queries import children_gaps_many
from sosialsak.contexts.decisions.models import (
    BruddStatus,
    Klage,
    KlageStatus,
    SakStatus,
    Utfall,
    Vedtak,
    Vilkar,
    Vilkarsbrudd,
    VilkarStatus,
)
from sosialsak.contexts.followup.models import OPEN_STATUSES, Aktivitet
from sosialsak.contexts.intake.models import Soknad, SoktStonad
from sosialsak.contexts.intake.queries import scope_q
from sosialsak.contexts.people.models import HusstandBarn
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import add_days

# An item is undecided until a vedtak in a sak in force covers it (a feilregistrert sak's
# decisions do not count, as in ``decisions.operations.undecided_items``).
UNDECIDED = Exists(SoktStonad.objects.filter(soknad=OuterRef("pk")).exclude(
    vedtak__sak__status=SakStatus.AKTIV))


def _day(d: date | None) -> int:
    return d.toordinal() if d is not None else 0


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def dokumentasjon_frist_ute(ctx: Ctx) -> list[WorkItem]:
    passed = Q(dokumentasjonskrav__status="ETTERSPURT", dokumentasjonskrav__frist__lt=ctx.today)
    qs = (ctx.base().filter(status__in=OPEN)
          .annotate(wl_frist=Min("dokumentasjonskrav__frist", filter=passed),
                    wl_n=Count("dokumentasjonskrav", filter=passed))
          .filter(wl_frist__isnull=False).select_related(*RELATED).order_by("wl_frist", "pk"))
    return [item(s, frist=s.wl_frist, overdue=True,
                 detalj=_plural(s.wl_n, "dokument", "dokumenter") + " ikke levert innen fristen",
                 order=(_day(s.wl_frist), s.pk))
            for s in qs]


def paminnelse_due(ctx: Ctx) -> Q:
    """An open request, not reminded, due within the office's reminder days."""
    today = ctx.today
    krav = Dokumentasjonskrav.objects.filter(soknad=OuterRef("pk"), status="ETTERSPURT",
                                             paminnet_at__isnull=True, frist__gt=today)
    return ctx.per_office(lambda s: Q(Exists(krav.filter(
        frist__lte=today + timedelta(days=s.dokumentasjon_paminnelse_dager)))))


def dokumentasjon_paminnelse(ctx: Ctx) -> list[WorkItem]:
    today = ctx.today
    due_soon = paminnelse_due(ctx)
    waiting = Q(dokumentasjonskrav__status="ETTERSPURT",
                dokumentasjonskrav__paminnet_at__isnull=True,
                dokumentasjonskrav__frist__gt=today)
    qs = (ctx.base().filter(due_soon, status__in=OPEN)
          .annotate(wl_frist=Min("dokumentasjonskrav__frist", filter=waiting),
                    wl_n=Count("dokumentasjonskrav", filter=waiting))
          .select_related(*RELATED).order_by("wl_frist", "pk"))
    return [item(s, frist=s.wl_frist, overdue=False,
                 detalj=_plural(s.wl_n, "dokument", "dokumenter") + " venter; ingen påminnelse",
                 order=(_day(s.wl_frist), s.pk))
            for s in qs]


def forelopig_svar(ctx: Ctx) -> list[WorkItem]:
    # A month is at least 28 days and moving to a working day only makes it later, so only
    # applications received this long ago can be near the deadline.
    lead = max((s.forelopig_svar_varsel_dager for s in ctx.settings.values()), default=0)
    cutoff = start_of(ctx.today + timedelta(days=lead - 27))
    replies = Brev.objects.filter(soknad=OuterRef("pk"), type=BrevType.FORELOPIG_SVAR)
    qs = (ctx.base().filter(UNDECIDED, status__in=OPEN)
          .annotate(wl_sendt=Exists(replies),
                    wl_forventet=Max("brev__frist", filter=Q(brev__type=BrevType.FORELOPIG_SVAR)))
          .filter(Q(mottatt_at__lt=cutoff) | Q(wl_forventet__lt=ctx.today))
          .select_related(*RELATED).order_by("mottatt_at", "pk"))
    out = []
    for s in qs:
        varsel = forelopig_svar_varsel(
            mottatt=local_date(s.mottatt_at), today=ctx.today, sendt=s.wl_sendt,
            varsel_dager=ctx.settings[s.kontor_id].forelopig_svar_varsel_dager,
            forventet=s.wl_forventet)
        if varsel is not None:
            out.append(item(s, frist=varsel.frist, detalj=varsel.tekst, overdue=varsel.overdue,
                            order=(_day(varsel.frist), s.pk)))
    return sorted(out, key=lambda i: i.order)


def nodhjelp_ikke_behandlet(ctx: Ctx) -> list[WorkItem]:
    decided = Exists(Vedtak.objects.filter(sak__soknad=OuterRef("pk")))
    qs = (ctx.base().filter(status__in=OPEN, nodhjelp=True, mottatt_at__lt=start_of(ctx.today))
          .exclude(decided).select_related(*RELATED).order_by("mottatt_at", "pk"))
    return [item(s, frist=local_date(s.mottatt_at), overdue=True,
                 detalj="Nødhjelp uten vedtak; skulle vært behandlet samme dag",
                 order=(micros(s.mottatt_at), s.pk)) for s in qs]


def uten_vedtak_old(ctx: Ctx) -> Q:
    """Received longer ago than the office's limit for a decision."""
    return ctx.per_office(lambda s: Q(
        mottatt_at__lt=start_of(ctx.today - timedelta(days=s.uten_vedtak_dager - 1))))


def uten_vedtak(ctx: Ctx) -> list[WorkItem]:
    old = uten_vedtak_old(ctx)
    qs = (ctx.base().filter(old, UNDECIDED, status__in=OPEN)
          .select_related(*RELATED).order_by("mottatt_at", "pk"))
    out = []
    for s in qs:
        days = (ctx.today - local_date(s.mottatt_at)).days
        limit = ctx.settings[s.kontor_id].uten_vedtak_dager
        out.append(item(s, frist=add_days(local_date(s.mottatt_at), limit),
                        overdue=True, detalj=f"{days} dager uten vedtak",
                        order=(micros(s.mottatt_at), s.pk)))
    return out


def kartlegging_barn(ctx: Ctx) -> list[WorkItem]:
    # Children of this application's household (issue 10), not of the person everywhere.
    with_children = Exists(HusstandBarn.objects.filter(husstand=OuterRef("husstand")))
    candidates = list(ctx.base().filter(with_children, status__in=OPEN)
                      .select_related(*RELATED).order_by("mottatt_at", "pk"))
    gaps = children_gaps_many(candidates)
    return [item(s, frist=None, overdue=False,
                 detalj="Barnas kartlegging mangler: " + ", ".join(gaps[s.pk]),
                 order=(micros(s.mottatt_at), s.pk))
            for s in candidates if gaps[s.pk]]


def vedtak_ending(ctx: Ctx) -> QuerySet[Vedtak]:
    """Granted decisions whose period ends soon, with no newer decision or application."""
    today = ctx.today
    # One window per distinct warning period (usually one for all offices): the planner
    # starts from the index on periode_til instead of every decision of the office (issue 13).
    by_days: dict[int, list[int]] = {}
    for kontor_id, office in ctx.settings.items():
        by_days.setdefault(office.vedtaksperiode_varsel_dager, []).append(kontor_id)
    ending = Q(pk__in=[])
    for days, kontor_ids in by_days.items():
        window = Q(periode_til__gt=today, periode_til__lte=today + timedelta(days=days + 1))
        ending |= window if len(by_days) == 1 else window & Q(
            sak__soknad__kontor_id__in=kontor_ids)
    # A newer decision or application counts only at the case's own office (issue 13): one
    # office does not see another's cases, so the person's application elsewhere must not take
    # the period off this office's list.
    renewed = Exists(Vedtak.objects.filter(
        sak__soknad__person_id=OuterRef("sak__soknad__person_id"),
        sak__soknad__kontor_id=OuterRef("sak__soknad__kontor_id"),
        periode_til__gt=OuterRef("periode_til")))
    newer = Exists(Soknad.objects.filter(person_id=OuterRef("sak__soknad__person_id"),
                                         kontor_id=OuterRef("sak__soknad__kontor_id"),
                                         mottatt_at__gt=OuterRef("fattet_at"))
                   .exclude(pk=OuterRef("sak__soknad_id")))
    return (Vedtak.objects.filter(ending, ctx.on("sak__soknad__"),
                                  utfall__in=(Utfall.INNVILGET, Utfall.DELVIS_INNVILGET))
            .exclude(renewed).exclude(newer))


def vedtaksperiode_slutter(ctx: Ctx) -> list[WorkItem]:
    qs = (vedtak_ending(ctx)
          .select_related(*(f"sak__soknad__{r}" for r in RELATED))
          .order_by("periode_til", "pk"))
    seen: set[int] = set()
    out = []
    for v in qs:
        s = v.sak.soknad
        if s.pk in seen or v.periode_til is None:
            continue
        seen.add(s.pk)
        last = v.periode_til - timedelta(days=1)
        out.append(item(s, frist=last, overdue=False,
                        detalj=f"Vedtaksperioden slutter {last:%d.%m.%Y}",
                        order=(_day(v.periode_til), v.pk)))
    return out


def oppgave_who(ctx: Ctx) -> Q:
    """All tasks; with "mine only", those given to me or on my cases and given to nobody."""
    mine = ctx.mine_user_id
    if mine is None:  # "unassigned" and "my office" are about the application
        return ctx.assigned_q("soknad__")
    return Q(tildelt_id=mine) | Q(tildelt__isnull=True, soknad__saksbehandler_id=mine)


def oppgaver(ctx: Ctx) -> list[WorkItem]:
    who = oppgave_who(ctx)
    qs = (Oppgave.objects.filter(who, scope_q(ctx.scope, "soknad__"),
                                 utfort_at__isnull=True, frist__lte=ctx.today)
          .select_related(*(f"soknad__{r}" for r in RELATED)).order_by("frist", "pk"))
    return [item(t.soknad, frist=t.frist, overdue=t.frist < ctx.today, detalj=t.tittel,
                 oppgave_id=t.pk, order=(_day(t.frist), t.pk)) for t in qs]


def klage_waited(days: int) -> str:
    """How long an appeal has waited, in words (issue 12: not "for 0 dager siden")."""
    if days <= 0:
        return "Klage mottatt i dag"
    if days == 1:
        return "Klage mottatt i går"
    return f"Klage mottatt for {days} dager siden"


def klager(ctx: Ctx) -> list[WorkItem]:
    # Appeals the office has neither changed nor sent to the Statsforvalter (fvl § 33), oldest
    # first, with the time they have waited.
    qs = (Klage.objects.filter(ctx.on("vedtak__sak__soknad__"), status=KlageStatus.MOTTATT)
          .select_related(*(f"vedtak__sak__soknad__{r}" for r in RELATED))
          .order_by("mottatt", "pk"))
    out = []
    for k in qs:
        late = "; kom etter klagefristen" if k.for_sent else ""
        out.append(item(k.vedtak.sak.soknad, frist=k.mottatt, overdue=False,
                        detalj=f"{klage_waited((ctx.today - k.mottatt).days)}{late}",
                        order=(_day(k.mottatt), k.pk)))
    return out


OVERSENDT_DAGER = 90


def klager_oversendt(ctx: Ctx) -> list[WorkItem]:
    # Appeals forwarded to the Statsforvalter in the last 90 days, newest first: the days from
    # the appeal arriving to its forwarding, and the office's median over the same appeals.
    since = start_of(ctx.today - timedelta(days=OVERSENDT_DAGER - 1))
    qs = (Klage.objects.filter(ctx.on("vedtak__sak__soknad__"), oversendt_at__gte=since)
          .select_related(*(f"vedtak__sak__soknad__{r}" for r in RELATED))
          .order_by("-oversendt_at", "-pk"))
    rows = [(k, local_date(k.oversendt_at)) for k in qs if k.oversendt_at is not None]
    per_office: dict[int, list[int]] = {}
    for k, sendt in rows:
        per_office.setdefault(k.vedtak.sak.soknad.kontor_id, []).append((sendt - k.mottatt).days)
    out = []
    for k, sendt in rows:
        s, days = k.vedtak.sak.soknad, (sendt - k.mottatt).days
        mid = median(per_office[s.kontor_id])
        out.append(item(s, frist=None, overdue=False, detalj=(
            f"{_plural(days, 'dag', 'dager')} fra klagen kom til den ble oversendt "
            f"({sendt:%d.%m.%Y}); kontorets median: "
            f"{mid:g} {'dag' if mid == 1 else 'dager'}"),
            order=(-micros(k.oversendt_at) if k.oversendt_at else 0, -k.pk)))
    return out



# Issue 14: the clocks of follow-up. Each line has the case's saksbehandler as its owner (the
# list shows it) and the date it was due.

def forhandsvarsel_due(ctx: Ctx) -> QuerySet[Vilkarsbrudd]:
    """Advance warnings (fvl § 16) whose reply deadline has passed with nothing registered:
    neither the person's reply nor that none came."""
    return Vilkarsbrudd.objects.filter(
        ctx.on("vilkar__vedtak__sak__soknad__"), status=BruddStatus.VARSLET,
        svarfrist__lt=ctx.today, svar_dato__isnull=True, svar_mangler=False)


def forhandsvarsel_svarfrist(ctx: Ctx) -> list[WorkItem]:
    qs = (forhandsvarsel_due(ctx)
          .select_related(*(f"vilkar__vedtak__sak__soknad__{r}" for r in RELATED))
          .order_by("svarfrist", "pk"))
    return [item(b.vilkar.vedtak.sak.soknad, frist=b.svarfrist, overdue=True,
                 detalj=f"Svarfristen for forhåndsvarselet gikk ut {b.svarfrist:%d.%m.%Y}; "
                        "registrer svaret eller at det ikke kom")
            for b in qs if b.svarfrist is not None]


def vilkar_due(ctx: Ctx) -> QuerySet[Vilkar]:
    """Conditions still to be met, in force, whose follow-up date has come or whose deadline
    has passed."""
    return Vilkar.objects.filter(
        Q(oppfolgingsdato__lte=ctx.today) | Q(frist__lt=ctx.today),
        ctx.on("vedtak__sak__soknad__"), status=VilkarStatus.RELEVANT,
        vedtak__sak__status=SakStatus.AKTIV)


def vilkar_oppfolging(ctx: Ctx) -> list[WorkItem]:
    qs = (vilkar_due(ctx).select_related(*(f"vedtak__sak__soknad__{r}" for r in RELATED))
          .order_by("pk"))
    out = []
    for v in qs:
        dates = [d for d in (v.oppfolgingsdato, v.frist) if d is not None]
        due = min(dates)
        what = (f"Vilkåret skal følges opp {v.oppfolgingsdato:%d.%m.%Y}"
                if v.oppfolgingsdato == due else f"Fristen for vilkåret gikk ut {due:%d.%m.%Y}")
        out.append(item(v.vedtak.sak.soknad, frist=due, overdue=due < ctx.today,
                        detalj=f"{what}: {v.beskrivelse[:80]}"))
    return sorted(out, key=lambda i: (i.frist or ctx.today, i.soknad_id))


def plan_case(ctx: Ctx) -> Subquery:
    """The person's newest application at the plan's office in the caller's view: where an
    activity's line leads (the plan belongs to the person, not to one application). None:
    the caller sees none of the person's applications there, and the line is left out."""
    return Subquery(ctx.base().filter(person_id=OuterRef("plan__person_id"),
                                      kontor_id=OuterRef("plan__kontor_id"))
                    .order_by("-mottatt_at", "-pk").values("pk")[:1])


def aktivitet_due(ctx: Ctx) -> QuerySet[Aktivitet]:
    """Activities past their end that are neither done nor cancelled (annotate ``plan_case``
    for the application each line leads to)."""
    return Aktivitet.objects.filter(status__in=OPEN_STATUSES, til__lt=ctx.today)


def aktivitet_frist(ctx: Ctx) -> list[WorkItem]:
    rows = list(aktivitet_due(ctx).annotate(wl_soknad=plan_case(ctx))
                .filter(wl_soknad__isnull=False).order_by("til", "pk"))
    cases = {s.pk: s for s in Soknad.objects.filter(pk__in={a.wl_soknad for a in rows})
             .select_related(*RELATED)}
    return [item(cases[a.wl_soknad], frist=a.til, overdue=True,
                 detalj=f"Aktiviteten skulle vært ferdig {a.til:%d.%m.%Y}: {a.hva[:80]}")
            for a in rows if a.til is not None]


KLAGE_VARSEL_DAGER = 7  # lines show from a week before the office's deadline


def klage_oversending_due(ctx: Ctx) -> Q:
    """Appeals whose office deadline for review and forwarding (the day received plus the
    office's ``klage_oversending_dager``) is within a week or past."""
    q = Q(pk__in=[])
    for kontor_id, s in ctx.settings.items():
        q |= Q(vedtak__sak__soknad__kontor_id=kontor_id, mottatt__lte=ctx.today - timedelta(
            days=s.klage_oversending_dager - KLAGE_VARSEL_DAGER))
    return q


def klage_oversending(ctx: Ctx) -> list[WorkItem]:
    qs = (Klage.objects.filter(klage_oversending_due(ctx), ctx.on("vedtak__sak__soknad__"),
                               status=KlageStatus.MOTTATT)
          .select_related(*(f"vedtak__sak__soknad__{r}" for r in RELATED))
          .order_by("mottatt", "pk"))
    out = []
    for k in qs:
        s = k.vedtak.sak.soknad
        frist = k.mottatt + timedelta(days=ctx.settings[s.kontor_id].klage_oversending_dager)
        out.append(item(s, frist=frist, overdue=frist < ctx.today, detalj=(
            f"Klagen må vurderes og sendes til Statsforvalteren innen {frist:%d.%m.%Y} "
            f"(kontorets frist)")))
    return out
