"""Bounds on every value that enters through the JSON API (issue 10, threat: input that the
database or the rules cannot hold gave 500s).

The API answers 422 in its one error shape, naming the field, before anything reaches the
domain. The domain checks the same things again (defence in depth); these types are the edge.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator, Field

from sosialsak.kernel.clock import local_date

# Ids are positive 64-bit integers (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
# No single amount in økonomisk sosialhjelp comes near 100 million kroner.
MAX_KRONER = 100_000_000
FIRST_CASE_DAY = date(2000, 1, 1)
LAST_CASE_DAY = date(2099, 12, 31)
FIRST_BIRTH_DAY = date(1900, 1, 1)
# A receipt time may be a little ahead of the server's clock (time zones, a clock that is
# off), never more.
RECEIPT_LEEWAY = timedelta(days=3)
MAX_LIST = 100


def _case_date(value: date) -> date:
    if not FIRST_CASE_DAY <= value <= LAST_CASE_DAY:
        raise ValueError(f"datoen må være mellom {FIRST_CASE_DAY:%d.%m.%Y} og "
                         f"{LAST_CASE_DAY:%d.%m.%Y}")
    return value


def _aware(value: datetime) -> datetime:
    # A time without offset is read as Norwegian local time, as the caseworker pages do.
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _case_time(value: datetime) -> datetime:
    value = _aware(value)
    _case_date(value.date())
    return value


def _received_at(value: datetime) -> datetime:
    value = _case_time(value)
    if value > timezone.now() + RECEIPT_LEEWAY:
        raise ValueError("mottakstidspunktet kan ikke være mer enn noen dager fram i tid")
    return value


def _birth_date(value: date) -> date:
    if not FIRST_BIRTH_DAY <= value <= local_date(timezone.now()):
        raise ValueError(f"fødselsdatoen må være mellom {FIRST_BIRTH_DAY:%d.%m.%Y} og i dag")
    return value


def _search_term(value: str) -> str:
    # Compatibility forms ("²", "①") are read as the plain character; a term that is still
    # "digits" but not a decimal number would otherwise fail int() in the search.
    value = unicodedata.normalize("NFKC", value).strip()
    if value.isdigit() and (not value.isdecimal() or len(value) > 18):
        raise ValueError("søket må være tekst eller et søknadsnummer")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID, description="an id (1 … 2⁶³−1)")]
Kroner = Annotated[int, Field(ge=0, le=MAX_KRONER, description="whole kroner")]
SignedKroner = Annotated[int, Field(ge=-MAX_KRONER, le=MAX_KRONER,
                                    description="whole kroner, may be negative")]
Count = Annotated[int, Field(ge=0, le=10_000)]
Days = Annotated[int, Field(ge=1, le=365, description="days (1–365)")]
# No NUL character in any text: PostgreSQL cannot store one (a 500 there, found by the fuzz
# run on PostgreSQL); the pattern also tells clients and schemathesis.
NO_NUL = r"^[^\x00]*$"
Code = Annotated[str, Field(max_length=50, pattern=NO_NUL)]
Line = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
Text = Annotated[str, Field(max_length=20_000, pattern=NO_NUL)]
SearchTerm = Annotated[str, Field(max_length=100, pattern=NO_NUL),
                       AfterValidator(_search_term)]
CaseDate = Annotated[date, AfterValidator(_case_date),
                     Field(description="a date from 2000-01-01 to 2099-12-31")]
CaseTime = Annotated[datetime, AfterValidator(_case_time),
                     Field(description="a time from the year 2000 to 2099")]
ReceivedAt = Annotated[datetime, AfterValidator(_received_at),
                       Field(description="from the year 2000, at most 3 days ahead of now")]
BirthDate = Annotated[date, AfterValidator(_birth_date),
                      Field(description="from 1900-01-01 to today")]

