"""The office's decision settings (four-eyes, long-term recipients): read and set by its leder."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import Vedtak, Vedtaksinnstillinger
from sosialsak.contexts.decisions.policy import DecisionSettings
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules.frister import add_months

FIELDS = ("godkjenning_over_belop", "godkjenning_ved_avslag", "langtid_maneder",
          "langtid_av_maneder")


def decision_settings(kontor_id: int) -> DecisionSettings:
    """Return the office's settings, or the defaults when none are saved."""
    row = Vedtaksinnstillinger.objects.filter(kontor_id=kontor_id).first()
    if row is None:
        return DecisionSettings()
    return DecisionSettings(**{f: getattr(row, f) for f in FIELDS})


def _require_leder(scope: Scope, actor: object, kontor_id: int) -> None:
    if not (Role.LEDER in scope.roles and scope.can_write and scope.kontor_allowed(kontor_id)):
        record(actor=actor, action=Action.DENIED, object_type="vedtaksinnstillinger",
               object_id=kontor_id, purpose="endre vedtaksinnstillinger", kontor_id=kontor_id)
        raise NotFound("Fant ikke innstillingene, eller du har ikke tilgang til å endre dem.")


def decision_settings_for_leder(*, scope: Scope, actor: object, kontor_id: int
                                ) -> DecisionSettings:
    """Return the office's settings for its leder to edit; NotFound (logged) for anyone else."""
    _require_leder(scope, actor, kontor_id)
    return decision_settings(kontor_id)


def set_decision_settings(
    *, scope: Scope, actor: object, kontor_id: int, data: DecisionSettings, now: datetime
) -> DecisionSettings:
    """Save the office's decision settings; only the office's own leder may. A refused attempt
    is audit-logged as DENIED outside the write's transaction, so the log entry stays."""
    _require_leder(scope, actor, kontor_id)
    return _save(actor=actor, kontor_id=kontor_id, data=data, now=now)


@transaction.atomic
def _save(*, actor: object, kontor_id: int, data: DecisionSettings, now: datetime
          ) -> DecisionSettings:
    if not 1 <= data.langtid_maneder <= data.langtid_av_maneder <= 36:
        raise ValidationFailed("langtid_maneder: antall måneder må være mellom 1 og vinduet "
                               "(høyst 36).", code="invalid_decision_settings",
                               field="langtid_maneder")
    Vedtaksinnstillinger.objects.update_or_create(
        kontor_id=kontor_id, defaults={**{f: getattr(data, f) for f in FIELDS}, "endret_at": now})
    record(actor=actor, action=Action.WRITE, object_type="vedtaksinnstillinger",
           object_id=kontor_id, purpose="endre vedtaksinnstillinger", kontor_id=kontor_id)
    return data


def months_with_support(*, person_id: int, today: date, window: int) -> int:
    """Return in how many of the last ``window`` months the person had granted § 18 support."""
    start = add_months(today.replace(day=1), -window)
    months: set[tuple[int, int]] = set()
    rows = Vedtak.objects.filter(
        sak__soknad__person_id=person_id, hjemmel__in=("§ 18", "§ 18 nødhjelp"),
        utfall__in=("INNVILGET", "DELVIS_INNVILGET"), fattet_at__date__gte=start,
    ).values_list("periode_fra", "periode_til", "fattet_at")
    for fra, til, fattet in rows:
        day = (fra or fattet.date()).replace(day=1)
        end = til or add_months(day, 1)
        while day < end and day <= today:
            if day >= start:
                months.add((day.year, day.month))
            day = add_months(day, 1)
    return len(months)
