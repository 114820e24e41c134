"""The content of a decision letter (vedtaksbrev): what was decided, why, and how to appeal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from sosialsak.formats.letters._format import kroner
from sosialsak.formats.letters.felles import (
    InvalidLetter,
    Kontor,
    Mottaker,
    Periode,
    require_text,
)
from sosialsak.formats.letters.hjemler import Lovhenvisninger


class Utfall(StrEnum):
    """The outcome of one decided item (the Digisos ``utfall`` values)."""

    INNVILGET = "INNVILGET"
    DELVIS_INNVILGET = "DELVIS_INNVILGET"
    AVSLATT = "AVSLATT"
    AVVIST = "AVVIST"

    @property
    def tekst(self) -> str:
        """Return the outcome in plain Bokmål, as a sentence fragment."""
        return _UTFALL_TEKST[self]


_UTFALL_TEKST = {
    Utfall.INNVILGET: "innvilget",
    Utfall.DELVIS_INNVILGET: "delvis innvilget",
    Utfall.AVSLATT: "avslått",
    Utfall.AVVIST: "avvist",
}


class Stonadsform(StrEnum):
    """The form the support takes (sosialtjenesteloven § 21)."""

    BIDRAG = "BIDRAG"
    LAN = "LAN"
    GARANTI = "GARANTI"
    VARER_OG_TJENESTER = "VARER_OG_TJENESTER"

    @property
    def tekst(self) -> str:
        """Return the form in plain Bokmål, with what it means for the person."""
        return _FORM_TEKST[self]


_FORM_TEKST = {
    Stonadsform.BIDRAG: "Bidrag. Du skal ikke betale pengene tilbake.",
    Stonadsform.LAN: "Lån. Du skal betale pengene tilbake.",
    Stonadsform.GARANTI: "Garanti. Vi garanterer for beløpet overfor den som skal ha det.",
    Stonadsform.VARER_OG_TJENESTER: "Varer og tjenester. Vi betaler direkte til den som leverer.",
}


class Beregningslinje(NamedTuple):
    """One line of the calculation: a text and an amount (negative for what is deducted)."""

    tekst: str
    belop: Decimal


class Maanedsbelop(NamedTuple):
    """What is paid for one month of a decision calculated month by month."""

    maned: date  # the month's first day
    belop: Decimal


@dataclass(frozen=True, kw_only=True)
class Vilkar:
    """A condition attached to the support (sosialtjenesteloven § 20 or § 20 a).

    ``konsekvens`` is required: a later reduction is only lawful if the decision said what
    happens when the condition is not met.
    """

    hva: str
    frist: date | str
    oppfolging: str
    konsekvens: str
    hjemmel: str = "sosialtjenesteloven § 20"

    def __post_init__(self) -> None:
        require_text(self.hva, field="vilkar.hva",
                     message="Vilkåret mangler hva personen skal gjøre.")
        require_text(self.oppfolging, field="vilkar.oppfolging",
                     message="Vilkåret mangler hvordan vi følger det opp.")
        require_text(self.konsekvens, field="vilkar.konsekvens",
                     message="Vilkåret mangler hva som skjer hvis det ikke blir oppfylt.")


@dataclass(frozen=True, kw_only=True)
class Barnevurdering:
    """How one child's needs were assessed in the decision (R35: children's needs weigh
    especially); ``navn`` is how the child is referred to in the letter."""

    navn: str
    vurdering: str

    def __post_init__(self) -> None:
        require_text(self.navn, field="barn.navn", message="Et barn mangler navn i vurderingen.")
        require_text(self.vurdering, field="barn.vurdering",
                     message=f"Vurderingen av barnet {self.navn} mangler.")


@dataclass(frozen=True, kw_only=True)
class Vedtakspunkt:
    """One decided item: the outcome, the amount with its calculation, and the reasons.

    The ``beregning`` lines are addends: they must sum to ``belop``, which the letter prints as
    the result line of the calculation. ``begrunnelse`` states the facts and rules the decision
    rests on and the main considerations (fvl §§ 24–25); blank lines separate paragraphs.
    ``barn`` holds the assessment of each child in the household, printed with the reasons.
    """

    tittel: str
    utfall: Utfall
    hjemmel: str
    begrunnelse: str
    stonadsform: Stonadsform | None = None
    periode: Periode | None = None
    belop: Decimal | None = None
    beregning: tuple[Beregningslinje, ...] = ()
    vilkar: tuple[Vilkar, ...] = ()
    barn: tuple[Barnevurdering, ...] = ()
    nedbetaling: str = ""
    # A decision calculated month by month: what is paid for each month. The letter then
    # shows the amount per month and the total, not one month's amount for the whole period;
    # ``belop`` and ``beregning`` are the first month's.
    maneder: tuple[Maanedsbelop, ...] = ()

    @property
    def total(self) -> Decimal | None:
        if not self.maneder:
            return None
        return sum((Decimal(m.belop) for m in self.maneder), Decimal(0))

    @property
    def lik_per_maned(self) -> bool:
        return len({m.belop for m in self.maneder}) <= 1

    def __post_init__(self) -> None:
        require_text(self.tittel, field="vedtak.tittel", message="Vedtaket mangler en tittel.")
        require_text(self.hjemmel, field="vedtak.hjemmel",
                     message=f"Vedtaket «{self.tittel}» mangler hjemmel.")
        require_text(self.begrunnelse, field="vedtak.begrunnelse",
                     message=f"Vedtaket «{self.tittel}» mangler begrunnelse.")
        if self.beregning and self.belop is not None:
            total = sum((Decimal(line.belop) for line in self.beregning), Decimal(0))
            if total != Decimal(self.belop):
                raise InvalidLetter(
                    f"Beregningen for «{self.tittel}» blir {kroner(total)}, "
                    f"men beløpet er {kroner(self.belop)}.",
                    field="vedtak.beregning",
                )
        if self.stonadsform is Stonadsform.LAN and self.innvilget:
            require_text(self.nedbetaling, field="vedtak.nedbetaling",
                         message=f"Lånet «{self.tittel}» mangler vilkår for nedbetaling.")

    @property
    def innvilget(self) -> bool:
        """Return whether the person gets something from this item."""
        return self.utfall in (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET)


class Betalingsgrunnlag(StrEnum):
    """Why a payment goes to someone other than the person (sosialtjenesteloven § 22: the
    benefit is paid to the applicant unless ...)."""

    SAMTYKKE = "SAMTYKKE"
    """The person's consent (§ 22; R35 4.22.1); how it is paid is then not appealable."""
    VEDTAK_21 = "VEDTAK_21"
    """A decision that the support is given as goods or services (§ 21 fourth paragraph)."""


@dataclass(frozen=True, kw_only=True)
class Utbetaling:
    """One planned payment: when, how much and to whom (``mottaker`` as it should read);
    ``grunnlag`` says why it is paid to someone other than the person (the letter names
    it); None for the person's own payments."""

    dato: date
    belop: Decimal
    mottaker: str
    gjelder: str = ""
    grunnlag: Betalingsgrunnlag | None = None


@dataclass(frozen=True, kw_only=True)
class Klageinfo:
    """Where an appeal ends up; it is always sent to the office first (fvl § 32)."""

    klageinstans: str
    digital_klage: str = ""
    """Where to appeal digitally (for example ``nav.no/klage``), or empty when not offered."""
    kom_fram: date | None = None
    """When the letter is taken to reach the person, if it is sent as planned (fvl § 29)."""
    klagefrist: date | None = None
    """The appeal deadline counted from ``kom_fram`` (printed with it)."""

    def __post_init__(self) -> None:
        require_text(self.klageinstans, field="klage.klageinstans",
                     message="Brevet mangler hvilken statsforvalter som behandler klager.")


@dataclass(frozen=True, kw_only=True)
class Vedtaksbrev:
    """A decision letter covering one or more decided items of an application."""

    kontor: Kontor
    mottaker: Mottaker
    dato: date
    saksreferanse: str
    vedtak: tuple[Vedtakspunkt, ...]
    klage: Klageinfo
    saksbehandler: str
    utbetalinger: tuple[Utbetaling, ...] = ()
    soknadsdato: date | None = None
    godkjent_av: str = ""
    """The second caseworker who approved the decision (four-eyes), if any."""
    hjemler: Lovhenvisninger | None = None
    """The procedural references to print; None: those in force on ``dato`` (see ``hjemler``)."""

    def __post_init__(self) -> None:
        if not self.vedtak:
            raise InvalidLetter("Vedtaksbrevet har ingen vedtak.", field="vedtak")
        require_text(self.saksreferanse, field="saksreferanse",
                     message="Brevet mangler saksnummer.")
        require_text(self.saksbehandler, field="saksbehandler",
                     message="Brevet mangler navnet på saksbehandleren.")
