"""The case package sent to the Statsforvalter with an appeal: one PDF (the decision letter, the
appeal, the office's assessment, the mapping, the calculation, the other letters of the
decision, the application's own letters — documentation requests, reminders, preliminary
replies — and its PDF attachments) merged with ``pypdf``, and the same content as structured
JSON. An attachment that is not a PDF (a photo of a receipt) is listed with its checksum so
the Statsforvalter can ask for it; one that cannot be read as PDF is listed, not merged."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.cases.queries import kartlegging_summary
from sosialsak.contexts.decisions.models import Klage, VedtakDokument
from sosialsak.contexts.decisions.operations._letter import klageinfo
from sosialsak.contexts.intake.models import Vedlegg
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.formats.letters import render_document_pdf
from sosialsak.formats.letters.dokument import Document, Facts, Heading, paragraphs


def _doc(title: str, klage: Klage, blocks: list[Any], today: date) -> Document:
    soknad = klage.vedtak.sak.soknad
    # The same appeal body as the letter told the person (sotjl. § 3: the office's county).
    return Document(title=title, sender=(soknad.kontor.navn,),
                    recipient=(klageinfo(soknad, dato=today).klageinstans,),
                    references=(("Saksnummer", saksnummer(soknad.pk)),
                                ("Sak", klage.vedtak.sak.referanse),
                                ("Klage", str(klage.pk))),
                    blocks=tuple(blocks), closing=(), footer="Klagesak – til Statsforvalteren")


def _sections(klage: Klage, mapping: str) -> list[tuple[str, list[Any]]]:
    v = klage.vedtak
    frist = [("Mottatt", f"{klage.mottatt:%d.%m.%Y}"),
             ("Klagefrist", f"{klage.klagefrist:%d.%m.%Y}"),
             ("For sent", "Ja" if klage.for_sent else "Nei")]
    return [
        ("Klagen", [Facts(tuple(frist)), *paragraphs(klage.tekst),
                    *([Heading("Vurdering av sen klage (fvl. § 31)"),
                       *paragraphs(klage.for_sent_vurdering)] if klage.for_sent_vurdering
                      else [])]),
        ("Kontorets vurdering (fvl. § 33)", list(paragraphs(klage.kontorets_vurdering))),
        ("Kartlegging", list(paragraphs(mapping or "Ingen kartlegging er registrert."))),
        ("Beregning", list(paragraphs(v.beregning.get("forklaring", "")
                                      or "Vedtaket har ingen beregning av livsopphold."))),
    ]


def _append_attachment(writer: PdfWriter, vedlegg: Vedlegg) -> bool:
    """Merge a PDF attachment; return False (listed only) for anything else."""
    if not vedlegg.filnavn.lower().endswith(".pdf"):
        return False
    try:
        with vedlegg.fil.open("rb") as fh:
            writer.append(PdfReader(BytesIO(fh.read())))
    except (OSError, PdfReadError, ValueError):
        return False
    return True


def build_package(*, klage: Klage, today: date) -> tuple[bytes, dict[str, Any]]:
    """Return the merged PDF and the structured export of an appeal's case."""
    v = klage.vedtak
    soknad = v.sak.soknad
    mapping = kartlegging_summary(soknad)
    letters = list(VedtakDokument.objects.filter(vedtak=v).exclude(type="KLAGEPAKKE")
                   .order_by("opprettet_at", "id"))
    writer = PdfWriter()
    for dok in letters[:1]:
        writer.append(PdfReader(BytesIO(bytes(dok.pdf))))
    for title, blocks in _sections(klage, mapping):
        pdf = render_document_pdf(_doc(title, klage, blocks, today), created=today)
        writer.append(PdfReader(BytesIO(pdf)))
    for dok in letters[1:]:
        writer.append(PdfReader(BytesIO(bytes(dok.pdf))))
    case_letters = list(Brev.objects.filter(soknad=soknad).order_by("opprettet_at", "id"))
    for brev in case_letters:
        writer.append(PdfReader(BytesIO(bytes(brev.pdf))))
    attachments = list(Vedlegg.objects.filter(soknad=soknad).order_by("mottatt_at", "id"))
    merged = {v.pk for v in attachments if _append_attachment(writer, v)}
    out = BytesIO()
    writer.write(out)
    export = {
        "klage": {"id": klage.pk, "klageId": klage.klage_id, "kilde": klage.kilde,
                  "mottatt": klage.mottatt.isoformat(), "klagefrist": klage.klagefrist.isoformat(),
                  "forSent": klage.for_sent, "behandles": klage.behandles,
                  "forSentVurdering": klage.for_sent_vurdering, "tekst": klage.tekst,
                  "kontoretsVurdering": klage.kontorets_vurdering},
        "vedtak": {"id": v.pk, "sak": v.sak.referanse, "hjemmel": v.hjemmel,
                   "utfall": v.utfall, "stonadsform": v.stonadsform, "belop": v.belop,
                   "periodeFra": v.periode_fra.isoformat() if v.periode_fra else None,
                   "periodeTil": v.periode_til.isoformat() if v.periode_til else None,
                   "fakta": v.fakta, "begrunnelse": v.begrunnelse,
                   "individuellVurdering": v.individuell_vurdering,
                   "barn": v.barnevurderinger, "fattet": v.fattet_at.isoformat()},
        "vilkar": [{"kode": x.kode, "beskrivelse": x.beskrivelse, "konsekvens": x.konsekvens,
                    "frist": x.frist.isoformat() if x.frist else None, "status": x.status}
                   for x in v.vilkar.all()],
        "beregning": {k: val for k, val in v.beregning.items() if k != "forklaring"},
        "kartlegging": mapping,
        "dokumenter": [{"tittel": d.tittel, "type": d.type, "sha256": d.sha256,
                        "dokumentlagerId": str(d.dokumentlager_id)} for d in letters],
        "soknadensBrev": [{"tittel": b.tittel, "type": b.type, "dato": b.dato.isoformat(),
                           "sha256": b.sha256} for b in case_letters],
        "vedlegg": [{"type": v.type, "filnavn": v.filnavn, "sha256": v.sha256,
                     "mottatt": v.mottatt_at.isoformat(), "iPdf": v.pk in merged}
                    for v in attachments],
    }
    return out.getvalue(), export
