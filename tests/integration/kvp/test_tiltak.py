"""The tiltak catalogue and referrals: capacity shown, a full measure gets a waiting list in
order, start/stop with reason, and an outcome that fills KOSTRA 11CF «situation after»."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def _refer(scope: Any, actor: Any, soknad: Any, tiltak: Any) -> Any:
    from sosialsak.contexts.tiltak.operations import refer

    return refer(scope=scope, actor=actor, soknad_id=soknad.pk, tiltak_id=tiltak.pk,
                 grunn="Trenger arbeidstrening", now=NOW)


class TestCapacity:
    def test_a_full_measure_puts_new_referrals_on_the_waiting_list_in_order(
        self, scope: Any, veileder: Any, make_soknad: Any, tiltak: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.tiltak import operations as ops
        from sosialsak.contexts.tiltak.policy import UnableToChangeHenvisning
        from sosialsak.contexts.tiltak.queries import catalogue, referrals_of_tiltak

        norsk = tiltak["norsk"]  # one place
        first, second, third = (make_soknad() for _ in range(3))
        a = _refer(scope, veileder, first, norsk)
        b = _refer(scope, veileder, second, norsk)
        c = _refer(scope, veileder, third, norsk)
        assert [a.status, b.status, c.status] == ["HENVIST", "VENTELISTE", "VENTELISTE"]
        row = next(t for t in catalogue(scope=scope) if t.id == norsk.pk)
        assert (row.kapasitet, row.opptatt, row.venter, row.ledige, row.fullt) == (1, 1, 2, 0,
                                                                                   True)
        queue = {r.id: r.ko_plass for r in referrals_of_tiltak(scope=scope, actor=veileder,
                                                               tiltak_id=norsk.pk)}
        assert (queue[b.pk], queue[c.pk]) == (1, 2)

        with pytest.raises(UnableToChangeHenvisning) as exc:  # no place is free
            ops.give_place(scope=scope, actor=veileder, henvisning_id=b.pk, now=NOW)
        assert exc.value.code == "tiltak_fullt"
        ops.stop(scope=scope, actor=veileder, henvisning_id=a.pk, dato=date(2024, 3, 10),
                 grunn="Fikk jobb", utfall="ARBEID", situasjon_etter="01", now=NOW)
        with pytest.raises(UnableToChangeHenvisning) as exc:  # the queue's order holds
            ops.give_place(scope=scope, actor=veileder, henvisning_id=c.pk, now=NOW)
        assert exc.value.code == "ikke_forst_i_ko"
        assert ops.give_place(scope=scope, actor=veileder, henvisning_id=b.pk,
                              now=NOW).status == "HENVIST"

    def test_no_limit_without_capacity(self, scope: Any, veileder: Any, make_soknad: Any,
                                       tiltak: dict[str, Any]) -> None:
        for _ in range(3):
            assert _refer(scope, veileder, make_soknad(), tiltak["jobb"]).status == "HENVIST"


class TestOutcome:
    @pytest.mark.parametrize(("utfall", "kode", "ok"), [
        ("ARBEID", "01", True), ("ARBEID", "04", False), ("UTDANNING", "04", True),
        ("ANNEN_YTELSE", "14", True), ("AVBRUTT", "", True), ("AVBRUTT", "10", False),
        ("ANNET", "", False)])
    def test_the_outcome_names_the_kostra_code_it_fills(
        self, scope: Any, veileder: Any, recipient: Any, tiltak: dict[str, Any], utfall: str,
        kode: str, ok: bool
    ) -> None:
        """KOSTRA 11CF AVSL_*: a job 01/11, education 04, other benefit 03/13–16; a drop-out
        fills none."""
        from sosialsak.contexts.tiltak import operations as ops
        from sosialsak.contexts.tiltak.policy import UnableToChangeHenvisning

        h = _refer(scope, veileder, recipient, tiltak["arbeid"])
        ops.start(scope=scope, actor=veileder, henvisning_id=h.pk, dato=date(2024, 3, 5),
                  now=NOW)
        call = {"scope": scope, "actor": veileder, "henvisning_id": h.pk,
                "dato": date(2024, 5, 1), "grunn": "Slutt", "utfall": utfall,
                "situasjon_etter": kode, "now": NOW}
        if ok:
            assert ops.stop(**call).situasjon_etter == kode
        else:
            with pytest.raises(UnableToChangeHenvisning):
                ops.stop(**call)

    def test_other_office_cannot_refer_or_see(self, scope_of: Any, users: Any,
                                              recipient: Any, tiltak: dict[str, Any]) -> None:
        from sosialsak.contexts.tiltak.queries import catalogue
        from sosialsak.kernel.errors import NotFound

        other = users["veileder_b"]
        assert catalogue(scope=scope_of(other)) == []
        with pytest.raises(NotFound):
            _refer(scope_of(other), other, recipient, tiltak["arbeid"])

    def test_statsforvalter_cannot_change_the_catalogue(self, scope_of: Any, users: Any,
                                                       tiltak: dict[str, Any]) -> None:
        from sosialsak.contexts.tiltak.operations import end_tiltak
        from sosialsak.kernel.errors import NotFound

        sf = users["statsforvalter"]
        with pytest.raises(NotFound):
            end_tiltak(scope=scope_of(sf), actor=sf, tiltak_id=tiltak["arbeid"].pk,
                       dato=date(2024, 3, 5), now=NOW)

    def test_hours_are_bounded(self, scope: Any, veileder: Any, offices: Any) -> None:
        from sosialsak.contexts.tiltak.operations import TiltakInput, create_tiltak
        from sosialsak.contexts.tiltak.policy import UnableToChangeTiltak

        with pytest.raises(UnableToChangeTiltak):
            create_tiltak(scope=scope, actor=veileder, kontor_id=offices["A"].pk, now=NOW,
                          data=TiltakInput(navn="X", tilbyder="KOMMUNE", malgruppe="Alle",
                                           timer_per_uke=Decimal(0)))
