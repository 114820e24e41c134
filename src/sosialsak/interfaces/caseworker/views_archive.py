"""The leder's page for retention (issue 18 item 5): what has passed its retention period at
the office, and the confirmation that removes it. Only the office's leder has the page
(others get 404, like the rates page). One call inward per request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext

from sosialsak.contexts.archive.retention import confirm, list_due, may_confirm, open_list
from sosialsak.interfaces.caseworker.common import not_found_as_404, now
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.bounds import parse_id
from sosialsak.kernel.errors import DomainError, NotFound

MAX_SELECTED = 500


@login_required
@not_found_as_404
def retention_page(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    if not may_confirm(scope):
        raise Http404("Fant ikke siden.")
    if request.method == "POST":
        if request.POST.get("handling") == "finn":
            found = list_due(scope=scope, now=now())
            messages.success(request, ngettext(
                "%(n)d oppføring venter på bekreftelse.",
                "%(n)d oppføringer venter på bekreftelse.", len(found)) % {"n": len(found)})
            return redirect("retention_page")
        raw = request.POST.getlist("kandidat")[:MAX_SELECTED]
        ids = [i for i in (parse_id(r) for r in raw) if i is not None]
        if not ids:
            messages.error(request, gettext("Velg minst én oppføring å bekrefte."))
            return redirect("retention_page")
        try:
            done = confirm(scope=scope, actor=request.user, kandidat_ids=ids, now=now())
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, ngettext(
                "%(n)d oppføring er slettet eller anonymisert.",
                "%(n)d oppføringer er slettet eller anonymisert.", len(done)) % {"n": len(done)})
        return redirect("retention_page")
    return render(request, "caseworker/retention.html",
                  {"rows": list(open_list(scope).order_by("utlop", "id")[:MAX_SELECTED])})
