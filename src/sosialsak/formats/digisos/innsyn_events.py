"""What happened to an application, as plain values the innsyn builder turns into hendelser.

The app layer maps its event log to these dataclasses and calls
:func:`sosialsak.formats.digisos.innsyn.build_digisos_soker`. Every ``tidspunkt`` must be a
timezone-aware ``datetime``; the builder writes it in UTC with millisecond precision.
Retractions are new events with status ANNULLERT (payments, conditions, documentation
requirements) or FEILREGISTRERT (a sak); nothing is ever removed from the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True)
class Dokumentlager:
    """A PDF uploaded to Fiks dokumentlager (``id`` = dokumentlagerDokumentId, a UUID)."""

    id: str


@dataclass(frozen=True)
class SvarUt:
    """File number ``nr`` (1-based) of a letter already sent through SvarUt."""

    id: str
    nr: int


FilReferanse = Dokumentlager | SvarUt


@dataclass(frozen=True)
class Brevvedlegg:
    """An attachment (PDF) to a letter, with the title shown as its link text."""

    tittel: str
    referanse: FilReferanse


@dataclass(frozen=True)
class SoknadMottatt:
    """The kommune received the application (always the first hendelse)."""

    tidspunkt: datetime


@dataclass(frozen=True)
class SoknadStatusEndret:
    """The application as a whole changed status."""

    tidspunkt: datetime
    status: Literal["UNDER_BEHANDLING", "FERDIGBEHANDLET", "BEHANDLES_IKKE"]


@dataclass(frozen=True)
class NavKontorTildelt:
    """The case moved to another NAV office (four-digit NORG enhetsnummer)."""

    tidspunkt: datetime
    nav_kontor: str


@dataclass(frozen=True)
class SakStatus:
    """A sak (one thing applied for) was opened or changed status.

    ``tittel`` may be left out on a later event for the same ``referanse``; the builder then
    repeats the last title, because nav.no overwrites the title with whatever is sent.
    """

    tidspunkt: datetime
    referanse: str
    status: Literal["UNDER_BEHANDLING", "IKKE_INNSYN", "BEHANDLES_IKKE", "FEILREGISTRERT"]
    tittel: str | None = None


@dataclass(frozen=True)
class VedtakFattet:
    """A decision on a sak, with the letter (PDF) the applicant can open."""

    tidspunkt: datetime
    saksreferanse: str
    utfall: Literal["INNVILGET", "DELVIS_INNVILGET", "AVSLATT", "AVVIST"]
    vedtaksfil: FilReferanse
    vedlegg: tuple[Brevvedlegg, ...] = ()


@dataclass(frozen=True)
class EtterspurtDokument:
    """One document the caseworker asks for.

    ``dokumentreferanse`` comes back in the ettersendelse's vedlegg.json as
    ``hendelseReferanse``, which is how a delivery is matched to the request.
    """

    dokumenttype: str
    innsendelsesfrist: datetime
    tilleggsinformasjon: str | None = None
    dokumentreferanse: str | None = None


@dataclass(frozen=True)
class DokumentasjonEtterspurt:
    """The caseworker asks for documents; the latest such event replaces the list on nav.no.

    An empty ``dokumenter`` tells nav.no that nothing more is needed.
    """

    tidspunkt: datetime
    dokumenter: tuple[EtterspurtDokument, ...]
    forvaltningsbrev: FilReferanse | None = None
    vedlegg: tuple[Brevvedlegg, ...] = ()


@dataclass(frozen=True)
class ForelopigSvar:
    """A preliminary reply letter (expected processing time)."""

    tidspunkt: datetime
    forvaltningsbrev: FilReferanse
    vedlegg: tuple[Brevvedlegg, ...] = ()


@dataclass(frozen=True)
class Vilkar:
    """A condition (sosialtjenesteloven § 20) attached to a vedtak and its payments."""

    tidspunkt: datetime
    referanse: str
    saksreferanse: str
    tittel: str
    beskrivelse: str | None = None
    status: Literal["RELEVANT", "ANNULLERT", "OPPFYLT"] = "RELEVANT"
    utbetalingsreferanser: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dokumentasjonkrav:
    """Documentation a vedtak requires (for example receipts for a payment)."""

    tidspunkt: datetime
    referanse: str
    saksreferanse: str
    tittel: str
    beskrivelse: str | None = None
    frist: datetime | None = None
    status: Literal["RELEVANT", "LEVERT_TIDLIGERE", "ANNULLERT"] = "RELEVANT"
    utbetalingsreferanser: tuple[str, ...] = ()


@dataclass(frozen=True)
class Utbetaling:
    """The full current state of one payment; a later event with the same reference replaces it.

    ``annen_mottaker`` has no default on purpose: nav.no reads a missing value as "someone
    else" and hides the account number.
    """

    tidspunkt: datetime
    referanse: str
    status: Literal["PLANLAGT_UTBETALING", "UTBETALT", "STOPPET", "ANNULLERT"]
    belop: Decimal
    annen_mottaker: bool
    beskrivelse: str | None = None
    saksreferanse: str | None = None
    rammevedtaksreferanse: str | None = None
    forfallsdato: date | None = None
    utbetalingsdato: date | None = None
    fom: date | None = None
    tom: date | None = None
    mottaker: str | None = None
    kontonummer: str | None = None
    utbetalingsmetode: str | None = None


@dataclass(frozen=True)
class Rammevedtak:
    """A frame decision (nav.no does not show these today, but the format carries them)."""

    tidspunkt: datetime
    referanse: str
    saksreferanse: str | None = None
    beskrivelse: str | None = None
    belop: Decimal | None = None
    fom: date | None = None
    tom: date | None = None


InnsynHendelse = (
    SoknadMottatt
    | SoknadStatusEndret
    | NavKontorTildelt
    | SakStatus
    | VedtakFattet
    | DokumentasjonEtterspurt
    | ForelopigSvar
    | Vilkar
    | Dokumentasjonkrav
    | Utbetaling
    | Rammevedtak
)
