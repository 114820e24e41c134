"""The office's payments page: what falls due on a day, and the files for accounting and bank.

Each view parses input, makes one call inward and renders or returns the file.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.payments.export import export_due_payments
from sosialsak.contexts.payments.holds import hold_utbetaling
from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger
from sosialsak.contexts.payments.operations import set_utbetaling_status
from sosialsak.contexts.payments.profile import (
    SamtykkeInput,
    record_samtykke,
    set_betalingsprofil,
    withdraw_samtykke,
)
from sosialsak.contexts.payments.queries import due_payments, payment_overview, payment_settings
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    post_date,
    post_int,
    scope_of,
    today,
)
from sosialsak.kernel import bounds
from sosialsak.kernel.errors import DomainError, Forbidden, NotFound


def _office(request: HttpRequest) -> int:
    kontor_id = getattr(request.user, "kontor_id", None)
    if kontor_id is None or not scope_of(request).can_write:
        raise PermissionDenied
    return int(kontor_id)


def _day(raw: str | None) -> date:
    """The payment day asked for; today when absent, malformed or outside the case range."""
    try:
        return bounds.parse_case_date(raw, field="dato") if raw else today()
    except DomainError:
        return today()


@login_required
@not_found_as_404
def due(request: HttpRequest) -> HttpResponse:
    kontor_id = _office(request)
    day = _day(request.GET.get("dato"))
    data = due_payments(scope=scope_of(request), actor=request.user, kontor_id=kontor_id,
                        forfallsdato=day, purpose="utbetalinger til forfall")
    scope = scope_of(request)
    # The download form only for those the export accepts (the permission and write access).
    return render(request, "caseworker/payments/due.html",
                  {"d": data, "leder": Role.LEDER in scope.roles,
                   "kan_eksportere": scope.can_export_payments})


@login_required
@require_POST
@not_found_as_404
def export(request: HttpRequest) -> HttpResponse:
    kontor_id = _office(request)
    day = _day(request.POST.get("dato"))
    oppdrag = request.POST.get("oppdrag", "")
    try:
        result = export_due_payments(
            scope=scope_of(request), actor=request.user, kontor_id=kontor_id, forfallsdato=day,
            format=request.POST.get("format", ""), now=now(),
            lopenummer=bounds.parse_id(oppdrag))
    except NotFound:
        raise
    except Forbidden as exc:  # issue 12: export is its own permission
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, plain(exc))
        return redirect(f"{reverse('payments_due')}?dato={day.isoformat()}")
    response = HttpResponse(result.innhold, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filnavn}"'
    response["X-Checksum-SHA256"] = result.sha256
    return response


@login_required
@not_found_as_404
def case_payments(request: HttpRequest, soknad_id: int) -> HttpResponse:
    """One application's payments, the person's account and payment wish, and consents."""
    if request.method == "POST":
        return _case_payments_action(request, soknad_id)
    page = payment_overview(scope=scope_of(request), actor=request.user, soknad_id=soknad_id)
    return render(request, "caseworker/payments/case.html", {"p": page})


def _case_payments_action(request: HttpRequest, soknad_id: int) -> HttpResponse:
    s, u, p = scope_of(request), request.user, request.POST
    action = p.get("handling", "")
    try:
        if action == "profil":
            set_betalingsprofil(scope=s, actor=u, soknad_id=soknad_id,
                                kontonummer=p.get("kontonummer", ""),
                                samlet_manedlig_utbetaling=p.get("samlet") == "ja", now=now())
            done = _("Kontonummer og ønske om utbetaling er lagret.")
        elif action == "samtykke":
            record_samtykke(scope=s, actor=u, soknad_id=soknad_id, now=now(), data=SamtykkeInput(
                gitt_dato=post_date(request, "gitt_dato") or today(),
                gjelder=p.get("gjelder", ""), mottaker_navn=p.get("mottaker_navn", ""),
                mottaker_organisasjonsnummer=p.get("mottaker_organisasjonsnummer", ""),
                gyldig_til=post_date(request, "gyldig_til")))
            done = _("Samtykket er registrert.")
        elif action == "trekk":
            stopped = withdraw_samtykke(
                scope=s, actor=u, samtykke_id=post_int(request, "samtykke_id"),
                trukket_dato=post_date(request, "trukket_dato") or today(), now=now())
            done = ngettext("Samtykket er trukket tilbake. %(n)s utbetaling er stoppet.",
                            "Samtykket er trukket tilbake. %(n)s utbetalinger er stoppet.",
                            len(stopped)) % {"n": len(stopped)}
        elif action == "hold":
            hold_utbetaling(scope=s, actor=u, utbetaling_id=post_int(request, "utbetaling_id"),
                            vilkar_id=post_int(request, "vilkar_id"), now=now())
            done = _("Utbetalingen holdes tilbake til vilkåret er oppfylt.")
        elif action == "status":
            set_utbetaling_status(scope=s, actor=u, status=p.get("status", ""), now=now(),
                                  utbetaling_id=post_int(request, "utbetaling_id"))
            done = _("Utbetalingen er endret.")
        else:
            raise NotFound("Fant ikke handlingen.")
        messages.success(request, done)
    except NotFound:
        raise
    except DomainError as exc:
        # Shown again with what was typed, the error at the top (not redirected: keep input).
        page = payment_overview(scope=s, actor=u, soknad_id=soknad_id)
        return render(request, "caseworker/payments/case.html",
                      {"p": page, "post": p, "error": plain(exc), "handling": action},
                      status=400)
    return redirect("case_payments", soknad_id=soknad_id)


@login_required
@not_found_as_404
def settings(request: HttpRequest) -> HttpResponse:
    """The office's payment day and the municipal account the bank file pays from (leder)."""
    scope = scope_of(request)
    kontor_id = getattr(request.user, "kontor_id", None) or -1
    if request.method == "POST":
        p = request.POST
        try:
            set_utbetalingsinnstillinger(
                scope=scope, actor=request.user, kontor_id=kontor_id,
                utbetalingsdag=post_int(request, "utbetalingsdag", missing=0),
                debitor_navn=p.get("debitor_navn", ""),
                debitor_kontonummer=p.get("debitor_kontonummer", ""),
                debitor_organisasjonsnummer=p.get("debitor_organisasjonsnummer", ""),
                debitor_bic=p.get("debitor_bic", ""))
            messages.success(request, _("Utbetalingsinnstillingene er lagret."))
            return redirect("payment_settings")
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, plain(exc))
    page = payment_settings(scope=scope, actor=request.user, kontor_id=kontor_id)
    return render(request, "caseworker/payments/settings.html", {"s": page, "post": request.POST})
