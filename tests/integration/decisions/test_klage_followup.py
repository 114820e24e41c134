"""Appeals after registration: the office's own new decision through the API (fvl § 33), and
the leder's list of appeals forwarded in the last 90 days with the days each took and the
office median."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from sosialsak.kernel.clock import OSLO
from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db


@pytest.fixture
def vedtak(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    return _make(users, scope_of, young_parent, utkast())


def test_the_office_changes_the_decision_after_an_appeal_through_the_api(
    users: Any, vedtak: Any, utkast: Any
) -> None:
    from sosialsak.contexts.accounts.tokens import create_token
    from sosialsak.contexts.decisions.models import Klage, Vedtak
    from sosialsak.contexts.decisions.operations import Justering, utkast_as_json
    from sosialsak.contexts.intake.models import Hendelse

    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['veileder_sf'])}"}
    client = Client()

    def post(url: str, body: dict[str, Any]) -> Any:
        return client.post(url, json.dumps(body), content_type="application/json", **auth)

    klage = post(f"/api/v1/vedtak/{vedtak.pk}/klager",
                 {"tekst": "Vinterklærne koster mer.", "mottatt": "2024-03-10"})
    assert klage.status_code == 201, klage.content
    url = f"/api/v1/klager/{klage.json()['id']}/omgjoring"
    ny = utkast_as_json(utkast(justeringer=(Justering(1500, "Vinterklær og sko til barnet"),)))
    incomplete = post(url, {"vurdering": "Klagen tas til følge.",
                            "vedtak": {**ny, "individuell_vurdering": ""}})
    changed = post(url, {"vurdering": "Klagen tas til følge: sko trengs også.", "vedtak": ny})
    twice = post(url, {"vurdering": "Igjen.", "vedtak": ny})

    assert incomplete.status_code == 400
    assert incomplete.json()["code"] == "individuell_vurdering_mangler"
    assert changed.status_code == 201, changed.content
    assert changed.json()["status"] == "OMGJORING"
    new = Vedtak.objects.get(pk=changed.json()["id"])
    assert (new.endrer_id, new.belop) == (vedtak.pk, vedtak.belop + 1000)
    row = Klage.objects.get()
    assert (row.status, row.nytt_vedtak_id) == ("OMGJORT", new.pk)
    assert row.kontorets_vurdering == "Klagen tas til følge: sko trengs også."
    event = Hendelse.objects.filter(type="decisions.vedtak.fattet").order_by("id").last()
    assert event is not None
    assert (event.data["endrer_vedtak_id"], event.data["klage_id"]) == (vedtak.pk, row.pk)
    assert twice.status_code == 400 and twice.json()["code"] == "klage_behandlet"


def _forwarded(users: Any, scope_of: Any, vedtak: Any, mottatt: date, oversendt: date) -> Any:
    from sosialsak.contexts.decisions.operations import forward_klage, register_klage

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    klage = register_klage(scope=scope, actor=actor, vedtak_id=vedtak.pk, tekst="Uenig.",
                           mottatt=mottatt, kom_fram=mottatt, now=NOW)
    return forward_klage(scope=scope, actor=actor, klage_id=klage.pk, vurdering="Opprettholdt.",
                         now=datetime.combine(oversendt, datetime.min.time(), OSLO)
                         + timedelta(hours=23, minutes=30))  # late evening: still that day


def test_the_leder_sees_the_days_from_appeal_to_forwarding_and_the_office_median(
    users: Any, scope_of: Any, vedtak: Any
) -> None:
    from sosialsak.contexts.casefile.worklists import worklist, worklist_counts
    from sosialsak.kernel.errors import NotFound

    today = date(2024, 6, 30)
    _forwarded(users, scope_of, vedtak, date(2024, 3, 4), date(2024, 3, 5))     # too old
    _forwarded(users, scope_of, vedtak, date(2024, 4, 2), date(2024, 4, 12))    # 10 days
    _forwarded(users, scope_of, vedtak, date(2024, 5, 1), date(2024, 5, 5))     # 4 days
    _forwarded(users, scope_of, vedtak, date(2024, 6, 1), date(2024, 6, 21))    # 20 days
    leder = users["leder_a"]

    items = worklist(scope=scope_of(leder), actor=leder, key="klager-oversendt", today=today,
                     purpose="test")

    assert [i.detalj for i in items] == [
        "20 dager fra klagen kom til den ble oversendt (21.06.2024); kontorets median: 10 dager",
        "4 dager fra klagen kom til den ble oversendt (05.05.2024); kontorets median: 10 dager",
        "10 dager fra klagen kom til den ble oversendt (12.04.2024); kontorets median: 10 dager",
    ]
    assert worklist_counts(scope=scope_of(leder), actor=leder, today=today)[
        "klager-oversendt"] == 3
    veileder = users["veileder_sf"]
    assert "klager-oversendt" not in worklist_counts(scope=scope_of(veileder), actor=veileder,
                                                     today=today)
    with pytest.raises(NotFound):
        worklist(scope=scope_of(veileder), actor=veileder, key="klager-oversendt", today=today,
                 purpose="test")


def test_the_leder_start_page_links_the_list(client: Client, users: Any) -> None:
    client.force_login(users["leder_a"])
    assert "Klager oversendt siste 90 dager" in client.get("/arbeidslister/").content.decode()
    client.force_login(users["veileder_sf"])
    assert "Klager oversendt siste 90 dager" not in client.get(
        "/arbeidslister/").content.decode()
    assert client.get("/arbeidslister/klager-oversendt/").status_code == 404
