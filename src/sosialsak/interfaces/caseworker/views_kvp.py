"""Caseworker pages for the tiltak catalogue, referrals and the qualification programme
(issue 14). Each POST makes one call inward and redirects back (the outcome as a message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sosialsak.contexts.followup.models import OPEN_STATUSES
from sosialsak.contexts.followup.queries import aktivitet_rows
from sosialsak.contexts.intake.models import Kanal
from sosialsak.contexts.kvp import operations as kvp
from sosialsak.contexts.kvp.models import AndreYtelser, FravaerType, ScreeningGrunn
from sosialsak.contexts.kvp.queries import get_deltakelse, kvp_of_case
from sosialsak.contexts.tiltak import operations as tiltak_ops
from sosialsak.contexts.tiltak import queries as tiltak_q
from sosialsak.contexts.tiltak.models import Tilbyder, Utfall
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    post_date,
    post_int,
    scope_of,
    today,
)
from sosialsak.interfaces.caseworker.views_cases._common import staff_scope
from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.errors import DomainError
from sosialsak.rules.kostra_kvp import kodeverk_11cf


def _hours(raw: str, field: str = "timer_per_uke") -> Decimal:
    try:
        value = Decimal(raw.replace(",", ".").strip())
    except InvalidOperation:
        raise kvp.UnableToChangeKvp(f"{field}: skriv timer som et tall, for eksempel 7,5.",
                                    field=field) from None
    if not value.is_finite() or abs(value) > 1000:
        raise kvp.UnableToChangeKvp(f"{field}: skriv timer som et tall.", field=field)
    return value.quantize(Decimal("0.1"))


def _run(request: HttpRequest, action: Callable[[], str], back: str) -> HttpResponse:
    """Run one write; show its result or its refusal, and go back to the page."""
    try:
        messages.success(request, action())
    except DomainError as exc:
        if exc.code == "not_found":
            raise
        messages.error(request, plain(exc))
    return redirect(back)


def _kontor(request: HttpRequest) -> int:
    return int(getattr(request.user, "kontor_id", 0) or 0)


# --- tiltak -----------------------------------------------------------------------------------

def _tiltak_input(request: HttpRequest) -> tiltak_ops.TiltakInput:
    p = request.POST
    kapasitet = p.get("kapasitet", "").strip()
    return tiltak_ops.TiltakInput(
        navn=p.get("navn", ""), tilbyder=p.get("tilbyder", ""), malgruppe=p.get("malgruppe", ""),
        timer_per_uke=_hours(p.get("timer_per_uke", "")), tilbyder_navn=p.get("tilbyder_navn", ""),
        beskrivelse=p.get("beskrivelse", ""),
        kapasitet=post_int(request, "kapasitet", missing=-1) if kapasitet else None,
        timeplan=p.get("timeplan", ""), sted=p.get("sted", ""), kontakt=p.get("kontakt", ""))


@login_required
@not_found_as_404
def tiltak_list(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    if request.method == "POST":
        def create() -> str:
            row = tiltak_ops.create_tiltak(scope=scope, actor=request.user,
                                           kontor_id=_kontor(request),
                                           data=_tiltak_input(request), now=now())
            return _("Tiltaket «%(navn)s» er lagt til.") % {"navn": row.navn}
        return _run(request, create, reverse("tiltak_list"))
    return render(request, "caseworker/kvp/tiltak_list.html", {
        "rows": tiltak_q.catalogue(scope=scope), "tilbydere": Tilbyder.choices,
        "can_write": scope.can_write and bool(_kontor(request))})


@login_required
@not_found_as_404
def tiltak_detail(request: HttpRequest, tiltak_id: int) -> HttpResponse:
    scope, user, p = staff_scope(request), request.user, request.POST
    back = reverse("tiltak_detail", args=[tiltak_id])
    if request.method == "POST":
        handling = p.get("handling", "")
        h_id = post_int(request, "henvisning_id")

        def act() -> str:
            if handling == "avslutt":
                tiltak_ops.end_tiltak(scope=scope, actor=user, tiltak_id=tiltak_id,
                                      dato=post_date(request, "dato") or today(), now=now())
                return _("Tiltaket er avsluttet.")
            if handling == "plass":
                tiltak_ops.give_place(scope=scope, actor=user, henvisning_id=h_id, now=now())
                return _("Personen har fått plass.")
            if handling == "start":
                tiltak_ops.start(scope=scope, actor=user, henvisning_id=h_id,
                                 dato=post_date(request, "dato") or today(), now=now())
                return _("Oppstart er registrert.")
            if handling == "stopp":
                tiltak_ops.stop(scope=scope, actor=user, henvisning_id=h_id,
                                dato=post_date(request, "dato") or today(),
                                grunn=p.get("grunn", ""), utfall=p.get("utfall", ""),
                                situasjon_etter=p.get("situasjon_etter", ""), now=now())
                return _("Henvisningen er avsluttet med utfall.")
            raise kvp.UnableToChangeKvp(_("Ukjent handling."), field="handling")
        return _run(request, act, back)
    return render(request, "caseworker/kvp/tiltak_detail.html", {
        "t": tiltak_q.get_tiltak(scope=scope, tiltak_id=tiltak_id),
        "rows": tiltak_q.referrals_of_tiltak(scope=scope, actor=user, tiltak_id=tiltak_id),
        "utfall": Utfall.choices, "koder": kodeverk_11cf().situasjon_choices(),
        "can_write": scope.can_write})


# --- the case's KVP and referrals -------------------------------------------------------------

@login_required
@not_found_as_404
def case_kvp(request: HttpRequest, soknad_id: int) -> HttpResponse:
    scope, user, p = staff_scope(request), request.user, request.POST
    if request.method == "POST":
        handling = p.get("handling", "")
        if handling == "aktuell":
            try:
                d = kvp.screen(scope=scope, actor=user, soknad_id=soknad_id,
                               grunn=p.get("grunn", ""), notat=p.get("notat", ""), now=now())
            except DomainError as exc:
                if exc.code == "not_found":
                    raise
                messages.error(request, plain(exc))
                return redirect("case_kvp", soknad_id)
            messages.success(request, _("Personen er merket som aktuell for KVP."))
            return redirect("kvp_detail", d.pk)

        def refer() -> str:
            h = tiltak_ops.refer(scope=scope, actor=user, soknad_id=soknad_id,
                                 tiltak_id=post_int(request, "tiltak_id"),
                                 grunn=p.get("grunn", ""), now=now())
            return (_("Personen står på venteliste.") if h.status == "VENTELISTE"
                    else _("Personen er henvist."))
        return _run(request, refer, reverse("case_kvp", args=[soknad_id]))
    return render(request, "caseworker/kvp/case.html", {
        "soknad_id": soknad_id,
        "k": kvp_of_case(scope=scope, actor=user, soknad_id=soknad_id),
        "henvisninger": tiltak_q.referrals_of_case(scope=scope, actor=user,
                                                   soknad_id=soknad_id),
        "tiltak": tiltak_q.catalogue(scope=scope, only_active=True),
        "grunner": ScreeningGrunn.choices, "can_write": scope.can_write})


# --- one KVP participation --------------------------------------------------------------------

def _received(request: HttpRequest) -> datetime:
    day = post_date(request, "mottatt_dato") or today()
    if day == today():  # received today: now, never a noon still to come (innsyn order)
        return now()
    return datetime.combine(day, time(12, 0), tzinfo=OSLO)


def _plan_lines(request: HttpRequest) -> list[kvp.PlanLinje]:
    p, lines = request.POST, []
    for i in range(8):
        h = p.get(f"henvisning_{i}", "").strip()
        a = p.get(f"aktivitet_{i}", "").strip()
        text, hours = p.get(f"beskrivelse_{i}", "").strip(), p.get(f"timer_{i}", "").strip()
        if not (h or a or text or hours):
            continue
        lines.append(kvp.PlanLinje(
            henvisning_id=post_int(request, f"henvisning_{i}") if h else None,
            aktivitet_id=post_int(request, f"aktivitet_{i}") if a else None,
            beskrivelse=text, timer_per_uke=_hours(hours, f"linjer[{i}].timer_per_uke")
            if hours else None))
    return lines


def _kvp_action(request: HttpRequest, deltakelse_id: int) -> str:
    s, u, p, d = scope_of(request), request.user, request.POST, deltakelse_id
    handling = p.get("handling", "")
    day = post_date(request, "dato")
    if handling == "vurdering":
        v = kvp.assess(scope=s, actor=u, deltakelse_id=d, now=now(), data=kvp.VurderingInput(
            vesentlig_nedsatt_arbeidsevne=p.get("arbeidsevne") == "ja",
            andre_ytelser=p.get("andre_ytelser", ""),
            arbeidsevnevurdering=p.get("arbeidsevnevurdering") == "ja",
            egnet=p.get("egnet") == "ja", begrunnelse=p.get("begrunnelse", "")))
        return (_("Vurdert: personen har rett til kvalifiseringsprogram.") if v.har_rett
                else _("Vurdert: personen har ikke rett til kvalifiseringsprogram nå."))
    if handling == "soknad":
        kvp.apply(scope=s, actor=u, deltakelse_id=d, mottatt_at=_received(request),
                  kanal=p.get("kanal", ""), now=now())
        return _("Søknaden er registrert som egen sak.")
    if handling == "vedtak":
        innvilget = p.get("utfall") == "INNVILGET"
        kvp.decide(scope=s, actor=u, deltakelse_id=d, now=now(), data=kvp.VedtakInput(
            innvilget=innvilget, begrunnelse=p.get("begrunnelse", ""), fakta=p.get("fakta", ""),
            start=post_date(request, "start"), kontonummer=p.get("kontonummer", "")))
        return _("Vedtaket er fattet, og brevet er laget.")
    if handling == "plan":
        kvp.save_plan(scope=s, actor=u, deltakelse_id=d, linjer=_plan_lines(request), now=now())
        return _("Programplanen er lagret. Den er på full tid.")
    if handling == "start":
        kvp.start(scope=s, actor=u, deltakelse_id=d, now=now())
        return _("Programmet har startet.")
    if handling == "fravaer":
        kvp.record_absence(scope=s, actor=u, deltakelse_id=d, dato=day or today(),
                           type=p.get("type", ""), dokumentasjon=p.get("dokumentasjon", ""),
                           merknad=p.get("merknad", ""), now=now())
        return _("Fraværet er registrert.")
    if handling == "reduksjon":
        r = kvp.decide_reduction(scope=s, actor=u, deltakelse_id=d,
                                 maned=post_date(request, "maned") or today(),
                                 begrunnelse=p.get("begrunnelse", ""), now=now())
        return _("Vedtak om trekk er fattet: %(trekk)s kr.") % {"trekk": r.trekk}
    if handling == "forlengelse":
        kvp.extend(scope=s, actor=u, deltakelse_id=d, ny_slutt=day or today(),
                   begrunnelse=p.get("begrunnelse", ""), now=now())
        return _("Programmet er forlenget.")
    if handling == "avbrudd":
        kvp.interrupt(scope=s, actor=u, deltakelse_id=d, fra=day or today(),
                      grunn=p.get("grunn", ""), now=now())
        return _("Programmet er midlertidig avbrutt.")
    if handling == "gjenoppta":
        kvp.resume(scope=s, actor=u, deltakelse_id=d, dato=day or today(), now=now())
        return _("Programmet er gjenopptatt.")
    if handling == "avslutt":
        kvp.end(scope=s, actor=u, deltakelse_id=d, now=now(), data=kvp.AvslutningInput(
            dato=day or today(), kostra_status=p.get("kostra_status", ""),
            begrunnelse=p.get("begrunnelse", ""),
            situasjon_etter=tuple(p.getlist("situasjon_etter"))[:10],
            viktigste_inntekt=p.get("viktigste_inntekt", "")))
        return _("Programmet er avsluttet, og brevet er laget.")
    raise kvp.UnableToChangeKvp(_("Ukjent handling."), field="handling")


@login_required
@not_found_as_404
def kvp_detail(request: HttpRequest, deltakelse_id: int) -> HttpResponse:
    scope = staff_scope(request)
    if request.method == "POST":
        return _run(request, lambda: _kvp_action(request, deltakelse_id),
                    reverse("kvp_detail", args=[deltakelse_id]))
    d = get_deltakelse(scope=scope, actor=request.user, deltakelse_id=deltakelse_id)
    referrals = tiltak_q.referrals_of_case(scope=scope, actor=request.user,
                                           soknad_id=d.fra_soknad_id)
    koder = kodeverk_11cf()
    return render(request, "caseworker/kvp/detail.html", {
        "d": d, "can_write": scope.can_write, "andre_ytelser": AndreYtelser.choices,
        "kanaler": Kanal.choices, "fravaerstyper": FravaerType.choices,
        "henvisninger": [h for h in referrals if h.status != "AVSLUTTET"],
        "aktiviteter": [a for a in aktivitet_rows(d.person_id, d.kontor_id, today())
                        if a.status in OPEN_STATUSES],
        "plan_rows": range(4), "statuser": [c for c in koder.status_choices()
                                            if c[0] in ("3", "4", "5", "6", "7")],
        "koder": koder.situasjon_choices()})
