"""The citizen's own pages: their applications, status, decisions and payments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue
from sosialsak.interfaces.caseworker.common import not_found_as_404, scope_of, today


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    rows = work_queue(scope=scope, actor=request.user, filters=QueueFilter(status=""),
                      today=today(), purpose="innsyn egen sak", include_closed=True)
    return render(request, "citizen/mine.html", {"rows": rows})


@login_required
@not_found_as_404
def soknad(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    detail = case_detail(scope=scope, actor=request.user, soknad_id=soknad_id, today=today(),
                         purpose="innsyn egen sak")
    return render(request, "citizen/soknad.html", {"c": detail})
