"""Breach of a condition → advance warning (fvl § 16) → reduction (sotjl. § 20 third ledd)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)


@pytest.fixture
def granted(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    _kvp(users, scope_of, young_parent)
    return _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(_activity(),)))


def _ops(users: Any, scope_of: Any) -> tuple[Any, Any]:
    actor = users["veileder_sf"]
    return actor, scope_of(actor)


class TestBreachWarningReduction:
    def test_the_whole_chain_gives_a_warning_letter_and_a_reduction_decision(
        self, users: Any, scope_of: Any, granted: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            decide_reduksjon,
            record_brudd,
            send_forhandsvarsel,
        )
        from sosialsak.contexts.intake.models import Hendelse

        actor, scope = _ops(users, scope_of)
        brudd = record_brudd(scope=scope, actor=actor, vilkar_id=granted.vilkar.get().pk,
                             hva="Møtte ikke 12. og 19. mars.", forklaring="Glemte det.", now=NOW)
        brudd = send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk,
                                    belop_redusert=11000, svarfrist=date(2024, 3, 18), now=NOW)
        reduksjon = decide_reduksjon(
            scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
            individuell_vurdering="Forklaringen er vurdert; barnets del holdes utenfor.",
            nodvendig_belop=9000, now=LATER)

        assert "Møtte ikke 12. og 19. mars." in brudd.varsel.tekst
        assert reduksjon.belop == 11000
        assert reduksjon.endrer_id == granted.pk
        assert reduksjon.art == "REDUKSJON"
        types = list(Hendelse.objects.filter(soknad=granted.sak.soknad)
                     .values_list("type", flat=True))
        assert types[-3:] == ["decisions.vilkar.brudd", "decisions.forhandsvarsel",
                              "decisions.vedtak.fattet"]
        last = Hendelse.objects.filter(type="decisions.vedtak.fattet").last()
        assert last is not None and last.data["endrer_vedtak_id"] == granted.pk

    def test_a_reduction_without_a_warning_is_refused(
        self, users: Any, scope_of: Any, granted: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToReduce,
            decide_reduksjon,
            record_brudd,
        )

        actor, scope = _ops(users, scope_of)
        brudd = record_brudd(scope=scope, actor=actor, vilkar_id=granted.vilkar.get().pk,
                             hva="Møtte ikke.", forklaring="", now=NOW)
        with pytest.raises(UnableToReduce) as exc:
            decide_reduksjon(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
                             individuell_vurdering="Vurdert.", nodvendig_belop=0, now=LATER)

        assert exc.value.code == "reduksjon_ikke_forhandsvarslet"

    def test_no_warning_or_reduction_when_the_decision_did_not_state_the_consequence(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToReduce,
            record_brudd,
            send_forhandsvarsel,
        )

        _kvp(users, scope_of, young_parent)
        vedtak = _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(
            replace(_activity(), sanksjon="02", konsekvens="Vi tar en ny samtale."),)))
        actor, scope = _ops(users, scope_of)
        brudd = record_brudd(scope=scope, actor=actor, vilkar_id=vedtak.vilkar.get().pk,
                             hva="Møtte ikke.", forklaring="", now=NOW)

        with pytest.raises(UnableToReduce) as exc:
            send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk,
                                belop_redusert=11000, svarfrist=date(2024, 3, 18), now=NOW)

        assert exc.value.code == "reduksjon_konsekvens_ikke_opplyst"

    @pytest.mark.parametrize(("belop", "nodvendig", "at", "code"), [
        (3000, 0, LATER, "reduksjon_under_forsvarlig"),   # below the child's rate 3950
        (11000, 11500, LATER, "reduksjon_under_forsvarlig"),
        (11000, 0, NOW, "reduksjon_svarfrist_ikke_ute"),
        (12300, 0, LATER, "reduksjon_belop"),
    ])
    def test_the_reduced_amount_and_the_deadline_are_checked(
        self, users: Any, scope_of: Any, granted: Any, belop: int, nodvendig: int, at: Any,
        code: str,
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToReduce,
            decide_reduksjon,
            record_brudd,
            send_forhandsvarsel,
        )

        actor, scope = _ops(users, scope_of)
        brudd = record_brudd(scope=scope, actor=actor, vilkar_id=granted.vilkar.get().pk,
                             hva="Møtte ikke.", forklaring="", now=NOW)
        send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
                            svarfrist=date(2024, 3, 18), now=NOW)
        with pytest.raises(UnableToReduce) as exc:
            decide_reduksjon(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=belop,
                             individuell_vurdering="Vurdert.", nodvendig_belop=nodvendig, now=at)

        assert exc.value.code == code
