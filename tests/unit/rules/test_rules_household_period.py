"""Issue 11: who is in the household (§ 18, R35), an applicant under 18 (R35 4.18.1.5), every
month of a period on its own (§ 18, § 35), and KVP barnetillegg and reduction (§ 35)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sosialsak.rules import (
    Adjustment,
    Bosted,
    ChildFacts,
    Household,
    IndividualAssessment,
    InvalidAssessment,
    InvalidFacts,
    InvalidHousehold,
    KvpInntekt,
    KvpInntektType,
    PartnerFacts,
    Person,
    Under18Assessment,
    calculate_livsopphold,
    calculate_livsopphold_period,
    kvp_maaned,
    kvp_periode,
    load_ruleset,
    members_at_rate,
    parse_household,
    render_for_applicant,
)
from sosialsak.rules.engine.parameters import parse_parameter
from sosialsak.rules.errors import InvalidParameterFile

MARCH_2024 = date(2024, 3, 1)
ADULT = date(1985, 1, 1)


class TestMembersAtRate:
    """The one household definition (sotjl. § 18; R35 4.18; docs/rules.md)."""

    def test_a_partner_without_birth_date_is_an_error_naming_the_field(self) -> None:
        """§ 18 ektepar/samboere rate: never silently the single-person rate."""
        with pytest.raises(InvalidHousehold) as err:
            members_at_rate(applicant_birth_date=ADULT, partner=PartnerFacts(None))

        assert err.value.field == "partner.birth_date"

    def test_a_partner_who_lives_elsewhere_is_not_in_the_household(self) -> None:
        members = members_at_rate(applicant_birth_date=ADULT,
                                  partner=PartnerFacts(None, lives_together=False))

        assert members.adults == (Person(ADULT),)

    def test_fast_and_delt_are_members_samvaer_is_counted_apart(self) -> None:
        """Barneloven § 36 delt fast bosted: full child rate here (documented decision);
        samvær (§ 43): no child rate, extra costs assessed individually (R35 4.18.1.5)."""
        members = members_at_rate(applicant_birth_date=ADULT, partner=PartnerFacts(ADULT),
                                  children=[ChildFacts(date(2015, 1, 1)),
                                            ChildFacts(date(2016, 1, 1), Bosted.DELT),
                                            ChildFacts(None, Bosted.SAMVAER)])

        assert len(members.adults) == 2
        assert [c.bosted for c in members.children] == [Bosted.FAST, Bosted.DELT]
        assert members.samvaer_children == 1

    def test_the_people_contexts_bosted_codes_are_accepted(self) -> None:
        """The builder passes Barn.bosted as stored (FAST/DELT/SAMVAER)."""
        members = members_at_rate(applicant_birth_date=ADULT, children=[
            ChildFacts(date(2015, 1, 1), "DELT"), ChildFacts(None, "SAMVAER")])

        assert [c.bosted for c in members.children] == [Bosted.DELT]
        assert members.samvaer_children == 1
        with pytest.raises(InvalidHousehold, match=r"children\[0\]\.bosted"):
            members_at_rate(applicant_birth_date=ADULT, children=[ChildFacts(None, "hytta")])

    def test_a_child_at_the_child_rate_needs_a_birth_date(self) -> None:
        with pytest.raises(InvalidHousehold) as err:
            members_at_rate(applicant_birth_date=ADULT,
                            children=[ChildFacts(date(2015, 1, 1)), ChildFacts(None)])

        assert err.value.field == "children[1].birth_date"

    def test_a_missing_applicant_birth_date_is_named(self) -> None:
        with pytest.raises(InvalidHousehold) as err:
            members_at_rate(applicant_birth_date=None)

        assert err.value.field == "applicant.birth_date"

    def test_a_samvaer_child_passed_as_a_member_is_refused(self) -> None:
        household = Household(adults=(Person(ADULT),),
                              children=(Person(date(2015, 1, 1), Bosted.SAMVAER),))

        with pytest.raises(InvalidHousehold, match=r"children\[0\]\.bosted"):
            calculate_livsopphold(household=household, month=MARCH_2024)

    def test_the_json_names_an_unknown_bosted_and_basis(self) -> None:
        doc = {"month": "2024-03", "adults": [{"birth_date": "1985-01-01"}],
               "children": [{"birth_date": "2015-01-01", "bosted": "hytta"}]}
        with pytest.raises(InvalidHousehold, match=r"children\[0\]\.bosted"):
            parse_household(doc)
        doc = {"month": "2024-03", "adults": [{"birth_date": "1985-01-01"}],
               "individual_assessment": {"reason": "x", "adjustments": [
                   {"amount": 100, "reason": "y", "basis": "ferie"}]}}
        with pytest.raises(InvalidHousehold, match=r"adjustments\[0\]\.basis"):
            parse_household(doc)

    def test_a_samvaer_addition_is_its_own_explained_line(self) -> None:
        """R35 4.18.1.5: samvær costs as an individual addition with its reason."""
        result = calculate_livsopphold(
            household=Household(adults=(Person(ADULT),), samvaer_children=1),
            month=MARCH_2024, assessment=IndividualAssessment(
                "Samvær", (Adjustment(Decimal(900), "Fire netter", "samvaer"),)))

        line = next(x for x in result.lines if x.kind == "tillegg")
        assert "samvær" in line.rule and line.detail == "Fire netter"
        assert result.amount == 7850 + 900
        assert "SAMVAER_IKKE_VURDERT" not in {f.code for f in result.flags}


class TestApplicantUnder18:
    """R35 4.18.1.5: the rates are only a starting point; a minor's need is assessed."""

    MINOR = Household(adults=(Person(date(2007, 6, 1)),))

    def test_the_assessed_amount_replaces_the_adult_rate_with_its_reason(self) -> None:
        result = calculate_livsopphold(household=self.MINOR, month=MARCH_2024,
                                       under_18=Under18Assessment(Decimal(5200), "Egen hybel"))

        first = result.lines[0]
        assert (first.rule, first.amount) == ("Individuell vurdering, søker under 18 år", 5200)
        assert "Egen hybel" in first.detail and result.amount == 5200
        assert "under 18 år" in render_for_applicant(result)

    def test_without_the_assessment_the_minor_is_refused_and_told_how(self) -> None:
        with pytest.raises(InvalidHousehold, match="under_18_assessment"):
            calculate_livsopphold(household=self.MINOR, month=MARCH_2024)

    @pytest.mark.parametrize(("amount", "reason"), [(Decimal("10.5"), "x"),
                                                    (Decimal(-1), "x"), (Decimal(10), " ")])
    def test_a_bad_assessment_is_refused(self, amount: Decimal, reason: str) -> None:
        with pytest.raises(InvalidAssessment):
            calculate_livsopphold(household=self.MINOR, month=MARCH_2024,
                                  under_18=Under18Assessment(amount, reason))


class TestPeriod:
    def test_the_months_are_calculated_on_their_own(self) -> None:
        """§ 18: the age band on the first day of each month and the rates in force."""
        household = Household(adults=(Person(ADULT),), children=(Person(date(2017, 12, 15)),))

        period = calculate_livsopphold_period(household=household, first_month=date(2023, 11, 1),
                                              last_month=date(2024, 2, 1))

        assert [m.amount for m in period.months] == [11250, 11250, 11800, 11800]
        assert period.total == 46100

    def test_a_period_ending_before_it_starts_or_too_long_is_refused(self) -> None:
        household = Household(adults=(Person(ADULT),))
        for last in (date(2024, 1, 1), date(2034, 3, 1)):
            with pytest.raises(InvalidFacts) as err:
                calculate_livsopphold_period(household=household, first_month=MARCH_2024,
                                             last_month=last)
            assert err.value.extra["field"] == "to"

    def test_kvp_across_1_may_uses_each_months_g(self) -> None:
        """§ 35: 2 G a year with the G in force (1 May 2024: 118 620 → 124 028)."""
        period = kvp_periode(first_month=date(2024, 4, 1), last_month=date(2024, 5, 1),
                             fodselsdato=date(1980, 1, 1), deltakelse_fra=date(2023, 1, 1))

        assert [m.amount for m in period.months] == [19770, 20671]


class TestKvpAdditions:
    def test_barnetillegg_says_the_daily_amount_is_unverified(self) -> None:
        """§ 35 barnetillegg: the current amount is not in our sources (verified: false)."""
        month = kvp_maaned(month=date(2024, 5, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2023, 1, 1), barn=[date(2015, 3, 1)])

        line = next(x for x in month.lines if x.kind == "kvp_barnetillegg")
        assert month.barnetillegg == 27 * 23 and "ikke verifisert" in line.detail

    def test_a_child_of_18_gives_no_barnetillegg(self) -> None:
        month = kvp_maaned(month=date(2024, 5, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2023, 1, 1), barn=[date(2006, 1, 1)])

        assert month.barnetillegg == 0 and month.amount == 20671

    def test_only_the_listed_benefits_reduce_krone_for_krone(self) -> None:
        """§ 35: dagpenger reduce; bostøtte does not."""
        month = kvp_maaned(month=date(2024, 5, 1), fodselsdato=date(1980, 1, 1),
                           deltakelse_fra=date(2023, 1, 1), andre_inntekter=[
                               KvpInntekt(KvpInntektType.DAGPENGER, Decimal(1000)),
                               KvpInntekt(KvpInntektType.BOSTOTTE, Decimal(3000))])

        assert month.amount == 19671 and month.inntekt_trukket == 1000

    def test_a_negative_income_is_named(self) -> None:
        with pytest.raises(InvalidFacts, match=r"andre_inntekter\[0\]"):
            kvp_maaned(month=date(2024, 5, 1), fodselsdato=date(1980, 1, 1),
                       deltakelse_fra=date(2023, 1, 1), andre_inntekter=[
                           KvpInntekt(KvpInntektType.DAGPENGER, Decimal(-1))])

    def test_verified_must_be_true_or_false(self) -> None:
        with pytest.raises(InvalidParameterFile, match="verified"):
            parse_parameter("x", {"values": {date(2024, 1, 1): {
                "value": 1, "reference": "r", "verified": "maybe"}}})

    def test_the_shipped_barnetillegg_is_marked_unverified(self) -> None:
        value = load_ruleset().value("kvalifiseringsstonad.barnetillegg_per_dag",
                                     on=date(2026, 1, 1))
        assert value.verified is False and value.source
