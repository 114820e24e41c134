"""Worklist contents for a prepared set of cases, counts, scoping, audit and query count."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.casefile.worklists import worklist, worklist_counts
from sosialsak.contexts.cases.operations import (
    create_oppgave,
    request_dokumentasjon,
    save_kartlegging,
    send_forelopig_svar,
)
from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak, register_klage
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.errors import NotFound
from tests.integration.cases.answers import CHILD

TODAY = date(2024, 4, 10)  # a Wednesday


def at(y: int, m: int, d: int, h: int = 9) -> datetime:
    return datetime(y, m, d, h, 0, tzinfo=UTC)


def received(soknad: Soknad, when: datetime) -> Soknad:
    Soknad.objects.filter(pk=soknad.pk).update(mottatt_at=when)
    soknad.refresh_from_db()
    return soknad


@pytest.fixture
def cases(make_soknad, actor, scope):  # type: ignore[no-untyped-def]
    """One application for each list (and a few that must stay off every list)."""
    c = {}
    c["krav_ute"] = received(make_soknad(), at(2024, 4, 5))
    request_dokumentasjon(scope=scope, actor=actor, soknad_id=c["krav_ute"].pk, titler=["A"],
                          frist=date(2024, 4, 8), now=at(2024, 4, 5))
    c["krav_snart"] = received(make_soknad(), at(2024, 4, 8))
    request_dokumentasjon(scope=scope, actor=actor, soknad_id=c["krav_snart"].pk,
                          titler=["A", "B"], frist=date(2024, 4, 12), now=at(2024, 4, 8))
    c["krav_senere"] = received(make_soknad(), at(2024, 4, 8))
    request_dokumentasjon(scope=scope, actor=actor, soknad_id=c["krav_senere"].pk,
                          titler=["A"], frist=date(2024, 4, 30), now=at(2024, 4, 8))
    c["gammel"] = received(make_soknad(), at(2024, 3, 4))
    c["svart"] = received(make_soknad(), at(2024, 3, 5))
    send_forelopig_svar(scope=scope, actor=actor, soknad_id=c["svart"].pk, now=at(2024, 4, 1),
                        grunn="Mange søknader.", forventet_dato=date(2024, 4, 20))
    c["nodhjelp_i_gaar"] = received(make_soknad(items=("NODHJELP",)), at(2024, 4, 9, 10))
    c["nodhjelp_i_dag"] = received(make_soknad(items=("NODHJELP",)), at(2024, 4, 10, 7))
    c["familie"] = received(make_soknad(barn=2), at(2024, 4, 9))
    first = Barn.objects.filter(person=c["familie"].person).first()
    save_kartlegging(scope=scope, actor=actor, soknad_id=c["familie"].pk, del_type="BARN",
                     barn_id=first.pk, svar=dict(CHILD), now=at(2024, 4, 9))
    c["oppgave"] = received(make_soknad(), at(2024, 4, 9))
    c["task_today"] = create_oppgave(scope=scope, actor=actor, soknad_id=c["oppgave"].pk,
                                     tittel="Ring søker", frist=TODAY, now=at(2024, 4, 9))
    create_oppgave(scope=scope, actor=actor, soknad_id=c["oppgave"].pk, tittel="Senere",
                   frist=date(2024, 4, 11), now=at(2024, 4, 9))
    c["periode"] = received(make_soknad(items=("HUSLEIE",)), at(2024, 4, 9))
    vedtak = _decide(scope, actor, c["periode"], "HUSLEIE", date(2024, 4, 21))
    register_klage(scope=scope, actor=actor, vedtak_id=vedtak.pk, tekst="Husleien er høyere.",
                   mottatt=date(2024, 4, 5), kom_fram=date(2024, 3, 18), now=at(2024, 4, 5))
    c["fornyet"] = received(make_soknad(items=("HUSLEIE", "STROM")), at(2024, 4, 9))
    _decide(scope, actor, c["fornyet"], "HUSLEIE", date(2024, 4, 21))
    _decide(scope, actor, c["fornyet"], "STROM", date(2024, 5, 31))
    c["annet_kontor"] = received(make_soknad(office="B"), at(2024, 3, 1))
    return c


def _decide(scope, actor, soknad, type_, til, hjemmel="§ 18"):  # type: ignore[no-untyped-def]
    return record_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=at(2024, 3, 15),
                  data=VedtakInput(post_ids=[soknad.poster.get(type=type_).pk], hjemmel=hjemmel,
                                   utfall="INNVILGET", stonadsform="BIDRAG", belop=4000,
                                   periode_fra=date(2024, 3, 15), periode_til=til,
                                   begrunnelse="Husleien er rimelig."))


def ids(scope, actor, key, **kw):  # type: ignore[no-untyped-def]
    return [i.soknad_id for i in worklist(scope=scope, actor=actor, key=key, today=TODAY,
                                          purpose="test", **kw)]


def test_each_list_holds_exactly_the_cases_due(cases, actor, scope) -> None:
    c = cases

    assert ids(scope, actor, "nodhjelp") == [c["nodhjelp_i_gaar"].pk]
    assert ids(scope, actor, "dokumentasjon-frist-ute") == [c["krav_ute"].pk]
    assert ids(scope, actor, "dokumentasjon-paminnelse") == [c["krav_snart"].pk]
    assert ids(scope, actor, "forelopig-svar") == [c["gammel"].pk]
    assert ids(scope, actor, "uten-vedtak") == [c["gammel"].pk, c["svart"].pk]
    assert ids(scope, actor, "kartlegging-barn") == [c["familie"].pk]
    assert ids(scope, actor, "oppgaver") == [c["oppgave"].pk]
    assert ids(scope, actor, "vedtaksperiode") == [c["periode"].pk]
    assert ids(scope, actor, "klager") == [c["periode"].pk]


def test_the_lines_say_what_is_due(cases, actor, scope) -> None:
    def line(key):  # type: ignore[no-untyped-def]
        (item,) = worklist(scope=scope, actor=actor, key=key, today=TODAY, purpose="test")
        return item.frist, item.detalj, item.overdue

    assert line("forelopig-svar") == (date(2024, 4, 4), "Foreløpig svar må sendes", True)
    assert line("kartlegging-barn") == (None, "Barnas kartlegging mangler: Barn 1", False)
    assert line("dokumentasjon-paminnelse") == (
        date(2024, 4, 12), "2 dokumenter venter; ingen påminnelse", False)
    assert line("vedtaksperiode") == (date(2024, 4, 20),
                                      "Vedtaksperioden slutter 20.04.2024", False)
    assert line("oppgaver") == (TODAY, "Ring søker", False)
    assert line("klager") == (date(2024, 4, 5), "Klage mottatt for 5 dager siden", False)


def test_the_counts_match_the_lists(cases, actor, scope) -> None:
    counts = worklist_counts(scope=scope, actor=actor, today=TODAY)

    assert counts == {"nodhjelp": 1, "dokumentasjon-frist-ute": 1,
                      "dokumentasjon-paminnelse": 1, "forelopig-svar": 1, "uten-vedtak": 2,
                      "kartlegging-barn": 1, "oppgaver": 1, "vedtaksperiode": 1, "klager": 1,
                      # Issue 14: follow-up clocks (tests/integration/followup).
                      "klage-oversending": 0, "forhandsvarsel-svarfrist": 0,
                      "vilkar-oppfolging": 0, "aktivitet-frist": 0,
                      # Issue 14's services: nothing here (tests/integration/services)
                      "botilbud-over-3-maneder": 0, "botilbud-barn": 0, "plan-evaluering": 0,
                      "barnevern-uten-svar": 0,
                      # issue 14: the person whose support ends is one to consider for KVP
                      "kvp-aktuelle": 1, "kvp-programslutt": 0, "henvisning-uten-utfall": 0}


def test_a_period_ending_stays_on_the_list_when_the_person_applies_at_another_office(
    cases, actor, scope, make_soknad, users, scope_of
) -> None:
    """Issue 13: a newer application, and a longer period granted, at another office do not take
    this office's ending period off its list (each office follows up its own decisions)."""
    elsewhere = received(make_soknad(office="B", items=("HUSLEIE",)), at(2024, 4, 9, 12))
    Soknad.objects.filter(pk=elsewhere.pk).update(person_id=cases["periode"].person_id)
    other = users["veileder_b"]
    _decide(scope_of(other), other, elsewhere, "HUSLEIE", date(2024, 6, 30))

    assert ids(scope, actor, "vedtaksperiode") == [cases["periode"].pk]
    assert worklist_counts(scope=scope, actor=actor, today=TODAY)["vedtaksperiode"] == 1
    # At the other office its own decision is the newest: nothing to follow up there.
    assert ids(scope_of(other), other, "vedtaksperiode") == []


def test_only_my_cases(cases, actor, scope) -> None:
    Soknad.objects.filter(pk=cases["svart"].pk).update(saksbehandler=actor)

    assert ids(scope, actor, "uten-vedtak", mine_only=True) == [cases["svart"].pk]


def test_another_office_sees_only_its_own(cases, users, scope_of) -> None:
    other = users["veileder_b"]

    assert ids(scope_of(other), other, "uten-vedtak") == [cases["annet_kontor"].pk]


def test_showing_a_list_logs_a_read_per_case_and_counting_logs_nothing(
    cases, actor, scope
) -> None:
    before = AuditEntry.objects.count()
    worklist_counts(scope=scope, actor=actor, today=TODAY)
    assert AuditEntry.objects.count() == before

    ids(scope, actor, "uten-vedtak")

    logged = AuditEntry.objects.filter(action="READ", purpose="test")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        [str(cases["gammel"].pk), str(cases["svart"].pk)])


def test_a_citizen_has_no_worklists(users, scope_of) -> None:
    from sosialsak.contexts.accounts.operations import create_user

    citizen = create_user(username="borger", password=None, role="bruker")

    with pytest.raises(NotFound):
        worklist_counts(scope=scope_of(citizen), actor=citizen, today=TODAY)


@pytest.mark.parametrize("key", ["uten-vedtak", "kartlegging-barn", "forelopig-svar",
                                 "oppgaver", "vedtaksperiode"])
def test_the_number_of_queries_does_not_grow_with_the_list(
    make_soknad, actor, scope, key
) -> None:
    def build(n: int) -> int:
        for _ in range(n):
            s = received(make_soknad(barn=1, items=("HUSLEIE",)), at(2024, 3, 4))
            create_oppgave(scope=scope, actor=actor, soknad_id=s.pk, tittel="x", frist=TODAY,
                           now=at(2024, 4, 9))
            if key == "vedtaksperiode":
                # § 19: the children stay unmapped for the kartlegging list's sake.
                _decide(scope, actor, s, "HUSLEIE", date(2024, 4, 21), hjemmel="§ 19")
        with CaptureQueriesContext(connection) as ctx:
            items = worklist(scope=scope, actor=actor, key=key, today=TODAY, purpose="n+1")
        assert len(items) == Soknad.objects.count()
        return len(ctx.captured_queries)

    assert build(2) == build(5)
