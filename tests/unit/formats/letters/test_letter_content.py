"""Letter content is checked when it is built, and formatted the Norwegian way."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from sosialsak.formats.letters import (
    Beregningslinje,
    InvalidLetter,
    Mottaker,
    Periode,
    Stonadsform,
    Utfall,
    Vedtakspunkt,
    Vilkar,
    letter_text,
)
from sosialsak.formats.letters._format import dato, kroner, periode
from sosialsak.formats.letters.hjemler import forklar_hjemmel
from tests.unit.formats.letters.letter_samples import (
    BESKYTTET,
    DOKUMENTASJON,
    FORELOPIG,
    LIVSOPPHOLD,
    VARSEL,
    VEDTAKSBREV,
)

NBSP = "\u00a0"


class TestFormatting:
    @pytest.mark.parametrize(("amount", "expected"), [
        (Decimal("12345"), "12 345 kr"),
        (Decimal("1234567.5"), "1 234 567,50 kr"),
        (Decimal("0"), "0 kr"),
        (Decimal("999"), "999 kr"),
        (Decimal("-9200"), "−9 200 kr"),
        (Decimal("10.005"), "10,01 kr"),
        (500, "500 kr"),
    ])
    def test_kroner_groups_thousands_and_keeps_the_amount_on_one_line(
        self, amount: Decimal | int, expected: str
    ) -> None:
        assert kroner(amount) == expected.replace(" ", NBSP)

    def test_dato_writes_the_month_in_words(self) -> None:
        assert dato(date(2024, 3, 1)) == f"1.{NBSP}mars 2024"
        assert dato(date(2025, 12, 24)) == f"24.{NBSP}desember 2025"

    def test_periode_gives_the_year_once_when_shared(self) -> None:
        assert periode(date(2024, 3, 1), date(2024, 3, 31)) == (
            f"1.{NBSP}mars til 31.{NBSP}mars 2024"
        )
        assert periode(date(2024, 12, 1), date(2025, 1, 31)) == (
            f"1.{NBSP}desember 2024 til 31.{NBSP}januar 2025"
        )
        assert periode(date(2024, 3, 1), date(2024, 3, 1)) == f"1.{NBSP}mars 2024"

    @pytest.mark.parametrize(("hjemmel", "starts"), [
        ("sosialtjenesteloven § 18", "Etter denne regelen har du rett"),
        ("sosialtjenesteloven § 20 a", "Etter denne regelen skal vi sette vilkår om aktivitet"),
        ("sosialtjenesteloven § 20 tredje ledd", "Etter denne regelen kan vi sette vilkår"),
        (f"sosialtjenesteloven §{NBSP}19", "Etter denne regelen kan vi gi"),
    ])
    def test_known_sections_get_a_plain_explanation(self, hjemmel: str, starts: str) -> None:
        explanation = forklar_hjemmel(hjemmel)

        assert explanation is not None
        assert explanation.startswith(starts)

    @pytest.mark.parametrize("hjemmel", ["forvaltningsloven § 18", "sosialtjenesteloven § 99"])
    def test_unknown_sections_get_none(self, hjemmel: str) -> None:
        assert forklar_hjemmel(hjemmel) is None


class TestValidation:
    def test_a_protected_address_is_refused_rather_than_printed(self) -> None:
        with pytest.raises(InvalidLetter) as caught:
            Mottaker(navn="Kari", adresse=("Hemmelig vei 1",), adressebeskyttet=True)

        assert caught.value.extra == {"field": "mottaker.adresse"}
        assert BESKYTTET.adresselinjer == ()

    def test_a_condition_without_a_consequence_is_refused(self) -> None:
        with pytest.raises(InvalidLetter, match="hva som skjer"):
            Vilkar(hva="Møte opp", frist=date(2024, 3, 1), oppfolging="Vi ringer", konsekvens=" ")

    def test_a_calculation_that_does_not_add_up_is_refused(self) -> None:
        with pytest.raises(InvalidLetter, match="Beregningen"):
            dataclasses.replace(
                LIVSOPPHOLD, beregning=(Beregningslinje("Sats", Decimal("100")),)
            )

    def test_a_decision_without_reasons_is_refused(self) -> None:
        with pytest.raises(InvalidLetter, match="begrunnelse"):
            dataclasses.replace(LIVSOPPHOLD, begrunnelse="")

    def test_a_granted_loan_needs_repayment_terms(self) -> None:
        with pytest.raises(InvalidLetter, match="nedbetaling"):
            Vedtakspunkt(tittel="Depositum", utfall=Utfall.INNVILGET, hjemmel="§ 19",
                         begrunnelse="Ok.", stonadsform=Stonadsform.LAN, belop=Decimal(1))

    def test_a_decision_letter_needs_a_decision(self) -> None:
        with pytest.raises(InvalidLetter):
            dataclasses.replace(VEDTAKSBREV, vedtak=())

    def test_a_period_cannot_end_before_it_starts(self) -> None:
        with pytest.raises(InvalidLetter):
            Periode(fra=date(2024, 3, 2), til=date(2024, 3, 1))

    def test_a_reduction_must_lower_the_amount(self) -> None:
        with pytest.raises(InvalidLetter, match="lavere"):
            dataclasses.replace(VARSEL, belop_redusert=VARSEL.belop_na)

    def test_deadlines_must_come_after_the_letter(self) -> None:
        with pytest.raises(InvalidLetter):
            dataclasses.replace(DOKUMENTASJON, frist=DOKUMENTASJON.dato)
        with pytest.raises(InvalidLetter):
            dataclasses.replace(FORELOPIG, forventet_dato=FORELOPIG.dato)
        with pytest.raises(InvalidLetter):
            dataclasses.replace(VARSEL, svarfrist=VARSEL.dato)


class TestPlainText:
    def test_decision_text_has_the_amount_basis_and_appeal_deadline(self) -> None:
        text = letter_text(VEDTAKSBREV).replace(NBSP, " ")

        assert "VEDTAK OM ØKONOMISK STØNAD" in text
        assert "Du får                                 12 345 kr" in text
        assert "Lovhjemmel:  sosialtjenesteloven § 18" in text
        assert "Klagefristen er 3 uker" in text

    def test_protected_address_letter_text_has_only_the_name(self) -> None:
        text = letter_text(dataclasses.replace(VEDTAKSBREV, mottaker=BESKYTTET))

        header = text.split("Dato:")[0]
        assert header.strip().splitlines()[-1] == "Kari Hemmelig"
        assert "Søndre gate" not in text

    @pytest.mark.parametrize(("letter", "title"), [
        (DOKUMENTASJON, "VI TRENGER FLERE OPPLYSNINGER"),
        (FORELOPIG, "SØKNADEN DIN TAR LENGRE TID Å BEHANDLE"),
        (VARSEL, "FORHÅNDSVARSEL: VI VURDERER Å REDUSERE STØNADEN DIN"),
    ])
    def test_every_letter_type_has_a_text_form(self, letter: object, title: str) -> None:
        text = letter_text(letter)  # type: ignore[arg-type]

        assert title in text
        assert "Oppgi saksnummeret 2024-0042" in " ".join(text.split())

    def test_lines_stay_within_78_columns(self) -> None:
        for letter in (VEDTAKSBREV, DOKUMENTASJON, FORELOPIG, VARSEL):
            assert max(len(line) for line in letter_text(letter).splitlines()) <= 78
