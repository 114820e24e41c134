"""The social services pages (issue 14, items 4-7): the person's services, the individuell
plan with participants, consent and meetings, the participant's view, providers of temporary
housing, stays, exclusion decisions, counselling and barnevern concerns.

Each view parses input, makes one call inward, renders. Writes go through the same operations
as the API (scope, lock, audit); a read-only role is refused by ``readonly`` before a view runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.casefile.find import person_overview
from sosialsak.contexts.services import operations as ops
from sosialsak.contexts.services import queries
from sosialsak.contexts.services.policy import NoConsent, ServiceSettings
from sosialsak.interfaces.caseworker import forms_services as f
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    scope_of,
    show_error,
    today,
)
from sosialsak.kernel.errors import DomainError, NotFound


def _staff(request: HttpRequest) -> Scope:
    scope = scope_of(request)
    if scope.is_citizen or not scope.kontor_ids:
        raise PermissionDenied
    return scope


def _person_url(person_id: int, anchor: str = "") -> str:
    url = reverse("person_services", kwargs={"person_id": person_id})
    return f"{url}#{anchor}" if anchor else url


def _header(request: HttpRequest, person_id: int, purpose: str) -> Any:
    return person_overview(scope=_staff(request), actor=request.user, person_id=person_id,
                           purpose=purpose)


def _form_page(request: HttpRequest, *, form: forms.Form, title: str, button: str,
               back: str, write: Callable[[dict[str, Any]], Any], done: str,
               person: Any = None, intro: str = "") -> HttpResponse:
    """A page holding one form: on a valid POST, ``write`` the cleaned data and go ``back``."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "caseworker/services/form.html", {
        "form": form, "title": title, "button": button, "back": back, "person": person,
        "intro": intro})


@login_required
@not_found_as_404
def person_services(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "sosiale tjenester")
    s = queries.person_services(scope=scope, actor=request.user, person_id=person_id,
                                today=today(), now=now(), purpose="sosiale tjenester")
    return render(request, "caseworker/services/person.html", {
        "p": header, "s": s, "can_write": scope.can_write})


# --- § 28 individuell plan ---------------------------------------------------------------------

@login_required
@not_found_as_404
def plan_ny(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "opprette individuell plan")
    return _form_page(
        request, form=f.PlanForm(request.POST or None), person=header,
        title=_("Ny individuell plan"), button=_("Opprett planen"),
        back=_person_url(person_id, "planer"), done=_("Planen er opprettet."),
        intro=_("Personen har rett til individuell plan når hen trenger langvarige og "
                "koordinerte tjenester (sosialtjenesteloven § 28)."),
        write=lambda d: ops.create_plan(scope=scope, actor=request.user, person_id=person_id,
                                        now=now(), data=ops.PlanInput(**d)))


def _plan_page(request: HttpRequest, plan_id: int, **forms_: Any) -> HttpResponse:
    scope = _staff(request)
    plan = queries.get_plan(scope=scope, actor=request.user, plan_id=plan_id, today=today(),
                            now=now(), purpose="individuell plan")
    deltakere = [(d.id, d.navn) for d in plan.deltakere]
    ctx = {"plan": plan, "can_write": scope.can_write,
           "deltaker_form": forms_.get("deltaker_form") or f.DeltakerForm(),
           "tiltak_form": forms_.get("tiltak_form") or f.TiltakForm(deltakere=deltakere),
           "mote_form": forms_.get("mote_form") or f.MoteForm(deltakere=deltakere),
           "samtykke_form": f.SamtykkeForm()}
    return render(request, "caseworker/services/plan.html", ctx)


@login_required
@not_found_as_404
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, plan_id)


def _plan_write(request: HttpRequest, plan_id: int, form: forms.Form, key: str,
                write: Callable[[dict[str, Any]], Any], done: str, anchor: str
                ) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except NotFound:
            raise
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(reverse("service_plan", kwargs={"plan_id": plan_id}) + "#" + anchor)
    return _plan_page(request, plan_id, **{key: form})


def _deltakere(request: HttpRequest, plan_id: int) -> list[tuple[int, str]]:
    plan = queries.get_plan(scope=_staff(request), actor=request.user, plan_id=plan_id,
                            today=today(), now=now(), purpose="individuell plan")
    return [(d.id, d.navn) for d in plan.deltakere]


@login_required
@require_POST
@not_found_as_404
def plan_deltaker(request: HttpRequest, plan_id: int) -> HttpResponse:
    scope = _staff(request)
    return _plan_write(
        request, plan_id, f.DeltakerForm(request.POST), "deltaker_form",
        lambda d: ops.add_deltaker(scope=scope, actor=request.user, plan_id=plan_id, now=now(),
                                   data=ops.DeltakerInput(
                                       tjeneste=d["tjeneste"], navn=d["navn"],
                                       kontakt=d["kontakt"], samtykke=tuple(d["samtykke"]))),
        _("Deltakeren er lagt til."), "deltakere")


@login_required
@require_POST
@not_found_as_404
def plan_tiltak(request: HttpRequest, plan_id: int) -> HttpResponse:
    scope = _staff(request)
    form = f.TiltakForm(request.POST, deltakere=_deltakere(request, plan_id))
    return _plan_write(
        request, plan_id, form, "tiltak_form",
        lambda d: ops.add_tiltak(scope=scope, actor=request.user, plan_id=plan_id, now=now(),
                                 data=ops.TiltakInput(hva=d["hva"], formal=d["formal"],
                                                      ansvarlig_id=d["ansvarlig"],
                                                      frist=d["frist"])),
        _("Tiltaket er lagt til."), "tiltak")


@login_required
@require_POST
@not_found_as_404
def plan_mote(request: HttpRequest, plan_id: int) -> HttpResponse:
    scope = _staff(request)
    form = f.MoteForm(request.POST, deltakere=_deltakere(request, plan_id))
    return _plan_write(
        request, plan_id, form, "mote_form",
        lambda d: ops.record_mote(scope=scope, actor=request.user, plan_id=plan_id, now=now(),
                                  data=ops.MoteInput(dato=d["dato"], referat=d["referat"],
                                                     formal=d["formal"],
                                                     deltaker_ids=tuple(d["deltakere"]))),
        _("Møtet er registrert."), "moter")


@login_required
@require_POST
@not_found_as_404
def samtykke_gi(request: HttpRequest, plan_id: int, deltaker_id: int) -> HttpResponse:
    scope = _staff(request)
    if deltaker_id not in dict(_deltakere(request, plan_id)):
        raise NotFound("Fant ikke deltakeren.")
    form = f.SamtykkeForm(request.POST)
    if form.is_valid():
        try:
            ops.give_samtykke(scope=scope, actor=request.user, deltaker_id=deltaker_id,
                              formal=form.cleaned_data["formal"], now=now())
            messages.success(request, _("Samtykket er registrert."))
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, plain(exc))
    return redirect(reverse("service_plan", kwargs={"plan_id": plan_id}) + "#deltakere")


@login_required
@require_POST
@not_found_as_404
def samtykke_trekk(request: HttpRequest, plan_id: int, samtykke_id: int) -> HttpResponse:
    try:
        ops.withdraw_samtykke(scope=_staff(request), actor=request.user,
                              samtykke_id=samtykke_id, now=now())
        messages.success(request, _("Samtykket er trukket tilbake. Det gjelder fra nå."))
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return redirect(reverse("service_plan", kwargs={"plan_id": plan_id}) + "#deltakere")


@login_required
@not_found_as_404
def deltaker_visning(request: HttpRequest, deltaker_id: int) -> HttpResponse:
    """The plan as the participant may see it: only what the person consented to share."""
    formal = request.GET.get("formal") or None
    try:
        view = queries.participant_view(scope=_staff(request), actor=request.user,
                                        deltaker_id=deltaker_id, at=now(), formal=formal,
                                        purpose="deltakervisning av individuell plan")
    except NoConsent as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "caseworker/services/deltaker.html", {"v": view})


# --- § 27 temporary housing --------------------------------------------------------------------

def _botilbud_choices(request: HttpRequest) -> list[tuple[int, str]]:
    rows = queries.providers(scope=_staff(request), actor=request.user, today=today())
    return [(b.id, b.navn) for b in rows if b.aktiv]


@login_required
def botilbud(request: HttpRequest) -> HttpResponse:
    scope = _staff(request)
    stale = request.GET.get("utdatert") == "1"
    form = f.BotilbudForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ops.create_botilbud(scope=scope, actor=request.user,
                                data=ops.BotilbudInput(**form.cleaned_data))
        except NotFound as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Botilbudet er registrert."))
            return redirect("service_botilbud")
    rows = queries.providers(scope=scope, actor=request.user, today=today(), stale_only=stale)
    return render(request, "caseworker/services/botilbud.html", {
        "rows": rows, "stale": stale, "form": form, "can_write": scope.can_write})


@login_required
@not_found_as_404
def vurdering_ny(request: HttpRequest, botilbud_id: int) -> HttpResponse:
    scope = _staff(request)
    queries.check_visible(scope=scope, actor=request.user, kind="botilbud", pk=botilbud_id,
                          person_id=None, purpose="registrere kvalitetsvurdering")
    return _form_page(
        request, form=f.VurderingForm(request.POST or None, initial={"dato": today()}),
        title=_("Ny kvalitetsvurdering av botilbud"), button=_("Lagre vurderingen"),
        back=reverse("service_botilbud"), done=_("Vurderingen er lagret."),
        write=lambda d: ops.record_vurdering(scope=scope, actor=request.user,
                                             botilbud_id=botilbud_id, now=now(),
                                             data=ops.VurderingInput(**d)))


@login_required
@not_found_as_404
def opphold_ny(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "registrere opphold i botilbud")
    return _form_page(
        request, person=header, form=f.OppholdForm(
            request.POST or None, botilbud=_botilbud_choices(request),
            vedtak=queries.vedtak_choices(scope, person_id), initial={"fra": today()}),
        title=_("Nytt opphold i midlertidig botilbud"), button=_("Registrer oppholdet"),
        back=_person_url(person_id, "opphold"), done=_("Oppholdet er registrert."),
        write=lambda d: ops.record_opphold(scope=scope, actor=request.user,
                                           person_id=person_id, now=now(),
                                           data=ops.OppholdInput(**d)))


@login_required
@not_found_as_404
def utestengelse_ny(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "vedtak om utestengelse")
    return _form_page(
        request, person=header, form=f.UtestengelseForm(request.POST or None,
                                                        botilbud=_botilbud_choices(request)),
        title=_("Vedtak om utestengelse fra botilbud"), button=_("Fatt vedtaket og lag brevet"),
        back=_person_url(person_id, "opphold"), done=_("Vedtaket er fattet. Brevet er laget."),
        intro=_("Utestengelse er et enkeltvedtak. Personen må få si sin mening før du "
                "bestemmer, og vedtaket må begrunnes. Brevet får klageinformasjon."),
        write=lambda d: ops.exclude_from_botilbud(scope=scope, actor=request.user,
                                                  person_id=person_id, now=now(),
                                                  data=ops.UtestengelseInput(**d)))


# --- § 17 counselling, § 45 concern ------------------------------------------------------------

@login_required
@not_found_as_404
def radgivning_ny(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "registrere økonomisk rådgivning")
    return _form_page(
        request, person=header, form=f.RadgivningForm(request.POST or None,
                                                      initial={"vedtak_dato": today()}),
        title=_("Økonomisk rådgivning eller gjeldsrådgivning"), button=_("Lagre"),
        back=_person_url(person_id, "radgivning"), done=_("Rådgivningen er registrert."),
        write=lambda d: ops.record_radgivning(scope=scope, actor=request.user,
                                              person_id=person_id, now=now(),
                                              data=ops.RadgivningInput(**d)))


@login_required
@not_found_as_404
def henvisning_ny(request: HttpRequest, person_id: int, radgivning_id: int) -> HttpResponse:
    scope = _staff(request)
    queries.check_visible(scope=scope, actor=request.user, kind="radgivning", pk=radgivning_id,
                          person_id=person_id, purpose="registrere henvisning")
    return _form_page(
        request, form=f.HenvisningForm(request.POST or None, initial={"dato": today()}),
        title=_("Ny henvisning"), button=_("Lagre henvisningen"),
        back=_person_url(person_id, "radgivning"), done=_("Henvisningen er lagret."),
        write=lambda d: ops.add_henvisning(scope=scope, actor=request.user,
                                           radgivning_id=radgivning_id, now=now(),
                                           data=ops.HenvisningInput(**d)))


@login_required
@not_found_as_404
def radgivning_avslutt(request: HttpRequest, person_id: int, radgivning_id: int
                       ) -> HttpResponse:
    scope = _staff(request)
    queries.check_visible(scope=scope, actor=request.user, kind="radgivning", pk=radgivning_id,
                          person_id=person_id, purpose="avslutte rådgivning")
    return _form_page(
        request, form=f.AvsluttRadgivningForm(request.POST or None,
                                              initial={"avsluttet": today()}),
        title=_("Avslutt rådgivningen"), button=_("Avslutt"),
        back=_person_url(person_id, "radgivning"), done=_("Rådgivningen er avsluttet."),
        write=lambda d: ops.close_radgivning(scope=scope, actor=request.user,
                                             radgivning_id=radgivning_id, now=now(), **d))


@login_required
@not_found_as_404
def bekymring_ny(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _staff(request)
    header = _header(request, person_id, "registrere bekymringsmelding")
    kartlegging = request.GET.get("kartlegging") or request.POST.get("kartlegging")
    k_id = int(kartlegging) if kartlegging and kartlegging.isdigit() and len(kartlegging) < 12 \
        else None
    initial = {"barn_navn": request.GET.get("barn", "")[:200],
               "sendt_dato": request.GET.get("sendt", "")[:10] or today()}
    return _form_page(
        request, person=header, form=f.BekymringForm(request.POST or None, initial=initial),
        title=_("Bekymringsmelding til barnevernet"), button=_("Lagre"),
        back=_person_url(person_id, "barnevern"), done=_("Meldingen er registrert."),
        intro=_("Du har plikt til å melde fra til barnevernet (sosialtjenesteloven § 45). "
                "Her registrerer du når meldingen ble sendt, så vi kan følge med på svaret."),
        write=lambda d: ops.record_bekymring(scope=scope, actor=request.user,
                                             person_id=person_id, now=now(),
                                             data=ops.BekymringInput(kartlegging_id=k_id, **d)))


@login_required
@not_found_as_404
def bekymring_svar(request: HttpRequest, person_id: int, bekymring_id: int) -> HttpResponse:
    scope = _staff(request)
    queries.check_visible(scope=scope, actor=request.user, kind="bekymring", pk=bekymring_id,
                          person_id=person_id, purpose="registrere svar fra barnevernet")
    return _form_page(
        request, form=f.SvarForm(request.POST or None, initial={"svar_dato": today()}),
        title=_("Svar fra barnevernet"), button=_("Lagre svaret"),
        back=_person_url(person_id, "barnevern"), done=_("Svaret er registrert."),
        write=lambda d: ops.record_svar(scope=scope, actor=request.user,
                                        bekymring_id=bekymring_id, now=now(), **d))


@login_required
@not_found_as_404
def innstillinger(request: HttpRequest) -> HttpResponse:
    """The leder's page for the services' days (barnevern reply)."""
    scope = _staff(request)
    user_kontor = getattr(request.user, "kontor_id", None)
    if Role.LEDER not in scope.roles or not user_kontor:
        raise NotFound("Fant ikke siden.")
    current = ops.service_settings(user_kontor)
    return _form_page(
        request, form=f.TjenesteinnstillingerForm(
            request.POST or None, initial={"barnevern_svar_dager": current.barnevern_svar_dager}),
        title=_("Innstillinger for sosiale tjenester"), button=_("Lagre"),
        back=reverse("worklists"), done=_("Innstillingene er lagret."),
        write=lambda d: ops.set_service_settings(scope=scope, actor=request.user,
                                                 kontor_id=user_kontor, now=now(),
                                                 data=ServiceSettings(**d)))
