"""Condition checks (§ 20, § 20 a) and KVP (§§ 29–39) beyond the YAML law cases."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from sosialsak.rules import (
    KATALOG,
    AndreYtelser,
    InvalidFacts,
    Unntak,
    UnntakGrunn,
    Vilkar,
    VilkarType,
    kvp_inngangsvilkar,
    kvp_maaned,
    kvp_programperiode,
    kvp_sats,
    sjekk_aktivitetsplikt,
    sjekk_reduksjon,
)


class TestConditionCatalogue:
    def test_every_kostra_code_is_in_the_catalogue_once(self) -> None:
        assert len(KATALOG) == 12
        assert len({k.kostra_felt for k in KATALOG.values()}) == 12

    def test_other_must_be_marked_as_activity_by_the_caseworker(self) -> None:
        assert not Vilkar(VilkarType.ANNET, date(2024, 1, 1)).er_aktivitet
        assert Vilkar(VilkarType.ANNET, date(2024, 1, 1), aktivitet=True).er_aktivitet


class TestChecks:
    def test_every_check_message_carries_a_paragraph(self) -> None:
        result = sjekk_aktivitetsplikt(fodselsdato=date(2000, 1, 1), vedtaksdato=date(2024, 3, 1),
                                       vilkar=[])

        assert not result.ok and result.hjemmel == "sosialtjenesteloven § 20 a"
        assert "under 30 år" in result.message

    def test_an_exemption_names_its_reasons(self) -> None:
        result = sjekk_aktivitetsplikt(
            fodselsdato=date(2000, 1, 1), vedtaksdato=date(2024, 3, 1), vilkar=[],
            unntak=Unntak((UnntakGrunn.I_ARBEID,), "Fast ansatt 60 %"))

        assert result.ok and "Mottaker er i arbeid" in result.message

    def test_a_reduction_without_warning_and_statement_lists_both_reasons(self) -> None:
        result = sjekk_reduksjon(vedtaksdato=date(2024, 3, 1), vedtak_opplyste_konsekvens=False,
                                 forhandsvarslet=False)

        assert not result.ok
        assert "opprinnelige vedtaket" in result.message and "varslet" in result.message


class TestKvp:
    def test_the_yearly_amount_is_exact_two_thirds_under_25(self) -> None:
        sats = kvp_sats(on=date(2024, 6, 1), fodselsdato=date(2000, 1, 1))

        assert sats.aarlig == Fraction(2 * 124028 * 2, 3)
        assert sats.dagsats == sats.aarlig / 260 and sats.divisor == 260

    def test_an_interrupted_programme_pays_only_until_it_stopped(self) -> None:
        month = kvp_maaned(month=date(2024, 6, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2024, 1, 1), deltakelse_til=date(2024, 6, 8))

        assert (month.dager, month.amount, month.full_month) == (5, 4770, False)

    def test_no_participation_in_the_month_pays_nothing(self) -> None:
        month = kvp_maaned(month=date(2024, 6, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2024, 7, 1))

        assert month.amount == 0 and month.dager == 0

    def test_absence_on_a_day_outside_the_programme_is_refused(self) -> None:
        with pytest.raises(InvalidFacts, match="2024-06-03"):
            kvp_maaned(month=date(2024, 6, 1), fodselsdato=date(1980, 1, 1),
                       deltakelse_fra=date(2024, 6, 10),
                       fravaer_uten_gyldig_grunn=[date(2024, 6, 3)])

    def test_absence_on_a_saturday_deducts_nothing(self) -> None:
        month = kvp_maaned(month=date(2024, 6, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2024, 1, 1),
                           fravaer_uten_gyldig_grunn=[date(2024, 6, 8)])

        assert month.amount == 20671 and month.fravaersdager == 0

    def test_the_month_explains_g_divisor_and_result(self) -> None:
        month = kvp_maaned(month=date(2024, 6, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2024, 6, 10))

        first = month.lines[0]
        assert first.parameter == "grunnbelop" and first.value == 124028
        assert "/ 260" in first.rule
        assert month.lines[-1].amount == 14311

    def test_the_programme_period_is_two_years_plus_one_at_most(self) -> None:
        period = kvp_programperiode(start=date(2024, 2, 29))

        assert period.ordinaer_slutt == date(2026, 2, 28)
        assert period.maks_slutt == date(2027, 2, 28)

    def test_someone_of_67_is_not_of_working_age(self) -> None:
        checklist = kvp_inngangsvilkar(
            fodselsdato=date(1957, 1, 1), on=date(2024, 3, 1), vesentlig_nedsatt_arbeidsevne=True,
            andre_ytelser=AndreYtelser.INGEN, arbeidsevnevurdering=True)

        assert not checklist.oppfylt
        assert [i.code for i in checklist.items if not i.ok] == ["KVP_ALDER"]
