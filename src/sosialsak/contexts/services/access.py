"""Scope for the services: a record is visible exactly when the application it hangs under is
(``intake.queries.scope_q``); a provider when its office is in the caller's scope. Every read
here is audited; a row outside the scope answers NotFound like one that does not exist."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.operations import writable_soknad
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scope_q, scoped_soknader
from sosialsak.kernel.errors import NotFound

M = TypeVar("M", bound=models.Model)

NOT_FOUND = "Fant ikke det du ba om. Det finnes ikke, eller du har ikke tilgang til det."
PREFIX = {  # the path from each model to the application that scopes it
    "IndividuellPlan": "soknad__", "Deltaker": "plan__soknad__", "Samtykke":
    "deltaker__plan__soknad__", "Tiltakspunkt": "plan__soknad__", "Mote": "plan__soknad__",
    "Opphold": "soknad__", "Utestengelse": "soknad__", "Radgivning": "soknad__",
    "Henvisning": "radgivning__soknad__", "Bekymringsmelding": "soknad__",
}


def staff(scope: Scope) -> bool:
    return bool(scope.kontor_ids) and not scope.is_citizen


def in_scope(model: type[M], scope: Scope) -> models.QuerySet[M]:
    if not staff(scope):
        return model._default_manager.none()
    if model.__name__ in ("Botilbud",):
        return model._default_manager.filter(kontor_id__in=scope.kontor_ids)
    if model.__name__ == "Kvalitetsvurdering":
        return model._default_manager.filter(botilbud__kontor_id__in=scope.kontor_ids)
    return model._default_manager.filter(scope_q(scope, PREFIX[model.__name__]))


def get(model: type[M], *, scope: Scope, actor: object, pk: int, purpose: str,
        object_type: str, kontor_path: str = "soknad__kontor_id") -> M:
    """Return one row in scope and log the read; log the denial and raise NotFound otherwise."""
    row = in_scope(model, scope).filter(pk=pk).first()
    kontor_id = (model._default_manager.filter(pk=pk).values_list(kontor_path, flat=True)
                 .first())
    if row is None:
        record(actor=actor, action=Action.DENIED, object_type=object_type, object_id=pk,
               purpose=purpose, kontor_id=kontor_id)
        raise NotFound(NOT_FOUND)
    record(actor=actor, action=Action.READ, object_type=object_type, object_id=pk,
           purpose=purpose, kontor_id=kontor_id)
    return row


def anchor_soknad(scope: Scope, actor: object, person_id: int, purpose: str) -> Soknad:
    """Return, locked for a write, the person's newest application the caller may change: a
    service for the person hangs under it (its office and scope). NotFound (audited) when the
    caller has no such application."""
    newest = (scoped_soknader(scope).filter(person_id=person_id)
              .order_by("-mottatt_at", "-pk").values_list("pk", flat=True).first())
    if newest is None or not scope.can_write:
        record(actor=actor, action=Action.DENIED, object_type="person", object_id=person_id,
               purpose=purpose)
        raise NotFound(NOT_FOUND)
    return writable_soknad(scope, newest, lock=True)


def lock_under(scope: Scope, actor: object, model: type[M], pk: int, purpose: str,
               object_type: str) -> M:
    """Lock the application ``model``'s row hangs under, then return the row read under its
    own lock (``contexts/locking``); NotFound (audited) outside a writable scope."""
    from sosialsak.contexts.locking import lock, owner_id

    path = PREFIX[model.__name__] + "id"
    soknad_id = owner_id(model, pk, path)
    visible = in_scope(model, scope).filter(pk=pk).exists()
    if soknad_id is None or not visible or not scope.can_write:
        record(actor=actor, action=Action.DENIED, object_type=object_type, object_id=pk,
               purpose=purpose)
        raise NotFound(NOT_FOUND)
    writable_soknad(scope, soknad_id, lock=True)
    row = lock(model, pk)
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def write_log(*, actor: object, object_type: str, object_id: int, purpose: str,
              kontor_id: int | None) -> None:
    record(actor=actor, action=Action.WRITE, object_type=object_type, object_id=object_id,
           purpose=purpose, kontor_id=kontor_id)


__all__ = ["anchor_soknad", "get", "in_scope", "lock_under", "staff", "write_log"]
