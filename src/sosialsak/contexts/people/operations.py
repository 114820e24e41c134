"""Writes for people: register or update a person and their household."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from sosialsak.contexts.people.models import Barn, Bosted, Partner, Person
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import parse_fodselsnummer


@dataclass(frozen=True)
class BarnInput:
    navn: str
    fodselsdato: date
    bosted: str = Bosted.FAST
    fodselsnummer: str = ""


@dataclass(frozen=True)
class PartnerInput:
    navn: str
    relasjon: str
    fodselsdato: date | None = None
    fodselsnummer: str = ""
    bor_sammen: bool = True


def check_fnr(value: str, *, field: str) -> str:
    """Return the checked number as digits; raise ValidationFailed naming ``field``."""
    allow = getattr(settings, "SOSIALSAK_ALLOW_SYNTHETIC_IDS", False)
    return parse_fodselsnummer(value, field=field, allow_synthetic=allow).value


def birth_date_of(fnr: str) -> date:
    allow = getattr(settings, "SOSIALSAK_ALLOW_SYNTHETIC_IDS", False)
    return parse_fodselsnummer(fnr, allow_synthetic=allow).birth_date


@transaction.atomic
def upsert_person(
    *,
    fodselsnummer: str,
    fornavn: str,
    etternavn: str,
    field: str = "fodselsnummer",
    **details: object,
) -> Person:
    """Return the person with this number, created or updated with the given details."""
    fnr = check_fnr(fodselsnummer, field=field)
    if not fornavn.strip() or not etternavn.strip():
        raise ValidationFailed("navn: fornavn og etternavn må fylles ut.", field="navn")
    person, _ = Person.objects.get_or_create(
        fodselsnummer=fnr,
        defaults={"fornavn": fornavn, "etternavn": etternavn, "fodselsdato": birth_date_of(fnr)},
    )
    person.fornavn, person.etternavn = fornavn.strip(), etternavn.strip()
    for key, value in details.items():
        if value is not None:
            setattr(person, key, value)
    person.full_clean(exclude=["user"])
    person.save()
    return person


@transaction.atomic
def set_household(
    *, person: Person, partner: PartnerInput | None, barn: list[BarnInput]
) -> None:
    """Replace the person's household with ``partner`` and ``barn`` (each child its own row).

    A child who is still in the household keeps its row (matched on fødselsnummer, or on name
    and birth date), so what is recorded about the child, such as its kartlegging, stays with
    it across applications.
    """
    Partner.objects.filter(person=person).delete()
    if partner is not None:
        pfnr = check_fnr(partner.fodselsnummer, field="partner.fodselsnummer") \
            if partner.fodselsnummer else ""
        p = Partner(person=person, navn=partner.navn, relasjon=partner.relasjon,
                    fodselsnummer=pfnr, bor_sammen=partner.bor_sammen,
                    fodselsdato=partner.fodselsdato or (birth_date_of(pfnr) if pfnr else None))
        p.full_clean(exclude=["person"])
        p.save()
    existing = list(Barn.objects.filter(person=person))
    kept: set[int] = set()
    for i, child in enumerate(barn):
        cfnr = check_fnr(child.fodselsnummer, field=f"barn[{i}].fodselsnummer") \
            if child.fodselsnummer else ""
        b = next((e for e in existing if e.pk not in kept and (
            (cfnr and e.fodselsnummer == cfnr)
            or (e.navn == child.navn and e.fodselsdato == child.fodselsdato))), None) \
            or Barn(person=person)
        b.navn, b.fodselsdato, b.bosted, b.fodselsnummer = (
            child.navn, child.fodselsdato, child.bosted, cfnr or b.fodselsnummer)
        b.full_clean(exclude=["person"])
        b.save()
        kept.add(b.pk)
    Barn.objects.filter(person=person).exclude(pk__in=kept).delete()
