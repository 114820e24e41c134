"""The worklist counts in one aggregate query (issue 13), and the distinct total (issue 12).

Each list's rule is written here once more as a query of its lines, ``(line id, application
id)``: the application for most lists, the task or the appeal for the lists of tasks and
appeals. The lines of all lists are put together in one ``UNION ALL`` and counted per list in
the database, with the number of distinct applications as the total: an application on two
lists is one case to follow up, not two. Nothing is built in Python but the children's
mapping, whose rule (age on the day of receipt, the newest section per office and child) runs
over the few open applications of families with children.

``tests/integration/cases/test_worklists.py`` checks that every count equals its list.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from sosialsak.contexts.casefile.worklists import _kvp as kvp
from sosialsak.contexts.casefile.worklists import _services as services
from sosialsak.contexts.casefile.worklists import _sources as src
from sosialsak.contexts.casefile.worklists._common import OPEN, Ctx, start_of
from sosialsak.contexts.cases.models import Brev, BrevType, Dokumentasjonskrav, Oppgave
from sosialsak.contexts.cases.queries import applications_with_gaps
from sosialsak.contexts.decisions.models import Klage, KlageStatus, Vedtak
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scope_q
from sosialsak.contexts.people.models import HusstandBarn
from sosialsak.rules.frister import forelopig_svar_frist

TOTAL = "*"


def _apps(qs: QuerySet[Soknad]) -> QuerySet:
    return qs.order_by().annotate(wl_line=F("pk"), wl_soknad=F("pk")).values_list(
        "wl_line", "wl_soknad")


def _last_day_warned(today: date, varsel_dager: int) -> date:
    """Return the last day of receipt whose preliminary-reply deadline is at most
    ``varsel_dager`` days away (the deadline never falls as the day of receipt moves on)."""
    day = today + timedelta(days=varsel_dager)
    while (forelopig_svar_frist(mottatt=day) - today).days > varsel_dager:
        day -= timedelta(days=1)
    return day


def _forelopig_svar(ctx: Ctx) -> QuerySet[Soknad]:
    # The same rule as ``cases.policy.forelopig_svar_varsel``: no reply sent and the deadline
    # within the office's warning days; or a reply sent whose expected date has passed.
    replies = Brev.objects.filter(soknad=OuterRef("pk"), type=BrevType.FORELOPIG_SVAR)
    forventet = Subquery(replies.exclude(frist__isnull=True).order_by("-frist").values("frist")[:1])
    due = ctx.per_office(lambda s: Q(mottatt_at__lt=start_of(
        _last_day_warned(ctx.today, s.forelopig_svar_varsel_dager) + timedelta(days=1))))
    return (ctx.base().filter(src.UNDECIDED, status__in=OPEN)
            .annotate(wl_sendt=Exists(replies), wl_forventet=forventet)
            .filter(Q(wl_sendt=False) & due | Q(wl_sendt=True, wl_forventet__lt=ctx.today)))


def _lines(ctx: Ctx, key: str) -> QuerySet | None:
    today = ctx.today
    if key == "nodhjelp":
        decided = Exists(Vedtak.objects.filter(sak__soknad=OuterRef("pk")))
        return _apps(ctx.base().filter(status__in=OPEN, nodhjelp=True,
                                       mottatt_at__lt=start_of(today)).exclude(decided))
    if key == "dokumentasjon-frist-ute":
        passed = Dokumentasjonskrav.objects.filter(soknad=OuterRef("pk"), status="ETTERSPURT",
                                                   frist__lt=today)
        return _apps(ctx.base().filter(Exists(passed), status__in=OPEN))
    if key == "dokumentasjon-paminnelse":
        return _apps(ctx.base().filter(src.paminnelse_due(ctx), status__in=OPEN))
    if key == "forelopig-svar":
        return _apps(_forelopig_svar(ctx))
    if key == "uten-vedtak":
        return _apps(ctx.base().filter(src.uten_vedtak_old(ctx), src.UNDECIDED,
                                       status__in=OPEN))
    if key == "oppgaver":
        return (Oppgave.objects.filter(src.oppgave_who(ctx), scope_q(ctx.scope, "soknad__"),
                                       utfort_at__isnull=True, frist__lte=today)
                .order_by().values_list("pk", "soknad_id"))
    if key == "vedtaksperiode":
        return (src.vedtak_ending(ctx).order_by()
                .values_list("sak__soknad_id", "sak__soknad_id").distinct())
    if key == "kvp-aktuelle":
        return _apps(Soknad.objects.filter(pk__in=kvp.kvp_screening_ids(ctx)))
    if key == "kvp-programslutt":
        return kvp.kvp_programslutt_lines(ctx)
    if key == "henvisning-uten-utfall":
        return kvp.henvisning_uten_utfall_lines(ctx)
    if key == "klager":
        return (Klage.objects.filter(ctx.on("vedtak__sak__soknad__"), status=KlageStatus.MOTTATT)
                .order_by().values_list("pk", "vedtak__sak__soknad_id"))
    if key == "klager-oversendt":
        since = start_of(today - timedelta(days=src.OVERSENDT_DAGER - 1))
        return (Klage.objects.filter(ctx.on("vedtak__sak__soknad__"), oversendt_at__gte=since)
                .order_by().values_list("pk", "vedtak__sak__soknad_id"))
    if key == "forhandsvarsel-svarfrist":
        return (src.forhandsvarsel_due(ctx).order_by()
                .values_list("pk", "vilkar__vedtak__sak__soknad_id"))
    if key == "vilkar-oppfolging":
        return src.vilkar_due(ctx).order_by().values_list("pk", "vedtak__sak__soknad_id")
    if key == "aktivitet-frist":
        return (src.aktivitet_due(ctx).annotate(wl_soknad=src.plan_case(ctx))
                .filter(wl_soknad__isnull=False).order_by().values_list("pk", "wl_soknad"))
    if key == "klage-oversending":
        return (Klage.objects.filter(src.klage_oversending_due(ctx),
                                     ctx.on("vedtak__sak__soknad__"), status=KlageStatus.MOTTATT)
                .order_by().values_list("pk", "vedtak__sak__soknad_id"))
    return services.lines(ctx, key)


def _children_gaps(ctx: Ctx) -> list[int]:
    # Plain rows and the settings already read: three queries in all, no model instances
    # (issue 13: building each household was ~150 ms at 150,000 applications).
    with_children = Exists(HusstandBarn.objects.filter(husstand=OuterRef("husstand")))
    candidates = list(ctx.base().filter(with_children, status__in=OPEN).order_by()
                      .values_list("pk", "person_id", "kontor_id", "mottatt_at", "husstand_id"))
    return applications_with_gaps(candidates, {
        k: s.kartlegging_gyldig_maneder for k, s in ctx.settings.items()})


def count_all(ctx: Ctx, keys: list[str]) -> dict[str, int]:
    """Return the number of lines per list in ``keys`` and, under ``TOTAL``, the number of
    distinct applications on any of them, in one aggregate query."""
    parts: list[str] = []
    params: list[Any] = []
    for key in keys:
        if key == "kartlegging-barn":
            ids = _children_gaps(ctx)
            lines: QuerySet | None = _apps(Soknad.objects.filter(pk__in=ids))
        else:
            lines = _lines(ctx, key)
        if lines is None:
            continue
        try:
            sql, p = lines.query.sql_with_params()
        except EmptyResultSet:  # a filter that matches nothing (no ids, no offices): zero
            continue
        # The SQL is Django's own compiled query; every value is a parameter.
        parts.append(f"SELECT CAST(%s AS VARCHAR(40)) AS k, t.* FROM ({sql}) t")  # noqa: S608
        params += [key, *p]
    if not parts:
        return {TOTAL: 0}
    union = " UNION ALL ".join(parts)
    sql = (f"WITH x (k, line, soknad) AS ({union}) "  # noqa: S608
           "SELECT k, COUNT(*) FROM x GROUP BY k "
           "UNION ALL SELECT CAST(%s AS VARCHAR(40)), COUNT(DISTINCT soknad) FROM x")
    with connection.cursor() as cur:
        cur.execute(sql, [*params, TOTAL])
        got = {k: int(n) for k, n in cur.fetchall()}
    return {key: got.get(key, 0) for key in [*keys, TOTAL]}

