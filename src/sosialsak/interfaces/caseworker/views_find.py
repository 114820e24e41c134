"""Find a case or a person, the person page, and who handles a case (issue 12, items 1-2).

Each view parses input, makes one call inward, renders. A refused action (a read-only role, or
a veileder redistributing) is a 403 page with the sentence saying why.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sosialsak.contexts.casefile.find import find, person_overview
from sosialsak.contexts.intake.assignment import assign, assign_many
from sosialsak.interfaces.caseworker.common import (
    not_found_as_404,
    now,
    plain,
    post_int,
    scope_of,
)
from sosialsak.interfaces.caseworker.lines import people_lines, search_lines
from sosialsak.kernel import bounds
from sosialsak.kernel.errors import DomainError, Forbidden, NotFound


def _staff(request: HttpRequest) -> None:
    scope = scope_of(request)
    if scope.is_citizen or not scope.kontor_ids:
        raise PermissionDenied


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One search box: name, fødselsnummer/D-nummer or saksnummer, every status in scope."""
    _staff(request)
    term = request.GET.get("q", "")[:100]
    result = find(scope=scope_of(request), actor=request.user, term=term,
                  purpose="søk etter sak eller person")
    if len(result.hits) == 1 and result.hits[0].saksnummer == term.strip():
        return redirect("case", soknad_id=result.hits[0].id)
    return render(request, "caseworker/find/search.html", {
        "r": result, "hits": search_lines(result.hits), "people": people_lines(result.personer)})


@login_required
@not_found_as_404
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    _staff(request)
    overview = person_overview(scope=scope_of(request), actor=request.user,
                               person_id=person_id, purpose="personoversikt")
    return render(request, "caseworker/find/person.html", {"p": overview})


@login_required
def register_hint(request: HttpRequest) -> HttpResponse:
    """While registering: the person's applications already in scope (e.g. this morning's)."""
    _staff(request)
    fnr = request.GET.get("fodselsnummer", "").replace(" ", "")[:11]
    hits = []
    if len(fnr) == 11 and fnr.isdigit():
        hits = find(scope=scope_of(request), actor=request.user, term=fnr,
                    purpose="registrering: har personen søknad fra før").hits
    return render(request, "caseworker/find/_register_hint.html", {"hits": hits[:5],
                                                                     "n": len(hits)})


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    nxt = request.POST.get("neste", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect(fallback)


@login_required
@require_POST
@not_found_as_404
def assign_case(request: HttpRequest, soknad_id: int) -> HttpResponse:
    """Take a case, hand it to a colleague at the office, or release it."""
    _staff(request)
    handling = request.POST.get("handling", "")
    if handling == "ta":
        to: int | None = request.user.pk
    elif handling == "slipp":
        to = None
    else:
        to = post_int(request, "saksbehandler")
    try:
        assign(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,  # type: ignore[arg-type]
               to_user_id=to, now=now())
        messages.success(request, _("Saksbehandler er endret."))
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return _back(request, reverse("case", kwargs={"soknad_id": soknad_id}))


@login_required
@require_POST
@not_found_as_404
def assign_bulk(request: HttpRequest) -> HttpResponse:
    """A leder gives the chosen cases to one colleague."""
    _staff(request)
    parsed = [bounds.parse_id(x) for x in request.POST.getlist("soknad")]
    ids = [i for i in parsed if i is not None]
    if len(ids) != len(parsed):  # all or nothing, as assign_many: never drop one silently
        messages.error(request, _("Utvalget har en ugyldig sak; ingen saker er fordelt."))
        return _back(request, reverse("queue"))
    try:
        n = assign_many(scope=scope_of(request), actor=request.user,  # type: ignore[arg-type]
                        soknad_ids=ids, to_user_id=post_int(request, "saksbehandler"), now=now())
        messages.success(request, _("%(n)s saker har fått ny saksbehandler.") % {"n": n})
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, plain(exc))
    return _back(request, reverse("queue"))
