"""Conversations and meetings with searchable notes, § 17 guidance, and follow-up tasks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Oppgave, Samtale
from sosialsak.contexts.cases.operations import (
    SamtaleInput,
    UnableToRecord,
    VeiledningInput,
    complete_oppgave,
    record_samtale,
    record_veiledning,
)
from sosialsak.contexts.cases.reads import InvalidSearch, search_notes
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.kernel.errors import NotFound
from tests.helpers import NOW


def talk(scope, actor, soknad, **kw):  # type: ignore[no-untyped-def]
    data = {"tidspunkt": NOW - timedelta(hours=1), "kanal": "HJEMMEBESOK",
            "notat": "Hjemmebesøk. Familien mangler vinterklær til barna.",
            "deltakere": "Søker, veileder", **kw}
    return record_samtale(scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW,
                          data=SamtaleInput(**data))


class TestSamtale:
    def test_a_meeting_with_a_follow_up_task(self, family, actor, scope) -> None:
        samtale = talk(scope, actor, family, tolk_brukt=True, tolkesprak="arabisk",
                       oppfolging="Søk om klær fra Kirkens bymisjon",
                       oppfolging_frist=date(2024, 3, 8))

        assert (samtale.kanal, samtale.tolkesprak, samtale.skrevet_av) == (
            "HJEMMEBESOK", "arabisk", actor)
        task = Oppgave.objects.get(samtale=samtale)
        assert (task.tittel, task.frist, task.type) == (
            "Søk om klær fra Kirkens bymisjon", date(2024, 3, 8), "OPPFOLGING")
        types = list(Hendelse.objects.filter(soknad=family, type__startswith="cases.")
                     .values_list("type", flat=True))
        assert types == ["cases.samtale", "cases.oppgave.opprettet"]
        assert Hendelse.objects.get(type="cases.samtale").data["kanal"] == "HJEMMEBESOK"

    @pytest.mark.parametrize(("kw", "field"), [
        ({"notat": " "}, "notat"),
        ({"kanal": "BREVDUE"}, "kanal"),
        ({"tolk_brukt": True}, "tolkesprak"),
        ({"tidspunkt": NOW + timedelta(hours=1)}, "tidspunkt"),
        ({"oppfolging": "Ring"}, "oppfolging_frist"),
        ({"oppfolging": "Ring", "oppfolging_frist": date(2024, 3, 1)}, "oppfolging_frist"),
    ])
    def test_invalid_input_names_the_field(self, family, actor, scope, kw, field) -> None:
        with pytest.raises(UnableToRecord) as err:
            talk(scope, actor, family, **kw)

        assert err.value.extra["field"] == field
        assert not Samtale.objects.exists() and not Oppgave.objects.exists()

    def test_notes_are_searchable_within_scope_only(
        self, family, make_soknad, actor, scope, users, scope_of
    ) -> None:
        talk(scope, actor, family)
        other = users["veileder_b"]
        theirs = make_soknad(office="B")
        talk(scope_of(other), other, theirs, notat="Søker trenger vinterklær og sko.")

        mine = search_notes(scope=scope, actor=actor, term="VINTERKLÆR")
        seen_by_b = search_notes(scope=scope_of(other), actor=other, term="vinterklær")

        assert [h.soknad_id for h in mine] == [family.pk]
        assert "vinterklær til barna" in mine[0].utdrag
        assert [h.soknad_id for h in seen_by_b] == [theirs.pk]
        assert AuditEntry.objects.filter(actor_username="va", action="READ",
                                         purpose="søk i samtalenotater").count() == 1

    def test_a_search_needs_three_letters(self, actor, scope) -> None:
        with pytest.raises(InvalidSearch) as err:
            search_notes(scope=scope, actor=actor, term="ab")

        assert err.value.extra["field"] == "q"


class TestVeiledning:
    def test_guidance_offered_is_recorded_with_its_topics_and_referral(
        self, family, actor, scope
    ) -> None:
        row = record_veiledning(scope=scope, actor=actor, soknad_id=family.pk, now=NOW,
                                data=VeiledningInput(
                                    dato=NOW.date(), temaer=["GJELDSRADGIVNING", "BOLIG"],
                                    henvist_til="Gjeldsrådgiver i kommunen"))

        assert (row.temaer, row.henvist_til) == (["GJELDSRADGIVNING", "BOLIG"],
                                                 "Gjeldsrådgiver i kommunen")
        event = Hendelse.objects.get(type="cases.veiledning")
        assert event.data == {"veiledning_id": row.pk, "temaer": ["GJELDSRADGIVNING", "BOLIG"],
                              "henvist": True}

    @pytest.mark.parametrize(("data", "field"), [
        (VeiledningInput(dato=NOW.date(), temaer=[]), "temaer"),
        (VeiledningInput(dato=NOW.date(), temaer=["KURS"]), "temaer"),
        (VeiledningInput(dato=NOW.date(), temaer=["ANNET"]), "notat"),
        (VeiledningInput(dato=NOW.date() + timedelta(days=1), temaer=["BOLIG"]), "dato"),
    ])
    def test_invalid_guidance_names_the_field(self, family, actor, scope, data, field) -> None:
        with pytest.raises(UnableToRecord) as err:
            record_veiledning(scope=scope, actor=actor, soknad_id=family.pk, now=NOW, data=data)

        assert err.value.extra["field"] == field


class TestTasks:
    def test_a_task_is_done_once(self, family, actor, scope) -> None:
        talk(scope, actor, family, oppfolging="Ring", oppfolging_frist=date(2024, 3, 5))
        task = Oppgave.objects.get()

        done = complete_oppgave(scope=scope, actor=actor, oppgave_id=task.pk, now=NOW)
        with pytest.raises(UnableToRecord) as again:
            complete_oppgave(scope=scope, actor=actor, oppgave_id=task.pk, now=NOW)

        assert (done.utfort_at, done.utfort_av) == (NOW, actor)
        assert again.value.code == "oppgave_done"

    def test_another_office_cannot_complete_a_task(self, family, actor, scope, users,
                                                   scope_of) -> None:
        talk(scope, actor, family, oppfolging="Ring", oppfolging_frist=date(2024, 3, 5))
        other = users["veileder_b"]

        with pytest.raises(NotFound):
            complete_oppgave(scope=scope_of(other), actor=other,
                             oppgave_id=Oppgave.objects.get().pk, now=NOW)
