"""Decisions that are right month by month (issue 11): each month of the period calculated on
its own, the household from ``rules.members_at_rate``, the under-18 path and KVP (§ 35)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db
KONTO = "12345678903"


def _kr(amount: int) -> str:
    from sosialsak.formats.letters._format import kroner

    return kroner(amount)


def _monthly() -> Any:
    from sosialsak.contexts.decisions.operations import UtbetalingValg

    return UtbetalingValg(hyppighet="MANEDLIG", kontonummer=KONTO)


def _payments(vedtak: Any) -> list[tuple[date | None, int]]:
    return [(u.periode_fra, u.belop) for u in vedtak.utbetalinger.order_by("periode_fra")]


def _letter(vedtak: Any) -> str:
    from sosialsak.contexts.decisions.models import VedtakDokument

    return str(VedtakDokument.objects.get(vedtak=vedtak).tekst)


def _child(soknad: Any) -> Any:
    from sosialsak.contexts.people.models import Barn

    return Barn.objects.get(person=soknad.person)


class TestEveryMonthOfThePeriod:
    def test_a_child_moving_to_the_next_age_band_gets_the_new_rate_from_that_month(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 18, R35 4.18 (barn 11–17 from the month the child is 11 on the first day):
        March and April at the 6–10 rate, May at the 11–17 rate; each month paid its own."""
        child = _child(young_parent)
        child.fodselsdato = date(2013, 4, 15)  # 11 on 15 April: 11 on 1 May
        child.save()

        vedtak = _make(users, scope_of, young_parent, utkast(
            periode_til=date(2024, 6, 1), utbetaling=_monthly()))

        march, may = 7850 + 3950 + 500, 7850 + 5150 + 500
        assert vedtak.maned_belop == [{"maned": "2024-03-01", "belop": march},
                                      {"maned": "2024-04-01", "belop": march},
                                      {"maned": "2024-05-01", "belop": may}]
        assert vedtak.beregning["total"] == 2 * march + may
        assert _payments(vedtak) == [(date(2024, 3, 1), march), (date(2024, 4, 1), march),
                                     (date(2024, 5, 1), may)]
        text = _letter(vedtak)
        assert f"til sammen {_kr(2 * march + may)}" in text
        assert "ulikt fra måned til måned" in text
        assert "mai 2024" in text and _kr(may) in text
        assert f"{_kr(march)} for 1." not in text  # never one month's amount for the period
        words = " ".join(text.split())
        assert "Fra mai 2024 er beløpet 13 500 kr for hele måneden" in words
        assert "barn 11–17 år: 5 150 kr" in words

    def test_a_new_rate_set_inside_the_period_is_used_from_its_month(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 18, the state rates of 1 July 2023 (enslig 6 850 → 7 550, barn 6–10
        3 450 → 3 800): June at the old rates, July and August at the new."""
        vedtak = _make(users, scope_of, young_parent, utkast(
            periode_fra=date(2023, 6, 1), periode_til=date(2023, 9, 1), utbetaling=_monthly()))

        june, july = 6850 + 3450 + 500, 7550 + 3800 + 500
        assert [m["belop"] for m in vedtak.maned_belop] == [june, july, july]
        assert [b for _, b in _payments(vedtak)] == [june, july, july]
        text = _letter(vedtak)
        assert f"til sammen {_kr(june + 2 * july)}" in text
        assert "01.07.2023" in text  # the rate sets used, each named

    def test_equal_months_show_the_monthly_amount_and_the_total(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 18 / fvl § 25: the letter says what is paid: 3 × 12 300 kr, not 12 300 kr
        «for 1. mars til 31. mai»."""
        vedtak = _make(users, scope_of, young_parent, utkast(
            periode_til=date(2024, 6, 1), utbetaling=_monthly()))

        text = _letter(vedtak)
        assert f"til sammen {_kr(3 * 12300)}" in text
        assert f"{_kr(12300)} per måned" in text
        assert [b for _, b in _payments(vedtak)] == [12300] * 3

    def test_the_preview_shows_each_month_and_the_total(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import preview_vedtak

        actor = users["veileder_sf"]
        preview = preview_vedtak(scope=scope_of(actor), actor=actor,
                                 soknad_id=young_parent.pk,
                                 data=utkast(periode_til=date(2024, 5, 1)), today=NOW.date())

        assert preview.maneder == [(date(2024, 3, 1), 12300), (date(2024, 4, 1), 12300)]
        assert preview.total == 24600
        assert "== 04.2024 ==" in preview.forklaring


class TestWhoIsInTheHousehold:
    def test_a_partner_without_birth_date_stops_the_decision_naming_the_field(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 18, R35 4.18 (ektepar/samboere rate): never a silent single-person rate."""
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToRecordVedtak
        from sosialsak.contexts.people.models import Partner

        Partner.objects.create(person=young_parent.person, husstand=young_parent.husstand,
                               relasjon="SAMBOER", navn="Ola", fodselsdato=None,
                               bor_sammen=True)

        with pytest.raises(UnableToRecordVedtak) as exc:
            _make(users, scope_of, young_parent, utkast())

        assert exc.value.extra["field"] == "partner.fodselsdato"
        assert "fødselsdato" in exc.value.message
        assert not Vedtak.objects.exists()

    def test_a_partner_living_together_gets_the_couple_rate(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """R35 4.18: ektepar/samboere 13 100 kr (2024) instead of enslig 7 850 kr."""
        from sosialsak.contexts.people.models import Partner

        Partner.objects.create(person=young_parent.person, husstand=young_parent.husstand,
                               relasjon="SAMBOER", navn="Ola", fodselsdato=date(1998, 1, 1))

        vedtak = _make(users, scope_of, young_parent, utkast())

        assert vedtak.belop == 13100 + 3950 + 500

    def test_a_samvaer_child_is_no_child_rate_and_gets_an_addition_with_reason(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """R35 4.18.1.5: a child on samvær is not in the household at the child rate; the
        extra costs of samvær are an individual addition (basis samvaer) with its reason, and
        the caseworker is told (SAMVAER_IKKE_VURDERT) until it is assessed."""
        from sosialsak.contexts.decisions.operations import Justering, preview_vedtak
        from sosialsak.contexts.people.models import HusstandBarn

        HusstandBarn.objects.filter(husstand=young_parent.husstand).update(bosted="SAMVAER")
        actor = users["veileder_sf"]
        preview = preview_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                                 data=utkast(justeringer=()), today=NOW.date())
        assert preview.belop == 7850
        assert "SAMVAER_IKKE_VURDERT" in dict(preview.flags)

        vedtak = _make(users, scope_of, young_parent, utkast(justeringer=(
            Justering(1200, "Reise og mat når barnet er på samvær annenhver helg",
                      grunnlag="samvaer"),)))

        assert vedtak.belop == 7850 + 1200
        assert vedtak.beregning["norm"] == 7850  # no child rate
        assert "samvær" in vedtak.beregning["forklaring"].lower()
        assert "Reise og mat" in _letter(vedtak)


    def test_a_child_with_delt_bosted_has_the_child_rate_and_the_flag(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """docs/rules.md «Who is in the household»: DELT gets the full child rate here, and
        the caseworker is asked to assess it (DELT_BOSTED)."""
        from sosialsak.contexts.decisions.operations import preview_vedtak
        from sosialsak.contexts.people.models import HusstandBarn

        HusstandBarn.objects.filter(husstand=young_parent.husstand).update(bosted="DELT")
        actor = users["veileder_sf"]
        preview = preview_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                                 data=utkast(), today=NOW.date())

        assert preview.belop == 7850 + 3950 + 500
        assert "DELT_BOSTED" in dict(preview.flags)


class TestApplicantUnder18:
    def test_an_individual_assessment_without_the_table_records_a_decision(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 18, R35 4.18.1.5: the guideline table has no rate for a minor's own
        household; the amount is assessed individually, with its reason."""
        from sosialsak.contexts.decisions.operations import Under18

        person = young_parent.person
        person.fodselsdato = date(2007, 1, 10)  # 17 in March 2024
        person.save()

        vedtak = _make(users, scope_of, young_parent, utkast(under_18=Under18(
            6000, "Bor alene etter brudd med foreldrene; behov vurdert ut fra samtale.")))

        assert vedtak.belop == 6000 + 3950 + 500
        assert "søker under 18 år" in vedtak.beregning["forklaring"]
        assert "Bor alene etter brudd" in _letter(vedtak)

    def test_without_the_assessment_the_refusal_names_it(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToRecordVedtak

        person = young_parent.person
        person.fodselsdato = date(2007, 1, 10)
        person.save()

        with pytest.raises(UnableToRecordVedtak) as exc:
            _make(users, scope_of, young_parent, utkast())

        assert "under_18" in exc.value.message


class TestKvp:
    def test_a_kvp_decision_across_1_may_pays_each_month_its_own_amount(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        """sotjl. § 35: 2 G a year (2/3 under 25), G 118 620 → 124 028 on 1 May 2024, the
        25th birthday on 1 June 2024, barnetillegg (unverified rate: the municipality must
        confirm it) and work income in May deducted krone for krone."""
        from sosialsak.contexts.decisions.operations import (
            KvpInntektUtkast,
            KvpUtkast,
            preview_vedtak,
        )
        from sosialsak.contexts.decisions.operations._builder import build

        data = utkast(hjemmel="§ 35", unntak=None, justeringer=(),
                      periode_fra=date(2024, 4, 1), periode_til=date(2024, 7, 1),
                      individuell_vurdering="", utbetaling=_monthly(),
                      kvp=KvpUtkast(inntekter=(KvpInntektUtkast(date(2024, 5, 1),
                                                                "arbeidsinntekt", 2000),)))
        built = build(soknad=young_parent, data=data, today=NOW.date())
        april, may, june = (m.amount for m in built.kvp.months)
        assert len({april, may + 2000, june}) == 3  # G in May, full rate in June
        assert built.kvp.months[1].inntekt_trukket == 2000
        assert all(m.barnetillegg > 0 for m in built.kvp.months)
        actor = users["veileder_sf"]
        preview = preview_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                                 data=data, today=NOW.date())
        assert "KVP_BARNETILLEGG_IKKE_VERIFISERT" in dict(preview.flags)

        vedtak = _make(users, scope_of, young_parent, data)

        assert [m["belop"] for m in vedtak.maned_belop] == [april, may, june]
        assert [b for _, b in _payments(vedtak)] == [april, may, june]
        text = _letter(vedtak)
        assert f"til sammen {_kr(april + may + june)}" in text
        assert "Kommunen må bekrefte" in " ".join(text.split())
        assert "reduserer stønaden" in text


def test_a_proposal_keeps_the_under_18_assessment_and_the_kvp_input(utkast: Any) -> None:
    """Four eyes: the stored proposal makes the same decision (the new inputs round-trip)."""
    from sosialsak.contexts.decisions.operations import (
        Justering,
        KvpInntektUtkast,
        KvpUtkast,
        Under18,
        utkast_as_json,
        utkast_from_json,
    )

    data = utkast(under_18=Under18(6000, "Bor alene."),
                  justeringer=(Justering(900, "Samvær", grunnlag="samvaer"),),
                  kvp=KvpUtkast(date(2024, 4, 2), (KvpInntektUtkast(date(2024, 5, 1),
                                                                   "dagpenger", 300),)))

    assert utkast_from_json(utkast_as_json(data)) == data


def test_a_reduction_starts_from_the_month_s_own_amount(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    """sotjl. § 20 / fvl § 16: the warning and the reduction of a month-by-month decision
    state what the person gets that month (13 500 kr in May, not March's 12 300 kr)."""
    from sosialsak.contexts.decisions.models import VedtakDokument
    from sosialsak.contexts.decisions.operations import record_brudd, send_forhandsvarsel
    from tests.integration.decisions.test_make_vedtak import _activity, _kvp

    child = _child(young_parent)
    child.fodselsdato = date(2013, 4, 15)
    child.save()
    _kvp(users, scope_of, young_parent)
    vedtak = _make(users, scope_of, young_parent, utkast(
        unntak=None, vilkar=(_activity(),), periode_til=date(2024, 6, 1),
        utbetaling=_monthly()))
    actor = users["veileder_sf"]
    scope = scope_of(actor)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=vedtak.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)

    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk, belop_redusert=11000,
                        svarfrist=date(2024, 3, 18), now=NOW, periode_fra=date(2024, 5, 1),
                        periode_til=date(2024, 6, 1))

    varsel = VedtakDokument.objects.get(vedtak=vedtak, type="FORHANDSVARSEL")
    words = " ".join(varsel.tekst.split())
    assert "fra 13 500 kr til 11 000 kr" in words
