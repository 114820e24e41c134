"""The office's side of the message threads: the inbox and a case's thread (issue 16 item 5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sosialsak.contexts.cases.operations import Upload, check_upload
from sosialsak.contexts.messaging.models import MAX_TEKST
from sosialsak.contexts.messaging.operations import send_from_office
from sosialsak.contexts.messaging.queries import inbox, read_thread
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain, today
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.errors import DomainError, NotFound


@login_required
@not_found_as_404
def innboks(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    venter = request.GET.get("venter", "") == "1"
    rows = inbox(scope=scope, actor=request.user, today=today(), only_waiting=venter)
    return render(request, "caseworker/innboks.html", {"rows": rows, "venter": venter})


@login_required
@not_found_as_404
def meldinger(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    error, tekst = "", ""
    if request.method == "POST":
        tekst = request.POST.get("tekst", "")[: MAX_TEKST + 1]
        fil = request.FILES.get("fil")
        try:
            upload = None
            if fil is not None:  # refuse a file that is too big before reading it into memory
                check_upload(filnavn=fil.name or "", size=fil.size or 0, head=fil.read(16))
                fil.seek(0)
                upload = Upload(filnavn=fil.name or "", content=fil.read())
            send_from_office(scope=scope, actor=request.user, soknad_id=soknad_id, tekst=tekst,
                             now=now(), upload=upload)
            messages.success(request, _("Meldingen er sendt."))
            return redirect("meldinger", soknad_id=soknad_id)
        except NotFound:
            raise
        except DomainError as exc:
            error = plain(exc)
    thread = read_thread(scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                         purpose="lese meldinger i saken")
    return render(request, "caseworker/meldinger.html",
                  {"t": thread, "error": error, "tekst": tekst, "max_tekst": MAX_TEKST,
                   "can_write": scope.can_write}, status=400 if error else 200)
