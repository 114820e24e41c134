"""The person sends documents: for a request the office made, or on their own (issue 16 item 4).

The file goes through the same operation as the office's upload (``cases.store_document``):
checked by content and size before anything is stored, scanned, a photo made a PDF.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.cases.operations import (
    Upload,
    check_upload,
    max_upload_bytes,
    upload_ettersendelse,
)
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain, scope_of, today
from sosialsak.kernel.errors import DomainError, NotFound

OPEN = ("ETTERSPURT", "IKKE_LEVERT")


def _optional_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


@login_required
@not_found_as_404
def last_opp(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = scope_of(request)
    if not scope.is_citizen:
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        fil = request.FILES.get("fil")
        try:
            if fil is not None:  # refuse a file that is too big before reading it into memory
                check_upload(filnavn=fil.name or "", size=fil.size or 0, head=fil.read(16))
                fil.seek(0)
            upload_ettersendelse(
                scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                upload=Upload(filnavn=(fil.name or "") if fil else "",
                              content=fil.read() if fil else b"",
                              krav_id=_optional_id(request.POST.get("krav", ""))))
            messages.success(request, _("Takk. Dokumentet er sendt til NAV-kontoret."))
            return redirect("citizen:soknad", soknad_id=soknad_id)
        except NotFound:
            raise
        except DomainError as exc:
            error = plain(exc)
    detail = case_detail(scope=scope, actor=request.user, soknad_id=soknad_id, today=today(),
                         purpose="innsyn egen sak")
    krav = [k for k in detail.krav if k.status in OPEN]
    return render(request, "citizen/last_opp.html",
                  {"c": detail, "krav": krav, "error": error,
                   "max_mb": max_upload_bytes() // 1_048_576,
                   "valgt": request.POST.get("krav", request.GET.get("krav", ""))},
                  status=400 if error else 200)
