"""Paying someone other than the applicant: only with consent or a § 21 decision (§ 22)."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.contexts.payments.profile import (
    SamtykkeInput,
    record_samtykke,
    withdraw_samtykke,
)
from sosialsak.contexts.payments.recipients import Mottaker, parse_kid
from sosialsak.kernel.errors import ValidationFailed
from tests.helpers import NOW
from tests.integration.payments.conftest import KONTO_UTLEIER, ORGNR_UTLEIER

UTLEIER = Mottaker(type="ANNEN", navn="Fjellveien Utleie AS", kontonummer=KONTO_UTLEIER,
                   organisasjonsnummer=ORGNR_UTLEIER)


def husleie_plan(scope, actor, vedtak, mottaker=UTLEIER):  # type: ignore[no-untyped-def]
    return create_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                               hyppighet="MANEDLIG", now=NOW, mottaker=mottaker)


def samtykke(scope, actor, soknad, **over):  # type: ignore[no-untyped-def]
    fields = {"gitt_dato": date(2024, 3, 1), "gjelder": "Husleie til utleier",
              "mottaker_navn": "Fjellveien Utleie AS",
              "mottaker_organisasjonsnummer": ORGNR_UTLEIER}
    fields.update(over)
    return record_samtykke(scope=scope, actor=actor, soknad_id=soknad.pk,
                           data=SamtykkeInput(**fields), now=NOW)


def with_consent(mottaker: Mottaker, samtykke_id: int) -> Mottaker:
    return Mottaker(**{**mottaker.__dict__, "samtykke_id": samtykke_id})


def landlord_with_consent(make_soknad, grant, scope, actor):  # type: ignore[no-untyped-def]
    """Rent of 8 500 kr a month to the landlord, under the applicant's consent."""
    soknad = make_soknad(items=("HUSLEIE",))
    consent = samtykke(scope, actor, soknad)
    return consent, husleie_plan(scope, actor, grant(soknad, item="HUSLEIE", belop=8500),
                                 with_consent(UTLEIER, consent.pk))


class TestThirdParty:
    def test_rent_to_the_landlord_without_consent_is_refused_naming_the_field(
        self, make_soknad, grant, scope, actor
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))

        with pytest.raises(ValidationFailed) as err:
            husleie_plan(scope, actor, grant(soknad, item="HUSLEIE", belop=8500))

        assert err.value.extra["field"] == "mottaker.samtykke_id"
        assert "samtykke" in err.value.message and "§ 21" in err.value.message
        assert Utbetaling.objects.count() == 0

    def test_rent_to_the_landlord_with_recorded_consent_is_planned(
        self, make_soknad, grant, scope, actor
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))
        consent = samtykke(scope, actor, soknad)

        rows = husleie_plan(scope, actor, grant(soknad, item="HUSLEIE", belop=8500),
                            with_consent(UTLEIER, consent.pk))

        assert [(u.forfallsdato, u.belop) for u in rows] == [
            (date(2024, 4, 15), 8500), (date(2024, 5, 15), 8500), (date(2024, 6, 14), 8500)]
        u = rows[0]
        assert (u.mottaker_type, u.mottaker_navn, u.kontonummer) == (
            "ANNEN", "Fjellveien Utleie AS", KONTO_UTLEIER)
        assert (u.mottaker_organisasjonsnummer, u.samtykke) == (ORGNR_UTLEIER, consent)
        event = Hendelse.objects.get(soknad=soknad, type="payments.samtykke")
        assert event.data == {"samtykke_id": consent.pk, "gjelder": "Husleie til utleier",
                              "status": "GITT", "gitt_dato": "2024-03-01"}

    def test_a_paragraph_21_decision_pays_the_supplier_without_consent(
        self, make_soknad, grant, scope, actor
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))
        vedtak = grant(soknad, item="HUSLEIE", belop=8500, hjemmel="§ 21",
                       stonadsform="VARER_OG_TJENESTER")

        rows = husleie_plan(scope, actor, vedtak)

        assert len(rows) == 3 and rows[0].mottaker_type == "ANNEN" and rows[0].samtykke is None

    def test_consent_for_another_recipient_is_refused(
        self, make_soknad, grant, scope, actor
    ) -> None:
        soknad = make_soknad(items=("STROM",))
        consent = samtykke(scope, actor, soknad, mottaker_navn="BKK", gjelder="Strøm",
                           mottaker_organisasjonsnummer="998877660")

        with pytest.raises(ValidationFailed) as err:
            husleie_plan(scope, actor, grant(soknad, item="STROM", belop=1200),
                         with_consent(UTLEIER, consent.pk))

        assert err.value.extra["field"] == "mottaker.organisasjonsnummer"

    def test_consent_that_ends_before_the_last_payment_is_refused(
        self, make_soknad, grant, scope, actor
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))
        consent = samtykke(scope, actor, soknad, gyldig_til=date(2024, 5, 1))

        with pytest.raises(ValidationFailed, match=r"gjelder bare til 01\.05\.2024"):
            husleie_plan(scope, actor, grant(soknad, item="HUSLEIE", belop=8500),
                         with_consent(UTLEIER, consent.pk))

    def test_another_persons_consent_cannot_be_used(
        self, make_soknad, grant, scope, actor
    ) -> None:
        other = samtykke(scope, actor, make_soknad(items=("HUSLEIE",)))
        soknad = make_soknad(items=("HUSLEIE",))

        with pytest.raises(ValidationFailed, match="fant ikke samtykket"):
            husleie_plan(scope, actor, grant(soknad, item="HUSLEIE", belop=8500),
                         with_consent(UTLEIER, other.pk))

    @pytest.mark.parametrize(("change", "field", "code"), [
        ({"kontonummer": "15200300104"}, "mottaker.kontonummer", "invalid_kontonummer"),
        ({"kontonummer": "1520 03 001"}, "mottaker.kontonummer", "invalid_kontonummer"),
        ({"organisasjonsnummer": "987654321"}, "mottaker.organisasjonsnummer",
         "invalid_organisasjonsnummer"),
        ({"navn": " "}, "mottaker.navn", "unable_to_plan_utbetaling"),
        ({"kid": "12345678904"}, "mottaker.kid", "invalid_kid"),
    ])
    def test_invalid_recipient_details_are_named(
        self, make_soknad, grant, scope, actor, change, field, code
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))
        vedtak = grant(soknad, item="HUSLEIE", belop=8500, hjemmel="§ 21",
                       stonadsform="VARER_OG_TJENESTER")

        with pytest.raises(ValidationFailed) as err:
            husleie_plan(scope, actor, vedtak, Mottaker(**{**UTLEIER.__dict__, **change}))

        assert (err.value.extra["field"], err.value.code) == (field, code)

    def test_withdrawing_consent_stops_the_payments_from_that_day(
        self, make_soknad, grant, scope, actor
    ) -> None:
        consent, rows = landlord_with_consent(make_soknad, grant, scope, actor)

        stopped = withdraw_samtykke(scope=scope, actor=actor, samtykke_id=consent.pk,
                                    trukket_dato=date(2024, 5, 1), now=NOW)

        assert [u.pk for u in stopped] == [u.pk for u in rows[1:]]
        assert list(Utbetaling.objects.order_by("forfallsdato").values_list("status", flat=True)
                    ) == ["PLANLAGT", "STOPPET", "STOPPET"]

    def test_consent_cannot_be_withdrawn_before_it_was_given(
        self, make_soknad, grant, scope, actor
    ) -> None:
        consent, _rows = landlord_with_consent(make_soknad, grant, scope, actor)

        with pytest.raises(ValidationFailed) as err:
            withdraw_samtykke(scope=scope, actor=actor, samtykke_id=consent.pk,
                              trukket_dato=date(2024, 2, 1), now=NOW)

        assert err.value.extra["field"] == "trukket_dato"
        consent.refresh_from_db()
        assert consent.trukket_dato is None

    def test_a_payment_stopped_by_withdrawn_consent_cannot_be_restarted(
        self, make_soknad, grant, scope, actor
    ) -> None:
        from sosialsak.contexts.payments.operations import set_utbetaling_status

        consent, rows = landlord_with_consent(make_soknad, grant, scope, actor)
        withdraw_samtykke(scope=scope, actor=actor, samtykke_id=consent.pk,
                          trukket_dato=date(2024, 5, 1), now=NOW)

        with pytest.raises(ValidationFailed) as err:
            set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=rows[2].pk,
                                  status="PLANLAGT", now=NOW)

        assert err.value.extra["field"] == "samtykke_id"
        assert Utbetaling.objects.get(pk=rows[2].pk).status == "STOPPET"

    def test_a_payment_stopped_by_hand_can_be_restarted(
        self, make_soknad, grant, scope, actor
    ) -> None:
        from sosialsak.contexts.payments.operations import set_utbetaling_status

        _consent, rows = landlord_with_consent(make_soknad, grant, scope, actor)
        for status in ("STOPPET", "PLANLAGT"):
            set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=rows[1].pk,
                                  status=status, now=NOW)

        assert Utbetaling.objects.get(pk=rows[1].pk).status == "PLANLAGT"


class TestKid:
    @pytest.mark.parametrize("kid", [
        "79927398713",  # MOD10 (Luhn)
        "20000007",  # MOD11
        "0000006-",  # MOD11 with remainder 1: the check digit is a dash
        "1234 5678 903",  # spaces as printed on a giro are removed
    ])
    def test_valid_kid_numbers_pass(self, kid: str) -> None:
        assert parse_kid(kid) == kid.replace(" ", "")

    @pytest.mark.parametrize("kid", ["20000008", "1", "12a4", "1" * 26])
    def test_invalid_kid_numbers_are_refused(self, kid: str) -> None:
        with pytest.raises(ValidationFailed) as err:
            parse_kid(kid, field="mottaker.kid")

        assert (err.value.code, err.value.extra["field"]) == ("invalid_kid", "mottaker.kid")
