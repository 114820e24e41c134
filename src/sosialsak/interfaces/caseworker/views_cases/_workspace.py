"""The case workspace's writes: a journal note, a document uploaded by the office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.cases.models import MAX_NOTAT, NotatType
from sosialsak.contexts.cases.operations import Upload, check_upload, upload_document, write_note
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain
from sosialsak.interfaces.caseworker.views_cases._common import back_to_case, staff_scope
from sosialsak.kernel.errors import DomainError, NotFound


def _optional_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


@login_required
@require_POST
@not_found_as_404
def notat_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    tekst = request.POST.get("tekst", "")[: MAX_NOTAT + 1]
    type_ = request.POST.get("type", NotatType.NOTAT)[:10]
    try:
        write_note(scope=staff_scope(request), actor=request.user, soknad_id=soknad_id,
                   type=type_, tekst=tekst, now=now(),
                   korrigerer_id=_optional_id(request.POST.get("korrigerer", "")))
        messages.success(request, _("Notatet er lagret."))
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back_to_case(soknad_id, "notater")


@login_required
@require_POST
@not_found_as_404
def dokument_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    fil = request.FILES.get("fil")
    try:
        if fil is not None:  # refuse a file that is too big before reading it into memory
            check_upload(filnavn=fil.name or "", size=fil.size or 0, head=fil.read(16))
            fil.seek(0)
        # No file: the operation still checks the scope first (404), then says the file is empty.
        upload_document(scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                        upload=Upload(filnavn=(fil.name or "") if fil else "",
                                      content=fil.read() if fil else b"",
                                      dokumenttype=request.POST.get("dokumenttype", "")[:100],
                                      krav_id=_optional_id(request.POST.get("krav", ""))))
        messages.success(request, _("Dokumentet er lastet opp."))
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back_to_case(soknad_id, "dokumenter")
