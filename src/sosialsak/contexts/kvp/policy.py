"""Pure rules for the KVP flow: which step may follow which, the programme plan's full time,
the absence register and what an ending must say. Amounts, § 29 and the programme's length
are in ``sosialsak.rules`` (``kvp_inngangsvilkar``, ``kvp_maaned``, ``sjekk_programlengde``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.kostra_kvp import kodeverk_11cf


class UnableToChangeKvp(ValidationFailed):
    code = "unable_to_change_kvp"


def fail(field: str, message: str, code: str | None = None) -> UnableToChangeKvp:
    return UnableToChangeKvp(f"{field}: {message}", code=code, field=field)


# The step each operation needs the participation to be in.
ALLOWED: dict[str, frozenset[str]] = {
    "vurdere": frozenset({"SCREENET", "VURDERT"}),
    "soke": frozenset({"SCREENET", "VURDERT"}),
    "vedta": frozenset({"SOKT"}),
    "programplan": frozenset({"INNVILGET", "I_PROGRAM"}),
    "starte": frozenset({"INNVILGET"}),
    "fravaer": frozenset({"I_PROGRAM"}),
    "reduksjon": frozenset({"I_PROGRAM", "AVBRUTT", "AVSLUTTET"}),
    "forlenge": frozenset({"I_PROGRAM"}),
    "avbryte": frozenset({"I_PROGRAM"}),
    "gjenoppta": frozenset({"AVBRUTT"}),
    "avslutte": frozenset({"I_PROGRAM", "AVBRUTT"}),
}

STATUS_TEXT = {"SCREENET": "aktuell", "VURDERT": "vurdert", "SOKT": "søkt",
               "INNVILGET": "innvilget", "AVSLATT": "avslått", "I_PROGRAM": "i program",
               "AVBRUTT": "midlertidig avbrutt", "AVSLUTTET": "avsluttet"}


def check_step(step: str, status: str) -> None:
    if status not in ALLOWED[step]:
        raise UnableToChangeKvp(
            f"status: dette kan ikke gjøres når deltakelsen er {STATUS_TEXT.get(status, status)}.",
            code="illegal_kvp_transition", field="status")


def check_plan(hours: Sequence[Decimal], fulltid: Decimal) -> Decimal:
    """§ 30: the programme is full time. Return the sum; raise unless it is exactly the
    office's full time (hours a week)."""
    if not hours:
        raise fail("linjer", "programplanen må ha minst én aktivitet.")
    for i, h in enumerate(hours):
        if not Decimal(0) < h <= Decimal(60):
            raise fail(f"linjer[{i}].timer_per_uke", "oppgi mellom 0,5 og 60 timer per uke.")
    total = sum(hours, Decimal(0))
    if total != fulltid:
        raise fail("linjer", f"programmet skal være på full tid: {fulltid:n} timer i uken, men "
                   f"aktivitetene er til sammen {total:n} timer.", code="ikke_full_tid")
    return total


SICK = ("SYK_EGENMELDING", "SYK_LEGEERKLAERING")
FRAVAER_TYPER = (*SICK, "GYLDIG", "UGYLDIG", "UTEN_STONAD")  # models.FravaerType


def check_absence(*, type: str, dato: date, dokumentasjon: str, merknad: str,
                  begynt: date | None, slutt: date | None) -> None:
    if type not in FRAVAER_TYPER:
        raise fail("type", f"ukjent fraværstype «{type}».")
    if dato.weekday() >= 5:
        raise fail("dato", "fravær registreres bare på ukedager (mandag–fredag).")
    if begynt is None or dato < begynt or (slutt is not None and dato >= slutt):
        raise fail("dato", "datoen er utenfor programperioden.")
    if type in SICK and not dokumentasjon.strip():
        raise fail("dokumentasjon", "sykefravær krever egenmelding eller legeerklæring; skriv "
                   "hva som er levert.")
    if type == "UTEN_STONAD" and not merknad.strip():
        raise fail("merknad", "skriv hva fraværet uten stønad gjelder (for eksempel "
                   "arbeidsutprøving).")


END_STATUSES = ("3", "4", "5", "6", "7")


def check_end(*, kostra_status: str, situasjon_etter: Sequence[str], viktigste_inntekt: str,
              begrunnelse: str) -> None:
    """The KOSTRA 11CF status at the end, and for a completed programme (status 3) the
    situation right after and the main income."""
    codes = {k.code for k in kodeverk_11cf().situasjon_etter}
    if kostra_status not in END_STATUSES:
        raise fail("kostra_status", "velg hvordan programmet endte (KOSTRA-status 3–7).")
    if not begrunnelse.strip():
        raise fail("begrunnelse", "skriv hvorfor programmet avsluttes.")
    bad = [c for c in situasjon_etter if c not in codes]
    if bad:
        raise fail("situasjon_etter", f"ukjent KOSTRA-kode «{bad[0]}».")
    if viktigste_inntekt and viktigste_inntekt not in codes:
        raise fail("viktigste_inntekt", f"ukjent KOSTRA-kode «{viktigste_inntekt}».")
    if kostra_status == "3":
        if not situasjon_etter:
            raise fail("situasjon_etter", "velg deltakerens situasjon rett etter programmet.")
        if not viktigste_inntekt:
            raise fail("viktigste_inntekt", "velg deltakerens viktigste inntektskilde etter "
                       "programmet.")
