"""The clocks of follow-up (issue 14, item 8): each list holds exactly what is due, with its
owner (the case's saksbehandler) and due date, and its count equals its list."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from sosialsak.contexts.followup.policy import AktivitetInput
from tests.helpers import NOW

TODAY = date(2024, 4, 10)
KEYS = ("forhandsvarsel-svarfrist", "vilkar-oppfolging", "aktivitet-frist", "klage-oversending")


def _aktivitet(scope: Any, actor: Any, soknad: Any, til: date, status: str = "") -> Any:
    from sosialsak.contexts.followup.operations import add_aktivitet, set_aktivitet_status

    a = add_aktivitet(scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW, data=AktivitetInput(
        mal="Arbeid", hva=f"Aktivitet til {til}", fra=date(2024, 3, 1), til=til))
    if status:
        set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=a.pk, status=status, now=NOW)
    return a


@pytest.fixture
def due(granted: Any, actor: Any, scope: Any, make_soknad: Any, users: Any,
        scope_of: Any) -> dict[str, Any]:
    from sosialsak.contexts.decisions.models import Vilkar, Vilkarsbrudd
    from sosialsak.contexts.decisions.operations import register_klage
    from sosialsak.contexts.intake.models import Soknad

    g = granted
    Soknad.objects.filter(pk=g.soknad.pk).update(saksbehandler=actor)
    # Conditions: follow-up date come (on), deadline passed (on), later (off), met (off).
    Vilkar.objects.filter(pk=g.vanlig.pk).update(oppfolgingsdato=date(2024, 4, 8))
    Vilkar.objects.filter(pk=g.grunnet.pk).update(frist=date(2024, 4, 30))
    late = Vilkar.objects.create(vedtak=g.vedtak, beskrivelse="Søk ti jobber.", referanse="r3",
                                 frist=date(2024, 4, 1))
    Vilkar.objects.create(vedtak=g.vedtak, beskrivelse="Oppfylt.", referanse="r4",
                          status="OPPFYLT", oppfolgingsdato=date(2024, 4, 1))
    # Advance warnings: reply deadline passed (on), reply registered (off), not yet (off).
    at = datetime(2024, 3, 20, 9, tzinfo=NOW.tzinfo)
    warned = Vilkarsbrudd.objects.create(vilkar=late, hva="Søkte ikke.", status="VARSLET",
                                         registrert_at=at, svarfrist=date(2024, 4, 5))
    Vilkarsbrudd.objects.create(vilkar=late, hva="x", status="VARSLET", registrert_at=at,
                                svarfrist=date(2024, 4, 5), svar="Jeg var syk.",
                                svar_dato=date(2024, 4, 4))
    Vilkarsbrudd.objects.create(vilkar=late, hva="y", status="VARSLET", registrert_at=at,
                                svarfrist=date(2024, 4, 12))
    # Activities: past its end and started (on), done (off), not over (off), other office.
    over = _aktivitet(scope, actor, g.soknad, date(2024, 4, 5), "STARTET")
    _aktivitet(scope, actor, g.soknad, date(2024, 4, 5), "FULLFORT")
    _aktivitet(scope, actor, g.soknad, date(2024, 4, 30))
    b = make_soknad(office="B")
    _aktivitet(scope_of(users["veileder_b"]), users["veileder_b"], b, date(2024, 4, 1))
    # Appeals: the office's 21 days end within a week (on); received yesterday (off).
    register_klage(scope=scope, actor=actor, vedtak_id=g.vedtak.pk, tekst="Uenig.",
                   mottatt=date(2024, 3, 25), kom_fram=date(2024, 3, 11), now=NOW)
    register_klage(scope=scope, actor=actor, vedtak_id=g.vedtak.pk, tekst="Uenig igjen.",
                   mottatt=date(2024, 4, 9), kom_fram=date(2024, 3, 25), now=NOW)
    return {"late": late, "warned": warned, "over": over}


def _lines(scope: Any, actor: Any, key: str, **kw: Any) -> list[Any]:
    from sosialsak.contexts.casefile.worklists import worklist

    return worklist(scope=scope, actor=actor, key=key, today=TODAY, purpose="test", **kw)


def test_each_clock_lists_what_is_due_with_owner_and_due_date(
    due: Any, granted: Any, actor: Any, scope: Any
) -> None:
    def line(key: str) -> list[tuple[int, date | None, bool, str]]:
        return [(i.soknad_id, i.frist, i.overdue, i.saksbehandler)
                for i in _lines(scope, actor, key)]

    s, owner = granted.soknad.pk, actor.get_full_name()
    assert line("forhandsvarsel-svarfrist") == [(s, date(2024, 4, 5), True, owner)]
    assert line("vilkar-oppfolging") == [(s, date(2024, 4, 1), True, owner),
                                         (s, date(2024, 4, 8), True, owner)]
    assert line("aktivitet-frist") == [(s, date(2024, 4, 5), True, owner)]
    assert line("klage-oversending") == [(s, date(2024, 4, 15), False, owner)]
    (klage,) = _lines(scope, actor, "klage-oversending")
    assert "15.04.2024" in klage.detalj


def test_the_counts_equal_the_lists(due: Any, actor: Any, scope: Any) -> None:
    from sosialsak.contexts.casefile.worklists import worklist_overview

    counts, total = worklist_overview(scope=scope, actor=actor, today=TODAY)

    assert {k: counts[k] for k in KEYS} == {
        "forhandsvarsel-svarfrist": 1, "vilkar-oppfolging": 2, "aktivitet-frist": 1,
        "klage-oversending": 1}
    for key in KEYS:
        assert counts[key] == len(_lines(scope, actor, key))
    assert total == 1  # every line is on the one case: one case to follow up


def test_a_clock_stops_when_the_thing_is_done(due: Any, granted: Any, actor: Any,
                                              scope: Any) -> None:
    from sosialsak.contexts.decisions.models import Vilkarsbrudd
    from sosialsak.contexts.followup.operations import mark_vilkar_oppfylt, set_aktivitet_status

    later = NOW + timedelta(days=40)
    mark_vilkar_oppfylt(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk, now=later)
    set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=due["over"].pk,
                         status="FULLFORT", now=later)
    Vilkarsbrudd.objects.filter(pk=due["warned"].pk).update(svar_mangler=True)

    assert [i.frist for i in _lines(scope, actor, "vilkar-oppfolging")] == [date(2024, 4, 1)]
    assert _lines(scope, actor, "aktivitet-frist") == []
    assert _lines(scope, actor, "forhandsvarsel-svarfrist") == []


def test_another_office_and_mine_only(due: Any, actor: Any, users: Any,
                                      scope_of: Any) -> None:
    other = users["veileder_b"]
    (line,) = _lines(scope_of(other), other, "aktivitet-frist")
    assert line.frist == date(2024, 4, 1)

    assert _lines(scope_of(other), other, "vilkar-oppfolging") == []
    leder = users["leder_a"]
    assert _lines(scope_of(leder), leder, "aktivitet-frist", mine_only=True) == []
