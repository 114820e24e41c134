"""Caseworker and leder pages. Each view parses input, makes one call inward, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sosialsak.contexts.audit.queries import AuditFilter, check_audit_access, search_audit
from sosialsak.contexts.casefile.detail import case_detail
from sosialsak.contexts.casefile.find import other_applications
from sosialsak.contexts.casefile.queue import QueueFilter, work_queue_page
from sosialsak.contexts.decisions.operations import change_status
from sosialsak.contexts.intake.models import Soknad, SoknadStatus
from sosialsak.contexts.intake.operations import (
    ApplicantInput,
    PostInput,
    SoknadInput,
    register_with_applicant,
)
from sosialsak.contexts.intake.queries import get_vedlegg
from sosialsak.contexts.people.operations import BarnInput, PartnerInput
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    scope_of,
    show_error,
    today,
)
from sosialsak.interfaces.caseworker.forms import (
    MAX_BARN,
    AuditSearchForm,
    RegisterSoknadForm,
    StatusForm,
)
from sosialsak.interfaces.caseworker.lines import queue_lines
from sosialsak.kernel.errors import DomainError, NotFound


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if scope.is_citizen:
        return redirect("citizen:mine")
    if scope.kontor_ids:
        return redirect("worklists")
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


QUEUE_PAGE = 100  # rows per page of the work queue (issue 13: "neste side")


def _without(request: HttpRequest, key: str) -> str:
    query = request.GET.copy()
    query.pop(key, None)
    return query.urlencode()


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if not scope.kontor_ids:
        raise PermissionDenied
    status = request.GET.get("status", "")
    filters = QueueFilter(
        status=status if status in SoknadStatus.values else "",
        mine_only=request.GET.get("mine") == "1",
        search=request.GET.get("q", "")[:100],
        assigned=_assigned(request.GET.get("tildelt", ""), request.GET.get("mine") == "1"),
    )
    try:
        page = work_queue_page(scope=scope, actor=request.user, filters=filters, today=today(),
                               purpose="arbeidsliste", etter=request.GET.get("etter", ""),
                               limit=QUEUE_PAGE)
    except DomainError:  # a stale or altered cursor: start again from the first page
        return redirect(f"{reverse('queue')}?{_without(request, 'etter')}")
    neste = ""
    if page.neste:
        query = request.GET.copy()
        query["etter"] = page.neste
        neste = f"{reverse('queue')}?{query.urlencode()}"
    can_redistribute = scope.can_write and "leder" in scope.roles
    ctx = {"rows": queue_lines(page.rows, select=can_redistribute), "total": page.total or 0,
           "neste": neste,
           "forste": f"{reverse('queue')}?{_without(request, 'etter')}"
           if request.GET.get("etter") else "",
           "filters": filters, "statuses": SoknadStatus.choices,
           "status_label": dict(SoknadStatus.choices).get(filters.status, ""),
           "can_redistribute": can_redistribute}
    template = "caseworker/_queue_table.html" if request.headers.get("HX-Request") \
        else "caseworker/queue.html"
    return render(request, template, ctx)


def _assigned(value: str, mine: bool) -> str:
    """The queue's assignment filter (issue 12); the old "Bare mine" box means "mine"."""
    if value in ("mine", "unassigned", "team"):
        return value
    return "mine" if mine else ""


@login_required
@not_found_as_404
def case(request: HttpRequest, soknad_id: int) -> HttpResponse:
    if scope_of(request).is_citizen:  # the person's own view of the case is under /mine/
        return redirect("citizen:soknad", soknad_id=soknad_id)
    detail = case_detail(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                         today=today(), purpose="saksbehandling", workspace=True)
    return render(request, "caseworker/case.html", {"c": detail})


@login_required
@require_POST
@not_found_as_404
def case_status(request: HttpRequest, soknad_id: int) -> HttpResponse:
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            change_status(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                          target=form.cleaned_data["status"], now=now(),
                          reason=form.cleaned_data["begrunnelse"],
                          close_requests=form.cleaned_data["lukk_dokumentasjonskrav"])
            messages.success(request, _("Status er endret."))
        except NotFound:
            raise
        except DomainError as exc:
            messages.error(request, plain(exc))
    return redirect("case", soknad_id=soknad_id)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    user = request.user
    kontor = getattr(user, "kontor", None)
    if not scope.can_write or kontor is None:
        raise PermissionDenied
    form = RegisterSoknadForm(request.POST or None,
                              initial={"mottatt_at": now().astimezone().strftime("%Y-%m-%dT%H:%M")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        barn = [
            BarnInput(navn=d[f"barn_{i}_navn"], fodselsdato=d[f"barn_{i}_fodselsdato"],
                      bosted=d[f"barn_{i}_bosted"] or "FAST")
            for i in range(MAX_BARN) if d.get(f"barn_{i}_navn")
        ]
        partner = PartnerInput(navn=d["partner_navn"], relasjon=d["partner_relasjon"]) \
            if d.get("partner_navn") else None
        poster = [PostInput(type=t, beskrivelse=d["annet"] if t == "ANNET" else "")
                  for t in d["poster"]]
        try:
            soknad = register_with_applicant(
                scope=scope, actor=user, kontor=kontor,
                applicant=ApplicantInput(
                    fodselsnummer=d["fodselsnummer"], fornavn=d["fornavn"],
                    etternavn=d["etternavn"], telefon=d["telefon"],
                    tolkebehov=d["tolkebehov"], tolkesprak=d["tolkesprak"]),
                partner=partner, barn=barn,
                data=SoknadInput(kanal=d["kanal"], mottatt_at=d["mottatt_at"], poster=poster,
                                 nodhjelp=d["nodhjelp"], egne_ord=d["egne_ord"],
                                 deler_bolig=d["deler_bolig"]),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("Søknaden er registrert."))
            _hint_other_applications(request, soknad)
            return redirect(reverse("case", kwargs={"soknad_id": soknad.pk}))
    return render(request, "caseworker/register.html", {"form": form})


def _hint_other_applications(request: HttpRequest, soknad: Soknad) -> None:
    """Issue 12: the person already has applications in scope (e.g. one from this morning)."""
    others = other_applications(scope=scope_of(request), actor=request.user,
                                person_id=soknad.person_id, exclude_id=soknad.pk,
                                purpose="registrering: andre søknader fra personen")
    if others:
        newest = others[0]
        text = ngettext(
            "Personen har %(n)s annen søknad i tilgangen din, sist saksnummer %(s)s mottatt "
            "%(d)s.",
            "Personen har %(n)s andre søknader i tilgangen din, sist saksnummer %(s)s mottatt "
            "%(d)s.", len(others)) % {"n": len(others), "s": newest.saksnummer,
                                      "d": timezone.localtime(newest.mottatt_at)
                                      .strftime("%d.%m.%Y %H:%M")}
        messages.info(request, format_html('{} <a href="{}">{}</a>', text,
                                           reverse("person", args=[soknad.person_id]),
                                           _("Se alle søknadene fra personen")))


@login_required
@not_found_as_404
def audit_log(request: HttpRequest) -> HttpResponse:
    check_audit_access(scope=scope_of(request), actor=request.user)
    # Issue 12: with no search yet, show the newest entries (all fields are optional).
    form = AuditSearchForm(request.GET or {})
    entries = []
    if form.is_valid():
        d = form.cleaned_data
        entries = list(search_audit(scope=scope_of(request), actor=request.user,
                                    filters=AuditFilter(
            actor_username=d["actor_username"], object_type="soknad" if d["object_id"] else "",
            object_id=d["object_id"], action=d["action"], date_from=d["date_from"],
            date_to=d["date_to"])))
    return render(request, "caseworker/audit.html", {"form": form, "entries": entries})


@login_required
@not_found_as_404
def vedlegg_file(request: HttpRequest, vedlegg_id: int) -> HttpResponseBase:
    vedlegg = get_vedlegg(scope=scope_of(request), actor=request.user, pk=vedlegg_id,
                          purpose="lese vedlegg")
    return FileResponse(vedlegg.fil.open("rb"), as_attachment=True, filename=vedlegg.filnavn)
