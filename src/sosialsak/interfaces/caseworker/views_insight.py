"""The leder's dashboard (issue 15 items 3–5): the national-goal indicators with their
definitions and the cases behind each figure, stock and flows by month, accessible SVG charts
with a data table and a text alternative each, and CSV/XLSX export of every table.

The leder sees their office (and its kommuner and county, as far as their scope reaches); the
Statsforvalter sees the county's offices, read-only (every page here is a GET). Others: 404.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.insight.area import Area, areas_for, resolve_area
from sosialsak.contexts.insight.backdated import backdated_rate_sets, changed_decisions
from sosialsak.contexts.insight.flows import FlowSeries, last_months, monthly_flows
from sosialsak.contexts.insight.indicators import Indicator, Period, all_indicators
from sosialsak.contexts.insight.queries import Drill, cases_behind
from sosialsak.contexts.insight.whatif import rates_in_force, what_if
from sosialsak.formats import svgchart, xlsx
from sosialsak.interfaces.caseworker.common import not_found_as_404, today
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.bounds import OutOfRange, check_int, parse_case_date
from sosialsak.kernel.clock import local_date
from sosialsak.rules.engine import RateSet as RuleRateSet
from sosialsak.rules.flows import Flow

MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


def insight_scope(request: HttpRequest) -> Scope:
    """The leder's or the Statsforvalter's scope: 403 for citizens and accounts without an
    office (as every staff page), 404 for other staff (the page is not theirs)."""
    scope = staff_scope(request)
    if not scope.roles & {Role.LEDER, Role.STATSFORVALTER}:
        raise Http404("Fant ikke siden.")
    return scope


def _period(request: HttpRequest, day: date) -> tuple[Period, list[str]]:
    errors = []
    default_fra = date(day.year - 1, day.month, 1)  # the last twelve months and this one
    values = {}
    for name, default in (("fra", default_fra), ("til", day)):
        raw = request.GET.get(name, "")
        try:
            values[name] = parse_case_date(raw, field=name) if raw else default
        except OutOfRange as exc:
            errors.append(exc.message)
            values[name] = default
    if values["fra"] > values["til"]:
        errors.append(_("Fra-datoen må være før til-datoen."))
        values["fra"], values["til"] = default_fra, day
    return Period(values["fra"], values["til"]), errors


def _month_label(m: date) -> str:
    return f"{MONTHS[m.month - 1]} {m.year % 100:02d}"


def _pct(f: Flow) -> str:
    s = f.outflow_share
    return "–" if s is None else f"{float(s) * 100:.1f}".replace(".", ",")


def flow_table(flows: Sequence[Flow]) -> tuple[list[str], list[list[Any]]]:
    header = [_("Måned"), _("Bestand"), _("Tilgang"), _("Avgang"), _("Avgangsrate (%)")]
    rows = [[f.month.strftime("%Y-%m"), f.stock, f.inflow, f.outflow,
             None if f.outflow_share is None else round(float(f.outflow_share) * 100, 1)]
            for f in flows]
    return header, rows


def shown(rows: list[list[Any]]) -> list[list[Any]]:
    """The rows for the page: a decimal with a comma (the export keeps numbers)."""
    return [[f"{v:.1f}".replace(".", ",") if isinstance(v, float) else v for v in r]
            for r in rows]


def indicator_table(ind: Indicator) -> tuple[list[str], list[list[Any]]]:
    if ind.key == "behandlingstid":
        return ([_("Kanal"), _("Søknader"), _("Median (dager)"), _("90-persentil (dager)")],
                [[g.label, g.count, g.median_days, g.p90_days] for g in ind.groups])
    return ([_("Tall"), _("Antall"), _("Av"), _("Andel (%)")],
            [[g.label, g.count, ind.total if g.share is not None else None,
              None if g.share is None else round(float(g.share) * 100, 1)]
             for g in ind.groups])


def _flow_chart(ident: str, title: str, series: FlowSeries, flows: Sequence[Flow]) -> str:
    labels = [_month_label(m) for m in series.months]
    last = flows[-1] if flows else None
    desc = (_("Linjediagram over %(n)s måneder. Siste måned: bestand %(s)s, tilgang %(i)s, "
              "avgang %(o)s. Tallene står i tabellen under.")
            % {"n": len(flows), "s": last.stock if last else 0,
               "i": last.inflow if last and last.inflow is not None else "–",
               "o": last.outflow if last and last.outflow is not None else "–"})
    return svgchart.line_chart(ident=ident, title=title, desc=desc, labels=labels, series=[
        svgchart.Series(_("Bestand"), [f.stock for f in flows]),
        svgchart.Series(_("Tilgang"), [f.inflow for f in flows]),
        svgchart.Series(_("Avgang"), [f.outflow for f in flows]),
    ])


def _indicator_chart(ind: Indicator) -> str:
    if not ind.available or not ind.groups:
        return ""
    if ind.key == "behandlingstid":
        values = [g.median_days for g in ind.groups]
        desc = _("Stolpediagram: median saksbehandlingstid i dager per kanal. ") + "; ".join(
            f"{g.label}: {'–' if g.median_days is None else g.median_days}" for g in ind.groups)
        title = _("Median saksbehandlingstid (dager) per kanal")
    else:
        values = [None if g.share is None else round(float(g.share) * 100, 1)
                  for g in ind.groups]
        desc = _("Stolpediagram: andel i prosent. ") + "; ".join(
            f"{g.label}: {g.percent}" for g in ind.groups)
        share_word = _("andel i prosent")
        title = f"{ind.title} ({share_word})"
    labels = [g.label if len(g.label) <= 14 else g.label[:13] + "…" for g in ind.groups]
    return svgchart.bar_chart(ident=f"chart-{ind.key}", title=title, desc=desc,
                              labels=labels, values=values)


def _shown_table(table: tuple[list[str], list[list[Any]]]) -> tuple[list[str], list[list[Any]]]:
    return table[0], shown(table[1])


def _query(area: Area, period: Period) -> str:
    return f"omrade={area.value}&fra={period.fra.isoformat()}&til={period.til.isoformat()}"


def _common(request: HttpRequest) -> tuple[Scope, Area, Period, list[str]]:
    scope = insight_scope(request)
    day = today()
    period, errors = _period(request, day)
    return scope, resolve_area(scope, request.GET.get("omrade", "")), period, errors


@login_required
@not_found_as_404
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, area, period, errors = _common(request)
    day = today()
    indicators = all_indicators(scope=scope, area=area, period=period, today=day)
    series = monthly_flows(scope=scope, area=area, months=last_months(day))
    cards = []
    for ind in indicators:
        header, rows = indicator_table(ind)
        cards.append({"ind": ind, "header": header, "rows": rows,
                      "chart": mark_safe(_indicator_chart(ind))})  # noqa: S308 escaped in formats
    flows = {
        "all": {"chart": mark_safe(_flow_chart(  # noqa: S308 escaped in formats.svgchart
            "chart-flyt", _("Bestand, tilgang og avgang per måned"), series, series.all)),
            "table": _shown_table(flow_table(series.all))},
        "main": {"chart": mark_safe(_flow_chart(  # noqa: S308
            "chart-flyt-hoved", _("Sosialhjelp som hovedinntekt: bestand, tilgang og avgang"),
            series, series.main_income)), "table": _shown_table(flow_table(series.main_income))},
    }
    return render(request, "caseworker/insight/dashboard.html", {
        "areas": areas_for(scope), "area": area, "period": period, "errors": errors,
        "cards": cards, "flows": flows, "query": _query(area, period),
        "read_only": not scope.can_write})


@login_required
@not_found_as_404
def drill(request: HttpRequest, key: str, group: str) -> HttpResponse:
    scope, area, period, _errors = _common(request)
    d = cases_behind(scope=scope, actor=request.user, area=area, period=period, today=today(),
                     key=key, group=group)
    return render(request, "caseworker/insight/drill.html", {
        "drill": d, "area": area, "period": period, "query": _query(area, period)})


def _drill_table(d: Drill) -> tuple[list[str], list[list[Any]]]:
    return ([_("Saksnummer"), _("Mottatt"), _("Kanal"), _("Status")],
            [[r.saksnummer, local_date(r.mottatt_at), r.kanal, r.status] for r in d.rows])


def _check_format(fmt: str) -> None:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Fant ikke formatet.")


def _respond(name: str, fmt: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    if fmt == "xlsx":
        body = xlsx.workbook(sheet=name, header=header, rows=rows)
        resp = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument."
                                               "spreadsheetml.sheet")
    else:
        out = io.StringIO()
        w = csv.writer(out, delimiter=";")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else (str(v).replace(".", ",") if isinstance(v, float)
                                              else v) for v in r])
        resp = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp


@login_required
@not_found_as_404
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table as CSV (semicolons, decimal comma, UTF-8 with BOM for Excel) or XLSX."""
    scope, area, period, _errors = _common(request)
    _check_format(fmt)
    day = today()
    if table in ("flyt", "flyt-hovedinntekt"):
        series = monthly_flows(scope=scope, area=area, months=last_months(day))
        header, rows = flow_table(series.all if table == "flyt" else series.main_income)
        return _respond(table, fmt, header, rows)
    for ind in all_indicators(scope=scope, area=area, period=period, today=day):
        if ind.key == table:
            header, rows = indicator_table(ind)
            return _respond(table, fmt, header, rows)
    raise Http404("Fant ikke tabellen.")


@login_required
@not_found_as_404
def drill_export(request: HttpRequest, key: str, group: str, fmt: str) -> HttpResponse:
    """The cases behind a figure as CSV or XLSX (every one logged as exported)."""
    scope, area, period, _errors = _common(request)
    _check_format(fmt)
    d = cases_behind(scope=scope, actor=request.user, area=area, period=period, today=today(),
                     key=key, group=group, limit=None, export=True)
    header, rows = _drill_table(d)
    return _respond(f"saker-{key}-{group}", fmt, header, rows)


def _writer_scope(request: HttpRequest) -> Scope:
    """The office's leder (the what-if and the back-dated list are the office's work)."""
    scope = insight_scope(request)
    if Role.LEDER not in scope.roles or not scope.can_write:
        raise Http404("Fant ikke siden.")
    return scope


RATE_LABELS = (("enslig", "Enslig"), ("ektepar_samboere", "Ektepar/samboere"),
               ("bofellesskap", "Person i bofellesskap"), ("barn_0_5", "Barn 0–5 år"),
               ("barn_6_10", "Barn 6–10 år"), ("barn_11_17", "Barn 11–17 år"))


@login_required
@not_found_as_404
def whatif(request: HttpRequest) -> HttpResponse:
    """Apply a proposed rate set to the office's current caseload (a GET form: nothing is
    stored, the rules run twice)."""
    scope = _writer_scope(request)
    area = resolve_area(scope, request.GET.get("omrade", ""))
    day = today()
    next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    errors: list[str] = []
    try:
        fra = parse_case_date(request.GET["fra"], field="fra") if request.GET.get(
            "fra") else next_month
    except OutOfRange as exc:
        errors.append(exc.message)
        fra = next_month
    kommune = request.GET.get("kommune", "").strip()
    if kommune and not (len(kommune) == 4 and kommune.isascii() and kommune.isdigit()):
        errors.append(_("Kommunenummer har fire siffer."))
        kommune = ""
    defaults = rates_in_force(on=fra, kommune=kommune or None)
    values: dict[str, int] = {}
    for name, _label in RATE_LABELS:
        raw = request.GET.get(name, "").strip().replace("\u00a0", "").replace(" ", "")
        if not raw:
            values[name] = defaults[name]
            continue
        try:
            values[name] = int(raw)
            check_int(values[name], field=name, high=100_000)
        except (ValueError, OutOfRange):
            errors.append(_("Satsene er hele kroner mellom 0 og 100 000."))
            values[name] = defaults[name]
    result = None
    if "beregn" in request.GET and not errors:
        proposed = RuleRateSet(
            valid_from=fra, reference="Forslag (hva om)", kommunenummer=kommune or None,
            enslig=values["enslig"], ektepar_samboere=values["ektepar_samboere"],
            bofellesskap=values["bofellesskap"], barn_0_5=values["barn_0_5"],
            barn_6_10=values["barn_6_10"], barn_11_17=values["barn_11_17"])
        result = what_if(scope=scope, actor=request.user, area=area, proposed=proposed)
    return render(request, "caseworker/insight/whatif.html", {
        "areas": areas_for(scope), "area": area, "fra": fra, "kommune": kommune,
        "fields": [(n, _(label), values[n]) for n, label in RATE_LABELS], "errors": errors,
        "result": result})


@login_required
@not_found_as_404
def backdated(request: HttpRequest) -> HttpResponse:
    """The rate sets registered with a start in the past and the decisions each changes."""
    scope = _writer_scope(request)
    area = resolve_area(scope, request.GET.get("omrade", ""))
    sets = [changed_decisions(scope=scope, actor=request.user, area=area, rate_set=r)
            for r in backdated_rate_sets()]
    return render(request, "caseworker/insight/backdated.html", {
        "areas": areas_for(scope), "area": area, "sets": sets})
