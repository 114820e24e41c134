"""Each KVP step the person must know of is in the innsyn file of the KVP case, and the file
validates (against ../shared/digisos when it is there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.kvp.test_kvp_flow import _plan

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "digisos" / "json"


def test_the_kvp_steps_are_in_a_valid_innsyn_file(
    scope: Any, veileder: Any, granted: Any, tiltak: dict[str, Any]
) -> None:
    from sosialsak.contexts.digisos.innsyn import build_innsyn
    from sosialsak.contexts.digisos.outbox import letters_for
    from sosialsak.contexts.kvp import operations as kvp
    from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document

    d = granted
    _plan(scope, veileder, d, tiltak)
    kvp.start(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW)
    kvp.record_absence(scope=scope, actor=veileder, deltakelse_id=d.pk, dato=date(2024, 4, 10),
                       type="UGYLDIG", now=NOW)
    red = kvp.decide_reduction(scope=scope, actor=veileder, deltakelse_id=d.pk,
                               maned=date(2024, 4, 1), begrunnelse="Møtte ikke.", now=NOW)
    kvp.interrupt(scope=scope, actor=veileder, deltakelse_id=d.pk, fra=date(2024, 6, 3),
                  grunn="Innlagt på sykehus.", now=NOW)
    kvp.resume(scope=scope, actor=veileder, deltakelse_id=d.pk, dato=date(2024, 7, 1), now=NOW)
    kvp.end(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW, data=kvp.AvslutningInput(
        dato=date(2024, 9, 30), kostra_status="3", begrunnelse="Jobb.",
        situasjon_etter=("01",), viktigste_inntekt="01"))

    doc = build_innsyn(d.soknad)
    kinds = [(x["type"], x.get("utfall") or x.get("status")) for x in doc["hendelser"]]
    assert ("vedtakFattet", "INNVILGET") in kinds
    assert ("vedtakFattet", "DELVIS_INNVILGET") in kinds  # the reduction, with its letter
    # the interruption and the end of the programme, each a decision with its letter
    assert kinds.count(("vedtakFattet", "AVSLATT")) == 2
    plan = [x for x in doc["hendelser"] if x["type"] == "vilkar"]
    assert plan[0]["status"] == "RELEVANT" and "timer i uken" in plan[0]["beskrivelse"]
    assert plan[-1]["status"] == "ANNULLERT"
    assert str(red.brev.dokumentlager_id) in letters_for(d.soknad)
    assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid
    if not SHARED.exists():
        pytest.skip("../shared/digisos/json is absent: official-schema check not run")
    assert load_official_schemas(SHARED).issues(DocumentKind.DIGISOS_SOKER.schema_file,
                                                doc) == ()
