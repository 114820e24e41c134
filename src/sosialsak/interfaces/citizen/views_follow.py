"""Follow one's own application (issue 16, item 3): items and their state, the timeline (the
same events as innsyn), decision letters as PDF, period and amount, payments, conditions and
documentation requests with their deadlines. Anything not theirs is a plain 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.digisos.citizen_view import PURPOSE, citizen_case, citizen_letter
from sosialsak.interfaces.caseworker.common import scope_of, today
from sosialsak.interfaces.citizen.common import citizen_only


@citizen_only
def follow(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = scope_of(request)
    detail = case_detail(scope=scope, actor=request.user, soknad_id=soknad_id, today=today(),
                         purpose=PURPOSE)
    more = citizen_case(scope=scope, actor=request.user, soknad_id=soknad_id)
    paid = [u for u in detail.utbetalinger if u.status == "UTBETALT"]
    upcoming = [u for u in detail.utbetalinger if u.status == "PLANLAGT"]
    return render(request, "citizen/follow.html", {
        "c": detail, "more": more, "paid": paid, "upcoming": upcoming, "today": today()})


@citizen_only
def letter(request: HttpRequest, soknad_id: int, dokument_id: int) -> HttpResponse:
    filnavn, pdf = citizen_letter(scope=scope_of(request), actor=request.user,
                                  soknad_id=soknad_id, dokument_id=dokument_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filnavn}"'
    return response
