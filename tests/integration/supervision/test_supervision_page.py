"""The internal-control page (issue 17): the leder sees the check figures and drills down to the
cases; the Statsforvalter reads it but cannot register an avvik; a veileder has no page."""

from __future__ import annotations

from typing import Any

URL = "/kontor/internkontroll/?fra=2024-03-01&til=2024-03-31"


def test_leder_sees_figures_and_registers_an_avvik(granted: Any, client: Any, users: Any,
                                                   offices: Any) -> None:
    from sosialsak.contexts.supervision.models import Avvik

    client.force_login(users["leder_a"])
    page = client.get(URL).content.decode()
    assert 'data-kontroll="vilkar-uten-oppfolgingsdato"' in page
    assert f'href="/soknad/{granted.soknad.pk}/"' in page  # drill-down to the case
    assert 'data-punkt="51"' in page  # the whole catalogue
    r = client.post("/kontor/internkontroll/", {"hva": "Brev uten begrunnelse.", "hvor": "Mottak",
                                                "dato": "2024-03-10", "alvorlighet": "LAV",
                                                "risikopunkt": "49"})
    assert r.status_code == 302
    assert Avvik.objects.get().risikopunkt == 49
    assert "Brev uten begrunnelse." in client.get(URL).content.decode()


def test_statsforvalter_reads_but_cannot_post(granted: Any, client: Any, users: Any) -> None:
    from sosialsak.contexts.supervision.models import Avvik

    client.force_login(users["statsforvalter"])
    page = client.get(URL)
    assert page.status_code == 200 and "Meld et avvik" not in page.content.decode()
    r = client.post("/kontor/internkontroll/", {"hva": "x", "dato": "2024-03-10",
                                                "alvorlighet": "LAV"})
    assert r.status_code == 403 and not Avvik.objects.exists()


def test_veileder_has_no_page(client: Any, users: Any) -> None:
    client.force_login(users["veileder_a"])
    assert client.get(URL).status_code == 404
