"""Documentation requests: a deadline from the rules (rolled past holidays), the letter as PDF,
the Digisos event, what arrived and how, reminders, and deadlines that pass."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from pypdf import PdfReader

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Brev, Dokumentasjonskrav
from sosialsak.contexts.cases.operations import (
    UnableToRequestDokumentasjon,
    mark_dokumentasjon_not_delivered,
    mark_dokumentasjon_received,
    request_dokumentasjon,
    send_dokumentasjon_reminders,
    send_due_reminders,
)
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.offices.operations import update_office_settings
from sosialsak.contexts.offices.policy import Settings
from sosialsak.kernel.errors import NotFound
from tests.helpers import NOW

FRIDAY_3_MAY = datetime(2024, 5, 3, 8, 0, tzinfo=UTC)


def pdf_text(brev: Brev) -> str:
    reader = PdfReader(io.BytesIO(bytes(brev.pdf)))
    return " ".join((page.extract_text() or "") for page in reader.pages).replace("\xa0", " ")


class TestRequest:
    def test_a_deadline_landing_on_17_may_moves_past_whitsun(self, family, actor, scope) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift", "Husleiekontrakt"], dager=14,
                                     now=FRIDAY_3_MAY)

        # 3 May + 14 days = 17 May (grunnlovsdag); 18–20 May is Saturday, Whitsunday and
        # Whit Monday, so the deadline is Tuesday 21 May.
        assert [k.frist for k in krav] == [date(2024, 5, 21), date(2024, 5, 21)]
        assert "grunnlovsdag" in krav[0].frist_forklaring

    def test_a_date_on_a_saturday_moves_to_monday(self, family, actor, scope) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Lønnsslipp"], frist=date(2024, 3, 16), now=NOW)

        assert krav[0].frist == date(2024, 3, 18)

    def test_without_a_deadline_the_suggested_14_days_apply(self, family, actor, scope) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Lønnsslipp"], now=NOW)

        assert krav[0].frist == date(2024, 3, 18)  # Monday 4 March + 14 days

    def test_the_letter_and_the_event_are_stored_with_the_request(
        self, family, actor, scope
    ) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift", "Husleiekontrakt"], dager=14,
                                     now=FRIDAY_3_MAY)

        brev = Brev.objects.get(pk=krav.brev_id)
        assert brev.type == "DOKUMENTASJON" and bytes(brev.pdf).startswith(b"%PDF")
        assert {k.brev_id for k in Dokumentasjonskrav.objects.all()} == {brev.pk}
        text = pdf_text(brev)
        assert "Kontoutskrift" in text and "Husleiekontrakt" in text
        assert "21. mai 2024" in text
        assert "avgjør vi søknaden ut fra de opplysningene vi har" in " ".join(brev.tekst.split())
        event = Hendelse.objects.get(soknad=family, type="cases.dokumentasjon.etterspurt")
        assert event.data == {
            "krav": [{"id": k.pk, "tittel": k.tittel, "frist": "2024-05-21"} for k in krav],
            "brev_id": brev.pk, "antall_apne": 2, "over_terskel": False,
        }
        assert AuditEntry.objects.filter(object_id=str(family.pk), action="WRITE",
                                         purpose="be om dokumentasjon").count() == 1

    def test_a_protected_address_never_reaches_the_letter(self, make_soknad, actor, scope) -> None:
        hidden = make_soknad(beskyttelse="FORTROLIG")

        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=hidden.pk,
                                     titler=["Kontoutskrift"], now=NOW)

        brev = Brev.objects.get(pk=krav.brev_id)
        assert "Hemmeligveien" not in brev.tekst and "Hemmeligveien" not in pdf_text(brev)

    def test_requests_above_the_office_threshold_are_flagged(
        self, family, actor, scope, users, scope_of
    ) -> None:
        leder = users["leder_a"]
        update_office_settings(scope=scope_of(leder), actor=leder, kontor_id=actor.kontor_id,
                               now=NOW, data=Settings(apner=time(9), stenger=time(15),
                                                      dokumentasjon_terskel=2))

        first = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                      titler=["A", "B"], now=NOW)
        second = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                       titler=["C"], now=NOW)

        assert (first.antall_apne, first.over_terskel) == (2, False)
        assert (second.antall_apne, second.over_terskel) == (3, True)
        flags = [e.data["over_terskel"] for e in Hendelse.objects.filter(
            soknad=family, type="cases.dokumentasjon.etterspurt")]
        assert flags == [False, True]

    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"titler": ["  "]}, "titler"),
        ({"titler": ["A"], "frist": date(2024, 3, 4)}, "frist"),
        ({"titler": ["A"], "frist": date(2024, 3, 20), "dager": 3}, "dager"),
    ])
    def test_invalid_input_names_the_field_and_stores_nothing(
        self, family, actor, scope, kwargs, field
    ) -> None:
        with pytest.raises(UnableToRequestDokumentasjon) as err:
            request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk, now=NOW,
                                  **kwargs)

        assert err.value.extra["field"] == field
        assert (Dokumentasjonskrav.objects.count(), Brev.objects.count()) == (0, 0)

    def test_a_statsforvalter_cannot_request(self, family, users, scope_of) -> None:
        sf = users["statsforvalter"]

        with pytest.raises(NotFound):
            request_dokumentasjon(scope=scope_of(sf), actor=sf, soknad_id=family.pk,
                                  titler=["A"], now=NOW)


class TestArrival:
    def test_arrival_records_the_channel_and_the_event(self, family, actor, scope) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift"], now=NOW)
        later = NOW + timedelta(days=2)

        done = mark_dokumentasjon_received(scope=scope, actor=actor, krav_id=krav[0].pk,
                                           now=later, levert_via="OPPLASTING")

        assert (done.status, done.levert_at, done.levert_via) == ("LEVERT", later, "OPPLASTING")
        event = Hendelse.objects.get(soknad=family, type="cases.dokumentasjon.mottatt")
        assert event.data == {"krav_id": krav[0].pk, "tittel": "Kontoutskrift",
                              "levert_via": "OPPLASTING"}

    def test_an_unknown_channel_is_refused(self, family, actor, scope) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift"], now=NOW)

        with pytest.raises(UnableToRequestDokumentasjon) as err:
            mark_dokumentasjon_received(scope=scope, actor=actor, krav_id=krav[0].pk, now=NOW,
                                        levert_via="DUE")

        assert err.value.extra["field"] == "levert_via"

    def test_another_office_cannot_see_the_request(self, family, actor, scope, users,
                                                   scope_of) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift"], now=NOW)
        other = users["veileder_b"]

        with pytest.raises(NotFound):
            mark_dokumentasjon_received(scope=scope_of(other), actor=other, krav_id=krav[0].pk,
                                        now=NOW)


class TestRemindersAndPassedDeadlines:
    def test_a_reminder_is_a_letter_and_is_sent_once(self, family, actor, scope) -> None:
        request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                              titler=["Kontoutskrift"], dager=7, now=NOW)

        ids = send_dokumentasjon_reminders(scope=scope, actor=actor, soknad_id=family.pk,
                                           now=NOW + timedelta(days=5))
        with pytest.raises(UnableToRequestDokumentasjon) as again:
            send_dokumentasjon_reminders(scope=scope, actor=actor, soknad_id=family.pk,
                                         now=NOW + timedelta(days=6))

        assert Brev.objects.get(pk=ids[0]).type == "PAMINNELSE"
        assert Dokumentasjonskrav.objects.get().paminnet_at == NOW + timedelta(days=5)
        assert again.value.code == "nothing_to_remind"

    def test_after_the_deadline_the_case_is_decided_on_what_is_there(
        self, family, actor, scope
    ) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Kontoutskrift", "Lønnsslipp"], dager=7, now=NOW)
        mark_dokumentasjon_received(scope=scope, actor=actor, krav_id=krav[0].pk, now=NOW)

        with pytest.raises(UnableToRequestDokumentasjon) as early:
            mark_dokumentasjon_not_delivered(scope=scope, actor=actor, soknad_id=family.pk,
                                             now=NOW + timedelta(days=7))
        closed = mark_dokumentasjon_not_delivered(scope=scope, actor=actor,
                                                  soknad_id=family.pk,
                                                  now=NOW + timedelta(days=8))

        assert early.value.code == "no_overdue_krav"
        assert [k.tittel for k in closed] == ["Lønnsslipp"]
        assert dict(Dokumentasjonskrav.objects.values_list("tittel", "status")) == {
            "Kontoutskrift": "LEVERT", "Lønnsslipp": "IKKE_LEVERT"}
        assert Hendelse.objects.filter(soknad=family,
                                       type="cases.dokumentasjon.frist_ute").count() == 1
        from sosialsak.contexts.digisos.innsyn import build_innsyn

        asked = [h for h in build_innsyn(family)["hendelser"]
                 if h["type"] == "dokumentasjonEtterspurt"]
        # nav.no stops asking: the last event lists nothing still outstanding.
        assert [len(h["dokumenter"]) for h in asked] == [2, 1, 0]

    def test_a_document_arriving_after_the_deadline_is_still_recorded(
        self, family, actor, scope
    ) -> None:
        krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                     titler=["Lønnsslipp"], dager=7, now=NOW)
        mark_dokumentasjon_not_delivered(scope=scope, actor=actor, soknad_id=family.pk,
                                         now=NOW + timedelta(days=10))

        done = mark_dokumentasjon_received(scope=scope, actor=actor, krav_id=krav[0].pk,
                                           now=NOW + timedelta(days=11), levert_via="POST")

        assert done.status == "LEVERT"


def test_the_sweep_reminds_only_what_is_due(make_soknad, actor, scope) -> None:
    soon, later = make_soknad(), make_soknad()
    request_dokumentasjon(scope=scope, actor=actor, soknad_id=soon.pk, titler=["A"], dager=3,
                          now=NOW)
    request_dokumentasjon(scope=scope, actor=actor, soknad_id=later.pk, titler=["B"], dager=14,
                          now=NOW)

    first = send_due_reminders(scope=scope, actor=actor, now=NOW)
    again = send_due_reminders(scope=scope, actor=actor, now=NOW)

    # Default: remind within 3 days of the deadline (7 March); the 18 March one waits.
    assert (first, again) == ([soon.pk], [])
    assert list(Brev.objects.filter(type="PAMINNELSE").values_list("soknad_id", flat=True)) == [
        soon.pk]


def test_the_deadline_cites_the_act_in_force(family, actor, scope, monkeypatch) -> None:
    """After the new forvaltningsloven's commencement (a test date here) the request's deadline
    explanation cites its section, not the 1967 act's."""
    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", "LOV-2025-06-20-81=2024-01-01")

    krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=family.pk,
                                 titler=["Kontoutskrift"], dager=7, now=NOW)

    assert "forvaltningsloven § 44" in krav[0].frist_forklaring
    assert "§ 17" not in krav[0].frist_forklaring
