"""Archive export (issue 18 item 6): a closed application as a Noark 5 package."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from sosialsak.formats.noark5 import check_package
from sosialsak.formats.noark5.build import NS
from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def _export(scope: Any, actor: Any, soknad_id: int, out: Path) -> Any:
    from sosialsak.contexts.archive.export import export_soknad

    return export_soknad(scope=scope, actor=actor, soknad_id=soknad_id, out=out, now=NOW)


def test_a_closed_application_becomes_a_checked_package_with_pdfa_letters(
        closed_case: Any, users: Any, scope_of: Any, tmp_path: Path) -> None:
    from sosialsak.contexts.archive.models import Arkivuttrekk
    from sosialsak.contexts.audit.models import AuditEntry

    actor = users["veileder_sf"]
    done = _export(scope_of(actor), actor, closed_case.pk, tmp_path)

    assert check_package(done.folder) == []
    root = ET.parse(done.folder / "arkivstruktur.xml").getroot()
    formats = [e.text for e in root.iter(f"{{{NS}}}format")]
    assert "PDF/A-2a" in formats  # the decision letter, as the letter engine renders it
    assert "PDF" in formats  # the scanned attachment, kept as received
    assert root.findtext(f".//{{{NS}}}mappeID") == str(closed_case.pk)
    text = (done.folder / "arkivstruktur.xml").read_text()
    assert closed_case.person.fodselsnummer not in text  # the metadata names no person
    assert closed_case.person.etternavn not in text
    row = Arkivuttrekk.objects.get(soknad=closed_case)
    assert str(row.uttrekk_id) == done.uttrekk_id and row.antall_dokumenter == done.dokumenter
    assert AuditEntry.objects.filter(object_type="soknad", object_id=str(closed_case.pk),
                                     purpose="arkivuttrekk (Noark 5)").exists()


def test_an_open_application_is_not_archived(
        young_parent: Any, users: Any, scope_of: Any, tmp_path: Path) -> None:
    from sosialsak.contexts.archive.export import NotClosed

    actor = users["veileder_sf"]
    with pytest.raises(NotClosed):
        _export(scope_of(actor), actor, young_parent.pk, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("who", ["veileder_b", "statsforvalter"])
def test_another_office_or_a_reader_cannot_export(
        closed_case: Any, users: Any, scope_of: Any, tmp_path: Path, who: str) -> None:
    from sosialsak.kernel.errors import NotFound

    with pytest.raises(NotFound):
        _export(scope_of(users[who]), users[who], closed_case.pk, tmp_path)


def test_the_command_writes_the_package(closed_case: Any, tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("archive", "export", "--soknad", str(closed_case.pk), "--out",
                 str(tmp_path / "arkiv"), stdout=out)

    [folder] = list((tmp_path / "arkiv").iterdir())
    assert check_package(folder) == [] and "kontrollert" in out.getvalue()


def test_the_command_refuses_a_bad_id(tmp_path: Path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("archive", "export", "--soknad", "../1", "--out", str(tmp_path))
