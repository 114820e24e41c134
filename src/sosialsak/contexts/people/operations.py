"""Writes for people: find or create a person, record one application's household, and apply
an audited correction of the person record (issue 10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings

from sosialsak.contexts.people.models import (
    Adressebeskyttelse,
    Barn,
    Bosted,
    Husstand,
    HusstandBarn,
    Partner,
    Person,
)
from sosialsak.contexts.people.register import RegisterPerson
from sosialsak.contexts.transactions import atomic_operation
from sosialsak.kernel.bounds import check_birth_date
from sosialsak.kernel.clock import local_date
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


@dataclass(frozen=True)
class StatedApplicant:
    """The applicant's details as stated in one application (kept with it, never copied to
    the person record)."""

    fornavn: str
    etternavn: str
    telefon: str = ""
    gateadresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    kommunenummer: str = ""
    kontonummer: str = ""
    tolkebehov: bool = False
    tolkesprak: str = ""


def _check_name(fornavn: str, etternavn: str) -> None:
    if not fornavn.strip() or not etternavn.strip():
        raise ValidationFailed("navn: fornavn og etternavn må fylles ut.", field="navn")


@atomic_operation
def person_for_application(
    *, fodselsnummer: str, stated: StatedApplicant, field: str = "fodselsnummer",
    savepoint: bool = True,  # read by @atomic_operation (contexts/transactions.py)
    **details: object,
) -> Person:
    """Return the person with this number; create the record from ``stated`` if there is none.

    An existing person is returned *unchanged* whoever registers and whatever they state
    (issue 10: a new application overwrote another office's person). ``details`` (address
    protection, language) apply only to a record created here.
    """
    return find_or_create_person(fodselsnummer=fodselsnummer, stated=stated, field=field,
                                 **details)[0]


def find_or_create_person(
    *, fodselsnummer: str, stated: StatedApplicant, field: str = "fodselsnummer",
    **details: object,
) -> tuple[Person, bool]:
    """:func:`person_for_application` inside the caller's transaction, also telling whether
    the record was created here (then it has no child rows yet: see ``record_household``)."""
    fnr = check_fnr(fodselsnummer, field=field)
    _check_name(stated.fornavn, stated.etternavn)
    existing = Person.objects.filter(fodselsnummer=fnr).first()
    if existing is not None:
        return existing, False
    person = Person(
        fodselsnummer=fnr, fornavn=stated.fornavn.strip(), etternavn=stated.etternavn.strip(),
        fodselsdato=birth_date_of(fnr), gateadresse=stated.gateadresse,
        postnummer=stated.postnummer, poststed=stated.poststed,
        kommunenummer=stated.kommunenummer, telefon=stated.telefon,
        tolkebehov=stated.tolkebehov, tolkesprak=stated.tolkesprak)
    for key, value in details.items():
        if value is not None:
            setattr(person, key, value)
    # The number was looked up just above; the unique index still guards a race.
    person.full_clean(exclude=["user"], validate_unique=False)
    person.save()
    return person, True


@atomic_operation
def record_household(
    *, person: Person, stated: StatedApplicant, partner: PartnerInput | None,
    barn: list[BarnInput], kilde: str, at: datetime, kontor_id: int | None,
    actor: object = None, savepoint: bool = True,  # read by @atomic_operation
    new_person: bool = False,
) -> Husstand:
    """Store the applicant's details and household as stated in one application.

    Creates a new ``Husstand``; never changes the person record or any other household. A
    child keeps its row across the *same office's* applications (matched on fødselsnummer, or
    on name and birth date), so its kartlegging stays with it; another office's rows are never
    matched, reused or changed.
    """
    _check_name(stated.fornavn, stated.etternavn)
    today = local_date(at)
    h = Husstand(
        person=person, kilde=kilde, oppgitt_at=at, kontor_id=kontor_id,
        registrert_av_id=getattr(actor, "pk", None), fornavn=stated.fornavn.strip(),
        etternavn=stated.etternavn.strip(), telefon=stated.telefon.strip(),
        gateadresse=stated.gateadresse.strip(), postnummer=stated.postnummer.strip(),
        poststed=stated.poststed.strip(), kommunenummer=stated.kommunenummer.strip(),
        kontonummer=stated.kontonummer.strip(), tolkebehov=stated.tolkebehov,
        tolkesprak=stated.tolkesprak.strip())
    h.full_clean(exclude=["person", "registrert_av", "kontor"])
    h.save()
    if partner is not None:
        pfnr = check_fnr(partner.fodselsnummer, field="partner.fodselsnummer") \
            if partner.fodselsnummer else ""
        born = partner.fodselsdato or (birth_date_of(pfnr) if pfnr else None)
        if born is not None:
            check_birth_date(born, today=today, field="partner.fodselsdato")
        p = Partner(person=person, husstand=h, navn=partner.navn, relasjon=partner.relasjon,
                    fodselsnummer=pfnr, bor_sammen=partner.bor_sammen, fodselsdato=born)
        p.full_clean(exclude=["person", "husstand"])
        p.save()
    if not barn:
        return h
    # A person created in this same transaction (``new_person``) has no child rows to match.
    own = list(Barn.objects.filter(person=person, kontor_id=kontor_id)) \
        if kontor_id is not None and not new_person else []
    # Every child is checked and matched first; then the new children and the memberships are
    # written in one INSERT each, whatever the number of children (issue 13).
    kept: set[int] = set()
    chosen: list[tuple[Barn, str]] = []
    new: list[Barn] = []
    numbered: list[Barn] = []
    for i, child in enumerate(barn):
        check_birth_date(child.fodselsdato, today=today, field=f"barn[{i}].fodselsdato")
        cfnr = check_fnr(child.fodselsnummer, field=f"barn[{i}].fodselsnummer") \
            if child.fodselsnummer else ""
        b = next((e for e in own if e.pk not in kept and (
            (cfnr and e.fodselsnummer == cfnr)
            or (e.navn == child.navn and e.fodselsdato == child.fodselsdato))), None)
        if b is None:
            b = Barn(person=person, kontor_id=kontor_id, navn=child.navn,
                     fodselsdato=child.fodselsdato, bosted=child.bosted, fodselsnummer=cfnr)
            b.full_clean(exclude=["person", "kontor"])
            new.append(b)
        else:
            kept.add(b.pk)
            if cfnr and not b.fodselsnummer:  # a number now stated for a child known here
                b.fodselsnummer = cfnr
                numbered.append(b)
        chosen.append((b, child.bosted))
    Barn.objects.bulk_create(new)
    Barn.objects.bulk_update(numbered, ["fodselsnummer"])
    members = [HusstandBarn(husstand=h, barn=b, bosted=bosted) for b, bosted in chosen]
    for member in members:
        member.full_clean(exclude=["husstand", "barn"])
    HusstandBarn.objects.bulk_create(members)
    return h


@dataclass(frozen=True)
class PersonCorrection:
    """A correction of the person record; None leaves a field as it is."""

    fornavn: str | None = None
    etternavn: str | None = None
    gateadresse: str | None = None
    postnummer: str | None = None
    poststed: str | None = None
    telefon: str | None = None


def apply_correction(person: Person, correction: PersonCorrection) -> list[str]:
    """Change the person record; return the names of the fields changed (for the audit entry).

    Only ``intake.operations.correct_person`` calls this, after checking the caller's scope.
    """
    changed = []
    for name, value in vars(correction).items():
        if value is not None and getattr(person, name) != value.strip():
            setattr(person, name, value.strip())
            changed.append(name)
    _check_name(person.fornavn, person.etternavn)
    person.full_clean(exclude=["user"])
    if changed:
        person.save(update_fields=changed)
    return changed


def apply_register_protection(person: Person, found: RegisterPerson, *, at: datetime) -> bool:
    """Set the person's address protection from the population register; return whether it
    changed. Only ``intake.operations.protect_from_register`` calls this (it audits).

    The register wins over anything typed: a graded protection there is always applied. The
    register lifts only a protection it gave itself: one set by hand (say, while the register
    is being updated) is never removed by a register answer of "ugradert" (docs/adr/0011).
    """
    new = found.adressebeskyttelse
    if new not in Adressebeskyttelse.values:
        new = Adressebeskyttelse.STRENGT_FORTROLIG
    old = person.adressebeskyttelse
    # A protection the register did not give (set by hand, or changed after it answered).
    by_hand = old != Adressebeskyttelse.INGEN and old != person.adressebeskyttelse_register
    person.adressebeskyttelse_register = new
    person.adressebeskyttelse_fra_register = at
    if not (new == Adressebeskyttelse.INGEN and by_hand):
        person.adressebeskyttelse = new
    person.save(update_fields=["adressebeskyttelse", "adressebeskyttelse_register",
                               "adressebeskyttelse_fra_register"])
    return person.adressebeskyttelse != old
