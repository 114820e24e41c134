"""Documentation requests, reminders, closing passed deadlines, the preliminary reply, letters."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sosialsak.contexts.cases.operations import (
    mark_dokumentasjon_not_delivered,
    mark_dokumentasjon_received,
    request_dokumentasjon,
    send_dokumentasjon_reminders,
    send_forelopig_svar,
)
from sosialsak.contexts.cases.reads import case_header, letter_pdf
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain, show_error, today
from sosialsak.interfaces.caseworker.forms_cases import (
    DokumentasjonForm,
    ForelopigSvarForm,
    MottattForm,
)
from sosialsak.interfaces.caseworker.views_cases._common import (
    back_to_case,
    staff_scope,
)
from sosialsak.kernel.errors import DomainError, NotFound


@login_required
@not_found_as_404
def dokumentasjon_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    form = DokumentasjonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            krav = request_dokumentasjon(
                scope=scope, actor=request.user, soknad_id=soknad_id, titler=form.titler(),
                dager=d["dager"], frist=d["frist"], beskrivelse=d["beskrivelse"], now=now())
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc, aliases={"titler": "dokumenter"})
        else:
            messages.success(request, ngettext(
                "Brevet er laget. %(n)d dokument er etterspurt med frist %(frist)s.",
                "Brevet er laget. %(n)d dokumenter er etterspurt med frist %(frist)s.",
                len(krav)) % {"n": len(krav), "frist": f"{krav[0].frist:%d.%m.%Y}"})
            return back_to_case(soknad_id, "dokumentasjon")
    header = case_header(scope=scope, actor=request.user, soknad_id=soknad_id,
                         purpose="be om dokumentasjon")
    return render(request, "caseworker/cases/dokumentasjon_ny.html", {"h": header, "form": form})


@login_required
@require_POST
@not_found_as_404
def dokumentasjon_mottatt(request: HttpRequest, soknad_id: int, krav_id: int) -> HttpResponse:
    form = MottattForm(request.POST)
    if form.is_valid():
        try:
            mark_dokumentasjon_received(scope=staff_scope(request), actor=request.user,
                                        krav_id=krav_id, now=now(),
                                        levert_via=form.cleaned_data["levert_via"])
            messages.success(request, _("Dokumentet er registrert som mottatt."))
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, plain(exc))
    return back_to_case(soknad_id, "dokumentasjon")


@login_required
@require_POST
@not_found_as_404
def dokumentasjon_paminnelse(request: HttpRequest, soknad_id: int) -> HttpResponse:
    try:
        send_dokumentasjon_reminders(scope=staff_scope(request), actor=request.user,
                                     soknad_id=soknad_id, now=now())
        messages.success(request, _("Påminnelsen er laget."))
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back_to_case(soknad_id, "dokumentasjon")


@login_required
@require_POST
@not_found_as_404
def dokumentasjon_frist_ute(request: HttpRequest, soknad_id: int) -> HttpResponse:
    try:
        closed = mark_dokumentasjon_not_delivered(scope=staff_scope(request), actor=request.user,
                                                  soknad_id=soknad_id, now=now())
        messages.success(request, ngettext(
            "%(n)d dokument er registrert som ikke levert. "
            "Avgjør søknaden på de opplysningene som finnes.",
            "%(n)d dokumenter er registrert som ikke levert. "
            "Avgjør søknaden på de opplysningene som finnes.",
            len(closed)) % {"n": len(closed)})
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back_to_case(soknad_id, "dokumentasjon")


@login_required
@not_found_as_404
def forelopig_svar(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    form = ForelopigSvarForm(request.POST or None,
                             initial={"forventet_dato": today() + timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        try:
            send_forelopig_svar(scope=scope, actor=request.user, soknad_id=soknad_id,
                                grunn=form.cleaned_data["grunn"], now=now(),
                                forventet_dato=form.cleaned_data["forventet_dato"])
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Foreløpig svar er laget og publisert."))
            return back_to_case(soknad_id, "brev")
    header = case_header(scope=scope, actor=request.user, soknad_id=soknad_id,
                         purpose="foreløpig svar")
    return render(request, "caseworker/cases/forelopig_svar.html", {"h": header, "form": form})


@login_required
@not_found_as_404
def brev_pdf(request: HttpRequest, soknad_id: int, brev_id: int) -> HttpResponse:
    letter = letter_pdf(scope=staff_scope(request), actor=request.user, soknad_id=soknad_id,
                        brev_id=brev_id)
    response = HttpResponse(letter.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.filnavn}"'
    return response
