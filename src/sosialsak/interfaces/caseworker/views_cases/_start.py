"""The start page with the worklist counts, one worklist, the notes search, office settings."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.casefile import worklists
from sosialsak.contexts.casefile.worklists import ASSIGNED, LISTS, PROVIDERS, worklist_overview
from sosialsak.contexts.cases.reads import search_notes
from sosialsak.contexts.offices.operations import can_edit_settings, update_office_settings
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.interfaces.caseworker.common import now, plain, show_error, today
from sosialsak.interfaces.caseworker.forms_cases import OfficeSettingsForm
from sosialsak.interfaces.caseworker.lines import work_lines
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.errors import DomainError, NotFound


def _assigned(request: HttpRequest) -> str:
    """The assignment filter, as on the work queue: mine / unassigned / my office (issue 12);
    the old "?mine=1" link still means "mine"."""
    value = request.GET.get("tildelt", "")
    if value in ASSIGNED:
        return value
    return "mine" if request.GET.get("mine") == "1" else ""


@login_required
def start(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    assigned = _assigned(request)
    counts, total = worklist_overview(scope=scope, actor=request.user, today=today(),
                                      assigned=assigned)
    lists = [(wl, counts[key]) for key, wl in LISTS.items() if key in counts]
    kontor_id = getattr(request.user, "kontor_id", None)
    return render(request, "caseworker/cases/start.html", {
        "lists": lists, "assigned": assigned, "mine": assigned == "mine", "total": total,
        "can_edit_settings": can_edit_settings(scope, kontor_id),
        # issue 14: providers of temporary housing not assessed in twelve months
        "botilbud_uten_vurdering": counts.get(PROVIDERS, 0),
        "is_leder": Role.LEDER in scope.roles and scope.can_write,
    })


WORKLIST_PAGE = 100  # lines per page of a worklist (issue 13: "neste side", like the queue)


@login_required
def worklist_page(request: HttpRequest, key: str) -> HttpResponse:
    scope = staff_scope(request)
    assigned = _assigned(request)
    etter = request.GET.get("etter", "")
    try:
        page = worklists.worklist_page(scope=scope, actor=request.user, key=key, today=today(),
                                       purpose=f"arbeidsliste: {key}", assigned=assigned,
                                       etter=etter, limit=WORKLIST_PAGE)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError:  # a stale or altered cursor: start again from the first page
        return redirect(f"{reverse('worklist', args=[key])}?{_without(request, 'etter')}")
    here = reverse("worklist", args=[key])
    neste = ""
    if page.neste:
        query = request.GET.copy()
        query["etter"] = page.neste
        neste = f"{here}?{query.urlencode()}"
    ctx = {"wl": LISTS[key], "items": work_lines(page.items), "total": page.total,
           "assigned": assigned, "mine": assigned == "mine", "neste": neste,
           "forste": f"{here}?{_without(request, 'etter')}" if etter else ""}
    template = "caseworker/cases/_worklist_table.html" if request.headers.get("HX-Request") \
        else "caseworker/cases/worklist.html"
    return render(request, template, ctx)


def _without(request: HttpRequest, key: str) -> str:
    query = request.GET.copy()
    query.pop(key, None)
    return query.urlencode()


@login_required
def notes_search(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    term = request.GET.get("q", "")[:100]
    hits, error = [], ""
    if term.strip():
        try:
            hits = search_notes(scope=scope, actor=request.user, term=term)
        except DomainError as exc:
            error = plain(exc)
    return render(request, "caseworker/cases/notes.html",
                  {"q": term, "hits": hits, "error": error})


@login_required
def office_settings(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    kontor = getattr(request.user, "kontor", None)
    if kontor is None or not can_edit_settings(scope, kontor.pk):
        raise Http404("Fant ikke siden.")
    current = dataclasses.asdict(settings_for(kontor.pk))
    current["apne_dager"] = list(current["apne_dager"])
    form = OfficeSettingsForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            update_office_settings(scope=scope, actor=request.user, kontor_id=kontor.pk,
                                   data=form.settings(), now=now())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Innstillingene er lagret."))
            return redirect("office_settings")
    return render(request, "caseworker/cases/office_settings.html",
                  {"form": form, "kontor": kontor.navn})
