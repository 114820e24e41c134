"""The citizen's own pages: their applications, status, decisions and payments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue
from sosialsak.contexts.followup.operations import agree_aktivitet
from sosialsak.contexts.followup.queries import own_plans
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, scope_of, today


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    rows = work_queue(scope=scope, actor=request.user, filters=QueueFilter(status=""),
                      today=today(), purpose="innsyn egen sak", include_closed=True)
    # Issue 14: the person's activity plan, read-only here but for «agree» (editing comes
    # with the citizen pages; the operations already take the person's own changes).
    plans = own_plans(scope=scope, actor=request.user, today=today())
    return render(request, "citizen/mine.html", {"rows": rows, "plans": plans})


@login_required
@require_POST
@not_found_as_404
def agree(request: HttpRequest, aktivitet_id: int) -> HttpResponse:
    """The person agrees to an activity in their plan as it stands."""
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    agree_aktivitet(scope=scope, actor=request.user, aktivitet_id=aktivitet_id, now=now())
    messages.success(request, _("Takk. Vi har registrert at du er enig i aktiviteten."))
    return redirect("citizen:mine")


@login_required
@not_found_as_404
def soknad(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    detail = case_detail(scope=scope, actor=request.user, soknad_id=soknad_id, today=today(),
                         purpose="innsyn egen sak")
    return render(request, "citizen/soknad.html", {"c": detail})
