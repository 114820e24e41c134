"""Kartlegging pages: the overview of every section, and one section (a child's own)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.cases.mapping import section_for_edit
from sosialsak.contexts.cases.operations import save_kartlegging
from sosialsak.contexts.cases.skjema import ORDER
from sosialsak.interfaces.caseworker.common import not_found_as_404, now, show_error, today
from sosialsak.interfaces.caseworker.forms_cases import KartleggingForm
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.errors import DomainError, NotFound

# URL slugs are the section codes in lower case (``okonomi``, ``helse_sosialt``); children have
# their own URL with the child's id.
SLUGS = {code.lower(): code for code in ORDER if code != "BARN"}


@login_required
@not_found_as_404
def kartlegging(request: HttpRequest, soknad_id: int) -> HttpResponse:
    detail = case_detail(scope=staff_scope(request), actor=request.user, soknad_id=soknad_id,
                         today=today(), purpose="kartlegging")
    return render(request, "caseworker/cases/kartlegging.html",
                  {"c": detail, "p": detail.fremdrift})


@login_required
@not_found_as_404
def kartlegging_del(request: HttpRequest, soknad_id: int, del_slug: str) -> HttpResponse:
    if del_slug not in SLUGS:
        raise Http404("Fant ikke denne delen av kartleggingen.")
    return _section(request, soknad_id, SLUGS[del_slug], None)


@login_required
@not_found_as_404
def kartlegging_barn(request: HttpRequest, soknad_id: int, barn_id: int) -> HttpResponse:
    return _section(request, soknad_id, "BARN", barn_id)


def _section(request: HttpRequest, soknad_id: int, del_type: str,
             barn_id: int | None) -> HttpResponse:
    scope = staff_scope(request)
    section = section_for_edit(scope=scope, actor=request.user, soknad_id=soknad_id,
                               del_type=del_type, barn_id=barn_id)
    form = KartleggingForm(section.felter, request.POST or None,
                           initial=KartleggingForm.initial_from(section.svar,
                                                                section.ikke_kartlagt_grunn))
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_kartlegging(
                scope=scope, actor=request.user, soknad_id=soknad_id, del_type=del_type,
                barn_id=barn_id, svar=form.svar(), now=now(),
                ikke_kartlagt_grunn=form.cleaned_data["ikke_kartlagt_grunn"])
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc, aliases={f"svar.{f.key}": f.key for f in section.felter})
        else:
            status = _("fullført") if saved.fullfort else (
                _("lagret med grunn") if saved.ikke_kartlagt_grunn
                else _("lagret, men ikke fullført"))
            messages.success(request, _("%(del)s: %(status)s.")
                             % {"del": section.tittel, "status": status})
            return redirect(reverse("kartlegging", kwargs={"soknad_id": soknad_id}))
    return render(request, "caseworker/cases/kartlegging_del.html",
                  {"s": section, "form": form, "can_write": scope.can_write})
