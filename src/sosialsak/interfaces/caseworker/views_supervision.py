"""The internal-control page (issue 17): the automatic checks for one office and period, the
cases behind each figure (links to the case), and the open deviations (avvik), with a form to
register one. The leder and the Statsforvalter see it (the Statsforvalter read-only: the
read-only middleware refuses its POST); others get 404."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.supervision.checks import run_checks
from sosialsak.contexts.supervision.models import Alvorlighet
from sosialsak.contexts.supervision.operations import AvvikInput, register_avvik
from sosialsak.contexts.supervision.queries import open_avvik
from sosialsak.interfaces.caseworker.common import not_found_as_404, now
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.bounds import parse_case_date, parse_id
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError
from sosialsak.rules.risiko import katalog

TITLES = {
    "barn-ikke-kartlagt": gettext_lazy("Vedtak til familier der ikke alle barn er kartlagt"),
    "forelopig-svar-for-sent": gettext_lazy("Foreløpig svar ikke sendt i tide"),
    "vilkar-uten-oppfolgingsdato": gettext_lazy("Vilkår uten oppfølgingsdato"),
    "klage-ikke-oversendt": gettext_lazy("Klager ikke sendt videre innen kontorets frist"),
    "under-30-uten-aktivitetsvilkar": gettext_lazy(
        "Under 30 år uten vilkår om aktivitet eller registrert unntak"),
}
ROLES = {Role.LEDER, Role.STATSFORVALTER}


def _date(raw: str | None, default: date) -> date:
    if not raw:
        return default
    try:
        return parse_case_date(raw[:10], field="dato")
    except DomainError:
        return default


@login_required
@not_found_as_404
def supervision_page(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    if not ROLES & set(scope.roles):
        raise Http404("Fant ikke siden.")
    today = local_date(now())
    first = today.replace(day=1)
    kontorer = sorted(scope.kontor_ids)
    kontor_id = parse_id(request.GET.get("kontor") or request.POST.get("kontor") or "")
    if kontor_id not in scope.kontor_ids:
        kontor_id = kontorer[0]
    if request.method == "POST":
        punkt = parse_id(request.POST.get("risikopunkt") or "")
        try:
            register_avvik(scope=scope, actor=request.user, kontor_id=kontor_id, now=now(),
                           data=AvvikInput(hva=request.POST.get("hva", "")[:5000],
                                           hvor=request.POST.get("hvor", "")[:300],
                                           dato=_date(request.POST.get("dato"), today),
                                           alvorlighet=request.POST.get("alvorlighet", "")[:10],
                                           risikopunkt=punkt))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("Avviket er registrert."))
        return redirect(f"{request.path}?kontor={kontor_id}")
    fra = _date(request.GET.get("fra"), (first - timedelta(days=1)).replace(day=1))
    til = _date(request.GET.get("til"), first - timedelta(days=1))
    results, error = [], ""
    try:
        results = run_checks(scope=scope, actor=request.user, kontor_id=kontor_id, fra=fra,
                             til=til, today=today)
    except DomainError as exc:
        error = exc.message
    kat = katalog()
    rows = [{"r": r, "title": TITLES[r.kode],
             "punkter": [kat.point(n) for n in r.risikopunkter]} for r in results]
    return render(request, "caseworker/supervision.html", {
        "rows": rows, "error": error, "fra": fra, "til": til, "kontor_id": kontor_id,
        "kontorer": kontorer, "avvik": list(open_avvik(scope).filter(kontor_id=kontor_id)[:200]),
        "alvorligheter": Alvorlighet.choices, "points": kat.points,
        "can_write": scope.can_write, "version": kat.version})
