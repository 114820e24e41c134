from datetime import date

import pytest

from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import (
    is_synthetic,
    make_synthetic_fodselsnummer,
    parse_fodselsnummer,
    parse_kontonummer,
)


class TestFodselsnummer:
    def test_a_valid_number_is_accepted_and_gives_the_birth_date(self) -> None:
        fnr = parse_fodselsnummer("15076500565")

        assert fnr.birth_date == date(1965, 7, 15)
        assert not fnr.is_d_nummer

    def test_a_d_nummer_is_accepted(self) -> None:
        fnr = parse_fodselsnummer("55076500559")

        assert fnr.is_d_nummer
        assert fnr.birth_date == date(1965, 7, 15)

    def test_wrong_check_digits_are_rejected_naming_the_field(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            parse_fodselsnummer("15076500566", field="soker.fodselsnummer")

        assert err.value.extra["field"] == "soker.fodselsnummer"
        assert "kontrollsifrene" in err.value.message
        assert "15076500566" not in err.value.message  # never echo personal data

    def test_wrong_length_is_rejected(self) -> None:
        with pytest.raises(ValidationFailed, match="11 siffer"):
            parse_fodselsnummer("1234")

    def test_synthetic_numbers_are_refused_unless_allowed(self) -> None:
        fnr = make_synthetic_fodselsnummer(birth_date=date(1990, 4, 1), individual=5)

        assert is_synthetic(fnr)
        with pytest.raises(ValidationFailed, match="syntetisk"):
            parse_fodselsnummer(fnr)
        assert parse_fodselsnummer(fnr, allow_synthetic=True).birth_date == date(1990, 4, 1)

    def test_a_synthetic_number_with_a_wrong_check_digit_is_rejected(self) -> None:
        fnr = make_synthetic_fodselsnummer(birth_date=date(1990, 4, 1), individual=5)
        broken = fnr[:-1] + str((int(fnr[-1]) + 1) % 10)

        with pytest.raises(ValidationFailed):
            parse_fodselsnummer(broken, allow_synthetic=True)


class TestKontonummer:
    def test_a_valid_account_number_is_accepted_with_spaces(self) -> None:
        assert parse_kontonummer("1234 56 78903") == "12345678903"

    def test_a_wrong_check_digit_is_rejected(self) -> None:
        with pytest.raises(ValidationFailed, match="kontrollsifferet"):
            parse_kontonummer("12345678904")
