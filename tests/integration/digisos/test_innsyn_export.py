"""The innsyn export: the whole public history, validated, with the letters it references."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from sosialsak.contexts.cases.operations import request_dokumentasjon, send_forelopig_svar
from sosialsak.contexts.decisions.operations import VedtakInput, change_status, record_vedtak
from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.importer import import_delivery
from sosialsak.contexts.digisos.innsyn import build_innsyn, letter_file_id
from sosialsak.contexts.digisos.outbox import HistoryWouldShrink, export_innsyn
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.payments.operations import plan_utbetaling, set_utbetaling_status
from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document
from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW
from tests.integration.decisions.fixtures import map_children

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "digisos" / "json"


def _official_issues(document: dict) -> list[str]:  # type: ignore[type-arg]
    if not SHARED.exists():
        return []
    schemas = load_official_schemas(SHARED)
    return [str(i) for i in schemas.issues(DocumentKind.DIGISOS_SOKER.schema_file, document)]


@pytest.fixture
def case(offices, users, tmp_path, scope_of):  # type: ignore[no-untyped-def]
    folder = write_delivery(tmp_path / "d", digisos_id=did("dig-9"), ekstern_ref="r-9",
                            soknad=soknad_json(hva="Penger til husleie."))
    soknad = Soknad.objects.get(pk=import_delivery(delivery=read_folder(folder),
                                                   now=NOW).soknad_id)
    actor = users["veileder_a"]
    scope = scope_of(actor)
    t = NOW + timedelta(hours=1)
    change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="UNDER_BEHANDLING", now=t)
    krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=soknad.pk,
                                 titler=["Husleiekontrakt"], now=t)
    forelopig = send_forelopig_svar(scope=scope, actor=actor, soknad_id=soknad.pk,
                                    grunn="Vi venter på dokumentasjon.",
                                    forventet_dato=date(2024, 4, 10), now=t + timedelta(days=1))
    return {"soknad": soknad, "scope": scope, "actor": actor, "krav": krav,
            "forelopig": forelopig}


def test_the_export_follows_the_application_hendelse_by_hendelse(case) -> None:  # type: ignore[no-untyped-def]
    soknad, scope, actor = case["soknad"], case["scope"], case["actor"]
    t = NOW + timedelta(days=3)
    husleie = soknad.poster.get(type="HUSLEIE")
    map_children(scope, actor, soknad, t)
    vedtak = record_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=t, data=VedtakInput(
        post_ids=[husleie.pk], hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
        periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1), belop=9500,
        begrunnelse="Du har ikke penger til husleien i mars.", sak_tittel="Husleie mars"))
    u = plan_utbetaling(scope=scope, actor=actor, vedtak_id=vedtak.pk, belop=9500,
                        forfallsdato=date(2024, 3, 8), kontonummer="12345678903",
                        mottaker_navn="Amina Digital", now=t)
    set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=u.pk, status="UTBETALT",
                          now=t + timedelta(days=5))

    doc = build_innsyn(soknad)

    kinds = [(h["type"], h.get("status")) for h in doc["hendelser"]]
    assert kinds[:3] == [("soknadsStatus", "MOTTATT"), ("tildeltNavKontor", None),
                         ("soknadsStatus", "UNDER_BEHANDLING")]
    etterspurt = next(h for h in doc["hendelser"] if h["type"] == "dokumentasjonEtterspurt")
    assert etterspurt["dokumenter"][0]["dokumenttype"] == "Husleiekontrakt"
    assert etterspurt["dokumenter"][0]["dokumentreferanse"] == f"krav-{case['krav'][0].pk}"
    assert etterspurt["forvaltningsbrev"]["referanse"]["id"] == letter_file_id(
        "cases.brev", case["krav"][0].brev.pk)
    forelopig = next(h for h in doc["hendelser"] if h["type"] == "forelopigSvar")
    assert forelopig["forvaltningsbrev"]["referanse"]["id"] == letter_file_id(
        "cases.brev", case["forelopig"].pk)
    sak = next(h for h in doc["hendelser"] if h["type"] == "saksStatus")
    fattet = next(h for h in doc["hendelser"] if h["type"] == "vedtakFattet")
    assert (sak["tittel"], fattet["saksreferanse"], fattet["utfall"]) == (
        "Husleie mars", sak["referanse"], "INNVILGET")
    payments = [h for h in doc["hendelser"] if h["type"] == "utbetaling"]
    assert [p["status"] for p in payments] == ["PLANLAGT_UTBETALING", "UTBETALT"]
    assert payments[-1]["annenMottaker"] is False
    assert payments[-1]["kontonummer"] == "12345678903"
    assert all(h["hendelsestidspunkt"].endswith("Z") and len(h["hendelsestidspunkt"]) == 24
               for h in doc["hendelser"])
    assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid
    assert _official_issues(doc) == []


def test_a_delivered_document_empties_the_request_list(case) -> None:  # type: ignore[no-untyped-def]
    from sosialsak.contexts.cases.operations import mark_dokumentasjon_received

    mark_dokumentasjon_received(scope=case["scope"], actor=case["actor"],
                                krav_id=case["krav"][0].pk, now=NOW + timedelta(days=2))

    lists = [h["dokumenter"] for h in build_innsyn(case["soknad"])["hendelser"]
             if h["type"] == "dokumentasjonEtterspurt"]
    assert [len(x) for x in lists] == [1, 0]


def test_export_writes_the_file_and_its_letters_and_is_audited(case, settings) -> None:  # type: ignore[no-untyped-def]
    from sosialsak.contexts.audit.models import AuditEntry

    exported = export_innsyn(soknad=case["soknad"], now=NOW)

    files = sorted(p.name for p in exported.folder.iterdir())
    assert exported.folder.name == did("dig-9")
    assert "digisos-soker.json" in files
    assert f"{letter_file_id('cases.brev', case['forelopig'].pk)}.pdf" in files
    written = json.loads((exported.folder / "digisos-soker.json").read_text())
    assert len(written["hendelser"]) == exported.hendelser
    assert AuditEntry.objects.filter(action="EXPORT", object_id=str(case["soknad"].pk)).exists()


def test_an_export_that_would_drop_published_history_is_refused(case) -> None:  # type: ignore[no-untyped-def]
    exported = export_innsyn(soknad=case["soknad"], now=NOW)
    target = exported.folder / "digisos-soker.json"
    published = json.loads(target.read_text())
    published["hendelser"].append({"type": "forelopigSvar",
                                   "hendelsestidspunkt": "2024-03-20T10:00:00.000Z",
                                   "forvaltningsbrev": {"referanse": {
                                       "type": "dokumentlager",
                                       "id": "00000000-0000-4000-8000-000000000000"}}})
    target.write_text(json.dumps(published))

    with pytest.raises(HistoryWouldShrink):
        export_innsyn(soknad=case["soknad"], now=NOW)


# --- export of every application: one failure does not stop the others ------------------------


def _second_case(tmp_path):  # type: ignore[no-untyped-def]
    folder = write_delivery(tmp_path / "d2", digisos_id=did("dig-10"), ekstern_ref="r-10",
                            soknad=soknad_json(hva="Strøm."))
    return Soknad.objects.get(pk=import_delivery(delivery=read_folder(folder),
                                                 now=NOW).soknad_id)


def _shrink_published(outbox: Path, soknad: Soknad) -> None:
    from sosialsak.contexts.digisos.outbox import folder_name

    target = outbox / folder_name(soknad) / "digisos-soker.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    published = build_innsyn(soknad)
    published["hendelser"].append({"type": "forelopigSvar",
                                   "hendelsestidspunkt": "2024-03-20T10:00:00.000Z",
                                   "forvaltningsbrev": {"referanse": {
                                       "type": "dokumentlager",
                                       "id": "00000000-0000-4000-8000-000000000000"}}})
    target.write_text(json.dumps(published))


def test_export_all_writes_every_file_it_can_and_reports_each_failure(
    case, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    from sosialsak.contexts.digisos.outbox import export_all

    other = _second_case(tmp_path)
    outbox = Path(settings.DIGISOS_OUTBOX)
    _shrink_published(outbox, case["soknad"])  # the first application fails

    run = export_all(now=NOW)

    assert [e.soknad_id for e in run.exported] == [other.pk]
    assert (outbox / did("dig-10") / "digisos-soker.json").exists()
    (failure,) = run.failed
    assert failure.soknad_id == case["soknad"].pk
    assert "ville mistet 1 publiserte hendelser" in failure.reason


def test_cli_export_all_reports_failures_and_exits_non_zero(
    case, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    other = _second_case(tmp_path)
    target = tmp_path / "all"
    _shrink_published(target, case["soknad"])
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("digisos", "export", "--all", str(target), stdout=out, stderr=err)

    assert exc.value.returncode == 1
    assert "1 av 2 søknader kunne ikke eksporteres" in str(exc.value)
    assert f"Skrev 1 innsynsfiler til {target}" in out.getvalue()
    assert err.getvalue().startswith(f"søknad {case['soknad'].pk}: Innsynsfilen for søknad")
    assert (target / other.digisos_id / "digisos-soker.json").exists()


def test_cli_export_all_to_a_file_is_one_clear_error(case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    err = io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("digisos", "export", "--all", str(a_file), stdout=io.StringIO(),
                     stderr=err)

    assert exc.value.returncode == 2
    assert str(exc.value) == f"--all: {a_file}: er en fil, ikke en mappe."
    assert err.getvalue() == ""  # not one error per application


def test_the_file_is_written_under_a_temporary_name_of_its_own(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sosialsak.contexts.digisos.outbox import FolderOutbox

    box = FolderOutbox(tmp_path)
    box.send(did("dig-1"), document=b'{"a": 1}', letters={})
    # Another export's temporary file at the obvious name must be left alone: ours is unique.
    other = tmp_path / did("dig-1") / "digisos-soker.json.tmp"
    other.write_bytes(b'{"half')
    box.send(did("dig-1"), document=b'{"a": 2}', letters={})

    assert other.read_bytes() == b'{"half'
    assert sorted(p.name for p in (tmp_path / did("dig-1")).iterdir()) == [
        "digisos-soker.json", "digisos-soker.json.tmp"]
    assert box.published(did("dig-1")) == {"a": 2}


def test_the_daily_job_exports_the_rest_and_fails_at_the_end(
    case, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DIGISOS_INBOX = tmp_path / "inbox"
    _second_case(tmp_path)
    _shrink_published(Path(settings.DIGISOS_OUTBOX), case["soknad"])
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("jobs", "innsyn", stdout=out, stderr=err)

    assert exc.value.returncode == 1
    assert "innsyn: 1 filer skrevet, 1 feilet" in out.getvalue()
    assert f"søknad {case['soknad'].pk}: " in err.getvalue()
    assert (Path(settings.DIGISOS_OUTBOX) / did("dig-10") / "digisos-soker.json").exists()


def test_the_outbox_is_an_adapter_a_fiks_client_can_replace(case) -> None:  # type: ignore[no-untyped-def]
    from typing import Any

    from sosialsak.contexts.digisos.outbox import InnsynOutbox, export_innsyn

    class Memory:
        def __init__(self) -> None:
            self.sent: dict[str, tuple[bytes, dict[str, bytes]]] = {}

        def published(self, key: str) -> Any:
            return json.loads(self.sent[key][0]) if key in self.sent else None

        def send(self, key: str, *, document: bytes, letters: dict[str, bytes]) -> str:
            self.sent[key] = (document, dict(letters))
            return f"memory:{key}"

    memory = Memory()
    outbox: InnsynOutbox = memory

    exported = export_innsyn(soknad=case["soknad"], now=NOW, outbox=outbox)

    document, letters = memory.sent[did("dig-9")]
    assert exported.location == f"memory:{did('dig-9')}"
    assert len(json.loads(document)["hendelser"]) == exported.hendelser
    assert f"{letter_file_id('cases.brev', case['forelopig'].pk)}" in letters
