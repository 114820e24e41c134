"""Round trip: a Digisos application in, documentation, a decision with a condition and a
payment, and the innsyn file out — the full ordered list of hendelser, their key fields, the
schema, and the text of the decision letter the file points at."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

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
from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW
from tests.integration.decisions.fixtures import map_children

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos" / "json"


@pytest.fixture(autouse=True)
def _dirs(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGISOS_OUTBOX = tmp_path / "outbox"
    settings.DIGISOS_QUARANTINE = tmp_path / "q"


def test_digisos_application_to_vedtak_and_back(offices, users, scope_of, tmp_path) -> None:
    folder = write_delivery(tmp_path / "in", digisos_id=did("rt-1"), ekstern_ref="rt-1",
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
    map_children(scope, actor, soknad, t2)
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
                             konsekvens="Hvis du ikke møter, kan vi redusere neste stønad.",
                             holder_tilbake_utbetaling=True,
                             utsettelse_grunnlag="Husleien betales når vi har snakket om "
                             "boligen."),),
        utbetaling=UtbetalingValg(hyppighet="ENGANGS", mottaker_type="SOKER",
                                  navn="Amina Digital", kontonummer="12345678903",
                                  forfallsdato=date(2024, 3, 8)),
    ))

    exported = export_innsyn(soknad=soknad, now=t3)
    doc = json.loads((exported.folder / "digisos-soker.json").read_text())
    h = doc["hendelser"]

    assert [(x["type"], x.get("status")) for x in h] == [
        ("soknadsStatus", "MOTTATT"),
        ("tildeltNavKontor", None),
        ("dokumentasjonEtterspurt", None),  # the request, with its letter
        ("dokumentasjonEtterspurt", None),  # the contract arrived: nothing more is asked
        ("saksStatus", "UNDER_BEHANDLING"),  # the sak exists before its vedtak
        ("utbetaling", "PLANLAGT_UTBETALING"),
        ("vedtakFattet", None),
        ("soknadsStatus", "UNDER_BEHANDLING"),
        ("soknadsStatus", "FERDIGBEHANDLET"),  # rent was the only item applied for
        ("vilkar", "RELEVANT"),
    ]
    (mottatt, tildelt, asked, answered, sak, utbetaling, fattet, _, _, vilkar) = h
    assert [x["hendelsestidspunkt"] for x in (mottatt, asked, answered, fattet)] == [
        "2024-03-04T09:30:00.000Z", "2024-03-04T10:30:00.000Z", "2024-03-05T11:30:00.000Z",
        "2024-03-06T11:30:00.000Z"]
    assert tildelt["navKontor"] == "1201"
    assert asked["dokumenter"] == [{"dokumenttype": "Husleiekontrakt",
                                    "innsendelsesfrist": "2024-03-18T22:59:00.000Z",
                                    "dokumentreferanse": f"krav-{krav[0].pk}"}]
    assert asked["forvaltningsbrev"]["referanse"]["type"] == "dokumentlager"
    assert answered["dokumenter"] == [] and "forvaltningsbrev" not in answered
    assert sak["tittel"] == "Husleie mars"
    assert (utbetaling["belop"], utbetaling["annenMottaker"], utbetaling["forfallsdato"],
            utbetaling["fom"], utbetaling["tom"], utbetaling["saksreferanse"],
            utbetaling["kontonummer"]) == (
        9500, False, "2024-03-08", "2024-03-01", "2024-03-31", sak["referanse"], "12345678903")
    letter = VedtakDokument.objects.get(vedtak=vedtak)
    assert (fattet["saksreferanse"], fattet["utfall"]) == (sak["referanse"], "INNVILGET")
    assert fattet["vedtaksfil"]["referanse"] == {"type": "dokumentlager",
                                                 "id": str(letter.dokumentlager_id)}
    assert (vilkar["saksreferanse"], vilkar["utbetalingsreferanse"]) == (
        sak["referanse"], [utbetaling["utbetalingsreferanse"]])
    assert vilkar["beskrivelse"] == "Møt til samtale om bolig 20. mars."
    assert list(soknad.poster.values_list("type", flat=True)) == ["HUSLEIE"]
    assert validate_document(doc, DocumentKind.DIGISOS_SOKER).valid
    if SHARED.exists():
        assert load_official_schemas(SHARED).issues(
            DocumentKind.DIGISOS_SOKER.schema_file, doc) == ()

    # The letter vedtakFattet points at is written beside the file and says what was decided,
    # on which legal basis, and by when the person may appeal.
    pdf = (exported.folder / f"{letter.dokumentlager_id}.pdf").read_bytes()
    assert pdf == bytes(letter.pdf)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())  # one space for every run of (non-breaking) whitespace
    assert "Husleie mars: innvilget. Du får 9 500 kr for 1. mars til 31. mars 2024." in text
    assert "Beløp 9 500 kr" in text
    assert "Lovhjemmel sosialtjenesteloven § 18" in text
    assert "Klagefristen er 3 uker fra den dagen du fikk dette brevet" in text
