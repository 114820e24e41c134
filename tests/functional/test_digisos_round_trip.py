"""Round trip: a Digisos application in, documentation, a decision with a condition and a
payment, and the innsyn file out — checked hendelse by hendelse and against the schema."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from sosialsak.contexts.cases.operations import mark_dokumentasjon_received, request_dokumentasjon
from sosialsak.contexts.decisions.models import VedtakDokument
from sosialsak.contexts.decisions.operations import (
    BarnBegrunnelse,
    UtbetalingValg,
    VedtakUtkast,
    VilkarUtkast,
    make_vedtak,
    record_kvp_vurdering,
)
from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.importer import import_delivery
from sosialsak.contexts.digisos.outbox import export_innsyn
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Barn
from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document
from tests.digisos_samples import soknad_json, write_delivery
from tests.helpers import NOW

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos" / "json"


@pytest.fixture(autouse=True)
def _dirs(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGISOS_OUTBOX = tmp_path / "outbox"
    settings.DIGISOS_QUARANTINE = tmp_path / "q"


def test_digisos_application_to_vedtak_and_back(offices, users, scope_of, tmp_path) -> None:
    folder = write_delivery(tmp_path / "in", digisos_id="rt-1", ekstern_ref="rt-1",
                            soknad=soknad_json(hva="Husleie for mars."))
    soknad = Soknad.objects.get(pk=import_delivery(delivery=read_folder(folder),
                                                   now=NOW).soknad_id)
    actor = users["veileder_a"]
    scope = scope_of(actor)
    t1, t2, t3 = (NOW + timedelta(hours=h) for h in (1, 26, 50))
    krav = request_dokumentasjon(scope=scope, actor=actor, soknad_id=soknad.pk,
                                 titler=["Husleiekontrakt"], now=t1)
    mark_dokumentasjon_received(scope=scope, actor=actor, krav_id=krav[0].pk, now=t2)
    record_kvp_vurdering(scope=scope, actor=actor, soknad_id=soknad.pk, har_rett=False,
                         begrunnelse="Har nylig vært i jobb; KVP er ikke aktuelt nå.", now=t2)
    husleie = soknad.poster.get(type="HUSLEIE")
    barn = Barn.objects.filter(person=soknad.person)
    vedtak = make_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=t3, data=VedtakUtkast(
        post_ids=(husleie.pk,), hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
        periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1), belop=9500,
        begrunnelse="Du har ikke penger til husleien i mars, og boligen er nødvendig for deg "
        "og barna.", fakta="Husleie 9 500 kr, ingen inntekt i mars (kontrakt mottatt 5. mars).",
        sak_tittel="Husleie mars",
        barn=tuple(BarnBegrunnelse(barn_id=b.pk, vurdering=f"{b.navn} trenger å bo trygt "
                                   "og bli boende nær skolen.") for b in barn),
        vilkar=(VilkarUtkast(kode="08", beskrivelse="Møt til samtale om bolig 20. mars.",
                             frist=date(2024, 3, 20), oppfolging="Vi ringer deg dagen før.",
                             konsekvens="Hvis du ikke møter, kan vi redusere neste stønad."),),
        utbetaling=UtbetalingValg(hyppighet="ENGANGS", mottaker_type="SOKER",
                                  navn="Amina Digital", kontonummer="12345678903",
                                  forfallsdato=date(2024, 3, 8)),
    ))

    exported = export_innsyn(soknad=soknad, now=t3)
    doc = json.loads((exported.folder / "digisos-soker.json").read_text())
    h = doc["hendelser"]

    assert [x["type"] for x in h[:2]] == ["soknadsStatus", "tildeltNavKontor"]
    assert h[0]["status"] == "MOTTATT"
    asked, answered = [x for x in h if x["type"] == "dokumentasjonEtterspurt"]
    assert asked["dokumenter"][0]["dokumenttype"] == "Husleiekontrakt"
    assert answered["dokumenter"] == []
    sak = next(x for x in h if x["type"] == "saksStatus")
    assert (sak["tittel"], sak["status"]) == ("Husleie mars", "UNDER_BEHANDLING")
    fattet = next(x for x in h if x["type"] == "vedtakFattet")
    letter = VedtakDokument.objects.get(vedtak=vedtak)
    assert fattet["saksreferanse"] == sak["referanse"] and fattet["utfall"] == "INNVILGET"
    assert fattet["vedtaksfil"]["referanse"] == {"type": "dokumentlager",
                                                 "id": str(letter.dokumentlager_id)}
    assert (exported.folder / f"{letter.dokumentlager_id}.pdf").read_bytes() == bytes(letter.pdf)
    vilkar = next(x for x in h if x["type"] == "vilkar")
    assert (vilkar["saksreferanse"], vilkar["status"]) == (sak["referanse"], "RELEVANT")
    assert "Møt til samtale" in vilkar["beskrivelse"]
    utbetaling = next(x for x in h if x["type"] == "utbetaling")
    assert (utbetaling["belop"], utbetaling["status"], utbetaling["annenMottaker"],
            utbetaling["forfallsdato"], utbetaling["saksreferanse"]) == (
        9500, "PLANLAGT_UTBETALING", False, "2024-03-08", sak["referanse"])
    # Rent was the only item applied for, so deciding it finishes the application.
    assert [x["status"] for x in h if x["type"] == "soknadsStatus"] == [
        "MOTTATT", "UNDER_BEHANDLING", "FERDIGBEHANDLET"]
    assert list(soknad.poster.values_list("type", flat=True)) == ["HUSLEIE"]
    assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid
    if SHARED.exists():
        assert load_official_schemas(SHARED).issues(
            DocumentKind.DIGISOS_SOKER.schema_file, doc) == ()
