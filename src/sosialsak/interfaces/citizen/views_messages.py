"""The person's message threads with the office, one per application (issue 16 item 5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sosialsak.contexts.cases.operations import Upload, check_upload
from sosialsak.contexts.messaging.models import MAX_TEKST
from sosialsak.contexts.messaging.operations import send_from_person
from sosialsak.contexts.messaging.queries import own_threads, read_thread
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain, scope_of
from sosialsak.kernel.errors import DomainError, NotFound


@login_required
def meldinger(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    return render(request, "citizen/meldinger.html",
                  {"rows": own_threads(scope=scope, actor=request.user)})


@login_required
@not_found_as_404
def trad(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
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
            send_from_person(scope=scope, actor=request.user, soknad_id=soknad_id,
                             tekst=tekst, now=now(), upload=upload)
            messages.success(request, _("Meldingen er sendt."))
            return redirect("citizen:trad", soknad_id=soknad_id)
        except NotFound:
            raise
        except DomainError as exc:
            error = plain(exc)
    thread = read_thread(scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                         purpose="innsyn egne meldinger")
    return render(request, "citizen/trad.html",
                  {"t": thread, "error": error, "tekst": tekst, "max_tekst": MAX_TEKST},
                  status=400 if error else 200)
