"""Payment plans made from granted decisions, with their events, audit and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.intake.models import Hendelse
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.contexts.payments.queries import preview_payment_plan
from sosialsak.kernel.errors import NotFound, ValidationFailed
from tests.helpers import NOW
from tests.integration.payments.conftest import KONTO_SOKER


def plan(scope, actor, vedtak, hyppighet="MANEDLIG", **kw):  # type: ignore[no-untyped-def]
    return create_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                               hyppighet=hyppighet, now=NOW, **kw)


def dates_and_amounts(rows: list[Utbetaling]) -> list[tuple[date, int]]:
    return [(u.forfallsdato, u.belop) for u in rows]


class TestPlans:
    def test_a_one_off_payment_to_the_applicants_profile_account(
        self, make_soknad, grant, profil, scope, actor
    ) -> None:
        soknad = make_soknad(items=("DEPOSITUM",))
        profil(soknad)
        vedtak = grant(soknad, item="DEPOSITUM", belop=15000, fra=date(2024, 3, 15), til=None)

        rows = plan(scope, actor, vedtak, "ENGANGS")

        assert dates_and_amounts(rows) == [(date(2024, 3, 15), 15000)]
        u = rows[0]
        assert (u.kontonummer, u.mottaker_type, u.mottaker_navn) == (
            KONTO_SOKER, "SOKER", soknad.person.navn)
        assert (u.status, u.samlet_i, u.oppdrag) == ("PLANLAGT", None, None)

    def test_monthly_over_three_months_on_the_default_15th(
        self, make_soknad, grant, profil, scope, actor
    ) -> None:
        soknad = make_soknad()
        profil(soknad)

        rows = plan(scope, actor, grant(soknad))

        # 15 June 2024 is a Saturday: paid on Friday the 14th.
        assert dates_and_amounts(rows) == [(date(2024, 4, 15), 9000), (date(2024, 5, 15), 9000),
                                           (date(2024, 6, 14), 9000)]
        assert [(u.periode_fra, u.periode_til) for u in rows][1] == (date(2024, 5, 1),
                                                                     date(2024, 6, 1))
        assert rows[0].melding == "NAV økonomisk stønad: Livsopphold, april 2024"

    def test_a_mid_month_start_prorates_the_first_month(
        self, make_soknad, grant, profil, scope, actor
    ) -> None:
        soknad = make_soknad()
        profil(soknad)

        rows = plan(scope, actor, grant(soknad, fra=date(2024, 3, 20), til=date(2024, 5, 1)))

        assert dates_and_amounts(rows) == [(date(2024, 3, 20), 3484), (date(2024, 4, 15), 9000)]

    def test_the_office_payment_day_17_falls_on_17_may_and_moves_to_16_may(
        self, make_soknad, grant, profil, scope, actor, office_settings
    ) -> None:
        office_settings(dag=17)
        soknad = make_soknad()
        profil(soknad)

        rows = plan(scope, actor, grant(soknad, fra=date(2024, 4, 1), til=date(2024, 6, 1)))

        assert dates_and_amounts(rows) == [(date(2024, 4, 17), 9000), (date(2024, 5, 16), 9000)]

    def test_a_payment_day_in_easter_is_paid_before_easter(
        self, make_soknad, grant, profil, scope, actor, office_settings
    ) -> None:
        office_settings(dag=28)  # 28 March 2024 is Maundy Thursday
        soknad = make_soknad()
        profil(soknad)

        rows = plan(scope, actor, grant(soknad, fra=date(2024, 3, 1), til=date(2024, 4, 1)))

        assert dates_and_amounts(rows) == [(date(2024, 3, 27), 9000)]

    def test_each_payment_writes_an_event_naming_its_sak_and_an_audit_entry(
        self, make_soknad, grant, profil, scope, actor
    ) -> None:
        soknad = make_soknad()
        profil(soknad)
        vedtak = grant(soknad)

        rows = plan(scope, actor, vedtak)

        events = Hendelse.objects.filter(soknad=soknad, type="payments.utbetaling")
        assert [e.data["referanse"] for e in events] == [u.referanse for u in rows]
        assert {e.data["sak"] for e in events} == {vedtak.sak.referanse}
        assert events[0].data["forfallsdato"] == "2024-04-15"
        assert AuditEntry.objects.filter(purpose="utbetalingsplan", actor=actor,
                                         object_id=str(soknad.pk)).count() == 3

    def test_the_preview_shows_the_plan_without_storing_it(self, offices) -> None:
        preview = preview_payment_plan(kontor_id=offices["A"].pk, belop=9000,
                                       hyppighet="MANEDLIG", periode_fra=date(2024, 4, 1),
                                       periode_til=date(2024, 6, 1), today=NOW.date())

        assert [(p.forfallsdato, p.belop) for p in preview] == [(date(2024, 4, 15), 9000),
                                                               (date(2024, 5, 15), 9000)]
        assert Utbetaling.objects.count() == 0


class TestRefusals:
    def test_a_refused_decision_gives_no_payment(self, make_soknad, grant, scope, actor) -> None:
        vedtak = grant(make_soknad(), utfall="AVSLATT", belop=None)

        with pytest.raises(ValidationFailed) as err:
            plan(scope, actor, vedtak)

        assert err.value.extra["field"] == "vedtak_id"

    def test_a_guarantee_is_not_paid_out(self, make_soknad, grant, profil, scope, actor) -> None:
        soknad = make_soknad(items=("DEPOSITUM",))
        profil(soknad)
        vedtak = grant(soknad, item="DEPOSITUM", stonadsform="GARANTI")

        with pytest.raises(ValidationFailed) as err:
            plan(scope, actor, vedtak, "ENGANGS")

        assert err.value.extra["field"] == "stonadsform"

    def test_a_decision_gets_one_plan_so_no_month_is_paid_twice(
        self, make_soknad, grant, profil, scope, actor
    ) -> None:
        soknad = make_soknad()
        profil(soknad)
        vedtak = grant(soknad)
        plan(scope, actor, vedtak)

        with pytest.raises(ValidationFailed, match="allerede en utbetalingsplan"):
            plan(scope, actor, vedtak)

        assert Utbetaling.objects.filter(vedtak=vedtak).count() == 3

    def test_monthly_needs_a_period_end(self, make_soknad, grant, profil, scope, actor) -> None:
        soknad = make_soknad()
        profil(soknad)

        with pytest.raises(ValidationFailed) as err:
            plan(scope, actor, grant(soknad, til=None))

        assert err.value.extra["field"] == "periode_til"

    def test_no_account_anywhere_is_refused_naming_the_field(
        self, make_soknad, grant, scope, actor
    ) -> None:
        with pytest.raises(ValidationFailed) as err:
            plan(scope, actor, grant(make_soknad()))

        assert err.value.extra["field"] == "mottaker.kontonummer"
        assert Utbetaling.objects.count() == 0

    def test_another_office_cannot_plan_payments_for_the_decision(
        self, make_soknad, grant, users, scope_of
    ) -> None:
        vedtak = grant(make_soknad())
        other = users["veileder_b"]

        with pytest.raises(NotFound):
            plan(scope_of(other), other, vedtak)

    def test_a_payment_day_outside_1_to_28_is_refused(self, users, scope_of, offices) -> None:
        from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger

        leder = users["leder_a"]
        with pytest.raises(ValidationFailed) as err:
            set_utbetalingsinnstillinger(scope=scope_of(leder), actor=leder,
                                         kontor_id=offices["A"].pk, utbetalingsdag=31)

        assert err.value.extra["field"] == "utbetalingsdag"

    def test_only_the_offices_leder_sets_the_payment_day(self, users, scope_of, offices) -> None:
        from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger

        with pytest.raises(NotFound):
            set_utbetalingsinnstillinger(scope=scope_of(users["veileder_a"]),
                                         actor=users["veileder_a"], kontor_id=offices["A"].pk,
                                         utbetalingsdag=20)
