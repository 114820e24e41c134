"""The population register port (issue 18 item 7): look up a person and their household.

The contexts ask a ``PersonRegister`` and get plain values back; which register answers is an
adapter (``people.register_adapters``: the Folkeregister over HTTP, or the local fake with
synthetic people) installed at start-up by ``interfaces.wiring``. Nothing is looked up when no
register is installed (the default in development and tests), so the system works without one.

The register's address protection is authoritative: ``people.operations.apply_register_protection``
applies it, and what a caseworker or an application typed never lowers it (docs/adr/0011).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sosialsak.contexts.people.models import Adressebeskyttelse


class RegisterUnavailable(Exception):
    """The register did not answer (network, token, server error): the caller goes on with
    what it has and may try again; never a reason to refuse an application."""


@dataclass(frozen=True)
class RegisterAddress:
    gateadresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    kommunenummer: str = ""


@dataclass(frozen=True)
class Relation:
    """One family relation as the register states it, seen from the person looked up."""

    fodselsnummer: str
    rolle: str  # BARN | EKTEFELLE_ELLER_PARTNER | MOR | FAR | MEDMOR


@dataclass(frozen=True)
class RegisterPerson:
    fodselsnummer: str
    fornavn: str
    etternavn: str
    adresse: RegisterAddress | None  # None when protected: the register gives no address
    adressebeskyttelse: str = Adressebeskyttelse.INGEN
    relasjoner: tuple[Relation, ...] = field(default_factory=tuple)

    @property
    def barn(self) -> tuple[str, ...]:
        return tuple(r.fodselsnummer for r in self.relasjoner if r.rolle == "BARN")

    @property
    def partner(self) -> str | None:
        return next((r.fodselsnummer for r in self.relasjoner
                     if r.rolle == "EKTEFELLE_ELLER_PARTNER"), None)


@dataclass(frozen=True)
class RegisterHousehold:
    """The person with the partner and children the register relates them to (each looked
    up, so each carries its own address protection)."""

    person: RegisterPerson
    partner: RegisterPerson | None
    barn: tuple[RegisterPerson, ...]


class PersonRegister(Protocol):
    def person(self, fodselsnummer: str) -> RegisterPerson | None:
        """Return the person, or None when the register has no such number.
        Raise RegisterUnavailable when the register cannot be asked."""
        ...


def household(register: PersonRegister, fodselsnummer: str) -> RegisterHousehold | None:
    """Look up a person and then each related partner and child."""
    person = register.person(fodselsnummer)
    if person is None:
        return None
    partner = register.person(person.partner) if person.partner else None
    barn = tuple(b for b in (register.person(n) for n in person.barn) if b is not None)
    return RegisterHousehold(person=person, partner=partner, barn=barn)


_installed: list[PersonRegister] = []


def install_register(register: PersonRegister | None) -> None:
    """Install the register adapter (``interfaces.wiring``; tests install a fake)."""
    _installed.clear()
    if register is not None:
        _installed.append(register)


def current_register() -> PersonRegister | None:
    return _installed[0] if _installed else None
