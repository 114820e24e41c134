"""Where case progress checks who may read or change an application.

Both go through ``intake.queries.scoped_soknader`` (the one place that decides visibility), so no
operation or query here can forget scoping. Case progress is staff work: notes, mapping of
children and § 45 reports are not shown to citizens through these reads.
"""

from __future__ import annotations

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import NOT_FOUND_TEXT, get_soknad, scoped_soknader
from sosialsak.kernel.errors import NotFound

WRITE_NOT_FOUND = "Fant ikke søknaden, eller du har ikke tilgang til å endre den."


def writable(scope: Scope, soknad_id: int, *, lock: bool = False) -> Soknad:
    """Return the application if ``scope`` may change it; raise NotFound otherwise."""
    qs = scoped_soknader(scope).filter(pk=soknad_id).select_related("person", "husstand", "kontor")
    if lock:
        qs = qs.select_for_update(of=("self",))
    soknad = qs.first()
    if soknad is None or not scope.can_write:
        raise NotFound(WRITE_NOT_FOUND)
    return soknad


def staff_readable(*, scope: Scope, actor: object, soknad_id: int, purpose: str) -> Soknad:
    """Return one application for staff and log the read; log and raise NotFound otherwise."""
    if scope.is_citizen or not scope.kontor_ids:
        # Filed under the office of the application refused, when it exists (issue 11).
        kontor_id = Soknad.objects.filter(pk=soknad_id).values_list("kontor_id",
                                                                    flat=True).first()
        record(actor=actor, action=Action.DENIED, object_type="soknad", object_id=soknad_id,
               purpose=purpose, kontor_id=kontor_id)
        raise NotFound(NOT_FOUND_TEXT)
    return get_soknad(scope=scope, actor=actor, pk=soknad_id, purpose=purpose)


def is_staff_scope(scope: Scope) -> bool:
    return bool(scope.kontor_ids) and not scope.is_citizen
