"""The office's payments page: what falls due on a day, and the files for accounting and bank.

Each view parses input, makes one call inward and renders or returns the file.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sosialsak.contexts.payments.export import export_due_payments
from sosialsak.contexts.payments.queries import due_payments
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, scope_of, today
from sosialsak.kernel.errors import DomainError, NotFound


def _office(request: HttpRequest) -> int:
    kontor_id = getattr(request.user, "kontor_id", None)
    if kontor_id is None or not scope_of(request).can_write:
        raise PermissionDenied
    return int(kontor_id)


def _day(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw) if raw else today()
    except ValueError:
        return today()


@login_required
@not_found_as_404
def due(request: HttpRequest) -> HttpResponse:
    kontor_id = _office(request)
    day = _day(request.GET.get("dato"))
    data = due_payments(scope=scope_of(request), actor=request.user, kontor_id=kontor_id,
                        forfallsdato=day, purpose="utbetalinger til forfall")
    return render(request, "caseworker/payments/due.html", {"d": data})


@login_required
@require_POST
@not_found_as_404
def export(request: HttpRequest) -> HttpResponse:
    kontor_id = _office(request)
    day = _day(request.POST.get("dato"))
    oppdrag = request.POST.get("oppdrag", "")
    try:
        result = export_due_payments(
            scope=scope_of(request), actor=request.user, kontor_id=kontor_id, forfallsdato=day,
            format=request.POST.get("format", ""), now=now(),
            lopenummer=int(oppdrag) if oppdrag.isdigit() else None)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('payments_due')}?dato={day.isoformat()}")
    response = HttpResponse(result.innhold, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filnavn}"'
    response["X-Checksum-SHA256"] = result.sha256
    return response
