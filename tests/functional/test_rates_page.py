"""The leder's rates page (issue 11, item 4): a year without a rate set of its own is shown as
not confirmed, and the leder's confirmation (who and when, audited) covers it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_leder_confirms_that_last_years_rates_still_apply_for_the_year(
    client: Client, users: dict[str, Any]
) -> None:
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.rates.models import RateConfirmation

    year = timezone.localdate().year
    client.force_login(users["leder_a"])

    page = client.get(reverse("rates_page")).content.decode()
    response = client.post(reverse("rates_page"), {"kommune": "4601", "year": str(year)})
    after = client.get(reverse("rates_page")).content.decode()

    assert f'data-kommune="4601" data-year="{year}" data-covered="nei"' in page
    assert response.status_code == 302
    row = RateConfirmation.objects.get(kommunenummer="4601", year=year)
    assert row.confirmed_by == users["leder_a"]
    assert f'data-kommune="4601" data-year="{year}" data-covered="ja"' in after
    assert "bekreftet av la" in after
    assert AuditEntry.objects.filter(object_type="rate_confirmation", action="WRITE").exists()


def test_a_veileder_cannot_confirm_rates(client: Client, users: dict[str, Any]) -> None:
    from sosialsak.contexts.rates.models import RateConfirmation

    client.force_login(users["veileder_a"])

    response = client.post(reverse("rates_page"), {"kommune": "4601", "year": "2026"})

    assert response.status_code == 404
    assert not RateConfirmation.objects.exists()
