"""Issue 11, item 7: the appeal deadline, written from forvaltningsloven (1967).

* § 29: three weeks from when notice of the decision *reached* the party: how the decision was
  sent is recorded, and the date it arrived is derived when not known; never the decision date
  as such.
* § 30: an appeal posted or sent before the deadline is in time even if it arrives later.
* § 31: a late appeal may be heard if the party cannot be blamed, or special reasons make it
  reasonable (both assessed and recorded); never more than a year after the decision.
* § 27: the letter tells the person the deadline.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db


@pytest.fixture
def ops(users: Any, scope_of: Any) -> dict[str, Any]:
    actor = users["veileder_sf"]
    return {"actor": actor, "scope": scope_of(actor)}


@pytest.fixture
def vedtak(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    return _make(users, scope_of, young_parent, utkast())  # made 4 March 2024


def _klage(ops: dict[str, Any], vedtak: Any, mottatt: date, **kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import register_klage

    return register_klage(**ops, vedtak_id=vedtak.pk, tekst="Uenig i beløpet.",
                          mottatt=mottatt, now=NOW + timedelta(days=30), **kw)


class TestTheDeadlineRunsFromArrival:
    def test_by_post_it_runs_from_the_assumed_arrival_not_the_decision_date(
        self, ops: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import record_forsendelse

        record_forsendelse(**ops, vedtak_id=vedtak.pk, forsendelse="POST",
                           sendt=date(2024, 3, 4), mottatt=None, now=NOW)
        # Decision date + 3 weeks would be 25 March; posted 4 March arrives 11 March (a
        # conservative week); + 3 weeks = 1 April, Easter Monday, so 2 April.
        klage = _klage(ops, vedtak, mottatt=date(2024, 3, 28))

        assert (klage.kom_fram, klage.klagefrist) == (date(2024, 3, 11), date(2024, 4, 2))
        assert klage.for_sent is False

    def test_a_known_date_of_receipt_counts(self, ops: Any, vedtak: Any) -> None:
        from sosialsak.contexts.decisions.operations import record_forsendelse

        record_forsendelse(**ops, vedtak_id=vedtak.pk, forsendelse="POST",
                           sendt=date(2024, 3, 4), mottatt=date(2024, 3, 6),
                           now=NOW + timedelta(days=3))

        klage = _klage(ops, vedtak, mottatt=date(2024, 3, 28))

        assert (klage.kom_fram, klage.klagefrist) == (date(2024, 3, 6), date(2024, 3, 27))
        assert klage.for_sent is True

    def test_with_nothing_recorded_the_decision_date_is_not_the_arrival(
        self, ops: Any, vedtak: Any
    ) -> None:
        klage = _klage(ops, vedtak, mottatt=date(2024, 3, 27))

        assert klage.kom_fram > date(2024, 3, 4)
        assert klage.for_sent is False

    def test_sending_cannot_be_recorded_before_the_decision(
        self, ops: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToRecordForsendelse,
            record_forsendelse,
        )

        with pytest.raises(UnableToRecordForsendelse) as exc:
            record_forsendelse(**ops, vedtak_id=vedtak.pk, forsendelse="POST",
                               sendt=date(2024, 3, 1), mottatt=None, now=NOW)
        assert exc.value.extra["field"] == "sendt"

    def test_the_letter_states_the_deadline_as_a_date(self, vedtak: Any) -> None:
        letter = " ".join(vedtak.dokumenter.get().tekst.replace("\xa0", " ").split())

        # A telephone application: the letter goes by post on 4 March, taken to arrive 11 March.
        assert "Vi regner med at du får brevet 11. mars 2024." in letter
        assert "Da er siste frist for å klage 2. april 2024." in letter
        assert "sendt eller postlagt den innen fristen" in letter


class TestAnAppealSentInTime:
    def test_an_appeal_posted_before_the_deadline_and_received_after_is_in_time(
        self, ops: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import record_forsendelse

        record_forsendelse(**ops, vedtak_id=vedtak.pk, forsendelse="DIGITAL",
                           sendt=date(2024, 3, 4), mottatt=None, now=NOW)

        posted = _klage(ops, vedtak, mottatt=date(2024, 3, 27), sendt=date(2024, 3, 25))
        late = _klage(ops, vedtak, mottatt=date(2024, 3, 27))

        assert posted.klagefrist == date(2024, 3, 25)
        assert posted.sendt == date(2024, 3, 25) and posted.for_sent is False
        assert late.for_sent is True


class TestALateAppealIsAssessed:
    """fvl § 31: both grounds are recorded; heard only on one of them, and within a year."""

    @pytest.fixture
    def late(self, ops: Any, vedtak: Any) -> Any:
        from sosialsak.contexts.decisions.operations import record_forsendelse

        record_forsendelse(**ops, vedtak_id=vedtak.pk, forsendelse="UTLEVERT",
                           sendt=date(2024, 3, 4), mottatt=None, now=NOW)
        return _klage(ops, vedtak, mottatt=date(2024, 4, 10))

    def _decide(self, ops: Any, klage: Any, **kw: Any) -> Any:
        from sosialsak.contexts.decisions.operations import decide_late_klage

        return decide_late_klage(**ops, klage_id=klage.pk, vurdering="Vurdert.",
                                 now=NOW + timedelta(days=40), **kw)

    def test_both_grounds_must_be_assessed(self, ops: Any, late: Any) -> None:
        from sosialsak.contexts.decisions.operations import UnableToHandleKlage

        with pytest.raises(UnableToHandleKlage) as exc:
            self._decide(ops, late, behandles=False, unnskyldelig=None, saerlige_grunner=None)

        assert exc.value.code == "sen_klage_vurdering"

    def test_it_cannot_be_heard_when_neither_ground_holds(self, ops: Any, late: Any) -> None:
        from sosialsak.contexts.decisions.operations import UnableToHandleKlage

        with pytest.raises(UnableToHandleKlage) as exc:
            self._decide(ops, late, behandles=True, unnskyldelig=False, saerlige_grunner=False)

        assert exc.value.extra["field"] == "behandles"

    def test_rejected_and_accepted_assessments_are_recorded_with_both_grounds(
        self, ops: Any, late: Any
    ) -> None:
        klage = self._decide(ops, late, behandles=True, unnskyldelig=False,
                             saerlige_grunner=True)

        klage.refresh_from_db()
        assert (klage.behandles, klage.sen_unnskyldelig, klage.sen_saerlige_grunner) == (
            True, False, True)
        assert klage.for_sent_vurdering == "Vurdert."

    def test_it_is_never_heard_more_than_a_year_after_the_decision(
        self, ops: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToHandleKlage

        klage = _klage(ops, vedtak, mottatt=date(2025, 3, 10))

        with pytest.raises(UnableToHandleKlage) as exc:
            self._decide(ops, klage, behandles=True, unnskyldelig=True, saerlige_grunner=True)

        assert "ett år" in exc.value.message


def test_the_decision_page_shows_the_deadline(client: Any, users: Any, vedtak: Any) -> None:
    client.force_login(users["veileder_sf"])

    page = client.get(f"/vedtak/{vedtak.pk}/").content.decode()

    assert 'id="klagefrist"' in page and "02.04.2024" in page
