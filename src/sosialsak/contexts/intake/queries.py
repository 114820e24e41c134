"""Reads of applications, always through the caller's Scope, and always audit-logged.

Scoping lives here so that no view, endpoint or command can forget it: an application outside
the scope answers NotFound exactly as one that does not exist, and the attempt is logged.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.models import Soknad, Vedlegg
from sosialsak.contexts.people.models import Adressebeskyttelse, Person
from sosialsak.kernel.errors import NotFound

NOT_FOUND_TEXT = "Fant ikke søknaden. Den finnes ikke, eller du har ikke tilgang til den."


def scope_q(scope: Scope, prefix: str = "") -> Q:
    """Return the condition for the applications ``scope`` may see, on the application at
    ``prefix`` (``"soknad__"`` from a task, ``""`` from the application itself). The single
    place that decides visibility: ``scoped_soknader`` is ``scope_q`` on the applications.

    Filtering a task or a decision through the join (rather than ``soknad__in`` a subquery of
    every visible application) lets the planner start from the few rows it wants (issue 13).
    """
    if scope.is_citizen:
        return Q(**{f"{prefix}person__user_id": scope.user_id or -1})
    if not scope.kontor_ids:
        return Q(pk__in=[])
    q = Q(**{f"{prefix}kontor_id__in": scope.kontor_ids})
    if not scope.can_view_strengt_fortrolig:
        # NOT IN over the few strictly confidential people (a partial index finds them)
        # rather than a join to every person: the planner keeps the application's own index
        # order, so a page of the queue stays a page.
        protected = Q(**{f"{prefix}person_id__in": Person.objects.filter(
            adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG).values("pk")})
        if Role.STATSFORVALTER in scope.roles:
            q &= ~protected
        else:
            # An application registered by an office that could not see the protected person
            # stays visible there (the application's office is the registering one): it holds
            # only what that office was told (issue 10, ADR 0010). Never to the county.
            q &= ~(protected & Q(**{f"{prefix}registrert_uten_innsyn": False}))
    return q


def scoped_soknader(scope: Scope) -> QuerySet[Soknad]:
    """Return the applications ``scope`` may see (see ``scope_q``)."""
    if not (scope.is_citizen or scope.kontor_ids):
        return Soknad.objects.none()
    return Soknad.objects.filter(scope_q(scope))


def get_soknad(*, scope: Scope, actor: object, pk: int, purpose: str) -> Soknad:
    """Return one application in scope and log the read; log and raise NotFound otherwise."""
    soknad = (
        scoped_soknader(scope).select_related("person", "husstand", "kontor", "saksbehandler")
        .filter(pk=pk).first()
    )
    if soknad is None:
        kontor_id = Soknad.objects.filter(pk=pk).values_list("kontor_id", flat=True).first()
        record(actor=actor, action=Action.DENIED, object_type="soknad", object_id=pk,
               purpose=purpose, kontor_id=kontor_id)
        raise NotFound(NOT_FOUND_TEXT)
    record(actor=actor, action=Action.READ, object_type="soknad", object_id=pk,
           purpose=purpose, kontor_id=soknad.kontor_id)
    return soknad


def get_vedlegg(*, scope: Scope, actor: object, pk: int, purpose: str) -> Vedlegg:
    """Return an attachment of an application in scope, logging the read (or the denial)."""
    vedlegg = Vedlegg.objects.select_related("soknad").filter(
        pk=pk, soknad__in=scoped_soknader(scope)).first()
    if vedlegg is None:
        kontor_id = (Vedlegg.objects.filter(pk=pk)
                     .values_list("soknad__kontor_id", flat=True).first())
        record(actor=actor, action=Action.DENIED, object_type="vedlegg", object_id=pk,
               purpose=purpose, kontor_id=kontor_id)
        raise NotFound("Fant ikke vedlegget.")
    record(actor=actor, action=Action.READ, object_type="vedlegg", object_id=pk,
           purpose=purpose, kontor_id=vedlegg.soknad.kontor_id)
    return vedlegg
