"""«Klag på vedtaket» (issue 16, item 6): the deadline shown, the appeal registered as a
Digisos klage.json through the decisions' appeal operation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sosialsak.contexts.digisos.citizen_appeal import MAX_TEXT, appeal_info, submit_appeal
from sosialsak.interfaces.caseworker.common import now, scope_of, today
from sosialsak.interfaces.citizen.common import citizen_fnr, citizen_only
from sosialsak.kernel.errors import ValidationFailed


@citizen_only
def appeal(request: HttpRequest, vedtak_id: int) -> HttpResponse:
    scope = scope_of(request)
    info = appeal_info(scope=scope, actor=request.user, vedtak_id=vedtak_id, today=today())
    error, tekst = "", ""
    if request.method == "POST":
        tekst = request.POST.get("tekst", "")[:MAX_TEXT + 1]
        try:
            submit_appeal(scope=scope, actor=request.user, vedtak_id=vedtak_id,
                          fnr=citizen_fnr(request), tekst=tekst, now=now())
        except ValidationFailed as exc:
            error = exc.message
        else:
            messages.success(request, _("Klagen er sendt. Vi ser på vedtaket på nytt."))
            return redirect("citizen:follow", soknad_id=info.vedtak.sak.soknad_id)
    return render(request, "citizen/appeal.html", {
        "info": info, "error": error, "tekst": tekst, "max": MAX_TEXT},
        status=400 if error else 200)
