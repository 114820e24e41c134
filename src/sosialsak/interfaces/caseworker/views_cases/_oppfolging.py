"""Conversations and meetings, § 17 guidance, and follow-up tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.cases.operations import (
    SamtaleInput,
    VeiledningInput,
    complete_oppgave,
    create_oppgave,
    record_samtale,
    record_veiledning,
)
from sosialsak.contexts.cases.reads import case_header
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, plain, show_error, today
from sosialsak.interfaces.caseworker.forms_cases import OppgaveForm, SamtaleForm, VeiledningForm
from sosialsak.interfaces.caseworker.views_cases._common import (
    back_to_case,
    staff_scope,
)
from sosialsak.kernel.errors import DomainError, NotFound


@login_required
@not_found_as_404
def samtale_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    form = SamtaleForm(request.POST or None,
                       initial={"tidspunkt": now().astimezone().strftime("%Y-%m-%dT%H:%M")})
    if request.method == "POST" and form.is_valid():
        try:
            record_samtale(scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                           data=SamtaleInput(**form.cleaned_data))
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Samtalen er registrert."))
            return back_to_case(soknad_id, "samtaler")
    header = case_header(scope=scope, actor=request.user, soknad_id=soknad_id,
                         purpose="registrere samtale")
    return render(request, "caseworker/cases/samtale_ny.html", {"h": header, "form": form})


@login_required
@not_found_as_404
def veiledning_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope = staff_scope(request)
    form = VeiledningForm(request.POST or None, initial={"dato": today()})
    if request.method == "POST" and form.is_valid():
        try:
            record_veiledning(scope=scope, actor=request.user, soknad_id=soknad_id, now=now(),
                              data=VeiledningInput(**form.cleaned_data))
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Veiledningen er registrert."))
            return back_to_case(soknad_id, "veiledning")
    header = case_header(scope=scope, actor=request.user, soknad_id=soknad_id,
                         purpose="registrere veiledning")
    return render(request, "caseworker/cases/veiledning_ny.html", {"h": header, "form": form})


@login_required
@require_POST
@not_found_as_404
def oppgave_ny(request: HttpRequest, soknad_id: int) -> HttpResponse:
    form = OppgaveForm(request.POST)
    if form.is_valid():
        try:
            create_oppgave(scope=staff_scope(request), actor=request.user, soknad_id=soknad_id,
                           now=now(), **form.cleaned_data)
            messages.success(request, _("Oppgaven er opprettet."))
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, plain(exc))
    else:
        messages.error(request, _("Skriv hva som skal gjøres, og sett en frist."))
    return back_to_case(soknad_id, "oppgaver")


@login_required
@require_POST
@not_found_as_404
def oppgave_utfort(request: HttpRequest, soknad_id: int, oppgave_id: int) -> HttpResponse:
    try:
        complete_oppgave(scope=staff_scope(request), actor=request.user, oppgave_id=oppgave_id,
                         now=now())
        messages.success(request, _("Oppgaven er markert som utført."))
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back_to_case(soknad_id, "oppgaver")
