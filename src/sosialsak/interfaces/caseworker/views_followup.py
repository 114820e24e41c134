"""The activity plan page (issue 14): the person's plan at the office, reached from one of
their applications; add and change activities, record the agreement, link conditions.

Each view parses input, makes one call inward and renders or redirects.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sosialsak.contexts.followup.operations import (
    add_aktivitet,
    agree_aktivitet,
    change_aktivitet,
    link_vilkar,
    mark_vilkar_oppfylt,
    set_aktivitet_status,
    set_vilkar_oppfolging,
    unlink_vilkar,
)
from sosialsak.contexts.followup.policy import AktivitetInput, InvalidAktivitet
from sosialsak.contexts.followup.queries import plan_page
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    post_date,
    post_int,
    scope_of,
    today,
)
from sosialsak.kernel.errors import DomainError, NotFound


def _hours(raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 3:
        raise InvalidAktivitet("timer_per_uke: skriv et helt tall.", field="timer_per_uke")
    return int(raw)


def _input(request: HttpRequest) -> AktivitetInput:
    p: QueryDict = request.POST
    fra = post_date(request, "fra")
    if fra is None:
        raise InvalidAktivitet("fra: velg når aktiviteten starter.", field="fra")
    return AktivitetInput(mal=p.get("mal", ""), hva=p.get("hva", ""), hvem=p.get("hvem", ""),
                          fra=fra, til=post_date(request, "til"),
                          timer_per_uke=_hours(p.get("timer_per_uke", "")))


def _act(request: HttpRequest, soknad_id: int, action: str) -> str:
    s, u, p, t = scope_of(request), request.user, request.POST, now()
    if action == "ny":
        add_aktivitet(scope=s, actor=u, soknad_id=soknad_id, data=_input(request), now=t)
        return _("Aktiviteten er lagt til.")
    if action == "endre":
        change_aktivitet(scope=s, actor=u, aktivitet_id=post_int(request, "aktivitet_id"),
                         data=_input(request), now=t)
        return _("Aktiviteten er endret.")
    if action == "status":
        set_aktivitet_status(scope=s, actor=u, aktivitet_id=post_int(request, "aktivitet_id"),
                             status=p.get("status", ""), now=t)
        return _("Statusen er endret.")
    if action == "avtal":
        agree_aktivitet(scope=s, actor=u, aktivitet_id=post_int(request, "aktivitet_id"),
                        merknad=p.get("merknad", ""), now=t)
        return _("Det er registrert at aktiviteten er avtalt med personen.")
    if action == "koble":
        aktivitet_id = post_int(request, "aktivitet_id", missing=0)
        if aktivitet_id:
            link_vilkar(scope=s, actor=u, vilkar_id=post_int(request, "vilkar_id"),
                        aktivitet_id=aktivitet_id, now=t)
        else:
            unlink_vilkar(scope=s, actor=u, vilkar_id=post_int(request, "vilkar_id"), now=t)
        return _("Koblingen mellom vilkår og aktivitet er lagret.")
    if action == "oppfolging":
        set_vilkar_oppfolging(scope=s, actor=u, vilkar_id=post_int(request, "vilkar_id"),
                              oppfolgingsdato=post_date(request, "oppfolgingsdato"), now=t)
        return _("Oppfølgingsdatoen er lagret.")
    if action == "oppfylt":
        _v, released = mark_vilkar_oppfylt(scope=s, actor=u,
                                           vilkar_id=post_int(request, "vilkar_id"), now=t)
        if not released:
            return _("Vilkåret er merket som oppfylt.")
        return ngettext("Vilkåret er merket som oppfylt. %(n)s utbetaling er frigitt.",
                        "Vilkåret er merket som oppfylt. %(n)s utbetalinger er frigitt.",
                        len(released)) % {"n": len(released)}
    raise NotFound("Fant ikke handlingen.")


@login_required
@not_found_as_404
def aktivitetsplan(request: HttpRequest, soknad_id: int) -> HttpResponse:
    """The person's activity plan at the application's office, and the conditions it meets."""
    ctx: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("handling", "")
        try:
            messages.success(request, _act(request, soknad_id, action))
            return redirect("aktivitetsplan", soknad_id=soknad_id)
        except NotFound:
            raise
        except DomainError as exc:
            # Shown again with what was typed and the error at the top.
            ctx = {"error": plain(exc), "post": request.POST, "handling": action,
                   "error_field": exc.extra.get("field", "")}
            status = 400
    page = plan_page(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                     today=today())
    ctx["p"] = page
    return render(request, "caseworker/followup/plan.html", ctx, status=status)

