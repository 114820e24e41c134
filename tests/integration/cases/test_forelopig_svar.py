"""The preliminary reply (fvl § 11 a): the warning on the right day, and letter plus event."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.cases.operations import UnableToSendForelopigSvar, send_forelopig_svar
from sosialsak.contexts.cases.policy import forelopig_svar_varsel
from sosialsak.contexts.intake.models import Hendelse
from tests.helpers import NOW


class TestWarning:
    # Received 17 April 2024: one month is 17 May (grunnlovsdag); 18–20 May are Saturday,
    # Whitsunday and Whit Monday, so the reply is due Tuesday 21 May.
    RECEIVED = date(2024, 4, 17)

    def warn(self, today: date, **kw: object):  # type: ignore[no-untyped-def]
        args = {"mottatt": self.RECEIVED, "today": today, "varsel_dager": 5, "sendt": False,
                "forventet": None, **kw}
        return forelopig_svar_varsel(**args)  # type: ignore[arg-type]

    def test_no_warning_before_the_warning_days(self) -> None:
        assert self.warn(date(2024, 5, 15)) is None

    def test_the_warning_starts_five_days_before_the_deadline(self) -> None:
        varsel = self.warn(date(2024, 5, 16))

        assert varsel is not None
        assert (varsel.frist, varsel.overdue) == (date(2024, 5, 21), False)

    def test_after_the_deadline_the_warning_is_overdue(self) -> None:
        varsel = self.warn(date(2024, 5, 22))

        assert varsel is not None and varsel.overdue

    def test_a_reply_sent_ends_the_warning_until_its_expected_date_passes(self) -> None:
        assert self.warn(date(2024, 5, 22), sendt=True, forventet=date(2024, 6, 1)) is None
        late = self.warn(date(2024, 6, 2), sendt=True, forventet=date(2024, 6, 1))

        assert late is not None
        assert (late.tekst, late.frist, late.overdue) == (
            "Forventet svardato er passert", date(2024, 6, 1), True)


class TestSending:
    def test_the_reply_is_a_letter_and_the_digisos_event(self, family, actor, scope) -> None:
        at = NOW + timedelta(days=25)

        brev = send_forelopig_svar(scope=scope, actor=actor, soknad_id=family.pk, now=at,
                                   grunn="Vi venter på opplysninger fra Skatteetaten.",
                                   forventet_dato=date(2024, 4, 15))

        assert (brev.type, brev.dato, brev.frist) == ("FORELOPIG_SVAR", at.date(),
                                                       date(2024, 4, 15))
        assert bytes(Brev.objects.get(pk=brev.pk).pdf).startswith(b"%PDF")
        assert "Vi venter på opplysninger fra Skatteetaten." in brev.tekst
        event = Hendelse.objects.get(soknad=family, type="cases.forelopig_svar")
        assert event.data == {"brev_id": brev.pk, "forventet_dato": "2024-04-15",
                              "begrunnelse": "Vi venter på opplysninger fra Skatteetaten."}

    @pytest.mark.parametrize(("grunn", "forventet", "field"), [
        ("  ", date(2024, 4, 1), "grunn"),
        ("Mange søknader.", date(2024, 3, 4), "forventet_dato"),
    ])
    def test_invalid_input_names_the_field(self, family, actor, scope, grunn, forventet,
                                           field) -> None:
        with pytest.raises(UnableToSendForelopigSvar) as err:
            send_forelopig_svar(scope=scope, actor=actor, soknad_id=family.pk, now=NOW,
                                grunn=grunn, forventet_dato=forventet)

        assert err.value.extra["field"] == field
        assert not Brev.objects.exists()

    def test_a_finished_application_needs_no_reply(self, family, actor, scope) -> None:
        from sosialsak.contexts.intake.models import Soknad

        Soknad.objects.filter(pk=family.pk).update(status="BEHANDLES_IKKE")

        with pytest.raises(UnableToSendForelopigSvar) as err:
            send_forelopig_svar(scope=scope, actor=actor, soknad_id=family.pk,
                                now=datetime(2024, 3, 20, tzinfo=UTC), grunn="x",
                                forventet_dato=date(2024, 4, 1))

        assert err.value.code == "soknad_closed"
