"""The content of the letters sent while a case is open: documentation request, preliminary
reply and advance warning before a reduction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sosialsak.formats.letters.felles import (
    InvalidLetter,
    Kontor,
    Mottaker,
    Periode,
    require_text,
)
from sosialsak.formats.letters.hjemler import Lovhenvisninger


@dataclass(frozen=True, kw_only=True)
class Dokumentkrav:
    """One document we ask for, with an optional plain note on what exactly we need."""

    tittel: str
    beskrivelse: str = ""

    def __post_init__(self) -> None:
        require_text(self.tittel, field="dokumenter.tittel", message="Et dokument mangler navn.")


@dataclass(frozen=True, kw_only=True)
class DokumentasjonsBrev:
    """A request for documents before the application can be decided."""

    kontor: Kontor
    mottaker: Mottaker
    dato: date
    saksreferanse: str
    saksbehandler: str
    dokumenter: tuple[Dokumentkrav, ...]
    frist: date
    soknadsdato: date | None = None
    hjemler: Lovhenvisninger | None = None
    """The procedural references to print; None: those in force on ``dato`` (see ``hjemler``)."""

    def __post_init__(self) -> None:
        _require_case(self.saksreferanse, self.saksbehandler)
        if not self.dokumenter:
            raise InvalidLetter("Brevet ber ikke om noen dokumenter.", field="dokumenter")
        if self.frist <= self.dato:
            raise InvalidLetter("Fristen må være etter brevets dato.", field="frist")


@dataclass(frozen=True, kw_only=True)
class ForelopigSvar:
    """A preliminary reply when an application takes more than a month (fvl. 1967 § 11 a,
    new act § 17)."""

    kontor: Kontor
    mottaker: Mottaker
    dato: date
    saksreferanse: str
    saksbehandler: str
    soknadsdato: date
    grunn: str
    """Why it takes time, in plain words; blank lines separate paragraphs."""
    forventet_dato: date
    hjemler: Lovhenvisninger | None = None
    """The procedural references to print; None: those in force on ``dato`` (see ``hjemler``)."""

    def __post_init__(self) -> None:
        _require_case(self.saksreferanse, self.saksbehandler)
        require_text(self.grunn, field="grunn", message="Brevet mangler hvorfor det tar tid.")
        if self.forventet_dato <= self.dato:
            raise InvalidLetter("Forventet svardato må være etter brevets dato.",
                                field="forventet_dato")


class Varselmaaned(NamedTuple):
    """One month of the period a warning considers: what is paid for the month's days in the
    period now and after the reduction (a part month by days)."""

    maned: date  # the month's first day
    belop_na: Decimal
    belop_redusert: Decimal


@dataclass(frozen=True, kw_only=True)
class Forhandsvarsel:
    """An advance warning before a reduction for a broken condition (fvl. 1967 § 16, new act
    § 42).

    ``vilkar`` is the condition as the decision of ``vedtaksdato`` stated it; ``brudd`` is what
    we have registered; ``stonad`` names the support that may be reduced (``stønad til
    livsopphold``) from ``belop_na`` to ``belop_redusert`` (a whole month, the first) in
    ``periode``. ``maneder``: every month of the period with its own amounts (the months may
    differ: each month's rates and facts, a part month by days); the letter shows them and
    the total when they differ.
    """

    kontor: Kontor
    mottaker: Mottaker
    dato: date
    saksreferanse: str
    saksbehandler: str
    vedtaksdato: date
    vilkar: str
    brudd: str
    stonad: str
    belop_na: Decimal
    belop_redusert: Decimal
    periode: Periode
    svarfrist: date
    hjemmel: str = "sosialtjenesteloven § 20 tredje ledd"
    """The basis of the reduction (with «jf. § 20 a» for a § 20 a activity condition)."""
    vilkar_hjemmel: str = ""
    """The basis the condition was set on (``sosialtjenesteloven § 20`` or ``§ 20 a``)."""
    hjemler: Lovhenvisninger | None = None
    """The procedural references to print; None: those in force on ``dato`` (see ``hjemler``)."""
    maneder: tuple[Varselmaaned, ...] = ()

    @property
    def lik_per_maned(self) -> bool:
        """Whether every month pays the same whole-month amounts (one line says it all)."""
        return all(m.belop_na == self.belop_na and m.belop_redusert == self.belop_redusert
                   for m in self.maneder)

    def __post_init__(self) -> None:
        _require_case(self.saksreferanse, self.saksbehandler)
        for m in self.maneder:
            if not Decimal(0) <= Decimal(m.belop_redusert) <= Decimal(m.belop_na):
                raise InvalidLetter(f"Det reduserte beløpet for {m.maned:%m.%Y} må være lavere "
                                    "enn dagens beløp.", field="maneder")
        require_text(self.vilkar, field="vilkar", message="Varselet mangler vilkåret.")
        require_text(self.brudd, field="brudd",
                     message="Varselet mangler hva vi har registrert om vilkåret.")
        require_text(self.stonad, field="stonad",
                     message="Varselet mangler hvilken stønad det gjelder.")
        if not Decimal(0) <= Decimal(self.belop_redusert) < Decimal(self.belop_na):
            raise InvalidLetter("Det reduserte beløpet må være lavere enn dagens beløp.",
                                field="belop_redusert")
        if self.svarfrist <= self.dato:
            raise InvalidLetter("Svarfristen må være etter brevets dato.", field="svarfrist")


def _require_case(saksreferanse: str, saksbehandler: str) -> None:
    require_text(saksreferanse, field="saksreferanse", message="Brevet mangler saksnummer.")
    require_text(saksbehandler, field="saksbehandler",
                 message="Brevet mangler navnet på saksbehandleren.")
