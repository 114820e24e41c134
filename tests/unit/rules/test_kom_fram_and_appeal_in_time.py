"""When a decision reached the person (fvl 1967 § 29: the appeal deadline runs from when notice
*came forward*, never from the decision date as such), and when an appeal is in time (§ 30:
posted or sent before the deadline is enough)."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak import rules
from sosialsak.rules.errors import InvalidFacts

SENT = date(2024, 3, 4)


class TestKomFram:
    def test_a_known_date_of_arrival_counts(self) -> None:
        fram = rules.kom_fram(kanal="POST", sendt=SENT, mottatt=date(2024, 3, 14))

        assert (fram.dato, fram.kjent) == (date(2024, 3, 14), True)

    def test_handed_over_at_the_office_it_arrived_that_day(self) -> None:
        assert rules.kom_fram(kanal="UTLEVERT", sendt=SENT).dato == SENT

    def test_digital_it_arrived_when_made_available_and_notified(self) -> None:
        fram = rules.kom_fram(kanal="DIGITAL", sendt=SENT)

        assert (fram.dato, fram.kjent) == (SENT, False)

    def test_by_post_without_a_known_arrival_a_conservative_week_is_added(self) -> None:
        fram = rules.kom_fram(kanal="POST", sendt=SENT)

        assert (fram.dato, fram.kjent) == (date(2024, 3, 11), False)
        assert "7 dager" in fram.forklaring

    def test_the_appeal_deadline_by_post_runs_from_the_assumed_arrival(self) -> None:
        fram = rules.kom_fram(kanal="POST", sendt=SENT)

        # 11 March + 3 weeks = 1 April 2024, Easter Monday: moved to 2 April.
        assert rules.klagefrist(kom_fram=fram.dato).due == date(2024, 4, 2)

    def test_arrival_before_sending_and_unknown_channels_are_refused(self) -> None:
        with pytest.raises(InvalidFacts):
            rules.kom_fram(kanal="POST", sendt=SENT, mottatt=date(2024, 3, 1))
        with pytest.raises(InvalidFacts):
            rules.kom_fram(kanal="DUE", sendt=SENT)


class TestAppealInTime:
    """fvl § 30: an appeal posted or sent by the deadline is in time though it arrives later."""

    def test_posted_on_the_last_day_and_received_later_is_in_time(self) -> None:
        assert rules.klage_i_tide(klagefrist=date(2024, 3, 25), mottatt=date(2024, 3, 27),
                                  sendt=date(2024, 3, 25))

    def test_received_after_the_deadline_without_a_sent_date_is_late(self) -> None:
        assert not rules.klage_i_tide(klagefrist=date(2024, 3, 25), mottatt=date(2024, 3, 27))
