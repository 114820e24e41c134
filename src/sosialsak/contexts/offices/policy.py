"""Pure rules for an office's settings (no Django): what is valid, and when the office is open.

The risk assessment (Helsetilsynet 2021, «Akutte behov – utenfor åpningstider») warns that people
with an acute need in the evening, at weekends or on public holidays do not get their rights
assessed when the need arises. An office therefore states its opening hours and whether nødhjelp
outside them goes to a duty contact (sosial vakttjeneste), and the case page shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, time

from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.frister import non_working_reason


class InvalidOfficeSettings(ValidationFailed):
    code = "invalid_office_settings"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """An office's settings; the defaults apply until the leder saves the settings page."""

    apner: time = time(9, 0)
    stenger: time = time(15, 0)
    apne_dager: str = "12345"
    vakt_ved_nodhjelp: bool = False
    vakt_navn: str = ""
    vakt_telefon: str = ""
    kartlegging_frist_dager: int = 7
    kartlegging_gyldig_maneder: int = 12
    dokumentasjon_terskel: int = 4
    dokumentasjon_paminnelse_dager: int = 3
    forelopig_svar_varsel_dager: int = 7
    uten_vedtak_dager: int = 14
    vedtaksperiode_varsel_dager: int = 14
    # Issue 14: the office's own deadline for reviewing an appeal and forwarding it to the
    # Statsforvalter (fvl § 33 sets none in days; the municipality decides it).
    klage_oversending_dager: int = 21


DEFAULTS = Settings()
FIELDS = tuple(f.name for f in fields(Settings))
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

_LIMITS = {  # field: (lowest, highest)
    "kartlegging_frist_dager": (1, 60),
    "kartlegging_gyldig_maneder": (1, 36),
    "dokumentasjon_terskel": (1, 30),
    "dokumentasjon_paminnelse_dager": (0, 30),
    "forelopig_svar_varsel_dager": (0, 28),
    "uten_vedtak_dager": (1, 180),
    "vedtaksperiode_varsel_dager": (0, 90),
    "klage_oversending_dager": (1, 180),
}


def check_settings(s: Settings) -> None:
    """Raise InvalidOfficeSettings naming the first field that is not valid."""
    if s.stenger <= s.apner:
        raise InvalidOfficeSettings("stenger: kontoret må stenge etter at det åpner.",
                                    field="stenger")
    days = s.apne_dager
    if not days or any(d not in "1234567" for d in days) or len(set(days)) != len(days):
        raise InvalidOfficeSettings("apne_dager: velg minst én ukedag.", field="apne_dager")
    if s.vakt_ved_nodhjelp and not (s.vakt_navn.strip() and s.vakt_telefon.strip()):
        raise InvalidOfficeSettings(
            "vakt_telefon: skriv hvem vakten er og telefonnummeret når nødhjelp utenfor "
            "åpningstid skal gå til vakt.", field="vakt_telefon")
    for name, (low, high) in _LIMITS.items():
        value = getattr(s, name)
        if not low <= value <= high:
            raise InvalidOfficeSettings(f"{name}: må være mellom {low} og {high}.", field=name)


def is_open(s: Settings, at: datetime) -> bool:
    """Return whether the office is open at the aware datetime ``at`` (Norwegian local time).

    Closed outside the hours, on days not listed, and on public holidays.
    """
    local = at.astimezone(OSLO)
    day = local.date()
    if str(day.isoweekday()) not in s.apne_dager:
        return False
    if non_working_reason(day) not in (None, "lørdag", "søndag"):
        return False  # a public holiday
    return s.apner <= local.time() < s.stenger


def duty_contact(s: Settings, at: datetime) -> str | None:
    """Return the duty contact for nødhjelp arriving at ``at``, or None when it stays here."""
    if not s.vakt_ved_nodhjelp or is_open(s, at):
        return None
    return f"{s.vakt_navn.strip()}, telefon {s.vakt_telefon.strip()}"


def opening_hours_text(s: Settings) -> str:
    """Return the opening hours in words, for example «mandag–fredag 09:00–15:00»."""
    days = sorted(s.apne_dager)
    contiguous = [int(d) for d in days] == list(range(int(days[0]), int(days[-1]) + 1))
    if len(days) > 2 and contiguous:
        when = f"{WEEKDAYS[int(days[0]) - 1]}–{WEEKDAYS[int(days[-1]) - 1]}"
    else:
        when = ", ".join(WEEKDAYS[int(d) - 1] for d in days)
    return f"{when} {s.apner:%H:%M}–{s.stenger:%H:%M}"
