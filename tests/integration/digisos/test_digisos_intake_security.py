"""Digisos intake under attack (issue 10): half-sent deliveries, poison files, path traversal,
unaudited reads, oversized values and files left by a crash."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.importer import import_delivery, import_inbox
from sosialsak.contexts.digisos.models import Levering
from sosialsak.contexts.intake.models import Soknad, Vedlegg
from tests.digisos_samples import PDF, did, soknad_json, with_changes, write_delivery
from tests.helpers import NOW


def _import(folder: Path):  # type: ignore[no-untyped-def]
    return import_delivery(delivery=read_folder(folder), now=NOW)


# --- 3: a delivery is complete only with vedlegg.json and every listed file (sha512) -------

def test_a_delivery_without_vedlegg_json_is_quarantined_and_the_complete_copy_replaces_it(
        offices, tmp_path) -> None:
    half = write_delivery(tmp_path / "half", digisos_id=did("h"), ekstern_ref="ref-h",
                          soknad=soknad_json(), files={"kontrakt.pdf": PDF})
    (half / "vedlegg.json").unlink()
    (half / "kontrakt.pdf").write_bytes(PDF[:5])  # cut off inside the attachment

    first = _import(half)
    full = _import(write_delivery(tmp_path / "full", digisos_id=did("h"), ekstern_ref="ref-h",
                                  soknad=soknad_json(), files={"kontrakt.pdf": PDF}))

    assert first.outcome == "KARANTENE" and "vedlegg.json mangler" in first.errors[0]
    assert full.outcome == "IMPORTERT"
    assert Levering.objects.get().status == "IMPORTERT"
    stored = Vedlegg.objects.get(filnavn="kontrakt.pdf")
    assert stored.fil.read() == PDF


def test_a_quarantined_copy_that_appears_after_the_lookup_is_still_taken_over(
        offices, settings, tmp_path, monkeypatch) -> None:
    # Issue 13: a new delivery skips the locked re-read of its rows when the look-up found
    # none. A quarantined copy committed in between makes the INSERT collide; the import then
    # stores again over that row, as the locked read would have (nothing is lost or doubled).
    from sosialsak.contexts.digisos import importer

    half = write_delivery(tmp_path / "half", digisos_id=did("r"), ekstern_ref="ref-r",
                          soknad=soknad_json(), files={"kontrakt.pdf": PDF})
    (half / "vedlegg.json").unlink()
    assert _import(half).outcome == "KARANTENE"
    real, looked_up = importer._rows_of, []

    def blind_first(ekstern_ref):  # type: ignore[no-untyped-def]
        looked_up.append(ekstern_ref)  # the first look-up runs before the copy "arrives"
        return [] if len(looked_up) == 1 else real(ekstern_ref)

    monkeypatch.setattr(importer, "_rows_of", blind_first)

    full = _import(write_delivery(tmp_path / "full", digisos_id=did("r"), ekstern_ref="ref-r",
                                  soknad=soknad_json(), files={"kontrakt.pdf": PDF}))

    assert full.outcome == "IMPORTERT" and looked_up == ["ref-r", "ref-r"]
    assert Levering.objects.get().status == "IMPORTERT"
    assert Soknad.objects.count() == 1
    assert Vedlegg.objects.get(filnavn="kontrakt.pdf").fil.read() == PDF
    assert list((Path(settings.MEDIA_ROOT) / ".incoming").iterdir()) == []


def test_a_truncated_listed_file_is_quarantined_naming_the_file(offices, tmp_path) -> None:
    folder = write_delivery(tmp_path / "t", digisos_id=did("t"), ekstern_ref="ref-t",
                            soknad=soknad_json(), files={"kontrakt.pdf": PDF})
    (folder / "kontrakt.pdf").write_bytes(PDF[:5])

    result = _import(folder)

    assert result.outcome == "KARANTENE" and "kontrakt.pdf" in result.errors[0]
    assert Soknad.objects.count() == 0


def test_an_inbox_folder_without_the_marker_waits_until_it_has_been_still(
        offices, settings, tmp_path) -> None:
    inbox = Path(settings.DIGISOS_INBOX)
    write_delivery(inbox / "a", digisos_id=did("w"), ekstern_ref="ref-w",
                   soknad=soknad_json(), done=False)
    settings.DIGISOS_INBOX_STILL_SECONDS = 3600

    waiting = import_inbox(now=NOW)
    settings.DIGISOS_INBOX_STILL_SECONDS = 0
    done = import_inbox(now=NOW)

    assert [r.outcome for r in waiting] == ["VENTER"] and [r.outcome for r in done] == [
        "IMPORTERT"]


# --- 4: one poison delivery never stops intake ----------------------------------------------

def test_deeply_nested_json_is_quarantined_and_the_run_goes_on(offices, settings) -> None:
    inbox = Path(settings.DIGISOS_INBOX)
    poison = write_delivery(inbox / "a", digisos_id=did("p"), ekstern_ref="ref-p", soknad={})
    (poison / "soknad.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    write_delivery(inbox / "b", digisos_id=did("ok"), ekstern_ref="ref-ok", soknad=soknad_json())

    results = import_inbox(now=NOW)

    assert [r.outcome for r in results] == ["KARANTENE", "IMPORTERT"]
    assert "nøstet dypere" in results[0].errors[0]


def test_the_daily_job_runs_every_step_when_one_fails(offices, settings, monkeypatch) -> None:
    from sosialsak.contexts.digisos import importer

    def broken(**_: object) -> None:
        raise RecursionError("boom")

    monkeypatch.setattr(importer, "import_inbox", broken)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("jobs", "daily", stdout=out, stderr=err)

    assert exc.value.returncode == 1 and "inbox: feilet" in err.getvalue()
    assert "påminnelser:" in out.getvalue() and "innsyn:" in out.getvalue()
    assert "opprydding:" in out.getvalue()


# --- 5: identifiers are checked before any path is built (path traversal) -------------------

@pytest.mark.parametrize("bad", ["../../..", "/etc", "a/b", "..", "x" * 300])
def test_a_digisos_id_that_is_not_a_uuid_is_quarantined_and_never_a_folder(
        offices, settings, tmp_path, bad) -> None:
    result = _import(write_delivery(tmp_path / "x", digisos_id=bad, ekstern_ref="ref-x",
                                    soknad=soknad_json()))

    assert result.outcome == "KARANTENE" and "$.digisosId har feil format" in result.errors[0]
    assert Soknad.objects.count() == 0
    row = Levering.objects.get()
    assert row.digisos_id == "" and Path(row.karantene_mappe).parent == Path(
        settings.DIGISOS_QUARANTINE)


def test_the_outbox_refuses_a_key_that_would_leave_it(tmp_path) -> None:
    from sosialsak.contexts.digisos.outbox import FolderOutbox
    from sosialsak.kernel.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        FolderOutbox(tmp_path / "out").send("../../escape", document=b"{}", letters={})
    assert not (tmp_path / "escape").exists()


# --- 12: printing an innsyn file is audited ---------------------------------------------------

def test_export_of_one_soknad_is_audited_on_the_cli_channel(offices, tmp_path) -> None:
    soknad_id = _import(write_delivery(tmp_path / "e", digisos_id=did("e"), ekstern_ref="ref-e",
                                       soknad=soknad_json())).soknad_id
    before = AuditEntry.objects.filter(channel="cli").count()

    call_command("digisos", "export", "--soknad", str(soknad_id), stdout=io.StringIO())

    entry = AuditEntry.objects.filter(channel="cli").order_by("-id").first()
    assert AuditEntry.objects.filter(channel="cli").count() == before + 1
    assert entry is not None and entry.object_id == str(soknad_id) and entry.action == "EXPORT"


# --- 13: oversized values name their field; files move in only after the commit -------------

@pytest.mark.parametrize(("changes", "field"), [
    ({"data__personalia__navn__fornavn": "A" * 1_000_000}, "navn.fornavn"),
    ({"data__okonomi__oversikt__utgift": [{"kilde": "bruker", "type": "husleie",
      "tittel": "Husleie", "belop": 1e30, "overstyrtAvBruker": False}]}, "utgift[0].belop"),
    ({"data__personalia__fodselsdato": "1850-01-01"}, "fodselsdato"),
])
def test_an_oversized_value_is_quarantined_naming_the_field(offices, tmp_path, changes,
                                                            field) -> None:
    doc = with_changes(soknad_json(), **changes)

    result = _import(write_delivery(tmp_path / "o", digisos_id=did("o"), ekstern_ref="ref-o",
                                    soknad=doc))

    assert result.outcome == "KARANTENE"
    assert any(field in e for e in result.errors), result.errors
    assert not any("intern feil" in e for e in result.errors)


def test_the_sweep_moves_a_committed_file_in_and_deletes_orphans(offices, settings,
                                                                 tmp_path) -> None:
    from sosialsak.contexts.digisos.importer import sweep_files

    _import(write_delivery(tmp_path / "s", digisos_id=did("s"), ekstern_ref="ref-s",
                           soknad=soknad_json(), files={"kontrakt.pdf": PDF}))
    row = Vedlegg.objects.get(filnavn="kontrakt.pdf")
    media = Path(settings.MEDIA_ROOT)
    final = media / row.fil.name
    incoming = media / ".incoming"
    os.replace(final, incoming / f"vedlegg-{row.pk}.part")  # as if killed before the move
    (incoming / "vedlegg-999999.part").write_bytes(b"rolled back")
    orphan = final.parent / "orphan.pdf"
    orphan.write_bytes(b"personal data, no row")

    result = sweep_files(older_than_seconds=0)

    assert (result.recovered, result.removed) == (1, 2)
    assert final.read_bytes() == PDF and not orphan.exists()
    assert list(incoming.iterdir()) == []


def test_the_sweep_looks_up_the_temporary_files_rows_in_one_query(
        offices, settings, tmp_path, django_assert_num_queries) -> None:
    from sosialsak.contexts.digisos.importer import sweep_files

    _import(write_delivery(tmp_path / "s", digisos_id=did("q"), ekstern_ref="ref-q",
                           soknad=soknad_json(), files={"kontrakt.pdf": PDF}))
    incoming = Path(settings.MEDIA_ROOT) / ".incoming"
    for pk in (999_991, 999_992, 999_993, "x", "²"):  # rolled back, or not ours at all
        (incoming / f"vedlegg-{pk}.part").write_bytes(b"rolled back")

    # One look-up of the temporary files' rows, one of the stored files' names.
    with django_assert_num_queries(2):
        result = sweep_files(older_than_seconds=0)

    assert result.removed == 5 and list(incoming.iterdir()) == []
