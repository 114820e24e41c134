"""Writes for rate sets: register a state or municipal rate set from a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sosialsak.contexts.accounts.models import Kommune, Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.rates.models import RateConfirmation, RateSet
from sosialsak.contexts.rates.models import Scope as RateScope
from sosialsak.contexts.rates.status import rate_set_status
from sosialsak.kernel.errors import NotFound, ValidationFailed
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
        scope=RateScope.MUNICIPAL if data.kommunenummer else RateScope.STATE,
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


class UnableToConfirmRates(ValidationFailed):
    code = "unable_to_confirm_rates"


def confirm_rates_for_year(*, scope: Scope, actor: object, kommunenummer: str, year: int,
                           now: datetime) -> RateConfirmation:
    """Record that the rate set in force on 1 January of ``year`` still applies for the whole
    year in ``kommunenummer`` (issue 11, item 4). Only a leder of an office serving the
    municipality, or an administrator, may; who and when are kept and audit-logged.

    Raise NotFound (logged as DENIED) for anyone else; UnableToConfirmRates naming the field
    when a set starting in the year exists already (nothing to confirm) or the year is taken.
    A refusal is logged outside the write's transaction, so the log entry stays."""
    if not _may_confirm(scope, kommunenummer):
        record(actor=actor, action=Action.DENIED, object_type="rate_confirmation",
               object_id=kommunenummer, purpose="bekrefte satser")
        raise NotFound("Fant ikke kommunen, eller du har ikke tilgang til å bekrefte satser.")
    return _confirm(actor=actor, kommunenummer=kommunenummer, year=year, now=now)


@transaction.atomic
def _confirm(*, actor: object, kommunenummer: str, year: int, now: datetime
             ) -> RateConfirmation:
    if not 2000 <= year <= 2100:
        raise UnableToConfirmRates("year: oppgi et år, f.eks. 2026.", field="year")
    status = rate_set_status(kommune=kommunenummer, month=date(year, 1, 1))
    if status.valid_from is None:
        raise UnableToConfirmRates(f"year: det finnes ingen satser som gjelder 1.1.{year}. "
                                   "Registrer satsene for året.", field="year")
    if status.valid_from.year == year:
        raise UnableToConfirmRates(f"year: satsene for {year} er allerede registrert (fra "
                                   f"{status.valid_from:%d.%m.%Y}).", field="year")
    if RateConfirmation.objects.filter(kommunenummer=kommunenummer, year=year).exists():
        raise UnableToConfirmRates(f"year: satsene for {year} er allerede bekreftet.",
                                   field="year")
    row = RateConfirmation.objects.create(
        kommunenummer=kommunenummer, year=year, rate_set_from=status.valid_from,
        confirmed_at=now, confirmed_by_id=getattr(actor, "pk", None),
        confirmed_by_name=getattr(actor, "username", "") or "system")
    record(actor=actor, action=Action.WRITE, object_type="rate_confirmation", object_id=row.pk,
           purpose="bekrefte satser")
    return row


def _may_confirm(scope: Scope, kommunenummer: str) -> bool:
    if not scope.can_write and Role.ADMIN not in scope.roles:
        return False
    if Role.ADMIN in scope.roles:
        return Kommune.objects.filter(nummer=kommunenummer).exists()
    return Role.LEDER in scope.roles and Kommune.objects.filter(
        nummer=kommunenummer, kontorer__id__in=scope.kontor_ids).exists()
