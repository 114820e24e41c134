"""Parts every letter shares: the sending office, the recipient and a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak.formats.letters.dokument import clean
from sosialsak.kernel.errors import ValidationFailed


class InvalidLetter(ValidationFailed):
    """Raise when a letter's content is incomplete or contradicts itself; nothing is rendered."""

    code = "invalid_letter"


def require_text(value: str, *, field: str, message: str) -> None:
    """Raise InvalidLetter when ``value`` has nothing printable in it."""
    if not clean(value):
        raise InvalidLetter(message, field=field)


@dataclass(frozen=True, kw_only=True)
class Kontor:
    """The NAV office that sends the letter and receives replies and appeals."""

    navn: str
    adresse: tuple[str, ...]
    telefon: str

    def __post_init__(self) -> None:
        require_text(self.navn, field="kontor.navn",
                     message="Brevet mangler navnet på NAV-kontoret.")
        require_text(self.telefon, field="kontor.telefon",
                     message="Brevet mangler telefonnummeret til NAV-kontoret.")
        if not any(line.strip() for line in self.adresse):
            raise InvalidLetter("Brevet mangler adressen til NAV-kontoret.", field="kontor.adresse")

    @property
    def adresse_linje(self) -> str:
        """Return the address on one line, for running text."""
        return ", ".join(line.strip() for line in self.adresse if line.strip())


@dataclass(frozen=True, kw_only=True)
class Mottaker:
    """The person the letter is addressed to.

    A person with a protected address (fortrolig or strengt fortrolig) must never have the
    address printed. Set ``adressebeskyttet=True`` and leave ``adresse`` empty: giving both is
    refused, so the address cannot reach the letter by mistake.
    """

    navn: str
    adresse: tuple[str, ...] = ()
    adressebeskyttet: bool = False

    def __post_init__(self) -> None:
        require_text(self.navn, field="mottaker.navn",
                     message="Brevet mangler navnet på mottakeren.")
        if self.adressebeskyttet and any(line.strip() for line in self.adresse):
            raise InvalidLetter(
                "Mottakeren har adressebeskyttelse. Adressen skal ikke stå i brevet.",
                field="mottaker.adresse",
            )

    @classmethod
    def beskyttet(cls, navn: str) -> Mottaker:
        """Return a recipient with a protected address: only the name is printed."""
        return cls(navn=navn, adressebeskyttet=True)

    @property
    def adresselinjer(self) -> tuple[str, ...]:
        """Return the address lines that may be printed (none when the address is protected)."""
        if self.adressebeskyttet:
            return ()
        return tuple(line for line in self.adresse if line.strip())


@dataclass(frozen=True, kw_only=True)
class Periode:
    """A period of days, both ends included."""

    fra: date
    til: date

    def __post_init__(self) -> None:
        if self.til < self.fra:
            raise InvalidLetter("Perioden slutter før den begynner.", field="periode")
