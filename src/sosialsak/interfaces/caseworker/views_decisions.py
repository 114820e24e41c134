"""The vedtak builder and the pages after a decision (letters, breach → warning → reduction,
appeals). Each view parses input, makes one call inward, renders or redirects."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.decisions import operations as ops
from sosialsak.contexts.decisions.queries import (
    approvals_waiting,
    builder_context,
    dokument_pdf,
    klage_package,
    vedtak_page,
)
from sosialsak.contexts.payments.queries import payment_choices
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    post_date,
    post_int,
    scope_of,
    today,
)
from sosialsak.interfaces.caseworker.forms_decisions import (
    ECONOMY_LABELS,
    VILKAR_ROWS,
    prefill_from_vedtak,
    restore_values,
    utkast_from_post,
)
from sosialsak.kernel import bounds
from sosialsak.kernel.errors import DomainError, NotFound


def _klage_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("klage_id") or request.GET.get("klage") or ""
    return bounds.parse_id(raw)


def _builder(request: HttpRequest, soknad_id: int, **extra: Any) -> HttpResponse:
    ctx = builder_context(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                          today=today(), klage_id=_klage_id(request))
    if request.method == "POST":
        restore = restore_values(request.POST)  # shown again after an error: keep the input
    elif ctx.klage is not None:
        restore = prefill_from_vedtak(ctx.klage.vedtak)  # start from the appealed decision
    else:
        restore = {}
    pay = payment_choices(scope=scope_of(request), soknad_id=soknad_id)
    economy = [(name, label, ctx.okonomi.get(name)) for name, label in ECONOMY_LABELS.items()]
    return render(request, "caseworker/decisions/builder.html",
                  {"b": ctx, "rows": range(VILKAR_ROWS), "restore": restore, "pay": pay,
                   "economy": economy, **extra})


@login_required
@not_found_as_404
def builder(request: HttpRequest, soknad_id: int) -> HttpResponse:
    return _builder(request, soknad_id)


@login_required
@require_POST
@not_found_as_404
def preview(request: HttpRequest, soknad_id: int) -> HttpResponse:
    try:
        p = ops.preview_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               data=utkast_from_post(request.POST), today=today())
        ctx: dict[str, Any] = {"p": p, "okonomi": [(ECONOMY_LABELS[f.name], f)
                                                   for f in p.okonomi]}
    except NotFound:
        raise
    except DomainError as exc:
        ctx = {"error": plain(exc)}
    return render(request, "caseworker/decisions/_preview.html", ctx)


@login_required
@require_POST
@not_found_as_404
def preview_pdf(request: HttpRequest, soknad_id: int) -> HttpResponse:
    try:
        pdf = ops.preview_pdf(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                              data=utkast_from_post(request.POST), today=today())
    except NotFound:
        raise
    except DomainError as exc:
        return _builder(request, soknad_id, error=plain(exc))
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": 'inline; filename="utkast.pdf"'})


@login_required
@require_POST
@not_found_as_404
def make(request: HttpRequest, soknad_id: int) -> HttpResponse:
    propose = request.POST.get("handling") == "forslag"
    klage_id = _klage_id(request)
    try:
        data = utkast_from_post(request.POST)
        if klage_id is not None:
            return _change_after_klage(request, klage_id, data, propose)
        if propose:
            ops.propose_vedtak(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                               data=data, now=now())
            messages.success(request, _("Vedtaket er sendt til godkjenning."))
            return redirect("case", soknad_id=soknad_id)
        vedtak = ops.make_vedtak(scope=scope_of(request), actor=request.user,
                                 soknad_id=soknad_id, data=data, now=now())
    except NotFound:
        raise
    except DomainError as exc:
        return _builder(request, soknad_id, error=plain(exc))
    messages.success(request, _("Vedtaket er fattet, og brevet er laget."))
    return redirect("vedtak_detail", vedtak_id=vedtak.pk)


def _change_after_klage(request: HttpRequest, klage_id: int, data: Any,
                        propose: bool) -> HttpResponse:
    """The office's new decision after an appeal, made or sent for approval."""
    kw = {"scope": scope_of(request), "actor": request.user, "klage_id": klage_id, "data": data,
          "vurdering": request.POST.get("klage_vurdering", ""), "now": now()}
    if propose:
        forslag = ops.propose_change_after_klage(**kw)
        messages.success(request, _("Det nye vedtaket er sendt til godkjenning."))
        return redirect("case", soknad_id=forslag.soknad_id)
    vedtak = ops.change_after_klage(**kw)
    messages.success(request, _("Vedtaket er endret etter klagen, og brevet er laget."))
    return redirect("vedtak_detail", vedtak_id=vedtak.pk)


def _act(request: HttpRequest, back: Callable[[], HttpResponse], call: Callable[[], Any],
         done: str) -> HttpResponse:
    try:
        call()
        messages.success(request, done)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return back()


@login_required
@require_POST
@not_found_as_404
def kvp(request: HttpRequest, soknad_id: int) -> HttpResponse:
    return _act(request, lambda: redirect("vedtak_builder", soknad_id=soknad_id),
                lambda: ops.record_kvp_vurdering(
                    scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                    har_rett=request.POST.get("har_rett") == "ja",
                    begrunnelse=request.POST.get("begrunnelse", ""), now=now()),
                _("Vurderingen av kvalifiseringsprogram er registrert."))


@login_required
@require_POST
@not_found_as_404
def approve(request: HttpRequest, forslag_id: int) -> HttpResponse:
    try:
        v = ops.approve_vedtak(scope=scope_of(request), actor=request.user,
                               forslag_id=forslag_id, now=now())
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
        return redirect("vedtak_godkjenning")
    messages.success(request, _("Vedtaket er godkjent og fattet."))
    return redirect("vedtak_detail", vedtak_id=v.pk)


@login_required
@not_found_as_404
def approvals(request: HttpRequest) -> HttpResponse:
    """The decisions proposed for four-eyes approval at the caller's office."""
    scope = scope_of(request)
    rows = approvals_waiting(scope=scope, actor=request.user)
    return render(request, "caseworker/decisions/godkjenning.html",
                  {"rows": rows, "leder": Role.LEDER in scope.roles})


@login_required
@require_POST
@not_found_as_404
def return_proposal(request: HttpRequest, forslag_id: int) -> HttpResponse:
    return _act(request, lambda: redirect("vedtak_godkjenning"),
                lambda: ops.return_vedtak(scope=scope_of(request), actor=request.user,
                                          forslag_id=forslag_id,
                                          merknad=request.POST.get("merknad", ""), now=now()),
                _("Forslaget er sendt tilbake til saksbehandleren."))


@login_required
@not_found_as_404
def detail(request: HttpRequest, vedtak_id: int) -> HttpResponse:
    page = vedtak_page(scope=scope_of(request), actor=request.user, vedtak_id=vedtak_id)
    return render(request, "caseworker/decisions/vedtak.html", {"v": page})


@login_required
@not_found_as_404
def klage_export(request: HttpRequest, klage_id: int) -> HttpResponse:
    """The structured case export of a forwarded appeal, as the Statsforvalter receives it."""
    package = klage_package(scope=scope_of(request), actor=request.user, klage_id=klage_id)
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2},
                        headers={"Content-Disposition":
                                 f'attachment; filename="klagesak-{klage_id}.json"'})


@login_required
@not_found_as_404
def dokument(request: HttpRequest, dokument_id: int) -> HttpResponse:
    name, pdf = dokument_pdf(scope=scope_of(request), actor=request.user,
                             dokument_id=dokument_id)
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}"'})


# The follow-up steps posted from the decision page. The URL conf accepts only these, so no
# free text in that path segment reaches a view or the audit log (issue 10).
FOLLOW_UP_ACTIONS = ("brudd", "varsel", "svar", "reduksjon", "forsendelse", "klage", "sen",
                     "oversend", "annuller-vilkar", "feilregistrer", "krav-levert",
                     "annuller-krav", "sf")


@login_required
@require_POST
@not_found_as_404
def follow_up(request: HttpRequest, vedtak_id: int, action: str) -> HttpResponse:
    """Breach, warning, reduction, retraction and appeal steps posted from the decision page."""
    s, u, p = scope_of(request), request.user, request.POST
    back = lambda: redirect("vedtak_detail", vedtak_id=vedtak_id)  # noqa: E731
    propose = p.get("handling") == "forslag"  # send to a second caseworker instead
    num = functools.partial(post_int, request)
    day = functools.partial(post_date, request)
    calls: dict[str, tuple[Callable[[], Any], str]] = {
        "brudd": (lambda: ops.record_brudd(scope=s, actor=u, vilkar_id=num("vilkar_id"),
                                           hva=p.get("hva", ""), forklaring=p.get("forklaring", ""),
                                           now=now()), _("Bruddet er registrert.")),
        "varsel": (lambda: ops.send_forhandsvarsel(
            scope=s, actor=u, brudd_id=num("brudd_id"),
            belop_redusert=num("belop_redusert"),
            svarfrist=day("svarfrist") or today(), now=now(),
            periode_fra=day("periode_fra"), periode_til=day("periode_til")),
            _("Forhåndsvarselet er laget.")),
        "svar": (lambda: ops.record_varselsvar(
            scope=s, actor=u, brudd_id=num("brudd_id"), svar=p.get("svar", ""),
            svar_dato=day("svar_dato"), ingen_svar=p.get("ingen_svar") == "ja", now=now()),
            _("Svaret på forhåndsvarselet er registrert.")),
        "forsendelse": (lambda: ops.record_forsendelse(
            scope=s, actor=u, vedtak_id=vedtak_id, forsendelse=p.get("forsendelse", ""),
            sendt=day("sendt") or today(), mottatt=day("mottatt"), now=now()),
            _("Forsendelsen er registrert.")),
        "reduksjon": (lambda: (ops.propose_reduksjon if propose else ops.decide_reduksjon)(
            scope=s, actor=u, brudd_id=num("brudd_id"),
            belop_redusert=num("belop_redusert"),
            individuell_vurdering=p.get("individuell_vurdering", ""),
            nodvendig_belop=max(num("nodvendig_belop"), 0), now=now(),
            periode_fra=day("periode_fra"), periode_til=day("periode_til")),
            _("Vedtaket om redusert stønad er sendt til godkjenning.") if propose
            else _("Vedtaket om redusert stønad er fattet.")),
        "klage": (lambda: ops.register_klage(
            scope=s, actor=u, vedtak_id=vedtak_id, tekst=p.get("tekst", ""),
            mottatt=day("mottatt") or today(), kom_fram=day("kom_fram"),
            sendt=day("sendt"), now=now()), _("Klagen er registrert.")),
        "sen": (lambda: ops.decide_late_klage(
            scope=s, actor=u, klage_id=num("klage_id"),
            behandles=p.get("behandles") == "ja", vurdering=p.get("vurdering", ""), now=now(),
            unnskyldelig=_yes_no(p.get("unnskyldelig")),
            saerlige_grunner=_yes_no(p.get("saerlige_grunner"))),
            _("Vurderingen er registrert.")),
        "oversend": (lambda: ops.forward_klage(
            scope=s, actor=u, klage_id=num("klage_id"),
            vurdering=p.get("vurdering", ""), now=now()),
            _("Klagen er sendt til Statsforvalteren.")),
        "annuller-vilkar": (lambda: ops.annul_vilkar(
            scope=s, actor=u, vilkar_id=num("vilkar_id"), grunn=p.get("grunn", ""),
            now=now()), _("Vilkåret er annullert.")),
        "feilregistrer": (lambda: ops.mark_sak_feilregistrert(
            scope=s, actor=u, sak_id=num("sak_id"), grunn=p.get("grunn", ""),
            now=now()), _("Saken er feilregistrert.")),
        "krav-levert": (lambda: ops.mark_dokumentasjonskrav_levert(
            scope=s, actor=u, krav_id=num("krav_id"), now=now()),
            _("Dokumentasjonen er registrert som levert.")),
        "annuller-krav": (lambda: ops.annul_dokumentasjonskrav(
            scope=s, actor=u, krav_id=num("krav_id"), grunn=p.get("grunn", ""),
            now=now()), _("Dokumentasjonskravet er annullert.")),
        "sf": (lambda: ops.record_statsforvalter_outcome(
            scope=s, actor=u, klage_id=num("klage_id"), utfall=p.get("utfall", ""),
            dato=day("dato") or today(), merknad=p.get("merknad", ""), now=now()),
            _("Statsforvalterens vedtak er registrert.")),
    }
    assert set(calls) == set(FOLLOW_UP_ACTIONS), "FOLLOW_UP_ACTIONS lists every action"
    if action not in calls:
        raise NotFound("Fant ikke handlingen.")
    call, done = calls[action]
    return _act(request, back, call, done)


def _yes_no(value: str | None) -> bool | None:
    """A yes/no radio: None when neither is chosen (the operation names the missing field)."""
    return {"ja": True, "nei": False}.get(value or "")
