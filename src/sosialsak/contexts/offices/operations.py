"""Writes for office settings: only the office's own leder may change them."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.offices.models import OfficeSettings
from sosialsak.contexts.offices.policy import FIELDS, Settings, check_settings
from sosialsak.kernel.errors import NotFound


def can_edit_settings(scope: Scope, kontor_id: int | None) -> bool:
    """Return whether ``scope`` may change the settings of office ``kontor_id`` (its leder)."""
    return Role.LEDER in scope.roles and scope.can_write and scope.kontor_allowed(kontor_id)


def update_office_settings(
    *, scope: Scope, actor: object, kontor_id: int, data: Settings, now: datetime
) -> OfficeSettings:
    """Save the office's settings after checking them; raise NotFound for anyone but its leder.

    A refused attempt is audit-logged as DENIED (outside the write's transaction, so the log
    entry stays).
    """
    if not can_edit_settings(scope, kontor_id):
        record(actor=actor, action=Action.DENIED, object_type="kontorinnstillinger",
               object_id=kontor_id, purpose="endre kontorinnstillinger", kontor_id=kontor_id)
        raise NotFound("Fant ikke kontorinnstillingene, eller du har ikke tilgang til å endre dem.")
    return _save(actor=actor, kontor_id=kontor_id, data=data, now=now)


@transaction.atomic
def _save(*, actor: object, kontor_id: int, data: Settings, now: datetime) -> OfficeSettings:
    check_settings(data)
    values = {name: getattr(data, name) for name in FIELDS}
    row, _created = OfficeSettings.objects.update_or_create(
        kontor_id=kontor_id,
        defaults={**values, "endret_at": now, "endret_av_id": getattr(actor, "pk", None)},
    )
    record(actor=actor, action=Action.WRITE, object_type="kontorinnstillinger",
           object_id=kontor_id, purpose="endre kontorinnstillinger", kontor_id=kontor_id)
    return row
