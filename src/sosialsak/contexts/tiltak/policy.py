"""Pure rules for the tiltak catalogue and referrals: places, the waiting list, the moves a
referral may make and what an outcome must say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.kostra_kvp import UTFALL_KODER, kodeverk_11cf


class UnableToChangeTiltak(ValidationFailed):
    code = "unable_to_change_tiltak"


class UnableToChangeHenvisning(ValidationFailed):
    code = "unable_to_change_henvisning"


def _fail(field: str, message: str) -> UnableToChangeHenvisning:
    return UnableToChangeHenvisning(f"{field}: {message}", field=field)


@dataclass(frozen=True)
class Plasser:
    """How full a measure is: ``kapasitet`` None means no limit."""

    kapasitet: int | None
    opptatt: int
    venter: int

    @property
    def ledige(self) -> int | None:
        return None if self.kapasitet is None else max(0, self.kapasitet - self.opptatt)

    @property
    def fullt(self) -> bool:
        return self.kapasitet is not None and self.opptatt >= self.kapasitet


def new_status(plasser: Plasser) -> str:
    """A new referral takes a place when one is free, and otherwise waits. Someone already
    waiting keeps their turn: a newcomer never passes the queue."""
    return "VENTELISTE" if plasser.fullt or plasser.venter else "HENVIST"


# status → the statuses it may move to
MOVES: dict[str, frozenset[str]] = {
    "VENTELISTE": frozenset({"HENVIST", "AVSLUTTET"}),
    "HENVIST": frozenset({"STARTET", "AVSLUTTET"}),
    "STARTET": frozenset({"AVSLUTTET"}),
    "AVSLUTTET": frozenset(),
}


def check_move(current: str, target: str) -> None:
    if target not in MOVES.get(current, frozenset()):
        raise UnableToChangeHenvisning(
            f"status: henvisningen kan ikke gå fra {current.lower()} til {target.lower()}.",
            code="illegal_henvisning_transition", field="status")


def check_outcome(*, utfall: str, situasjon_etter: str, grunn: str) -> None:
    """An ended referral says why and how it went; a job, education, other benefit or
    «other» names the KOSTRA 11CF code it fills; a drop-out fills none."""
    if not grunn.strip():
        raise _fail("stopp_grunn", "skriv hvorfor personen sluttet.")
    if utfall not in UTFALL_KODER:
        raise _fail("utfall", f"ukjent utfall «{utfall}».")
    allowed = UTFALL_KODER[utfall]
    if not allowed:
        if situasjon_etter:
            raise _fail("situasjon_etter", "en som faller fra, har ingen situasjon etter.")
        return
    if situasjon_etter not in allowed:
        names = ", ".join(f"{c} {k.text}" for c in allowed
                          if (k := kodeverk_11cf().situasjon(c)) is not None)
        raise _fail("situasjon_etter", f"velg en av KOSTRA-kodene for dette utfallet: {names}.")


def check_hours(timer: Decimal) -> None:
    if not Decimal(0) < timer <= Decimal(60):
        raise UnableToChangeTiltak("timer_per_uke: oppgi mellom 0,5 og 60 timer per uke.",
                                   field="timer_per_uke")


def overdue_since(today: date, weeks: int) -> date:
    """A referral made before this day without an outcome is overdue."""
    return today - timedelta(weeks=weeks)
