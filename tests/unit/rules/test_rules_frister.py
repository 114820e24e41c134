"""Statutory deadlines and the roll-forward to the next Norwegian working day."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak.rules import (
    InvalidFacts,
    dokumentasjonsfrist,
    forelopig_svar,
    forelopig_svar_frist,
    klagefrist,
    load_ruleset,
)
from sosialsak.rules.frister import add_months, next_working_day, non_working_reason


class TestCounting:
    def test_a_month_ends_on_the_same_date_number(self) -> None:
        assert add_months(date(2024, 3, 15), 1) == date(2024, 4, 15)

    def test_a_month_from_the_31st_ends_on_the_last_day_of_a_shorter_month(self) -> None:
        assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
        assert add_months(date(2024, 12, 31), 2) == date(2025, 2, 28)

    def test_the_days_that_are_not_working_days_are_named(self) -> None:
        assert non_working_reason(date(2024, 5, 17)) == "grunnlovsdag"
        assert non_working_reason(date(2024, 5, 1)) == "arbeidernes dag"
        assert non_working_reason(date(2024, 3, 29)) == "langfredag"
        assert non_working_reason(date(2024, 6, 1)) == "lørdag"
        assert non_working_reason(date(2024, 12, 24)) is None  # julaften is a working day

    def test_roll_forward_crosses_new_year(self) -> None:
        day, skipped = next_working_day(date(2026, 12, 26))

        assert day == date(2026, 12, 28)
        assert len(skipped) == 2


class TestDeadlines:
    def test_the_preliminary_reply_date_is_available_as_a_plain_date(self) -> None:
        assert forelopig_svar_frist(mottatt=date(2024, 4, 17)) == date(2024, 5, 21)

    def test_each_deadline_explains_its_rule_and_the_roll_forward(self) -> None:
        frist = klagefrist(kom_fram=date(2024, 3, 7))

        assert frist.hjemmel == "forvaltningsloven § 29"
        assert "3 uker" in frist.explanation and "skjærtorsdag" in frist.explanation
        assert "domstolloven § 149" in frist.explanation

    def test_a_deadline_on_a_working_day_is_not_moved(self) -> None:
        frist = forelopig_svar(mottatt=date(2024, 2, 5))

        assert frist.due == date(2024, 3, 5) and len(frist.steps) == 1

    def test_a_documentation_deadline_can_be_a_date(self) -> None:
        frist = dokumentasjonsfrist(sendt=date(2024, 3, 1), frist=date(2024, 3, 30))

        assert frist.due == date(2024, 4, 2)  # Easter Saturday → Tuesday after Easter Monday

    def test_a_documentation_deadline_defaults_to_the_suggested_days(self) -> None:
        assert dokumentasjonsfrist(sendt=date(2024, 6, 3)).due == date(2024, 6, 17)

    def test_a_documentation_deadline_before_the_request_is_refused(self) -> None:
        with pytest.raises(InvalidFacts):
            dokumentasjonsfrist(sendt=date(2024, 6, 3), frist=date(2024, 6, 3))

    def test_the_new_act_changes_the_reference_not_the_length(self) -> None:
        rules = load_ruleset().with_commencements({"LOV-2025-06-20-81": date(2027, 1, 1)})

        frist = forelopig_svar(mottatt=date(2027, 2, 1), rules=rules)

        assert frist.hjemmel == "forvaltningsloven § 17" and frist.due == date(2027, 3, 1)
