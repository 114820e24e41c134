"""The application's status rules, through the operations that enforce them."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak.contexts.decisions.operations import VedtakInput, change_status, record_vedtak
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.contexts.intake.policy import IllegalTransition, UndecidedItems, check_transition
from tests.helpers import NOW


class TestPolicy:
    def test_the_normal_path_is_allowed(self) -> None:
        check_transition(current="MOTTATT", target="UNDER_BEHANDLING", undecided_items=[])
        check_transition(current="UNDER_BEHANDLING", target="FERDIGBEHANDLET", undecided_items=[])

    def test_skipping_the_processing_is_refused(self) -> None:
        with pytest.raises(IllegalTransition, match=r"Mottatt.*Ferdig behandlet"):
            check_transition(current="MOTTATT", target="FERDIGBEHANDLET", undecided_items=[])

    def test_nothing_leaves_behandles_ikke(self) -> None:
        with pytest.raises(IllegalTransition):
            check_transition(current="BEHANDLES_IKKE", target="UNDER_BEHANDLING",
                             undecided_items=[])

    def test_an_unknown_status_is_refused(self) -> None:
        with pytest.raises(IllegalTransition, match="ukjent status"):
            check_transition(current="MOTTATT", target="AVSLUTTET", undecided_items=[])


def _decide(scope, actor, soknad, post) -> None:  # type: ignore[no-untyped-def]
    record_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW, data=VedtakInput(
        post_ids=[post.pk], hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
        periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1), belop=5000,
        begrunnelse="Du har ikke inntekt denne måneden."))


class TestEveryItemDecided:
    def test_an_application_with_an_undecided_item_cannot_be_finished(
        self, make_soknad, users, scope_of
    ) -> None:
        actor = users["veileder_a"]
        scope = scope_of(actor)
        soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="UNDER_BEHANDLING",
                      now=NOW)
        _decide(scope, actor, soknad, soknad.poster.get(type="LIVSOPPHOLD"))
        events_before = Hendelse.objects.filter(soknad=soknad).count()

        with pytest.raises(UndecidedItems, match="Strøm og oppvarming") as err:
            change_status(scope=scope, actor=actor, soknad_id=soknad.pk,
                          target="FERDIGBEHANDLET", now=NOW)

        assert err.value.code == "undecided_items"
        assert Soknad.objects.get(pk=soknad.pk).status == "UNDER_BEHANDLING"
        assert Hendelse.objects.filter(soknad=soknad).count() == events_before

    def test_it_can_be_finished_when_every_item_has_a_decision(
        self, make_soknad, users, scope_of
    ) -> None:
        actor = users["veileder_a"]
        scope = scope_of(actor)
        soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="UNDER_BEHANDLING",
                      now=NOW)
        for post in soknad.poster.all():
            _decide(scope, actor, soknad, post)

        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="FERDIGBEHANDLET",
                      now=NOW)

        assert Soknad.objects.get(pk=soknad.pk).status == "FERDIGBEHANDLET"
        assert list(Hendelse.objects.filter(soknad=soknad, type="intake.soknad.status")
                    .values_list("data__status", flat=True)) == [
            "UNDER_BEHANDLING", "FERDIGBEHANDLET"]

    def test_a_read_only_statsforvalter_cannot_change_status(
        self, make_soknad, users, scope_of
    ) -> None:
        from sosialsak.kernel.errors import NotFound

        soknad = make_soknad()

        with pytest.raises(NotFound):
            change_status(scope=scope_of(users["statsforvalter"]), actor=users["statsforvalter"],
                          soknad_id=soknad.pk, target="UNDER_BEHANDLING", now=NOW)
        assert Soknad.objects.get(pk=soknad.pk).status == "MOTTATT"
