"""Form fields that keep dates and numbers inside ``kernel.bounds`` (issue 10).

Every date and whole number in the caseworker forms uses one of these, so a year 0001 or 9999 or
a twenty-digit number is refused by the form, with the message by the field, before any
operation runs (the operations check again as a safety net).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sosialsak.kernel import bounds
from sosialsak.kernel.clock import local_date

CASE_RANGE = _("Datoen må ligge mellom %(fra)s og %(til)s.")


def _range_error() -> ValidationError:
    return ValidationError(CASE_RANGE % {
        "fra": bounds.EARLIEST_CASE_DATE.strftime("%d.%m.%Y"),
        "til": bounds.LATEST_CASE_DATE.strftime("%d.%m.%Y")}, code="out_of_range")


class CaseDateField(forms.DateField):
    """A date in a case: not before 2000, not after 2099."""

    def clean(self, value: Any) -> date | None:
        day = super().clean(value)
        if day is not None and not bounds.in_case_range(day):
            raise _range_error()
        return day


class CaseDateTimeField(forms.DateTimeField):
    """A date and time in a case: its date not before 2000, not after 2099."""

    def clean(self, value: Any) -> datetime | None:
        at = super().clean(value)
        if at is not None and not bounds.in_case_range(local_date(at)):
            raise _range_error()
        return at


class ReceivedField(forms.DateTimeField):
    """When an application was received: not before 2000 and at most a day ahead of now."""

    def clean(self, value: Any) -> datetime | None:
        at = super().clean(value)
        if at is None:
            return None
        if not bounds.in_case_range(local_date(at)):
            raise _range_error()
        if at > timezone.now() + bounds.RECEIPT_MAX_AHEAD:
            raise ValidationError(_("Mottatt-tidspunktet kan ikke ligge fram i tid."),
                                  code="out_of_range")
        return at


class BirthDateField(forms.DateField):
    """A birth date: not before 1900 and not in the future."""

    def clean(self, value: Any) -> date | None:
        day = super().clean(value)
        if day is not None and not bounds.EARLIEST_BIRTH_DATE <= day <= local_date(
                timezone.now()):
            raise ValidationError(_("Fødselsdatoen må ligge mellom 01.01.1900 og i dag."),
                                  code="out_of_range")
        return day


class BoundedIntegerField(forms.IntegerField):
    """A whole number with a ceiling (``kernel.bounds.MAX_AMOUNT_KR`` unless given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", bounds.MAX_AMOUNT_KR)
        super().__init__(*args, **kwargs)


def days_field(label: Any, **kwargs: Any) -> BoundedIntegerField:
    """A number of days (at most ``kernel.bounds.MAX_DAYS``)."""
    return BoundedIntegerField(label=label, max_value=bounds.MAX_DAYS, **kwargs)
