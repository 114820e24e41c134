"""``sosialsak digisos import|export|replay`` and the demo data's innsyn files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sosialsak.contexts.intake.models import Soknad
from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document
from tests.digisos_samples import did, soknad_json, write_delivery

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "digisos" / "json"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("digisos", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_names_each_rejected_file_and_its_reason(offices, tmp_path) -> None:
    good = write_delivery(tmp_path / "good", digisos_id=did("g"), ekstern_ref="g",
                          soknad=soknad_json())
    bad = write_delivery(tmp_path / "bad", digisos_id=did("b"), ekstern_ref="b",
                         soknad={"version": "1.0.0"})

    with pytest.raises(CommandError) as err:
        call_command("digisos", "import", str(good), str(bad), stdout=io.StringIO(),
                     stderr=(stderr := io.StringIO()))

    assert err.value.returncode == 1
    assert f"{bad}: soknad.json: $.data" in stderr.getvalue()
    assert Soknad.objects.count() == 1


def test_import_labels_results_by_path_and_prints_the_levering_id(offices, tmp_path) -> None:
    from sosialsak.contexts.digisos.models import Levering

    lone = tmp_path / "a" / "soknad.json"
    lone.parent.mkdir()
    lone.write_text(json.dumps(soknad_json()))
    bad = write_delivery(tmp_path / "bad", digisos_id=did("b"), ekstern_ref="b",
                         soknad={"version": "1.0.0"})
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("digisos", "import", str(lone), str(bad), stdout=out, stderr=err)

    imported = Levering.objects.get(status="IMPORTERT")
    rejected = Levering.objects.get(status="KARANTENE")
    assert out.getvalue().splitlines() == [
        f"{lone}: IMPORTERT søknad {imported.soknad_id}, levering {imported.pk}",
        f"{bad}: KARANTENE levering {rejected.pk} (rett filene og kjør "
        f"«sosialsak digisos replay {rejected.pk}»)",
    ]


def test_an_unreadable_path_is_reported_before_anything_is_imported(offices, tmp_path) -> None:
    good = write_delivery(tmp_path / "good", digisos_id=did("g"), ekstern_ref="g",
                          soknad=soknad_json())
    missing = tmp_path / "borte"
    err = io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("digisos", "import", str(good), str(missing), stdout=io.StringIO(),
                     stderr=err)

    assert exc.value.returncode == 2
    assert f"{missing}: finnes ikke" in err.getvalue()
    assert Soknad.objects.count() == 0


def test_a_path_that_fails_while_reading_is_reported_and_the_rest_imported(
    offices, tmp_path, monkeypatch
) -> None:
    from sosialsak.contexts.digisos import delivery as delivery_module

    first = write_delivery(tmp_path / "first", digisos_id=did("f"), ekstern_ref="f",
                           soknad=soknad_json())
    locked = write_delivery(tmp_path / "locked", digisos_id=did("l"), ekstern_ref="l",
                            soknad=soknad_json(hva="Strøm."))
    last = write_delivery(tmp_path / "last", digisos_id=did("z"), ekstern_ref="z",
                          soknad=soknad_json(hva="Tannlege."))
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.parent == locked:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(delivery_module.Path, "read_bytes", read_bytes)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("digisos", "import", str(first), str(locked), str(last), stdout=out,
                     stderr=err)

    assert exc.value.returncode == 2
    assert f"{locked}: kan ikke leses (Permission denied)" in err.getvalue()
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == [str(first), str(locked), str(last)]
    assert lines[1] == f"{locked}: IKKE LEST"
    ids = sorted(Soknad.objects.values_list("digisos_id", flat=True))
    assert ids == sorted([did("f"), did("z")])


def test_quarantine_lists_ids_times_and_the_first_error_only(offices, tmp_path) -> None:
    from sosialsak.contexts.digisos.models import Levering

    assert run("quarantine")[0] == "Ingen leveranser i karantene.\n"
    bad = soknad_json()
    bad["data"]["personalia"]["navn"] = "Amina Digital"
    folder = write_delivery(tmp_path / "bad", digisos_id=did("dig-q"), ekstern_ref="ref-q",
                            soknad=bad)
    with pytest.raises(CommandError):
        run("import", str(folder))
    row = Levering.objects.get()

    out, _ = run("quarantine")

    (line,) = out.splitlines()
    when = timezone.localtime(row.mottatt_at)
    assert line.startswith(f"{row.pk}\t{when:%Y-%m-%d %H:%M}\tdigisosId={did('dig-q')}\t"
                           "eksternRef=ref-q\t")
    assert f"\t{row.karantene_mappe}\t" in line
    assert line.endswith("soknad.json: $.data.personalia.navn: must be an object (got string)")
    assert "Amina" not in line and "Digital" not in line


def test_export_prints_one_file(offices, tmp_path) -> None:
    folder = write_delivery(tmp_path / "d", digisos_id=did("x"), ekstern_ref="x",
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
    # 60 generated, the showcase case, and issue 14's five cases and three KVP applications
    assert len(files) == Soknad.objects.count() == 61 + 5 + 3 + 240 + 9  # + KOSTRA year
    schemas = load_official_schemas(SHARED) if SHARED.exists() else None
    kinds: set[str] = set()
    for path in files:
        doc = json.loads(path.read_text())
        kinds |= {h["type"] for h in doc["hendelser"]}
        assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid, path
        if schemas is not None:
            assert schemas.issues(DocumentKind.DIGISOS_SOKER.schema_file, doc) == (), path
        for h in doc["hendelser"]:  # every letter the file points at is written beside it
            ref = (h.get("vedtaksfil") or h.get("forvaltningsbrev") or {}).get("referanse")
            if ref:
                assert (path.parent / f"{ref['id']}.pdf").exists(), (path, h["type"])
    assert kinds == {"soknadsStatus", "tildeltNavKontor", "saksStatus", "vedtakFattet",
                     "dokumentasjonEtterspurt", "forelopigSvar", "vilkar", "dokumentasjonkrav",
                     "utbetaling", "rammevedtak"}  # every hendelse type nav.no reads
