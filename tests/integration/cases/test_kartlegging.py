"""Kartlegging: sections dated and signed, each child its own section, reused across
applications of the same person, and checked answers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.mapping import mapping_overview
from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.cases.operations import save_kartlegging
from sosialsak.contexts.cases.policy import InvalidKartlegging, clean_svar, missing
from sosialsak.contexts.cases.queries import children_mapping_gaps, kartlegging_summary
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.errors import NotFound
from tests.helpers import NOW
from tests.integration.cases.answers import BOLIG, CHILD


class TestAnswers:
    def test_a_complete_child_section_misses_nothing(self) -> None:
        assert missing("BARN", clean_svar("BARN", dict(CHILD))) == []

    def test_a_concern_needs_the_date_of_the_report_to_barnevernet(self) -> None:
        answers = clean_svar("BARN", {**CHILD, "bekymring_barnevern": True})

        assert missing("BARN", answers) == ["Dato meldingen til barneverntjenesten ble sendt"]
        assert missing("BARN", {**answers, "melding_barnevern_dato": "2024-03-01"}) == []

    def test_the_childs_own_view_is_needed_only_when_the_child_was_spoken_with(self) -> None:
        spoken = {k: v for k, v in CHILD.items() if k != "barnets_syn"}

        assert missing("BARN", spoken) == ["Barnets egen mening"]
        assert missing("BARN", {**spoken, "snakket_med_barnet": False}) == []

    @pytest.mark.parametrize(("svar", "field"), [
        ({"gjeld": "kanskje"}, "svar.gjeld"),
        ({"bosituasjon": "9"}, "svar.bosituasjon"),
        ({"boutgift": -5}, "svar.boutgift"),
        ({"sko": "41"}, "svar.sko"),
    ])
    def test_an_invalid_answer_names_its_field(self, svar: dict[str, object], field: str) -> None:
        section = "OKONOMI" if "gjeld" in svar else "BOLIG"

        with pytest.raises(InvalidKartlegging) as err:
            clean_svar(section, svar)

        assert err.value.code == "invalid_kartlegging"
        assert err.value.extra["field"] == field


class TestSaving:
    def test_each_child_has_its_own_dated_and_signed_section(
        self, family, actor, scope
    ) -> None:
        barn = list(Barn.objects.filter(person=family.person))

        row = save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                               barn_id=barn[0].pk, svar=dict(CHILD), now=NOW)

        assert (row.fullfort, row.barn_navn, row.skrevet_at, row.skrevet_av) == (
            True, "Barn 0", NOW, actor)
        states = {s.tittel: s.tilstand for s in mapping_overview(family)}
        assert states == {"Økonomi": "MANGLER", "Bolig": "MANGLER",
                          "Helse og sosial situasjon": "MANGLER",
                          "Arbeid og utdanning": "MANGLER",
                          "Barn: Barn 0": "FULLFORT", "Barn: Barn 1": "MANGLER"}
        assert children_mapping_gaps(family) == ["Barn 1"]

    def test_an_unfinished_section_is_saved_and_says_what_is_missing(
        self, family, actor, scope
    ) -> None:
        save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BOLIG",
                         svar={"bosituasjon": "4"}, now=NOW)

        bolig = next(s for s in mapping_overview(family) if s.del_type == "BOLIG")
        assert bolig.tilstand == "PABEGYNT"
        assert bolig.mangler == ["Står personen i fare for å miste boligen?",
                                 "Trengs midlertidig botilbud (§ 27)?"]

    def test_every_save_is_a_new_version_with_an_event_and_an_audit_entry(
        self, family, actor, scope
    ) -> None:
        for answers in ({"bosituasjon": "4"}, dict(BOLIG)):
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BOLIG",
                             svar=answers, now=NOW)

        assert list(Kartleggingsdel.objects.filter(soknad=family).values_list(
            "fullfort", flat=True)) == [False, True]
        events = Hendelse.objects.filter(soknad=family, type="cases.kartlegging.oppdatert")
        assert [e.data["fullfort"] for e in events] == [False, True]
        assert AuditEntry.objects.filter(object_id=str(family.pk), action="WRITE",
                                         purpose="kartlegging").count() == 2
        assert "Leier privat bolig" in kartlegging_summary(family)

    def test_a_reason_settles_a_section_without_answers(self, family, actor, scope) -> None:
        barn = Barn.objects.filter(person=family.person).first()
        assert barn is not None
        grunn = "Barnet bor i utlandet hos den andre forelderen."

        row = save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                               barn_id=barn.pk, svar={}, now=NOW, ikke_kartlagt_grunn=grunn)

        assert (row.fullfort, row.avklart) == (False, True)
        assert children_mapping_gaps(family) == ["Barn 1"]

    def test_nothing_to_save_is_refused(self, family, actor, scope) -> None:
        with pytest.raises(InvalidKartlegging) as err:
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="OKONOMI",
                             svar={"inntekter": "  "}, now=NOW)

        assert err.value.extra["field"] == "svar"
        assert Kartleggingsdel.objects.count() == 0

    def test_a_child_of_another_household_is_refused(
        self, family, make_soknad, actor, scope
    ) -> None:
        other = make_soknad(barn=1)
        stranger = Barn.objects.get(person=other.person)

        with pytest.raises(InvalidKartlegging) as err:
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                             barn_id=stranger.pk, svar=dict(CHILD), now=NOW)

        assert err.value.extra["field"] == "barn_id"

    def test_another_office_cannot_write(self, family, users, scope_of) -> None:
        other = users["veileder_b"]

        with pytest.raises(NotFound):
            save_kartlegging(scope=scope_of(other), actor=other, soknad_id=family.pk,
                             del_type="BOLIG", svar=dict(BOLIG), now=NOW)

        assert Kartleggingsdel.objects.count() == 0


class TestReuse:
    def test_a_new_application_from_the_same_person_reuses_the_mapping(
        self, family, actor, scope, offices
    ) -> None:
        from sosialsak.contexts.intake.operations import (
            ApplicantInput,
            PostInput,
            SoknadInput,
            register_with_applicant,
        )
        from sosialsak.contexts.people.operations import BarnInput

        for b in Barn.objects.filter(person=family.person):
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                             barn_id=b.pk, svar=dict(CHILD), now=NOW)
        ids_before = set(Barn.objects.values_list("pk", flat=True))
        p = family.person
        again = register_with_applicant(
            scope=scope, actor=actor, kontor=offices["A"],
            applicant=ApplicantInput(fodselsnummer=p.fodselsnummer, fornavn=p.fornavn,
                                     etternavn=p.etternavn),
            partner=None,
            barn=[BarnInput(navn=b.navn, fodselsdato=b.fodselsdato)
                  for b in Barn.objects.filter(person=p)],
            data=SoknadInput(kanal="PAPIR", mottatt_at=NOW + timedelta(days=40),
                             poster=[PostInput(type="LIVSOPPHOLD")]),
        )

        assert set(Barn.objects.values_list("pk", flat=True)) == ids_before
        assert children_mapping_gaps(again) == []

    def test_a_mapping_older_than_the_office_limit_does_not_count(
        self, family, actor, scope
    ) -> None:
        for b in Barn.objects.filter(person=family.person):
            save_kartlegging(scope=scope, actor=actor, soknad_id=family.pk, del_type="BARN",
                             barn_id=b.pk, svar=dict(CHILD), now=NOW - timedelta(days=400))

        assert children_mapping_gaps(family) == ["Barn 0", "Barn 1"]
        assert [s.gammel for s in mapping_overview(family) if s.barn_id] == [True, True]
