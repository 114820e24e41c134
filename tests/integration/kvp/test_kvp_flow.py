"""KVP end to end in the domain: screening → § 29 assessment → application → grant (§ 35,
paid month by month) → programme plan (§ 30, full time) → absence and reduction (§ 36) →
extension (§ 30: 2 + 1 years) → end with KOSTRA 11CF status and situation after."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def _plan(scope: Any, veileder: Any, d: Any, tiltak: dict[str, Any]) -> list[Any]:
    from sosialsak.contexts.kvp import operations as kvp
    from sosialsak.contexts.tiltak.operations import refer

    a = refer(scope=scope, actor=veileder, soknad_id=d.fra_soknad_id,
              tiltak_id=tiltak["arbeid"].pk, grunn="Arbeidstrening", now=NOW)
    b = refer(scope=scope, actor=veileder, soknad_id=d.fra_soknad_id,
              tiltak_id=tiltak["norsk"].pk, grunn="Norsk", now=NOW)
    return kvp.save_plan(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW, linjer=[
        kvp.PlanLinje(henvisning_id=a.pk), kvp.PlanLinje(henvisning_id=b.pk)])


class TestGrant:
    def test_the_grant_is_a_section_35_decision_paid_month_by_month(self, granted: Any) -> None:
        """sotjl. § 35: G 118 620 until 30 April 2024, 124 028 from 1 May (G changes 1 May);
        2/3 before the 25th birthday (1 June 2024). April: 2 × 118 620 × 2/3 / 12 = 13 180;
        May: 2 × 124 028 × 2/3 / 12 = 13 780,89 → 13 781; June (25): 2 × 124 028 / 12 =
        20 671,33 → 20 671."""
        from sosialsak.contexts.payments.models import Utbetaling

        v = granted.vedtak
        assert granted.status == "INNVILGET" and v.hjemmel == "§ 35"
        assert (v.periode_fra, v.periode_til) == (date(2024, 4, 1), date(2026, 4, 1))
        first = [m["belop"] for m in v.maned_belop[:3]]
        assert first == [13180, 13781, 20671]
        pays = list(Utbetaling.objects.filter(vedtak=v).order_by("forfallsdato"))
        assert len(pays) == 24 and [p.belop for p in pays[:3]] == first
        text = v.dokumenter.get().tekst
        assert "Statsforvalteren" in text and "Fravær uten gyldig grunn" in " ".join(text.split())

    def test_kostra_dates_registered_decided(self, granted: Any) -> None:
        assert granted.reg_dato == NOW.date() and granted.vedtak_dato == NOW.date()
        assert granted.soknad.poster.get().type == "ANNET"

    def test_the_assessment_is_structured_and_reaches_the_section_20a_check(
        self, granted: Any
    ) -> None:
        """§ 29 checklist from the rules; the § 20 a check reads decisions.KvpVurdering."""
        from sosialsak.contexts.decisions.models import KvpVurdering

        v = granted.vurderinger.get()
        assert v.har_rett and v.kilde == "STRUKTURERT"
        assert {s["kode"] for s in v.sjekker} >= {"KVP_ALDER", "KVP_ARBEIDSEVNE"}
        assert KvpVurdering.objects.get(pk=v.fritekst_id).har_rett

    def test_no_right_when_other_benefits_are_not_limited(
        self, scope: Any, veileder: Any, recipient: Any
    ) -> None:
        """§ 29: no right with income-replacement benefits that are not very limited."""
        from sosialsak.contexts.kvp import operations as kvp

        d = kvp.screen(scope=scope, actor=veileder, soknad_id=recipient.pk, grunn="ANNET",
                       now=NOW)
        v = kvp.assess(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW,
                       data=kvp.VurderingInput(True, "andre", True, True, "Har AAP."))
        assert not v.har_rett

    def test_refusal_has_a_letter_and_no_payments(
        self, scope: Any, veileder: Any, recipient: Any
    ) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        d = kvp.screen(scope=scope, actor=veileder, soknad_id=recipient.pk, grunn="ANNET",
                       now=NOW)
        kvp.apply(scope=scope, actor=veileder, deltakelse_id=d.pk, mottatt_at=NOW,
                  kanal="PAPIR", now=NOW)
        d = kvp.decide(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW,
                       data=kvp.VedtakInput(False, "Du har AAP.", "Du mottar AAP."))
        assert d.status == "AVSLATT" and d.vedtak.utfall == "AVSLATT"
        assert not d.vedtak.utbetalinger.exists()
        assert "§ 29" in d.vedtak.dokumenter.get().tekst


class TestProgrammePlan:
    def test_hours_must_sum_to_full_time(self, scope: Any, veileder: Any, granted: Any,
                                         tiltak: dict[str, Any]) -> None:
        """§ 30: full time; the office's setting (default 37,5 hours a week)."""
        from sosialsak.contexts.kvp import operations as kvp

        with pytest.raises(kvp.UnableToChangeKvp) as exc:
            kvp.save_plan(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW,
                          linjer=[kvp.PlanLinje(beskrivelse="Jobbsøking",
                                                timer_per_uke=Decimal(30))])
        assert exc.value.code == "ikke_full_tid" and "37,5" in exc.value.message.replace(
            ".", ",")
        lines = _plan(scope, veileder, granted, tiltak)
        assert sum(line.timer_per_uke for line in lines) == Decimal("37.5")

    def test_the_office_setting_decides_full_time(
        self, scope: Any, veileder: Any, granted: Any, offices: Any, users: Any,
        scope_of: Any
    ) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        kvp.save_settings(scope=scope_of(users["leder_a"]), actor=users["leder_a"],
                          kontor_id=offices["A"].pk,
                          fulltid_timer=Decimal(30), programslutt_varsel_dager=30, now=NOW)
        kvp.save_plan(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW,
                      linjer=[kvp.PlanLinje(beskrivelse="Jobbsøking",
                                            timer_per_uke=Decimal(30))])

    def test_no_start_without_a_plan(self, scope: Any, veileder: Any, granted: Any) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        with pytest.raises(kvp.UnableToChangeKvp):
            kvp.start(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW)


@pytest.fixture
def in_programme(scope: Any, veileder: Any, granted: Any, tiltak: dict[str, Any]) -> Any:
    from sosialsak.contexts.kvp import operations as kvp

    _plan(scope, veileder, granted, tiltak)
    return kvp.start(scope=scope, actor=veileder, deltakelse_id=granted.pk, now=NOW)


class TestAbsence:
    def test_unauthorised_absence_reduces_only_by_decision(
        self, scope: Any, veileder: Any, in_programme: Any
    ) -> None:
        """§ 36: one dagsats a day (yearly / 260): April 2024 2 × 118 620 × 2/3 / 260 =
        608,31; 13 180 − 608,31 = 12 571,69 → 12 572. Registering the absence changes
        nothing; the reduction decision lowers April's planned payment and has a letter."""
        from sosialsak.contexts.kvp import operations as kvp
        from sosialsak.contexts.payments.models import Utbetaling

        d = in_programme

        def april() -> list[int]:
            return list(Utbetaling.objects.filter(
                vedtak=d.vedtak, periode_fra=date(2024, 4, 1), status="PLANLAGT")
                .values_list("belop", flat=True))

        kvp.record_absence(scope=scope, actor=veileder, deltakelse_id=d.pk,
                           dato=date(2024, 4, 10), type="UGYLDIG", now=NOW)
        kvp.record_absence(scope=scope, actor=veileder, deltakelse_id=d.pk,
                           dato=date(2024, 4, 11), type="SYK_EGENMELDING",
                           dokumentasjon="Egenmelding levert 12.04", now=NOW)
        assert april() == [13180]  # no decision yet: no reduction

        red = kvp.decide_reduction(scope=scope, actor=veileder, deltakelse_id=d.pk,
                                   maned=date(2024, 4, 1), begrunnelse="Møtte ikke.", now=NOW)

        assert (red.dager, red.stonad_for, red.stonad_etter) == (1, 13180, 12572)
        assert red.trekk == 608
        assert april() == [12572]
        assert "trekk" in red.brev.tekst and "Statsforvalteren" in red.brev.tekst
        with pytest.raises(kvp.UnableToChangeKvp):  # the day is decided once
            kvp.decide_reduction(scope=scope, actor=veileder, deltakelse_id=d.pk,
                                 maned=date(2024, 4, 1), begrunnelse="Igjen.", now=NOW)

    def test_sick_leave_needs_a_self_declaration_or_doctors_note(
        self, scope: Any, veileder: Any, in_programme: Any
    ) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        with pytest.raises(kvp.UnableToChangeKvp) as exc:
            kvp.record_absence(scope=scope, actor=veileder, deltakelse_id=in_programme.pk,
                               dato=date(2024, 4, 10), type="SYK_LEGEERKLAERING", now=NOW)
        assert exc.value.extra["field"] == "dokumentasjon"

    def test_sick_leave_gives_no_reduction(self, scope: Any, veileder: Any,
                                           in_programme: Any) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        kvp.record_absence(scope=scope, actor=veileder, deltakelse_id=in_programme.pk,
                           dato=date(2024, 4, 10), type="SYK_LEGEERKLAERING",
                           dokumentasjon="Legeerklæring", now=NOW)
        with pytest.raises(kvp.UnableToChangeKvp) as exc:
            kvp.decide_reduction(scope=scope, actor=veileder, deltakelse_id=in_programme.pk,
                                 maned=date(2024, 4, 1), begrunnelse="x", now=NOW)
        assert exc.value.code == "ingen_fravaer"


class TestDuration:
    def test_extension_needs_reasons_and_at_most_one_year(
        self, scope: Any, veileder: Any, in_programme: Any
    ) -> None:
        """§ 30 (from 2019): up to 2 years, extension by up to 1 year in special cases."""
        from sosialsak.contexts.kvp import operations as kvp

        d = in_programme
        assert d.slutt_dato == date(2026, 4, 1)
        with pytest.raises(kvp.UnableToChangeKvp) as exc:
            kvp.extend(scope=scope, actor=veileder, deltakelse_id=d.pk,
                       ny_slutt=date(2027, 1, 1), begrunnelse="", now=NOW)
        assert exc.value.code == "programlengde"
        with pytest.raises(kvp.UnableToChangeKvp) as exc:
            kvp.extend(scope=scope, actor=veileder, deltakelse_id=d.pk,
                       ny_slutt=date(2027, 4, 2), begrunnelse="Fullfører fagbrev", now=NOW)
        assert exc.value.code == "programlengde" and "3 år" in exc.value.message
        d = kvp.extend(scope=scope, actor=veileder, deltakelse_id=d.pk,
                       ny_slutt=date(2027, 4, 1), begrunnelse="Fullfører fagbrev", now=NOW)
        assert d.slutt_dato == date(2027, 4, 1)
        assert d.forlengelse_vedtak.periode_fra == date(2026, 4, 1)
        assert d.forlengelse_vedtak.utbetalinger.count() == 12

    def test_interruption_stops_payments_and_re_entry_starts_them(
        self, scope: Any, veileder: Any, in_programme: Any
    ) -> None:
        from sosialsak.contexts.kvp import operations as kvp

        d = in_programme
        kvp.interrupt(scope=scope, actor=veileder, deltakelse_id=d.pk, fra=date(2024, 6, 1),
                      grunn="Innlagt på sykehus", now=NOW)
        planned = d.vedtak.utbetalinger.filter(status="PLANLAGT")
        assert planned.filter(forfallsdato__gte=date(2024, 6, 1)).count() == 0
        kvp.resume(scope=scope, actor=veileder, deltakelse_id=d.pk, dato=date(2024, 8, 1),
                   now=NOW)
        assert planned.filter(forfallsdato__gte=date(2024, 8, 1)).count() > 0
        assert d.vedtak.utbetalinger.filter(status="STOPPET").exists()  # June, July
        assert d.avbrudd.get().til == date(2024, 8, 1)
        # the interruption is a decision in writing, with the appeal information
        letter = d.vedtak.dokumenter.filter(tittel__isnull=False).order_by("-id").first()
        assert letter is not None and "midlertidig avbrutt" in letter.tekst
        assert "Statsforvalteren" in letter.tekst


class TestEnd:
    def test_end_with_kostra_status_and_situation_after(
        self, scope: Any, veileder: Any, in_programme: Any
    ) -> None:
        """KOSTRA 11CF: STATUS 3 (fullført) needs the situation after (AVSL_*) and the main
        income; ending is a decision with a letter; later payments stop."""
        from sosialsak.contexts.kvp import operations as kvp

        d = in_programme
        data = kvp.AvslutningInput(dato=date(2024, 9, 30), kostra_status="3",
                                   begrunnelse="Fast jobb fra oktober.")
        with pytest.raises(kvp.UnableToChangeKvp):
            kvp.end(scope=scope, actor=veileder, deltakelse_id=d.pk, data=data, now=NOW)
        d = kvp.end(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW,
                    data=kvp.AvslutningInput(dato=date(2024, 9, 30), kostra_status="3",
                                             begrunnelse="Fast jobb fra oktober.",
                                             situasjon_etter=("01",), viktigste_inntekt="01"))
        assert d.status == "AVSLUTTET" and d.situasjon_etter == ["01"]
        assert not d.vedtak.utbetalinger.filter(
            status="PLANLAGT", forfallsdato__gt=date(2024, 9, 30) + timedelta(days=1)).exists()
