"""Pure rules for the activity plan (no Django): what an activity must say, which status moves
are allowed, and what changed between two versions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.errors import ValidationFailed

STATUSES = ("PLANLAGT", "STARTET", "FULLFORT", "AVBRUTT")
TRANSITIONS: dict[str, frozenset[str]] = {
    "PLANLAGT": frozenset({"STARTET", "FULLFORT", "AVBRUTT"}),
    "STARTET": frozenset({"FULLFORT", "AVBRUTT"}),
    "FULLFORT": frozenset(),
    "AVBRUTT": frozenset(),
}
MAX_HOURS = 80
MAX_TEXT = 2000


class InvalidAktivitet(ValidationFailed):
    code = "invalid_aktivitet"


class IllegalAktivitetTransition(ValidationFailed):
    code = "illegal_aktivitet_transition"


@dataclass(frozen=True)
class AktivitetInput:
    """What the person and the office agree on for one activity."""

    mal: str
    hva: str
    fra: date
    hvem: str = ""
    til: date | None = None
    timer_per_uke: int | None = None

    def cleaned(self) -> AktivitetInput:
        return AktivitetInput(mal=self.mal.strip(), hva=self.hva.strip(), hvem=self.hvem.strip(),
                              fra=self.fra, til=self.til, timer_per_uke=self.timer_per_uke)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("fra", "til"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


def check_aktivitet(data: AktivitetInput) -> None:
    """Raise InvalidAktivitet naming the first field that is not valid."""
    if not data.mal.strip():
        raise InvalidAktivitet("mal: skriv hva aktiviteten skal hjelpe personen med.", field="mal")
    if not data.hva.strip():
        raise InvalidAktivitet("hva: skriv hva personen skal gjøre.", field="hva")
    for name in ("mal", "hva", "hvem"):
        if len(getattr(data, name)) > (200 if name == "hvem" else MAX_TEXT):
            raise InvalidAktivitet(f"{name}: teksten er for lang.", field=name)
    check_case_date(data.fra, field="fra")
    if data.til is not None:
        check_case_date(data.til, field="til")
        if data.til < data.fra:
            raise InvalidAktivitet("til: sluttdatoen kan ikke være før startdatoen.", field="til")
    if data.timer_per_uke is not None and not 0 <= data.timer_per_uke <= MAX_HOURS:
        raise InvalidAktivitet(f"timer_per_uke: må være mellom 0 og {MAX_HOURS}.",
                               field="timer_per_uke")


def check_transition(current: str, target: str) -> None:
    if target not in STATUSES:
        raise IllegalAktivitetTransition("status: ukjent status.", field="status")
    if target not in TRANSITIONS.get(current, frozenset()):
        raise IllegalAktivitetTransition(
            f"status: aktiviteten kan ikke gå fra {current} til {target}.", field="status")


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [before, after]}`` for each field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def is_overdue(*, status: str, til: date | None, today: date) -> bool:
    """An activity past its end that is neither done nor cancelled needs following up."""
    return status in ("PLANLAGT", "STARTET") and til is not None and til < today
