"""``sosialsak digisos import|export|replay`` and the demo data's innsyn files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sosialsak.contexts.intake.models import Soknad
from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document
from tests.digisos_samples import soknad_json, write_delivery

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "digisos" / "json"


@pytest.fixture(autouse=True)
def _dirs(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGISOS_QUARANTINE = tmp_path / "q"
    settings.DIGISOS_OUTBOX = tmp_path / "out"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("digisos", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_names_each_rejected_file_and_its_reason(offices, tmp_path) -> None:
    good = write_delivery(tmp_path / "good", digisos_id="g", ekstern_ref="g",
                          soknad=soknad_json())
    bad = write_delivery(tmp_path / "bad", digisos_id="b", ekstern_ref="b",
                         soknad={"version": "1.0.0"})

    with pytest.raises(CommandError) as err:
        call_command("digisos", "import", str(good), str(bad), stdout=io.StringIO(),
                     stderr=(stderr := io.StringIO()))

    assert err.value.returncode == 1
    assert "bad: soknad.json: $.data" in stderr.getvalue()
    assert Soknad.objects.count() == 1


def test_export_prints_one_file(offices, tmp_path) -> None:
    folder = write_delivery(tmp_path / "d", digisos_id="x", ekstern_ref="x",
                            soknad=soknad_json())
    run("import", str(folder))

    out, _ = run("export", "--soknad", str(Soknad.objects.get().pk))

    doc = json.loads(out)
    assert doc["avsender"]["systemnavn"] == "sosialsak"
    assert doc["hendelser"][0] == {"type": "soknadsStatus", "status": "MOTTATT",
                                   "hendelsestidspunkt": doc["hendelser"][0]["hendelsestidspunkt"]}


def test_every_innsyn_file_from_the_demo_data_validates(db, tmp_path) -> None:
    call_command("demo", stdout=io.StringIO())

    run("export", "--all", str(tmp_path / "all"))

    files = sorted((tmp_path / "all").glob("*/digisos-soker.json"))
    assert len(files) == Soknad.objects.count() == 60
    schemas = load_official_schemas(SHARED) if SHARED.exists() else None
    for path in files:
        doc = json.loads(path.read_text())
        assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid, path
        if schemas is not None:
            assert schemas.issues(DocumentKind.DIGISOS_SOKER.schema_file, doc) == (), path
        for h in doc["hendelser"]:  # every letter the file points at is written beside it
            ref = (h.get("vedtaksfil") or h.get("forvaltningsbrev") or {}).get("referanse")
            if ref:
                assert (path.parent / f"{ref['id']}.pdf").exists(), (path, h["type"])
