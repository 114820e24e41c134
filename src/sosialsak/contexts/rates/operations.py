"""Writes for rate sets: register a state or municipal rate set from a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.rates.models import RateSet, Scope
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.engine.overlays import RATE_NAMES

CAP_FIELDS = ("tak_husleie", "tak_strom", "tak_kommunale_avgifter", "tak_forsikring")


class UnableToRegisterRateSet(ValidationFailed):
    code = "unable_to_register_rate_set"


@dataclass(frozen=True)
class RateSetInput:
    """The six rates in whole kroner per month, and optional housing caps (municipal only)."""

    valid_from: date
    reference: str
    enslig: int
    ektepar_samboere: int
    bofellesskap: int
    barn_0_5: int
    barn_6_10: int
    barn_11_17: int
    kommunenummer: str = ""
    tak_husleie: int | None = None
    tak_strom: int | None = None
    tak_kommunale_avgifter: int | None = None
    tak_forsikring: int | None = None


def _first_error(exc: ValidationError) -> tuple[str, str]:
    for field, messages in exc.message_dict.items():
        return field, "; ".join(str(m) for m in messages)
    return "__all__", "; ".join(exc.messages)


@transaction.atomic
def register_rate_set(*, data: RateSetInput, actor: object, now: datetime) -> RateSet:
    """Register a rate set; raise UnableToRegisterRateSet naming the field on bad input.

    A set with a ``kommunenummer`` is the municipality's own; without, it is a state set.
    """
    if not data.reference.strip():
        raise UnableToRegisterRateSet("reference: oppgi kilden (f.eks. rundskrivets nummer).",
                                      field="reference")
    rate_set = RateSet(
        scope=Scope.MUNICIPAL if data.kommunenummer else Scope.STATE,
        kommunenummer=data.kommunenummer,
        valid_from=data.valid_from,
        reference=data.reference.strip(),
        registered_at=now,
        registered_by=getattr(actor, "username", "") or "system",
        **{name: getattr(data, name) for name in (*RATE_NAMES, *CAP_FIELDS)},
    )
    for name in RATE_NAMES:
        if not isinstance(getattr(data, name), int) or getattr(data, name) <= 0:
            raise UnableToRegisterRateSet(f"{name}: satsen må være et helt kronebeløp over 0.",
                                          field=name)
    try:
        rate_set.full_clean()
    except ValidationError as exc:
        field, message = _first_error(exc)
        if field == "__all__" and RateSet.objects.filter(
            scope=rate_set.scope, kommunenummer=rate_set.kommunenummer,
            valid_from=rate_set.valid_from,
        ).exists():
            field, message = "valid_from", "det finnes allerede et satssett fra denne datoen."
        raise UnableToRegisterRateSet(f"{field}: {message}", field=field) from exc
    try:
        with transaction.atomic():
            rate_set.save()
    except IntegrityError as exc:
        raise UnableToRegisterRateSet(
            "valid_from: det finnes allerede et satssett fra denne datoen.",
            field="valid_from") from exc
    record(actor=actor, action=Action.WRITE, object_type="rate_set", object_id=rate_set.pk,
           purpose="registrere satser")
    return rate_set
