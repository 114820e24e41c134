"""The leder's KOSTRA page (issue 15, items 1–2): the file is made and checked with SSB's
controls, findings link to the case to fix, a file with ERROR is marked not ready, and the
download is the ISO-8859-1 file of the year's record length."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

SHARED = Path(__file__).resolve().parents[1].parent.parent / "shared" / "kostra"
YEAR = timezone.localdate().year
if not (SHARED / f"file_description_11F_{YEAR}.yaml").is_file():
    pytest.skip("../shared/kostra has no layout for this year", allow_module_level=True)

pytestmark = pytest.mark.django_db


def _paid_case(make_soknad: Callable[..., Any]) -> Any:
    from sosialsak.contexts.decisions.models import Sak, Vedtak
    from sosialsak.contexts.payments.models import Utbetaling

    soknad = make_soknad()
    at = timezone.now()
    sak = Sak.objects.create(soknad=soknad, referanse="S-1", tittel="Livsopphold",
                             opprettet_at=at)
    v = Vedtak.objects.create(sak=sak, hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
                              belop=5000, begrunnelse="x", fattet_at=at)
    Utbetaling.objects.create(vedtak=v, referanse="U-1", belop=5000,
                              forfallsdato=date(YEAR, 1, 20), utbetalt_dato=date(YEAR, 1, 20),
                              status="UTBETALT", mottaker_navn="Kari",
                              kontonummer="12345678903")
    return soknad


def test_the_leder_sees_ssbs_findings_with_links_to_the_case(
        client: Client, users: dict[str, Any], make_soknad: Callable[..., Any]) -> None:
    soknad = _paid_case(make_soknad)
    client.force_login(users["leder_a"])

    page = client.get(reverse("kostra_page"), {"vis": "1", "skjema": "11F", "ar": str(YEAR),
                                               "kommune": "4601"}).content.decode()

    assert 'data-ready="nei"' in page  # nothing recorded yet: sivilstand etc. are missing
    assert 'data-rule="009" data-severity="ERROR"' in page
    assert reverse("case", args=[soknad.pk]) in page


def test_the_download_is_the_years_fixed_width_file(
        client: Client, users: dict[str, Any], make_soknad: Callable[..., Any]) -> None:
    _paid_case(make_soknad)
    client.force_login(users["leder_a"])

    response = client.get(reverse("kostra_file"), {"skjema": "11F", "ar": str(YEAR),
                                                   "kommune": "4601"})

    assert response.status_code == 200
    assert "iso-8859-1" in response["Content-Type"]
    assert f"kostra-11F-{YEAR}-4601.dat" in response["Content-Disposition"]
    lines = response.content.split(b"\n")
    assert len(lines) == 2 and len(lines[0]) == 338 and lines[1] == b""


def test_a_veileder_has_no_kostra_page(client: Client, users: dict[str, Any]) -> None:
    client.force_login(users["veileder_a"])
    assert client.get(reverse("kostra_page")).status_code == 404
    assert client.get(reverse("kostra_file")).status_code == 404
