"""Issue 14, items 5-8: the pure rules of the services (no database).

- § 27 midlertidig botilbud: a stay is followed up once it lasts beyond three *calendar*
  months from its start (``rules.frister.add_months``, domstolloven § 148: the same day, or the
  last day of a shorter month). A provider is re-assessed at least every twelve months.
- § 17 økonomisk rådgivning: KOSTRA 11F ``GITT_OKONOMIRAD`` is "1" only for levels II and III.
- § 28 individuell plan: KOSTRA 11F ``FAAT_INDIVIDUELL_PLAN``; consent per participant and
  purpose, withdrawal in force at once.
- § 45 concern: no reply after the office's days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sosialsak.contexts.services import policy


@pytest.mark.parametrize(("fra", "on", "over"), [
    (date(2026, 1, 31), date(2026, 4, 30), False),  # § 27: 31 Jan + 3 months = 30 Apr
    (date(2026, 1, 31), date(2026, 5, 1), True),
    (date(2026, 1, 15), date(2026, 4, 15), False),
    (date(2026, 1, 15), date(2026, 4, 16), True),
    (date(2023, 11, 30), date(2024, 2, 29), False),  # leap year: 30 Nov + 3 = 29 Feb
    (date(2023, 11, 30), date(2024, 3, 1), True),
    (date(2025, 11, 30), date(2026, 2, 28), False),
    (date(2025, 11, 30), date(2026, 3, 1), True),
])
def test_par_27_stay_beyond_three_calendar_months(fra: date, on: date, over: bool) -> None:
    assert policy.over_tre_maneder(fra, None, on) is over


def test_par_27_three_months_from_31_january_is_30_april() -> None:
    assert policy.tre_maneder(date(2026, 1, 31)) == date(2026, 4, 30)


def test_par_27_ended_stay_counts_up_to_its_last_night() -> None:
    # moved out 30 April: the last night was 29 April, within three months of 31 January
    assert not policy.over_tre_maneder(date(2026, 1, 31), date(2026, 4, 30), date(2026, 6, 1))
    assert policy.over_tre_maneder(date(2026, 1, 31), date(2026, 5, 2), date(2026, 6, 1))


def test_par_27_query_cutoff_agrees_with_the_rule_every_day_of_two_years() -> None:
    """The database filters on ``fra <= latest_start_over(today)``; for every day it must pick
    exactly the starts the rule flags."""
    day = date(2023, 1, 1)
    while day < date(2025, 1, 1):
        cut = policy.latest_start_over(day)
        assert policy.over_tre_maneder(cut, None, day)
        assert not policy.over_tre_maneder(cut + timedelta(days=1), None, day)
        stale = policy.latest_stale_assessment(day)
        assert policy.vurdering_utdatert(stale, day)
        assert not policy.vurdering_utdatert(stale + timedelta(days=1), day)
        day += timedelta(days=1)


def test_par_27_provider_assessment_age_is_twelve_calendar_months() -> None:
    assessed = date(2025, 12, 7)
    assert not policy.vurdering_utdatert(assessed, date(2026, 12, 7))  # exactly 12 months
    assert policy.vurdering_utdatert(assessed, date(2026, 12, 8))
    assert policy.vurdering_utdatert(None, date(2026, 12, 8))  # never assessed
    assert policy.vurdering_gyldig_til(date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize(("levels", "code"), [
    ([], "2"), (["I"], "2"), (["II"], "1"), (["III"], "1"), (["I", "III"], "1"),
])
def test_par_17_kostra_gitt_okonomirad_counts_levels_two_and_three(levels: list[str],
                                                                   code: str) -> None:
    assert policy.kostra_gitt_okonomirad(levels) == code


def test_par_28_kostra_individuell_plan() -> None:
    assert policy.kostra_individuell_plan(True) == "1"
    assert policy.kostra_individuell_plan(False) == "2"


def test_par_28_consent_per_participant_and_purpose_and_withdrawal_at_once() -> None:
    t0 = datetime(2026, 3, 1, 10, tzinfo=UTC)
    withdrawn = t0 + timedelta(days=10)
    consents = [policy.Consent(1, "HELSE", t0, None),
                policy.Consent(1, "OKONOMI", t0, withdrawn),
                policy.Consent(2, "BOLIG", t0, None)]
    assert policy.shared_purposes(consents, 1, t0 - timedelta(seconds=1)) == frozenset()
    assert policy.shared_purposes(consents, 1, t0) == {"HELSE", "OKONOMI"}
    assert policy.shared_purposes(consents, 1, withdrawn) == {"HELSE"}
    assert policy.shared_purposes(consents, 2, withdrawn) == {"BOLIG"}
    assert policy.shared_purposes(consents, 3, withdrawn) == frozenset()


def test_par_28_children_with_long_term_needs_need_a_barnekoordinator() -> None:
    with pytest.raises(policy.UnableToChangeService) as exc:
        policy.check_barnekoordinator(True, "  ")
    assert exc.value.extra["field"] == "barnekoordinator"
    policy.check_barnekoordinator(True, "Kari Koordinator, kommunen")
    policy.check_barnekoordinator(False, "")


def test_par_45_no_reply_after_the_offices_days() -> None:
    sent = date(2026, 3, 1)
    assert not policy.venter_svar(sent, None, date(2026, 3, 15), 14)  # the 14th day
    assert policy.venter_svar(sent, None, date(2026, 3, 16), 14)
    assert not policy.venter_svar(sent, date(2026, 3, 10), date(2026, 4, 1), 14)
