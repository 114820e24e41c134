"""Reads of the deviation register, through the caller's office scope (the Statsforvalter
reads the offices of the county). An avvik holds no personal data, so reads are not logged."""

from __future__ import annotations

from django.db.models import QuerySet

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.supervision.models import Avvik, AvvikStatus


def scoped_avvik(scope: Scope) -> QuerySet[Avvik]:
    if scope.is_citizen or not scope.kontor_ids:
        return Avvik.objects.none()
    return Avvik.objects.filter(kontor_id__in=scope.kontor_ids)


def open_avvik(scope: Scope) -> QuerySet[Avvik]:
    """Open deviations in scope, oldest first: the worklist of the internal control."""
    return (scoped_avvik(scope).exclude(status=AvvikStatus.LUKKET)
            .select_related("kontor", "ansvarlig").order_by("registrert_at", "pk"))
