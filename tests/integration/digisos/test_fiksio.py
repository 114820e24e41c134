"""Fiks IO-shaped adapters for intake and innsyn (issue 18 item 8), against the in-memory
fake transport: envelopes, receipts (kvitteringer), acks and retries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.fiksio import (
    TYPE_AVVIST,
    TYPE_INNSYN,
    TYPE_MOTTATT,
    TYPE_SOKNAD,
    FakeFiksIo,
    FiksIoInbox,
    FiksIoOutbox,
    Melding,
)
from sosialsak.contexts.digisos.outbox import FolderOutbox, OutboxUnavailable, export_innsyn
from sosialsak.contexts.intake.models import Soknad
from tests.digisos_samples import PDF, did, soknad_json, write_delivery
from tests.helpers import NOW

pytestmark = pytest.mark.django_db

NAV = "nav-digisos-konto"
KOMMUNE = "kommune-konto"


def _message(tmp_path: Path, name: str = "d1", **kw: Any) -> Melding:
    kw.setdefault("digisos_id", did("fiks-1"))
    kw.setdefault("ekstern_ref", "fiks-ref-1")
    kw.setdefault("soknad", soknad_json())
    folder = write_delivery(tmp_path / name, **kw)
    return Melding(melding_type=TYPE_SOKNAD, avsender_konto=NAV, mottaker_konto=KOMMUNE,
                   filer=read_folder(folder).files)


def _inbox(fiks: FakeFiksIo) -> FiksIoInbox:
    return FiksIoInbox(fiks, konto=KOMMUNE, sleep=lambda s: None)


def test_a_message_is_imported_receipted_and_acked(offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    message = _message(tmp_path, files={"kontrakt.pdf": PDF})
    fiks.send(message)

    results = _inbox(fiks).import_all(now=NOW)

    assert [r.outcome for r in results] == ["IMPORTERT"]
    assert Soknad.objects.get(pk=results[0].soknad_id).digisos_id == did("fiks-1")
    receipt = fiks.queues[NAV][0]
    assert (receipt.melding_type, receipt.svar_pa_melding) == (TYPE_MOTTATT, message.melding_id)
    assert receipt.headere["utfall"] == "IMPORTERT"
    assert fiks.queues[KOMMUNE] == [] and fiks.in_flight[KOMMUNE] == {}


def test_the_same_delivery_again_is_a_duplicate(offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    first = _message(tmp_path)
    fiks.send(first)
    _inbox(fiks).import_all(now=NOW)
    fiks.send(Melding(melding_type=TYPE_SOKNAD, avsender_konto=NAV, mottaker_konto=KOMMUNE,
                      filer=first.filer))  # resent by the sender under a new meldingId

    assert [r.outcome for r in _inbox(fiks).import_all(now=NOW)] == ["DUPLIKAT"]
    assert Soknad.objects.count() == 1


def test_an_invalid_delivery_gets_an_avvist_receipt_and_is_quarantined(
        offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    message = _message(tmp_path)
    bad = dict(message.filer)
    bad["soknad.json"] = json.dumps({"versjon": "x"}).encode()
    fiks.send(Melding(melding_type=TYPE_SOKNAD, avsender_konto=NAV, mottaker_konto=KOMMUNE,
                      filer=bad))

    results = _inbox(fiks).import_all(now=NOW)

    assert results[0].outcome == "KARANTENE"
    assert fiks.queues[NAV][0].melding_type == TYPE_AVVIST
    assert fiks.queues[NAV][0].headere["feil"]


def test_a_message_with_a_path_in_a_file_name_is_refused(offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    message = _message(tmp_path)
    fiks.send(Melding(melding_type=TYPE_SOKNAD, avsender_konto=NAV, mottaker_konto=KOMMUNE,
                      filer={**message.filer, "../evil.pdf": PDF}))

    assert _inbox(fiks).import_all(now=NOW) == []
    assert fiks.queues[NAV][0].melding_type == TYPE_AVVIST
    assert Soknad.objects.count() == 0


def test_a_receipt_that_cannot_be_sent_returns_the_message_to_the_queue(
        offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    fiks.send(_message(tmp_path))
    fiks.fail_next_sends = 3  # every attempt at the receipt fails

    assert [r.outcome for r in _inbox(fiks).import_all(now=NOW)] == ["IMPORTERT"]
    assert len(fiks.queues[KOMMUNE]) == 1  # redelivered later
    assert [r.outcome for r in _inbox(fiks).import_all(now=NOW)] == ["DUPLIKAT"]
    assert fiks.queues[NAV][0].melding_type == TYPE_MOTTATT
    assert Soknad.objects.count() == 1


def test_the_innsyn_file_goes_as_one_message_retried_under_one_id(
        offices: Any, tmp_path: Path) -> None:
    fiks = FakeFiksIo()
    _inbox_fiks = FakeFiksIo()
    _inbox_fiks.send(_message(tmp_path))
    soknad = Soknad.objects.get(pk=_inbox(_inbox_fiks).import_all(now=NOW)[0].soknad_id)
    outbox = FiksIoOutbox(fiks, konto=KOMMUNE, mottaker=NAV, copy=FolderOutbox(tmp_path / "copy"),
                          sleep=lambda s: None)
    fiks.fail_next_sends = 2

    exported = export_innsyn(soknad=soknad, now=NOW, outbox=outbox)

    [sent] = fiks.sent
    assert sent.melding_type == TYPE_INNSYN and sent.headere["digisosId"] == did("fiks-1")
    assert json.loads(sent.filer["digisos-soker.json"])["hendelser"]
    assert exported.location == f"fiksio:{sent.melding_id}"
    assert outbox.published(did("fiks-1")) is not None  # the copy remembers it


def test_an_innsyn_message_that_never_goes_through_fails_the_export(
        offices: Any, tmp_path: Path) -> None:
    from sosialsak.contexts.digisos.models import InnsynFil

    inbox_fiks = FakeFiksIo()
    inbox_fiks.send(_message(tmp_path))
    soknad = Soknad.objects.get(pk=_inbox(inbox_fiks).import_all(now=NOW)[0].soknad_id)
    fiks = FakeFiksIo()
    fiks.fail_next_sends = 5
    outbox = FiksIoOutbox(fiks, konto=KOMMUNE, mottaker=NAV, copy=FolderOutbox(tmp_path / "copy"),
                          sleep=lambda s: None)

    with pytest.raises(OutboxUnavailable):
        export_innsyn(soknad=soknad, now=NOW, outbox=outbox)
    assert fiks.sent == [] and not InnsynFil.objects.filter(soknad=soknad).exists()
    assert outbox.published(did("fiks-1")) is None
