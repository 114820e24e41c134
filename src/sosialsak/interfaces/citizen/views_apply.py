"""The person's own application form, step by step, saved as a draft (issue 16, item 2).

Every step is saved on the server when the person goes on (or chooses to continue later);
the draft is theirs alone until sent. Sending makes a Digisos delivery that goes through the
intake like one from nav.no (``digisos.citizen_draft``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sosialsak.contexts.digisos import citizen_draft as drafts
from sosialsak.interfaces.caseworker.common import now
from sosialsak.interfaces.citizen.common import (
    citizen_fnr,
    citizen_only,
    office_contact,
    user_of,
)
from sosialsak.interfaces.citizen.forms_apply import (
    STEP_FORMS,
    VEDLEGG_TYPER,
    Vedlegg,
    from_draft,
    to_draft,
)
from sosialsak.kernel.errors import ValidationFailed

TITLES = {
    "om-deg": gettext_lazy("Om deg"), "husstand": gettext_lazy("Familien din"),
    "bolig": gettext_lazy("Der du bor"), "inntekt": gettext_lazy("Inntekt"),
    "utgifter": gettext_lazy("Utgifter"), "soknad": gettext_lazy("Hva du søker om"),
    "vedlegg": gettext_lazy("Vedlegg"), "send": gettext_lazy("Se over og send"),
}


@citizen_only
def start(request: HttpRequest) -> HttpResponse:
    """The form's first page: start, or continue the saved draft, or delete it."""
    user = user_of(request)
    if request.method == "POST" and request.POST.get("slett"):
        drafts.delete_draft(user=user)
        messages.success(request, _("Utkastet er slettet."))
        return redirect("citizen:apply")
    draft = drafts.get_draft(user=user)
    return render(request, "citizen/apply_start.html", {
        "draft": draft, "steps": _steps(draft.data if draft else {}, "")})


def _steps(data: dict[str, object], current: str) -> list[dict[str, object]]:
    return [{"slug": s, "title": TITLES[s], "current": s == current} for s in drafts.STEPS]


def _next(step: str) -> str:
    i = drafts.STEPS.index(step)
    return drafts.STEPS[min(i + 1, len(drafts.STEPS) - 1)]


def _after_save(request: HttpRequest, step: str) -> HttpResponse:
    if request.POST.get("senere"):
        messages.success(request, _("Utkastet er lagret. Du kan fortsette senere."))
        return redirect("citizen:mine")
    return redirect("citizen:apply_step", step=_next(step))


@citizen_only
def step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in drafts.STEPS:
        raise Http404
    user = user_of(request)
    draft = drafts.get_draft(user=user)
    data = draft.data if draft else {}
    ctx: dict[str, object] = {"step": step, "title": TITLES[step], "steps": _steps(data, step),
                              "number": drafts.STEPS.index(step) + 1,
                              "total": len(drafts.STEPS)}
    if data.get("nodhjelp") == "ja":
        ctx["nodhjelp"] = office_contact(str(data.get("enhetsnummer", "")))
    if step == "vedlegg":
        return _vedlegg(request, ctx, draft)
    if step == "send":
        return _send(request, ctx, draft)
    form_class = STEP_FORMS[step]
    form = form_class(request.POST or None, initial=from_draft(step, data))
    if request.method == "POST" and form.is_valid():
        try:
            drafts.save_step(user=user, values=to_draft(step, form.cleaned_data), now=now())
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
        else:
            if step == "soknad" and form.cleaned_data["nodhjelp"] == "ja":
                return redirect("citizen:apply_step", step=step)  # show the office first
            return _after_save(request, step)
    ctx["form"] = form
    return render(request, "citizen/apply_step.html", ctx, status=400 if form.errors else 200)


def _vedlegg(request: HttpRequest, ctx: dict[str, object],
             draft: drafts.Utkast | None) -> HttpResponse:
    form = Vedlegg(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("last_opp"):
        if form.is_valid():
            fil = form.cleaned_data["fil"]
            try:
                drafts.add_attachment(user=user_of(request), filnavn=fil.name or "",
                                      type=form.cleaned_data["type"],
                                      innhold=fil.read(drafts.MAX_FILE_BYTES + 1), now=now())
            except ValidationFailed as exc:
                form.add_error("fil", exc.message)
            else:
                messages.success(request, _("Filen er lagt ved."))
                return redirect("citizen:apply_step", step="vedlegg")
    elif request.method == "POST":
        return _after_save(request, "vedlegg")
    labels = dict(VEDLEGG_TYPER)
    ctx.update(form=form, files=[(v.filnavn, labels.get(v.type, v.type))
                                 for v in draft.vedlegg.order_by("pk")] if draft else [])
    return render(request, "citizen/apply_vedlegg.html", ctx,
                  status=400 if form.errors else 200)


def _send(request: HttpRequest, ctx: dict[str, object],
          draft: drafts.Utkast | None) -> HttpResponse:
    if draft is None:
        return redirect("citizen:apply")
    fnr = citizen_fnr(request)
    if request.method == "POST":
        try:
            sent = drafts.send_draft(user=user_of(request), fnr=fnr, now=now())
        except ValidationFailed as exc:
            ctx["error"] = exc.message
        else:
            if sent.soknad_id is not None:
                messages.success(request, _("Søknaden er sendt. Du finner den under "
                                            "«Mine søknader»."))
                return redirect("citizen:follow", soknad_id=sent.soknad_id)
            ctx["error"] = _("Vi kunne ikke ta imot søknaden. Ring NAV-kontoret ditt.")
    try:
        drafts.skjema_from(draft.data, fnr=fnr)
    except ValidationFailed as exc:
        ctx["missing"] = exc.message
    ctx["data"] = draft.data
    ctx["files"] = [v.filnavn for v in draft.vedlegg.order_by("pk")]
    return render(request, "citizen/apply_send.html", ctx,
                  status=400 if ctx.get("error") else 200)
