"""A part month by days, one convention for the payment plan, a decision calculated month by
month and a reduction (``rules.prorate``; payments.plan rule 3; sotjl. § 18 and § 20 third
paragraph: support for the days of the period)."""

from __future__ import annotations

from datetime import date

from sosialsak import rules


def test_a_part_month_pays_its_share_by_days_rounded_half_up() -> None:
    """sotjl. § 18: 9 000 kr from 20 March = 9 000 × 12 / 31 = 3 483.87 → 3 484."""
    assert rules.prorate(9000, 12, 31) == 3484
    assert rules.prorate(100, 1, 2) == 50 and rules.prorate(3, 1, 2) == 2
    assert rules.prorate(9000, 31, 31) == 9000


def test_month_shares_prorate_the_first_and_last_month_only() -> None:
    """sotjl. § 18: a period 15 April – 9 June pays April and June by days, May whole."""
    amounts = [(date(2024, 4, 1), 12300), (date(2024, 5, 1), 12300), (date(2024, 6, 1), 12300)]

    shares = rules.month_shares(date(2024, 4, 15), date(2024, 6, 10), amounts)

    assert shares == [(date(2024, 4, 1), 6560), (date(2024, 5, 1), 12300),
                      (date(2024, 6, 1), 3690)]


def test_months_between_a_half_open_period() -> None:
    assert rules.months_between(date(2024, 1, 31), date(2024, 3, 1)) == [
        date(2024, 1, 1), date(2024, 2, 1)]
    assert rules.months_between(date(2024, 12, 15), date(2025, 1, 2)) == [
        date(2024, 12, 1), date(2025, 1, 1)]
    assert rules.months_between(date(2024, 3, 1), date(2024, 3, 1)) == []
    assert rules.next_month(date(2024, 12, 31)) == date(2025, 1, 1)


def test_the_payment_plan_uses_the_one_definition() -> None:
    """payments.plan rule 3 is rules.prorate (one definition; issue 11)."""
    from sosialsak.contexts.payments import plan

    assert plan.prorate is rules.prorate
