"""The quarantine in Django admin: the list shows ids and error counts, the action replays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.importer import import_delivery
from sosialsak.contexts.digisos.models import Levering
from sosialsak.contexts.intake.models import Soknad
from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW


def _rejected(tmp_path: Path, name: str, ref: str) -> Levering:
    bad = soknad_json()
    del bad["mottaker"]
    folder = write_delivery(tmp_path / name, digisos_id=did(f"dig-{ref}"), ekstern_ref=ref,
                            soknad=bad)
    result = import_delivery(delivery=read_folder(folder), now=NOW)
    assert result.outcome == "KARANTENE"
    return Levering.objects.get(pk=result.levering_id)


@pytest.fixture
def admin_session(users) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["admin"])
    return client


def test_the_list_shows_quarantined_deliveries_without_personal_data(
    offices, admin_session, tmp_path
) -> None:
    row = _rejected(tmp_path, "a", "ref-a")

    page = admin_session.get("/admin/digisos/levering/?status__exact=KARANTENE")

    html = page.content.decode()
    assert page.status_code == 200
    assert f"/admin/digisos/levering/{row.pk}/change/" in html
    assert "I karantene" in html and did("dig-ref-a") in html and "ref-a" in html
    assert "Amina" not in html and "Digital" not in html


def test_the_action_replays_a_fixed_delivery_and_reports_one_still_broken(
    offices, admin_session, tmp_path
) -> None:
    fixed, broken = _rejected(tmp_path, "a", "ref-a"), _rejected(tmp_path, "b", "ref-b")
    (Path(fixed.karantene_mappe) / "soknad.json").write_text(json.dumps(soknad_json()))

    response = admin_session.post("/admin/digisos/levering/", {
        "action": "replay_selected", "_selected_action": [fixed.pk, broken.pk]}, follow=True)

    texts = [str(m) for m in response.context["messages"]]
    assert f"Levering {fixed.pk}: IMPORTERT" in texts
    assert any(t.startswith(f"Levering {broken.pk}: KARANTENE – ") and "$.mottaker" in t
               for t in texts)
    fixed.refresh_from_db()
    broken.refresh_from_db()
    assert (fixed.status, fixed.karantene_mappe) == ("ERSTATTET", "")
    assert broken.status == "KARANTENE" and broken.forsok == 2
    assert Soknad.objects.get().digisos_id == did("dig-ref-a")


def test_a_missing_quarantine_folder_is_reported_not_a_crash(
    offices, admin_session, tmp_path
) -> None:
    import shutil

    row = _rejected(tmp_path, "a", "ref-a")
    shutil.rmtree(row.karantene_mappe)

    response = admin_session.post("/admin/digisos/levering/", {
        "action": "replay_selected", "_selected_action": [row.pk]}, follow=True)

    (text,) = [str(m) for m in response.context["messages"]]
    assert text.startswith(f"Levering {row.pk}: Karantenemappen til levering {row.pk} kan ikke")
