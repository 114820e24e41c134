"""Reads of the audit log, for a leder (their office) and the statsforvalter (their county)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action, AuditEntry
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class AuditFilter:
    actor_username: str = ""
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive, as a person reads it


def check_audit_access(*, scope: Scope, actor: object) -> None:
    """Raise NotFound, and log the refusal, unless the caller may read the audit log."""
    if not scope.can_view_audit:
        record(actor=actor, action=Action.DENIED, object_type="tilgangslogg", object_id="",
               purpose="lese tilgangsloggen")
        raise NotFound("Fant ikke siden.")


def search_audit(*, scope: Scope, actor: object, filters: AuditFilter,
                 limit: int = 200) -> QuerySet[AuditEntry]:
    """Return the audit entries of the caller's offices matching ``filters``, newest first."""
    check_audit_access(scope=scope, actor=actor)
    qs = AuditEntry.objects.filter(kontor_id__in=scope.kontor_ids)
    if filters.actor_username:
        qs = qs.filter(actor_username=filters.actor_username)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.action:
        qs = qs.filter(action=filters.action)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=tz)
        qs = qs.filter(at__lt=end)
    return qs[:limit]
