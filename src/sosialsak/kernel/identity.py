"""Norwegian identity and account numbers, checked with python-stdnum.

Messages are written for a caseworker: they say which field is wrong and why, never echo the
number itself (it is personal data and may end up in a log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum import exceptions as stdnum_exc
from stdnum.no import fodselsnummer, kontonr, orgnr

from sosialsak.kernel.errors import ValidationFailed


def _digits(value: str) -> str:
    return "".join(ch for ch in str(value) if not ch.isspace() and ch not in ".-")


@dataclass(frozen=True)
class Fodselsnummer:
    """A checked fødselsnummer or D-nummer (11 digits)."""

    value: str

    @property
    def is_d_nummer(self) -> bool:
        return int(self.value[0]) >= 4

    @property
    def birth_date(self) -> date:
        digits = self.value
        if is_synthetic(digits):
            digits = digits[:2] + f"{int(digits[2:4]) - 80:02d}" + digits[4:]
        return fodselsnummer.get_birth_date(digits)

    @property
    def masked(self) -> str:
        """Return the birth-date part and stars, for lists where the full number is not needed."""
        return self.value[:6] + "*****"


def is_synthetic(digits: str) -> bool:
    """Return whether ``digits`` is a synthetic number (Skatteetaten/Tenor: month + 80).

    Synthetic numbers are issued for test data and are never a real person's number.
    """
    return len(digits) == 11 and digits.isdigit() and int(digits[2:4]) > 80


def _validate_synthetic(digits: str, field: str) -> None:
    real_month = f"{int(digits[2:4]) - 80:02d}"
    as_real = digits[:2] + real_month + digits[4:]
    # Check digits are computed over the number as written (month + 80).
    ok = (
        fodselsnummer.calc_check_digit1(digits[:9]) == digits[9]
        and fodselsnummer.calc_check_digit2(digits[:10]) == digits[10]
    )
    if not ok:
        raise ValidationFailed(
            f"{field}: kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.",
            code="invalid_fodselsnummer", field=field,
        )
    try:
        fodselsnummer.get_birth_date(as_real)
    except stdnum_exc.ValidationError as exc:
        raise ValidationFailed(
            f"{field}: datoen i nummeret finnes ikke.", code="invalid_fodselsnummer", field=field
        ) from exc


def parse_fodselsnummer(
    value: str, *, field: str = "fodselsnummer", allow_synthetic: bool = False
) -> Fodselsnummer:
    """Return a checked fødselsnummer/D-nummer; raise ValidationFailed naming ``field``.

    ``allow_synthetic`` accepts Skatteetaten's synthetic test numbers (month + 80), which
    demo and test installations use so that no real person's number is ever stored.
    """
    digits = _digits(value)
    if not digits.isdigit() or len(digits) != 11:
        raise ValidationFailed(
            f"{field}: et fødselsnummer eller D-nummer har 11 siffer.",
            code="invalid_fodselsnummer", field=field,
        )
    if is_synthetic(digits):
        if not allow_synthetic:
            raise ValidationFailed(
                f"{field}: dette er et syntetisk testnummer, som ikke kan brukes her.",
                code="invalid_fodselsnummer", field=field,
            )
        _validate_synthetic(digits, field)
        return Fodselsnummer(digits)
    try:
        fodselsnummer.validate(digits)
    except stdnum_exc.InvalidChecksum as exc:
        raise ValidationFailed(
            f"{field}: kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.",
            code="invalid_fodselsnummer", field=field,
        ) from exc
    except stdnum_exc.ValidationError as exc:
        raise ValidationFailed(
            f"{field}: nummeret er ikke et gyldig fødselsnummer eller D-nummer "
            "(datoen i nummeret finnes ikke).",
            code="invalid_fodselsnummer", field=field,
        ) from exc
    return Fodselsnummer(digits)


def parse_kontonummer(value: str, *, field: str = "kontonummer") -> str:
    """Return an 11-digit bank account number checked with mod 11; raise naming ``field``."""
    digits = _digits(value)
    if not digits.isdigit() or len(digits) != 11:
        raise ValidationFailed(
            f"{field}: et kontonummer har 11 siffer.", code="invalid_kontonummer", field=field
        )
    try:
        kontonr.validate(digits)
    except stdnum_exc.ValidationError as exc:
        raise ValidationFailed(
            f"{field}: kontrollsifferet stemmer ikke. Sjekk at kontonummeret er skrevet riktig.",
            code="invalid_kontonummer", field=field,
        ) from exc
    return digits


def parse_organisasjonsnummer(value: str, *, field: str = "organisasjonsnummer") -> str:
    """Return a checked 9-digit organisasjonsnummer; raise naming ``field``."""
    digits = _digits(value)
    if not digits.isdigit() or len(digits) != 9:
        raise ValidationFailed(
            f"{field}: et organisasjonsnummer har 9 siffer.",
            code="invalid_organisasjonsnummer", field=field,
        )
    try:
        orgnr.validate(digits)
    except stdnum_exc.ValidationError as exc:
        raise ValidationFailed(
            f"{field}: kontrollsifferet stemmer ikke.",
            code="invalid_organisasjonsnummer", field=field,
        ) from exc
    return digits


def make_synthetic_fodselsnummer(*, birth_date: date, individual: int) -> str:
    """Return a synthetic fødselsnummer (month + 80) with valid check digits.

    ``individual`` (0–999) picks the individual number; some choices give no valid check digit
    (remainder 1), so callers try the next one when ValueError is raised.
    """
    year = birth_date.year
    if 1900 <= year <= 1999:
        ind = individual % 500
    elif 2000 <= year <= 2039:
        ind = 500 + individual % 500
    else:
        raise ValueError("birth year outside 1900–2039")
    base = f"{birth_date.day:02d}{birth_date.month + 80:02d}{year % 100:02d}{ind:03d}"
    k1 = fodselsnummer.calc_check_digit1(base)
    if len(k1) != 1:
        raise ValueError("no valid first check digit")
    k2 = fodselsnummer.calc_check_digit2(base + k1)
    if len(k2) != 1:
        raise ValueError("no valid second check digit")
    return base + k1 + k2
