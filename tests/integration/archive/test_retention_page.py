"""The leder's retention page (issue 18 item 5): find what is due, then confirm; nobody else
has the page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def test_a_leder_finds_and_confirms_removal_on_the_page(
        client: Client, closed_case: Any, users: Any, scope_of: Any, tmp_path: Path,
        monkeypatch: Any) -> None:
    from django.utils import timezone

    from sosialsak.contexts.archive.export import export_soknad
    from sosialsak.contexts.archive.models import Slettekandidat

    actor = users["veileder_sf"]
    export_soknad(scope=scope_of(actor), actor=actor, soknad_id=closed_case.pk, out=tmp_path,
                  now=NOW)
    monkeypatch.setattr(timezone, "now", lambda: NOW + timedelta(days=11 * 366))
    client.force_login(users["leder_a"])

    assert "Ingenting venter" in client.get(reverse("retention_page")).content.decode()
    client.post(reverse("retention_page"), {"handling": "finn"})
    page = client.get(reverse("retention_page")).content.decode()
    assert page.count('name="kandidat"') == 2 and "kommunen bekrefter perioden" in page
    assert 'for="kandidat-' in page  # every checkbox has a label

    ids = [str(k.pk) for k in Slettekandidat.objects.all()]
    response = client.post(reverse("retention_page"), {"handling": "bekreft", "kandidat": ids})
    assert response.status_code == 302
    assert set(Slettekandidat.objects.values_list("status", flat=True)) == {"UTFORT"}


def test_confirming_before_archiving_shows_the_reason(
        client: Client, closed_case: Any, users: Any, monkeypatch: Any) -> None:
    from django.utils import timezone

    from sosialsak.contexts.archive.models import Slettekandidat

    monkeypatch.setattr(timezone, "now", lambda: NOW + timedelta(days=11 * 366))
    client.force_login(users["leder_a"])
    client.post(reverse("retention_page"), {"handling": "finn"})
    ids = [str(k.pk) for k in Slettekandidat.objects.all()]
    response = client.post(reverse("retention_page"), {"handling": "bekreft", "kandidat": ids},
                           follow=True)
    assert "må arkiveres" in response.content.decode()
    assert set(Slettekandidat.objects.values_list("status", flat=True)) == {"LISTET"}


@pytest.mark.parametrize("who", ["veileder_a", "statsforvalter"])
def test_no_one_but_a_leder_has_the_page(client: Client, users: Any, who: str) -> None:
    client.force_login(users[who])
    assert client.get(reverse("retention_page")).status_code in (403, 404)
