"""The office's KVP settings (full time, and when the worklist shows a programme ending)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.kvp.models import KvpInnstillinger
from sosialsak.contexts.kvp.policy import fail
from sosialsak.kernel.errors import NotFound


@transaction.atomic
def save_settings(*, scope: Scope, actor: object, kontor_id: int, fulltid_timer: Decimal,
                  programslutt_varsel_dager: int, now: datetime) -> KvpInnstillinger:
    if not (Role.LEDER in scope.roles and scope.can_write and scope.kontor_allowed(kontor_id)):
        raise NotFound("Fant ikke kontoret, eller du har ikke tilgang.")
    if not Decimal(20) <= fulltid_timer <= Decimal(45):
        raise fail("fulltid_timer", "full tid må være mellom 20 og 45 timer i uken.")
    if not 1 <= programslutt_varsel_dager <= 365:
        raise fail("programslutt_varsel_dager", "oppgi 1–365 dager.")
    row, _ = KvpInnstillinger.objects.update_or_create(kontor_id=kontor_id, defaults={
        "fulltid_timer": fulltid_timer, "programslutt_varsel_dager": programslutt_varsel_dager})
    record(actor=actor, action=Action.WRITE, object_type="kontor", object_id=kontor_id,
           purpose="endre innstillinger for KVP", kontor_id=kontor_id)
    del now  # the row keeps no time stamp; the audit entry has it
    return row
