"""The leder's KOSTRA page (issue 15): make 11F or 11CF for a year and a kommune (or the
office's Oslo bydel), see SSB's controls with links to the cases to fix, and download the file.
Only a leder has the page (others 404, as for the rates). One call inward per request."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.reporting.kostra import Area, KostraFile, areas_for, build
from sosialsak.formats.kostra import LayoutMissing
from sosialsak.interfaces.caseworker.common import not_found_as_404, now
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope

SCHEMAS = ("11F", "11CF")
SHOWN = 500  # findings listed on the page; the file's summary counts them all


def _leder(request: HttpRequest) -> Scope:
    scope = staff_scope(request)
    if Role.LEDER not in scope.roles:
        raise Http404("Fant ikke siden.")
    return scope


def _choice(request: HttpRequest, areas: list[Area]) -> tuple[str, int, Area | None]:
    schema = request.GET.get("skjema", "11F")
    schema = schema if schema in SCHEMAS else "11F"
    this_year = now().year
    raw = request.GET.get("ar", "")
    year = int(raw) if raw.isdigit() and this_year - 3 <= int(raw) <= this_year else this_year
    key = request.GET.get("kommune", "")
    area = next((a for a in areas if a.key == key), areas[0] if len(areas) == 1 else None)
    return schema, year, area


def _make(scope: Scope, request: HttpRequest, schema: str, year: int,
          area: Area) -> KostraFile:
    return build(schema, scope=scope, actor=request.user, year=year,
                 kommunenummer=area.kommunenummer, bydelsnummer=area.bydelsnummer)


@login_required
@not_found_as_404
def kostra_page(request: HttpRequest) -> HttpResponse:
    scope = _leder(request)
    areas = areas_for(scope)
    schema, year, area = _choice(request, areas)
    result, error = None, ""
    if area is not None and request.GET.get("vis"):
        try:
            result = _make(scope, request, schema, year, area)
        except LayoutMissing:
            error = "layout"
    return render(request, "caseworker/kostra.html", {
        "areas": areas, "schemas": SCHEMAS, "schema": schema, "year": year, "area": area,
        "years": list(range(now().year, now().year - 4, -1)), "result": result,
        "error": error,
        "rows": [(f, result.soknad_for_line.get(f.line)) for f in result.report.findings[:SHOWN]]
        if result else [],
        "more": max(0, len(result.report.findings) - SHOWN) if result else 0})


@login_required
@not_found_as_404
def kostra_file(request: HttpRequest) -> HttpResponse:
    scope = _leder(request)
    schema, year, area = _choice(request, areas_for(scope))
    if area is None:
        raise Http404("Fant ikke kommunen.")
    try:
        result = _make(scope, request, schema, year, area)
    except LayoutMissing as exc:
        raise Http404("Fant ikke SSBs filbeskrivelse.") from exc
    response = HttpResponse(result.data, content_type="text/plain; charset=iso-8859-1")
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
