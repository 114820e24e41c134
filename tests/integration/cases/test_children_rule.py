"""A livsopphold decision for a household with children cannot be saved until every child is
mapped or a reason is recorded; nødhjelp is exempt but opens a task to map the children."""

from __future__ import annotations

from datetime import date, time

import pytest

from sosialsak.contexts.cases.models import Oppgave
from sosialsak.contexts.cases.operations import save_kartlegging
from sosialsak.contexts.cases.policy import ChildrenNotMapped, check_children_mapped
from sosialsak.contexts.decisions.models import Sak, Vedtak
from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.offices.operations import update_office_settings
from sosialsak.contexts.offices.policy import Settings
from sosialsak.contexts.people.models import Barn
from tests.helpers import NOW
from tests.integration.cases.answers import CHILD


def decide(scope, actor, soknad, *, hjemmel="§ 18", utfall="INNVILGET"):  # type: ignore[no-untyped-def]
    return record_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW, data=VedtakInput(
        post_ids=[p.pk for p in soknad.poster.all()], hjemmel=hjemmel, utfall=utfall,
        stonadsform="BIDRAG" if utfall != "AVSLATT" else "", belop=6000,
        periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1),
        begrunnelse="Du har ikke penger til livsopphold denne måneden."))


class TestPolicy:
    def test_the_rule_applies_to_every_section_18_decision_but_nodhjelp(self) -> None:
        gaps = ["Sara"]

        assert check_children_mapped(hjemmel="§ 18", utfall="INNVILGET",
                                     post_types=["LIVSOPPHOLD"], gaps=gaps) == ["Sara"]
        assert check_children_mapped(hjemmel="§ 18", utfall="AVSLATT",
                                     post_types=["LIVSOPPHOLD", "STROM"], gaps=gaps) == ["Sara"]
        # Housing costs under § 18 are stønad til livsopphold too.
        assert check_children_mapped(hjemmel="§ 18", utfall="INNVILGET",
                                     post_types=["HUSLEIE"], gaps=gaps) == ["Sara"]
        assert check_children_mapped(hjemmel="§ 18", utfall="INNVILGET",
                                     post_types=["NODHJELP"], gaps=gaps) == []
        assert check_children_mapped(hjemmel="§ 18 nødhjelp", utfall="INNVILGET",
                                     post_types=["LIVSOPPHOLD"], gaps=gaps) == []
        assert check_children_mapped(hjemmel="§ 19", utfall="INNVILGET",
                                     post_types=["LIVSOPPHOLD"], gaps=gaps) == []
        assert check_children_mapped(hjemmel="§ 18", utfall="AVVIST",
                                     post_types=["LIVSOPPHOLD"], gaps=gaps) == []


class TestDecision:
    def test_the_decision_is_blocked_until_every_child_is_mapped(
        self, family, actor, scope
    ) -> None:
        events_before = Hendelse.objects.filter(soknad=family).count()

        with pytest.raises(ChildrenNotMapped) as err:
            decide(scope, actor, family)

        assert err.value.code == "children_not_mapped"
        assert err.value.extra == {"field": "kartlegging", "barn": ["Barn 0", "Barn 1"]}
        assert "Barn 0, Barn 1" in err.value.message
        assert (Vedtak.objects.count(), Sak.objects.count()) == (0, 0)
        assert Hendelse.objects.filter(soknad=family).count() == events_before

    def test_one_child_mapped_is_not_enough(self, family, actor, scope) -> None:
        first = Barn.objects.filter(person=family.person).first()
        assert first is not None
        save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                         barn_id=first.pk, svar=dict(CHILD), now=NOW)

        with pytest.raises(ChildrenNotMapped) as err:
            decide(scope, actor, family)

        assert err.value.extra["barn"] == ["Barn 1"]

    def test_an_unfinished_section_does_not_count(self, family, actor, scope) -> None:
        for b in Barn.objects.filter(person=family.person):
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                             barn_id=b.pk, svar={"helse": "Frisk."}, now=NOW)

        with pytest.raises(ChildrenNotMapped):
            decide(scope, actor, family)

    def test_allowed_when_one_child_is_mapped_and_a_reason_is_recorded_for_the_other(
        self, family, actor, scope
    ) -> None:
        first, second = Barn.objects.filter(person=family.person)
        save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                         barn_id=first.pk, svar=dict(CHILD), now=NOW)
        save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                         barn_id=second.pk, svar={}, now=NOW,
                         ikke_kartlagt_grunn="Barnet bor hos mor; samvær hver fjerde helg.")

        vedtak = decide(scope, actor, family)

        assert vedtak.hjemmel == "§ 18"
        assert Hendelse.objects.filter(soknad=family, type="decisions.vedtak.fattet").count() == 1

    def test_a_refusal_of_livsopphold_is_also_blocked(self, family, actor, scope) -> None:
        with pytest.raises(ChildrenNotMapped):
            decide(scope, actor, family, utfall="AVSLATT")

    def test_a_household_without_children_is_not_affected(
        self, make_soknad, actor, scope
    ) -> None:
        single = make_soknad(items=("LIVSOPPHOLD",))

        assert decide(scope, actor, single).utfall == "INNVILGET"


class TestNodhjelp:
    def test_nodhjelp_is_exempt_but_opens_a_task_to_map_the_children(
        self, make_soknad, users, actor, scope, scope_of
    ) -> None:
        leder = users["leder_a"]
        update_office_settings(scope=scope_of(leder), actor=leder, kontor_id=actor.kontor_id,
                               now=NOW, data=Settings(apner=time(9), stenger=time(15),
                                                      kartlegging_frist_dager=4))
        urgent = make_soknad(items=("NODHJELP", "STROM"), barn=2)
        mat, strom = urgent.poster.order_by("id")

        for post in (mat, strom):  # a second decision on the application opens no second task
            record_vedtak(scope=scope, actor=actor, soknad_id=urgent.pk, now=NOW,
                          data=VedtakInput(post_ids=[post.pk], hjemmel="§ 18 nødhjelp",
                                           utfall="INNVILGET", stonadsform="BIDRAG", belop=600,
                                           begrunnelse="Du hadde ikke penger til mat."))

        task = Oppgave.objects.get(soknad=urgent)
        # NOW is Monday 4 March 2024: four days later is Friday 8 March.
        assert (task.type, task.frist, task.apen) == ("KARTLEGGING", date(2024, 3, 8), True)
        assert task.tittel == "Kartlegg barnas situasjon etter nødhjelp: Barn 0, Barn 1"
        assert Hendelse.objects.filter(soknad=urgent, type="cases.oppgave.opprettet").exists()

    def test_the_task_falls_on_a_working_day(self, make_soknad, actor, scope) -> None:
        urgent = make_soknad(items=("NODHJELP",), barn=1)

        decide(scope, actor, urgent, hjemmel="§ 18 nødhjelp")

        # Default 7 days from Monday 4 March is Monday 11 March (a working day).
        assert Oppgave.objects.get(soknad=urgent).frist == date(2024, 3, 11)

    def test_mapping_the_children_closes_the_task(self, make_soknad, actor, scope) -> None:
        urgent = make_soknad(items=("NODHJELP",), barn=2)
        decide(scope, actor, urgent, hjemmel="§ 18 nødhjelp")

        for b in Barn.objects.filter(person=urgent.person):
            save_kartlegging(scope=scope, actor=actor, soknad_id=urgent.pk, del_type="BARN",
                             barn_id=b.pk, svar=dict(CHILD), now=NOW)

        task = Oppgave.objects.get(soknad=urgent)
        assert (task.apen, task.utfort_at, task.utfort_av) == (False, NOW, actor)

    def test_no_task_without_children(self, make_soknad, actor, scope) -> None:
        urgent = make_soknad(items=("NODHJELP",))

        decide(scope, actor, urgent, hjemmel="§ 18 nødhjelp")

        assert not Oppgave.objects.exists()
