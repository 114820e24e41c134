"""Issue 11 follow-ups from the review: KVP from the decision's start (sotjl. § 35), the
forsendelse recorded under the application's lock (fvl. § 29: the appeal deadline runs from
it), the household read once per build, and refused reads and the Statsforvalter's searches
filed where a leder sees them (personopplysningsloven / GDPR art. 5(2): accountability)."""

from __future__ import annotations

from datetime import date
from typing import Any
from unittest import mock

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db


class TestKvpFromTheDecisionsStart:
    def test_a_decision_from_the_15th_pays_the_first_month_from_the_15th(
        self, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 35: kvalifiseringsstønad is paid for the days of the decision's period; a
        decision from 15 April for a programme that began 1 April pays April from the 15th
        (by weekdays, rules.kvp_periode), never the whole month."""
        from sosialsak.contexts.decisions.operations import KvpUtkast
        from sosialsak.contexts.decisions.operations._builder import build

        def april(fra: date, deltakelse_fra: date | None) -> int:
            data = utkast(hjemmel="§ 35", unntak=None, justeringer=(), individuell_vurdering="",
                          periode_fra=fra, periode_til=date(2024, 6, 1),
                          kvp=KvpUtkast(deltakelse_fra=deltakelse_fra))
            built = build(soknad=young_parent, data=data, today=NOW.date())
            assert built.kvp is not None
            return built.kvp.months[0].amount

        whole = april(date(2024, 4, 1), None)
        from_15th = april(date(2024, 4, 15), None)

        assert from_15th < whole
        assert april(date(2024, 4, 15), date(2024, 4, 1)) == from_15th


class TestForsendelseLocksThenReads:
    def test_the_decision_is_read_only_after_the_applications_lock(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """contexts/locking.py (fvl. § 29: the appeal deadline follows the recorded sending):
        the decision's state is read after the application's lock, never before it."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from sosialsak.contexts.decisions.operations import record_forsendelse

        made = _make(users, scope_of, young_parent, utkast())
        actor = users["veileder_sf"]
        with CaptureQueriesContext(connection) as ctx:
            record_forsendelse(scope=scope_of(actor), actor=actor, vedtak_id=made.pk,
                               forsendelse="POST", sendt=NOW.date(), mottatt=None, now=NOW)

        sql = [q["sql"] for q in ctx.captured_queries]
        lock = next(i for i, s in enumerate(sql) if s.startswith('SELECT "intake_soknad"."id"'))
        state = next(i for i, s in enumerate(sql)
                     if s.startswith('SELECT "decisions_vedtak"."id"'))
        assert lock < state


class TestTheBuildReadsTheHouseholdOnce:
    def test_a_preview_reads_the_household_and_the_municipality_once(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """One read per request (issue 11): the household of the application (sotjl. § 18,
        who is in it) and the responsible municipality (sotjl. § 3: its rates, its appeal
        body) are read once and passed along."""
        from sosialsak.contexts.cases.operations import _brev
        from sosialsak.contexts.decisions.operations import _builder, preview_vedtak

        actor = users["veileder_sf"]
        with mock.patch.object(_builder, "household_of", wraps=_builder.household_of) as hh, \
                mock.patch.object(_brev, "household_of", wraps=_brev.household_of) as letter, \
                mock.patch.object(_builder, "responsible_kommune",
                                  wraps=_builder.responsible_kommune) as kommune:
            preview = preview_vedtak(scope=scope_of(actor), actor=actor,
                                     soknad_id=young_parent.pk, data=utkast(),
                                     today=NOW.date())

        assert preview.belop == 12300 and preview.letter_text
        assert hh.call_count + letter.call_count == 1
        assert kommune.call_count == 1


class TestRefusedReadsAndSearchesAreFiledWithTheOffice:
    def test_a_refused_person_page_is_filed_under_the_persons_office(
        self, users: Any, scope_of: Any, young_parent: Any, offices: Any
    ) -> None:
        """Accountability (GDPR art. 5(2)): a refused look-up of a person is seen by the leder
        of the office holding the person's applications."""
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.casefile.find import person_overview
        from sosialsak.kernel.errors import NotFound

        other = users["veileder_b"]  # office B; the person's application is at office A
        with pytest.raises(NotFound):
            person_overview(scope=scope_of(other), actor=other,
                            person_id=young_parent.person_id, purpose="personside")

        entry = AuditEntry.objects.get(action="DENIED", object_type="person")
        assert entry.kontor_id == offices["A"].pk
        assert entry.object_id == str(young_parent.person_id)

    def test_the_statsforvalters_search_is_filed_under_each_office_it_returned(
        self, users: Any, scope_of: Any, make_soknad: Any, offices: Any
    ) -> None:
        """Accountability (GDPR art. 5(2)): the Statsforvalter has no office of their own; a
        search is filed under each office whose records it returned, so each leder sees it."""
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.casefile.find import find

        make_soknad(office="A")
        make_soknad(office="B")
        sf = users["statsforvalter"]

        result = find(scope=scope_of(sf), actor=sf, term="Kari", purpose="søk")

        assert {h.kontor for h in result.hits} == {offices["A"].navn, offices["B"].navn}
        searches = AuditEntry.objects.filter(object_type="sok", actor_username=sf.username)
        assert sorted(e.kontor_id for e in searches) == sorted(
            [offices["A"].pk, offices["B"].pk])
