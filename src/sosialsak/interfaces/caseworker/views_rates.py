"""The leder's page for the year's rates: which rate set applies in each municipality the
office serves, and the confirmation that last year's set still applies (issue 11, item 4).
Only the office's leder has the page (others get 404, citizens and accounts without an office
403, as for the office settings). One call inward per request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.rates.operations import confirm_rates_for_year
from sosialsak.contexts.rates.status import rates_overview
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, post_int
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.errors import NotFound, ValidationFailed


@login_required
@not_found_as_404
def rates_page(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    if Role.LEDER not in scope.roles or not scope.can_write:
        raise Http404("Fant ikke siden.")
    if request.method == "POST":
        try:
            confirm_rates_for_year(scope=scope, actor=request.user,
                                   kommunenummer=request.POST.get("kommune", ""),
                                   year=post_int(request, "year", 0), now=now())
        except NotFound:
            raise
        except ValidationFailed as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("Satsene er bekreftet for året."))
        return redirect("rates_page")
    year = now().year
    return render(request, "caseworker/rates.html",
                  {"rows": rates_overview(scope=scope, years=(year, year + 1))})
