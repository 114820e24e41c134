"""The office's decision settings (four-eyes and long-term recipients), edited by its leder.
A veileder gets 404, as for any page outside their reach. One call inward per request."""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions import operations as ops
from sosialsak.contexts.decisions.policy import DecisionSettings
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    scope_of,
    show_error,
)
from sosialsak.kernel.errors import DomainError, NotFound


class DecisionSettingsForm(forms.Form):
    godkjenning_over_belop = forms.IntegerField(
        label=_("Krev godkjenning fra en annen saksbehandler når beløpet er over (kr)"),
        required=False, min_value=0,
        widget=forms.NumberInput(attrs={"aria-describedby": "id_godkjenning_over_belop_hjelp"}),
        help_text=_("Beløpet er det vedtaket gir til sammen for hele perioden, enten det "
                    "betales på én gang eller hver måned. La feltet stå tomt om beløpet ikke "
                    "skal utløse godkjenning."))
    godkjenning_ved_avslag = forms.BooleanField(
        label=_("Krev godkjenning fra en annen saksbehandler ved avslag og avvisning"),
        required=False)
    langtid_maneder = forms.IntegerField(
        label=_("Langtidsmottaker: antall måneder med stønad til livsopphold"),
        min_value=1, max_value=36)
    langtid_av_maneder = forms.IntegerField(
        label=_("… av de siste (måneder)"), min_value=1, max_value=36)

    def settings(self) -> DecisionSettings:
        return DecisionSettings(**self.cleaned_data)


@login_required
@not_found_as_404
def decision_settings_page(request: HttpRequest) -> HttpResponse:
    scope, kontor_id = scope_of(request), getattr(request.user, "kontor_id", None)
    if kontor_id is None:
        raise NotFound("Fant ikke siden.")
    if request.method != "POST":
        current = ops.decision_settings_for_leder(scope=scope, actor=request.user,
                                                  kontor_id=kontor_id)
        form = DecisionSettingsForm(initial=dataclasses.asdict(current))
    else:
        form = DecisionSettingsForm(request.POST)
        if not form.is_valid():  # still only for the leder: NotFound for anyone else
            ops.decision_settings_for_leder(scope=scope, actor=request.user, kontor_id=kontor_id)
        else:
            try:
                ops.set_decision_settings(scope=scope, actor=request.user, kontor_id=kontor_id,
                                          data=form.settings(), now=now())
            except NotFound:
                raise
            except DomainError as exc:
                show_error(form, exc)
            else:
                messages.success(request, gettext("Vedtaksinnstillingene er lagret."))
                return redirect("decision_settings")
    return render(request, "caseworker/decisions/innstillinger.html",
                  {"form": form, "kontor": getattr(request.user, "kontor", "")})
