"""The worklists of the services (issue 14, items 5, 7, 8): stays in temporary housing beyond
three months and stays with children (§ 27), individual plans past their review date (§ 28),
and concerns sent to barnevernet without a reply after the office's days (§ 45).

Each line is one record (a stay, a plan, a concern) and links to the application it hangs
under. ``lines`` is the same rule as a query of ``(line id, application id)`` for the counts.
Providers not assessed in twelve months are not about an application: they are counted and
listed on their own (``services.queries.providers``)."""

from __future__ import annotations

from django.db.models import IntegerField, Max, Q, QuerySet, Value
from django.db.models.functions import Cast

from sosialsak.contexts.casefile.worklists._common import Ctx, WorkItem, item
from sosialsak.contexts.services import policy
from sosialsak.contexts.services.models import (
    Bekymringsmelding,
    Botilbud,
    IndividuellPlan,
    Opphold,
)
from sosialsak.contexts.services.queries import barn_godkjent

RELATED = ("soknad__person", "soknad__husstand", "soknad__kontor", "soknad__saksbehandler")


def _active(ctx: Ctx) -> QuerySet[Opphold]:
    return Opphold.objects.filter(ctx.on("soknad__"), fra__lte=ctx.today).filter(
        Q(til__isnull=True) | Q(til__gt=ctx.today))


def _over(ctx: Ctx) -> QuerySet[Opphold]:
    return _active(ctx).filter(fra__lte=policy.latest_start_over(ctx.today))


def _with_children(ctx: Ctx) -> QuerySet[Opphold]:
    return _active(ctx).filter(antall_barn__gt=0)


def _plans_due(ctx: Ctx) -> QuerySet[IndividuellPlan]:
    return IndividuellPlan.objects.filter(ctx.on("soknad__"), avsluttet__isnull=True,
                                          neste_evaluering__lt=ctx.today)


def _no_reply(ctx: Ctx) -> QuerySet[Bekymringsmelding]:
    return Bekymringsmelding.objects.filter(ctx.on("soknad__"), svar_dato__isnull=True,
                                            svar_frist__lt=ctx.today)


LINES = {"botilbud-over-3-maneder": _over, "botilbud-barn": _with_children,
         "plan-evaluering": _plans_due, "barnevern-uten-svar": _no_reply}


# Counted with the lists on the start page, listed on the providers' page: a provider is not
# an application, so its line has no application (NULL, not counted in the distinct total).
PROVIDERS = "botilbud-uten-vurdering"


def _stale_providers(ctx: Ctx) -> QuerySet[Botilbud]:
    return (Botilbud.objects.filter(kontor_id__in=ctx.scope.kontor_ids, aktiv=True)
            .annotate(wl_siste=Max("vurderinger__dato"))
            .filter(Q(wl_siste__isnull=True)
                    | Q(wl_siste__lte=policy.latest_stale_assessment(ctx.today))))


def lines(ctx: Ctx, key: str) -> QuerySet | None:
    if key == PROVIDERS:
        return (_stale_providers(ctx).order_by()
                .annotate(wl_none=Cast(Value(None), IntegerField()))
                .values_list("pk", "wl_none"))
    make = LINES.get(key)
    return None if make is None else make(ctx).order_by().values_list("pk", "soknad_id")


def _stay_text(o: Opphold, barn_ok: dict[int, bool]) -> str:
    parts = [f"{o.botilbud.navn} fra {o.fra:%d.%m.%Y}"]
    if o.antall_barn:
        parts.append(f"{o.antall_barn} barn")
        if not barn_ok.get(o.botilbud_id, False):
            parts.append("botilbudet er ikke godkjent for barn")
    return "; ".join(parts)


def opphold_over_3_maneder(ctx: Ctx) -> list[WorkItem]:
    rows = list(_over(ctx).select_related("botilbud", *RELATED).order_by("fra", "pk"))
    barn_ok = barn_godkjent({o.botilbud_id for o in rows})
    return [item(o.soknad, frist=policy.tre_maneder(o.fra), overdue=True,
                 detalj=f"{_stay_text(o, barn_ok)}; over 3 måneder fra "
                        f"{policy.tre_maneder(o.fra):%d.%m.%Y}") for o in rows]


def opphold_med_barn(ctx: Ctx) -> list[WorkItem]:
    rows = list(_with_children(ctx).select_related("botilbud", *RELATED).order_by("fra", "pk"))
    barn_ok = barn_godkjent({o.botilbud_id for o in rows})
    return [item(o.soknad, frist=policy.tre_maneder(o.fra),
                 overdue=policy.over_tre_maneder(o.fra, o.til, ctx.today),
                 detalj=_stay_text(o, barn_ok)) for o in rows]


def plan_evaluering(ctx: Ctx) -> list[WorkItem]:
    rows = _plans_due(ctx).select_related(*RELATED).order_by("neste_evaluering", "pk")
    return [item(p.soknad, frist=p.neste_evaluering, overdue=True,
                 detalj=f"Individuell plan: evaluering skulle vært {p.neste_evaluering:%d.%m.%Y}")
            for p in rows]


def barnevern_uten_svar(ctx: Ctx) -> list[WorkItem]:
    rows = _no_reply(ctx).select_related(*RELATED).order_by("svar_frist", "pk")
    return [item(b.soknad, frist=b.svar_frist, overdue=True,
                 detalj=f"Melding om {b.barn_navn} sendt {b.sendt_dato:%d.%m.%Y} til "
                        f"{b.barneverntjeneste}; ikke svar") for b in rows]
