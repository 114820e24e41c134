"""The worklists of issue 14 (KVP and tiltak): who to screen for KVP, programmes that end
(extension or end decision due), and tiltak referrals without an outcome after the office's
number of weeks. Each has a source (its lines) and a ``*_lines`` query of (line, application)
for the counts in ``_counts``."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from sosialsak.contexts.casefile.worklists._common import OPEN, RELATED, Ctx, WorkItem, item
from sosialsak.contexts.casefile.worklists._sources import vedtak_ending
from sosialsak.contexts.decisions.models import (
    KvpVurdering,
    Vedtak,
    Vedtaksinnstillinger,
    Vilkar,
    VilkarStatus,
)
from sosialsak.contexts.decisions.policy import DecisionSettings
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.kvp.models import Deltakelse, KvpInnstillinger, Status
from sosialsak.contexts.tiltak.models import Henvisning, HenvisningStatus, TiltakInnstillinger
from sosialsak.rules.frister import add_months

KVP_OPEN = (Status.SCREENET, Status.VURDERT, Status.SOKT, Status.INNVILGET, Status.I_PROGRAM,
            Status.AVBRUTT)
SCREENING_REASONS = {"LANGTID": "Langtidsmottaker", "UNDER_30": "Under 30 år med aktivitetsvilkår",
                     "SLUTTER": "Stønaden slutter snart"}


def _months(rows: list[tuple[date | None, date | None, object]], today: date,
            window: int) -> int:
    """The months with granted § 18 support in the last ``window`` months (as
    ``decisions.months_with_support``, for many people in one query)."""
    start = add_months(today.replace(day=1), -window)
    months: set[tuple[int, int]] = set()
    for fra, til, fattet in rows:
        day = (fra or fattet.date()).replace(day=1)  # type: ignore[attr-defined]
        end = til or add_months(day, 1)
        while day < end and day <= today:
            if day >= start:
                months.add((day.year, day.month))
            day = add_months(day, 1)
    return len(months)


def _screening(ctx: Ctx) -> list[tuple[Soknad, list[str]]]:
    """The newest open case of each person to consider for KVP, with the reasons: long-term
    recipient (the office's setting), under 30 with an activity condition (§ 20 a), or support
    that ends soon; never someone already in a KVP course at the office or assessed in the
    last 12 months. Two queries whatever the number of cases (the start page counts it)."""
    today = ctx.today
    person, kontor = OuterRef("person_id"), OuterRef("kontor_id")
    busy = Exists(Deltakelse.objects.filter(person_id=person, kontor_id=kontor,
                                            status__in=KVP_OPEN))
    assessed = Exists(KvpVurdering.objects.filter(
        person_id=person, soknad__kontor_id=kontor,
        vurdert_dato__gt=today - timedelta(days=365)))
    activity = Exists(Vilkar.objects.filter(
        vedtak__sak__soknad__person_id=person, aktivitet=True, status=VilkarStatus.RELEVANT,
        vedtak__periode_til__gt=today))
    ending = Exists(vedtak_ending(ctx).filter(sak__soknad__person_id=person))
    cases = list(ctx.base().filter(status__in=OPEN).exclude(busy).exclude(assessed)
                 .annotate(wl_activity=activity, wl_ending=ending).select_related(*RELATED)
                 .order_by("-mottatt_at", "-pk"))
    newest: dict[tuple[int, int], Soknad] = {}  # the newest case per person and office
    for s in cases:
        newest.setdefault((s.person_id, s.kontor_id), s)
    if not newest:
        return []
    # Each granted § 18 decision with its office's long-term setting (defaults when unset).
    setting = Vedtaksinnstillinger.objects.filter(kontor_id=OuterRef("sak__soknad__kontor_id"))
    granted: dict[tuple[int, int], list[tuple[date | None, date | None, object]]] = (
        defaultdict(list))
    windows: dict[int, tuple[int, int]] = {}
    default = DecisionSettings()
    for pid, kid, fra, til, fattet, n, window in Vedtak.objects.filter(
            sak__soknad__person_id__in={p for p, _ in newest},
            sak__soknad__kontor_id__in={k for _, k in newest},
            hjemmel__in=("§ 18", "§ 18 nødhjelp"), utfall__in=("INNVILGET", "DELVIS_INNVILGET"),
            fattet_at__date__gte=add_months(today.replace(day=1), -36)).annotate(
            wl_n=Subquery(setting.values("langtid_maneder")[:1]),
            wl_window=Subquery(setting.values("langtid_av_maneder")[:1])).values_list(
            "sak__soknad__person_id", "sak__soknad__kontor_id", "periode_fra", "periode_til",
            "fattet_at", "wl_n", "wl_window"):
        granted[pid, kid].append((fra, til, fattet))
        windows[kid] = (n or default.langtid_maneder, window or default.langtid_av_maneder)
    out: list[tuple[Soknad, list[str]]] = []
    for (pid, kid), case in newest.items():
        reasons = []
        n, window = windows.get(kid, (default.langtid_maneder, default.langtid_av_maneder))
        if granted.get((pid, kid)) and _months(granted[pid, kid], today, window) >= n:
            reasons.append("LANGTID")
        born = case.person.fodselsdato
        under_30 = born is not None and add_months(born, 30 * 12) > today
        if getattr(case, "wl_activity", False) and under_30:
            reasons.append("UNDER_30")
        if getattr(case, "wl_ending", False):
            reasons.append("SLUTTER")
        if reasons:
            out.append((case, reasons))
    return out


def kvp_screening(ctx: Ctx) -> list[WorkItem]:
    return [item(s, frist=None, overdue=False,
                 detalj=", ".join(SCREENING_REASONS[r] for r in reasons))
            for s, reasons in _screening(ctx)]


def kvp_screening_ids(ctx: Ctx) -> list[int]:
    return [s.pk for s, _ in _screening(ctx)]


def _varsel(kontor_ids: set[int]) -> dict[int, int]:
    got = dict(KvpInnstillinger.objects.filter(kontor_id__in=kontor_ids)
               .values_list("kontor_id", "programslutt_varsel_dager"))
    return {k: got.get(k, 60) for k in kontor_ids}



def _programmes_ending(ctx: Ctx) -> QuerySet[Deltakelse]:
    q = Q(pk__in=[])
    for kontor_id, days in _varsel(set(ctx.settings)).items():
        q |= Q(kontor_id=kontor_id, slutt_dato__lte=ctx.today + timedelta(days=days))
    return Deltakelse.objects.filter(q, ctx.on("soknad__"), status__in=(
        Status.I_PROGRAM, Status.AVBRUTT), soknad__isnull=False)


def kvp_programslutt(ctx: Ctx) -> list[WorkItem]:
    out = []
    for d in (_programmes_ending(ctx).select_related(*(f"soknad__{r}" for r in RELATED))
              .order_by("slutt_dato", "pk")):
        assert d.soknad is not None and d.slutt_dato is not None
        last = d.slutt_dato - timedelta(days=1)
        what = ("Programmet slutter etter forlengelse; vedtak om avslutning"
                if d.forlengelse_vedtak_id else
                "Vurder forlengelse (inntil ett år) eller avslutning")
        out.append(item(d.soknad, frist=last, overdue=last < ctx.today,
                        detalj=f"KVP slutter {last:%d.%m.%Y}. {what}."))
    return out


def kvp_programslutt_lines(ctx: Ctx) -> QuerySet:
    return (_programmes_ending(ctx).order_by()
            .annotate(wl_line=F("pk"), wl_soknad=F("soknad_id"))
            .values_list("wl_line", "wl_soknad"))


def _weeks(kontor_ids: set[int]) -> dict[int, int]:
    got = dict(TiltakInnstillinger.objects.filter(kontor_id__in=kontor_ids)
               .values_list("kontor_id", "henvisning_uten_utfall_uker"))
    return {k: got.get(k, 8) for k in kontor_ids}


def _no_outcome(ctx: Ctx) -> QuerySet[Henvisning]:
    q = Q(pk__in=[])
    for kontor_id, weeks in _weeks(set(ctx.settings)).items():
        q |= Q(soknad__kontor_id=kontor_id,
               henvist_dato__lt=ctx.today - timedelta(weeks=weeks))
    return Henvisning.objects.filter(q, ctx.on("soknad__")).exclude(
        status=HenvisningStatus.AVSLUTTET)


def henvisning_uten_utfall(ctx: Ctx) -> list[WorkItem]:
    weeks = _weeks(set(ctx.settings))
    out = []
    for h in (_no_outcome(ctx).select_related("tiltak", *(f"soknad__{r}" for r in RELATED))
              .order_by("henvist_dato", "pk")):
        due = h.henvist_dato + timedelta(weeks=weeks[h.soknad.kontor_id])
        out.append(item(h.soknad, frist=due, overdue=True,
                        detalj=f"{h.tiltak.navn}: henvist {h.henvist_dato:%d.%m.%Y}, "
                               f"{h.get_status_display().lower()}, uten utfall"))
    return out


def henvisning_uten_utfall_lines(ctx: Ctx) -> QuerySet:
    return (_no_outcome(ctx).order_by().annotate(wl_line=F("pk"), wl_soknad=F("soknad_id"))
            .values_list("wl_line", "wl_soknad"))
