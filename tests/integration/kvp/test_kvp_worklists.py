"""The issue 14 worklists: people to consider for KVP, programmes that end, and referrals
without an outcome after the office's number of weeks; each count equals its list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def _lists(scope: Any, actor: Any, today: date) -> dict[str, list[int]]:
    from sosialsak.contexts.casefile.worklists import worklist, worklist_counts

    keys = ("kvp-aktuelle", "kvp-programslutt", "henvisning-uten-utfall")
    got = {k: [i.soknad_id for i in worklist(scope=scope, actor=actor, key=k, today=today,
                                             purpose="test")] for k in keys}
    counts = worklist_counts(scope=scope, actor=actor, today=today)
    assert {k: len(v) for k, v in got.items()} == {k: counts[k] for k in keys}
    return got


def test_a_long_term_recipient_is_on_the_screening_list_until_screened(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    """Long-term: § 18 support in 6 of the last 12 months (the office's default setting)."""
    from sosialsak.contexts.decisions.operations import make_vedtak
    from sosialsak.contexts.kvp import operations as kvp

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    make_vedtak(scope=scope, actor=actor, soknad_id=young_parent.pk, now=NOW,
                data=utkast(periode_fra=date(2023, 9, 1), periode_til=date(2024, 3, 1)))
    got = _lists(scope, actor, date(2024, 3, 5))
    assert young_parent.pk in got["kvp-aktuelle"]
    kvp.screen(scope=scope, actor=actor, soknad_id=young_parent.pk, grunn="LANGTID", now=NOW)
    assert young_parent.pk not in _lists(scope, actor, date(2024, 3, 5))["kvp-aktuelle"]


def test_a_short_recipient_is_not(users: Any, scope_of: Any, young_parent: Any,
                                  utkast: Any) -> None:
    from sosialsak.contexts.decisions.operations import make_vedtak

    actor = users["veileder_sf"]
    make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk, now=NOW,
                data=utkast(periode_fra=date(2024, 3, 1), periode_til=date(2024, 6, 1)))
    assert young_parent.pk not in _lists(scope_of(actor), actor,
                                         date(2024, 3, 5))["kvp-aktuelle"]


def test_a_programme_ending_and_a_referral_without_outcome(
    scope: Any, veileder: Any, granted: Any, tiltak: dict[str, Any]
) -> None:
    """Programme end: within 60 days of the end (setting); referral: older than 8 weeks."""
    from sosialsak.contexts.kvp import operations as kvp
    from sosialsak.contexts.tiltak.operations import refer, stop

    h = refer(scope=scope, actor=veileder, soknad_id=granted.fra_soknad_id,
              tiltak_id=tiltak["arbeid"].pk, grunn="Arbeidstrening", now=NOW)
    kvp.save_plan(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW,
                  linjer=[kvp.PlanLinje(henvisning_id=h.pk),
                          kvp.PlanLinje(beskrivelse="Jobbsøking", timer_per_uke=15)])
    d = kvp.start(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW)
    assert d.slutt_dato == date(2026, 4, 1)

    early = _lists(scope, veileder, NOW.date() + timedelta(weeks=8))
    assert early["kvp-programslutt"] == [] and early["henvisning-uten-utfall"] == []
    later = _lists(scope, veileder, NOW.date() + timedelta(weeks=8, days=1))
    assert later["henvisning-uten-utfall"] == [granted.fra_soknad_id]
    assert _lists(scope, veileder, date(2026, 2, 1))["kvp-programslutt"] == [granted.soknad_id]

    stop(scope=scope, actor=veileder, henvisning_id=h.pk, dato=date(2024, 5, 1),
         grunn="Ferdig", utfall="AVBRUTT", now=NOW)
    assert _lists(scope, veileder, date(2024, 6, 1))["henvisning-uten-utfall"] == []
