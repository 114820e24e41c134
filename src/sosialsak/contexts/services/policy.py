"""The services' rules as pure functions (no database): the 3-month flag on a stay, the age of
a provider's quality assessment, consent in force, a concern waiting for barnevernet's reply,
and the KOSTRA 11F codes the services fill.

Months are calendar months (``rules.frister.add_months``: the same day so many months later,
or the last day of a shorter month, as domstolloven § 148 counts months). So a stay from
31 January reaches three months on 30 April and is *over* three months from 1 May.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sosialsak.kernel.errors import DomainError
from sosialsak.rules.frister import add_months

OPPHOLD_MANEDER = 3  # issue 14: follow a stay up once it lasts beyond this (not a legal limit)
VURDERING_MANEDER = 12  # issue 14: a provider is re-assessed at least this often
BARNEVERN_SVAR_DAGER = 14  # the office's default; the leder sets its own


class UnableToChangeService(DomainError):
    code = "service_refused"


class NoConsent(DomainError):
    """The person has not consented (or has withdrawn consent) to share this with this
    participant for this purpose."""

    code = "no_consent"


@dataclass(frozen=True)
class ServiceSettings:
    barnevern_svar_dager: int = BARNEVERN_SVAR_DAGER


# --- § 27 temporary housing ------------------------------------------------------------------

def tre_maneder(fra: date) -> date:
    """The day a stay from ``fra`` has lasted three calendar months."""
    return add_months(fra, OPPHOLD_MANEDER)


def active(fra: date, til: date | None, on: date) -> bool:
    """Is the household there on ``on``? ``til`` is the day they moved out."""
    return fra <= on and (til is None or on < til)


def over_tre_maneder(fra: date, til: date | None, on: date) -> bool:
    """Has the stay lasted beyond three calendar months on ``on`` (or by its end)?"""
    last_day = on if til is None else min(on, til - timedelta(days=1))
    return last_day > tre_maneder(fra)


def latest_start_over(today: date, months: int = OPPHOLD_MANEDER) -> date:
    """Return the last start date whose stay is beyond ``months`` months today: every stay
    from this day or earlier is (``add_months`` never decreases as the start moves on), so a
    database query can filter on ``fra <= latest_start_over(today)``."""
    day = add_months(today, -months) + timedelta(days=3)
    while not add_months(day, months) < today:
        day -= timedelta(days=1)
    return day


def vurdering_gyldig_til(dato: date) -> date:
    """The last day a quality assessment made on ``dato`` counts as recent."""
    return add_months(dato, VURDERING_MANEDER)


def vurdering_utdatert(siste: date | None, today: date) -> bool:
    """Has the provider gone without an assessment in the last twelve months?"""
    return siste is None or today > vurdering_gyldig_til(siste)


def latest_stale_assessment(today: date) -> date:
    """The last assessment date that is out of date today (see ``latest_start_over``)."""
    return latest_start_over(today, VURDERING_MANEDER)


# --- § 28 consent ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Consent:
    deltaker_id: int
    formal: str
    gitt_at: datetime
    trukket_at: datetime | None


def in_force(consent: Consent, at: datetime) -> bool:
    return consent.gitt_at <= at and (consent.trukket_at is None or at < consent.trukket_at)


def shared_purposes(consents: Iterable[Consent], deltaker_id: int, at: datetime) -> frozenset[str]:
    """The purposes whose information may be shown to ``deltaker_id`` at ``at``: only those
    the person has consented to for that participant and not withdrawn."""
    return frozenset(c.formal for c in consents
                     if c.deltaker_id == deltaker_id and in_force(c, at))


def check_barnekoordinator(barn_langvarige_behov: bool, barnekoordinator: str) -> None:
    """A family with a child with long-term, complex needs has a barnekoordinator (the 2021
    amendment on barnekoordinator, cited in R35)."""
    if barn_langvarige_behov and not barnekoordinator.strip():
        raise UnableToChangeService(
            "barnekoordinator: familien har barn med langvarige behov; skriv hvem som er "
            "barnekoordinator.", field="barnekoordinator")


def evaluering_passert(neste_evaluering: date, avsluttet: date | None, today: date) -> bool:
    return avsluttet is None and neste_evaluering < today


# --- § 45 concern ----------------------------------------------------------------------------

def svar_frist(sendt: date, dager: int) -> date:
    return sendt + timedelta(days=dager)


def venter_svar(sendt: date, svar_dato: date | None, today: date, dager: int) -> bool:
    """No reply from barnevernet more than ``dager`` days after the concern was sent."""
    return svar_dato is None and today > svar_frist(sendt, dager)


# --- KOSTRA 11F (file_description_11F_2026.yaml) ---------------------------------------------

JA, NEI = "1", "2"


def kostra_gitt_okonomirad(nivaer: Iterable[str]) -> str:
    """``GITT_OKONOMIRAD`` (pos. 264): "1" when økonomisk rådgivning was given at level II
    (temporary inability to pay) or III (lasting inability to pay), else "2"."""
    return JA if any(n in ("II", "III") for n in nivaer) else NEI


def kostra_individuell_plan(har_plan: bool) -> str:
    """``FAAT_INDIVIDUELL_PLAN`` (pos. 265): "1" when an individuell plan (§ 28) was made."""
    return JA if har_plan else NEI
