"""The decision in force ON a date: a time-limited reduction (R35 4.20/4.20 a, sotjl. § 20)
is in force only in its own period; after it the decision it replaced is in force again."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_reduction_payments import _granted, _rows

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)
OSLO = ZoneInfo("Europe/Oslo")


def _reduce_april(users: Any, scope_of: Any, original: Any) -> Any:
    from sosialsak.contexts.decisions.operations import (
        decide_reduksjon,
        record_brudd,
        send_forhandsvarsel,
    )

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=original.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
                        svarfrist=date(2024, 3, 18), now=NOW, periode_fra=date(2024, 4, 1),
                        periode_til=date(2024, 5, 1))
    return decide_reduksjon(
        scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
        individuell_vurdering="Forklaringen er vurdert.", nodvendig_belop=9000, now=LATER,
        periode_fra=date(2024, 4, 1), periode_til=date(2024, 5, 1))


def test_in_force_on_a_date_follows_the_reduction_period(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    """sotjl. § 20 / R35 4.20: the April-only reduction is in force in April only."""
    from sosialsak.contexts.decisions.operations._core import in_force

    original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
    reduksjon = _reduce_april(users, scope_of, original)

    assert in_force(original, on=date(2024, 4, 10)).pk == reduksjon.pk
    assert in_force(original, on=date(2024, 5, 10)).pk == original.pk
    assert in_force(original, on=date(2024, 3, 10)).pk == original.pk
    assert in_force(original).pk == reduksjon.pk  # without a date: the newest


def test_a_second_breach_after_a_time_limited_reduction_reduces_the_original(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    """sotjl. § 20 / R35 4.20: after the reduction's period the original is in force, so a new
    breach in May may be reduced (not refused as «period over»)."""
    from sosialsak.contexts.decisions.operations import (
        decide_reduksjon,
        record_brudd,
        send_forhandsvarsel,
    )

    original = _granted(users, scope_of, young_parent, utkast, hyppighet="MANEDLIG")
    _reduce_april(users, scope_of, original)
    actor = users["veileder_sf"]
    scope = scope_of(actor)
    may = datetime(2024, 5, 6, 10, 0, tzinfo=OSLO)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=original.vilkar.get().pk,
                         hva="Møtte ikke i mai.", forklaring="", now=may)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=10000,
                        svarfrist=date(2024, 5, 8), now=may)

    second = decide_reduksjon(
        scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=10000,
        individuell_vurdering="Forklaringen er vurdert.", nodvendig_belop=9000,
        now=may + timedelta(days=3))

    assert second.endrer_id == original.pk
    assert (second.periode_fra, second.periode_til) == (date(2024, 5, 9), date(2024, 6, 1))
    assert _rows(original)[-1] == (date(2024, 5, 15), 12300, "STOPPET")
    # May, reduced from the 9th (sotjl. § 20 third paragraph, issue 11: a part month by days):
    # 1–8 May at the original's 12 300, 9–31 May at 10 000, each share rounded half up.
    assert [(b, s) for _, b, s in _rows(second)] == [(3174 + 7419, "PLANLAGT")]
