"""Appeals: the late-appeal flag, the office's review, the package, the Statsforvalter."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db


@pytest.fixture
def vedtak(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    """A decision published digitally on the day it was made (4 March 2024)."""
    from sosialsak.contexts.decisions.operations import record_forsendelse

    made = _make(users, scope_of, young_parent, utkast())
    actor = users["veileder_sf"]
    return record_forsendelse(scope=scope_of(actor), actor=actor, vedtak_id=made.pk,
                              forsendelse="DIGITAL", sendt=NOW.date(), mottatt=None, now=NOW)


def _digisos(vedtak: Any, klage_id: str = "klage-1", sent: str = "2024-03-20T10:00:00.000Z",
             ) -> dict[str, Any]:
    return {
        "klageId": klage_id, "vedtakId": str(vedtak.dokumenter.get().dokumentlager_id),
        "digisosId": "d-1",
        "personIdentifikator": {"kilde": "system", "verdi": "15076500565"},
        "navn": {"kilde": "system", "fornavn": "Kari", "mellomnavn": "", "etternavn": "N"},
        "mottaker": {}, "innsendingstidspunkt": sent,
        "autentisering": {"autentisertDigitalt": True, "autentiseringsTidspunkt": sent},
        "begrunnelse": {"kilde": "bruker", "klageTekst": "Jeg trenger mer til barnet."},
    }


def _case_documents(scope: Any, actor: Any, soknad: Any) -> None:
    """A documentation request letter and two attachments (a PDF and a photo)."""
    import hashlib

    from django.core.files.base import ContentFile

    from sosialsak.contexts.cases.operations import request_dokumentasjon
    from sosialsak.contexts.intake.models import Vedlegg
    from sosialsak.formats.letters import render_document_pdf
    from sosialsak.formats.letters.dokument import Document, paragraphs

    request_dokumentasjon(scope=scope, actor=actor, soknad_id=soknad.pk,
                          titler=["Kontoutskrift for mars"], dager=7, now=NOW)
    pdf = render_document_pdf(Document(
        title="Vedlegg fra søkeren", sender=("Søker",), recipient=("NAV",), references=(),
        blocks=tuple(paragraphs("Husleiekontrakt.")), closing=(), footer=""),
        created=date(2024, 3, 1))
    for name, content in (("husleie.pdf", pdf), ("kvittering.jpg", b"\xff\xd8\xff\xe0")):
        v = Vedlegg(soknad=soknad, kilde="SOKNAD", type="annet", filnavn=name,
                    sha256=hashlib.sha256(content).hexdigest(), storrelse=len(content),
                    mottatt_at=NOW)
        v.fil.save(name, ContentFile(content), save=False)
        v.save()


class TestKlage:
    def test_a_digisos_appeal_within_the_deadline_is_matched_through_the_letter(
        self, users: Any, scope_of: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import register_digisos_klage

        actor = users["veileder_sf"]
        klage = register_digisos_klage(scope=scope_of(actor), actor=actor,
                                       document=_digisos(vedtak), now=NOW + timedelta(days=16))
        again = register_digisos_klage(scope=scope_of(actor), actor=actor,
                                       document=_digisos(vedtak), now=NOW + timedelta(days=17))

        assert klage.vedtak_id == vedtak.pk
        assert klage.klagefrist == date(2024, 3, 25)  # 4 March + 3 weeks
        assert klage.for_sent is False
        assert again.pk == klage.pk

    def test_a_late_appeal_is_flagged_and_must_be_assessed_before_review(
        self, users: Any, scope_of: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToHandleKlage,
            decide_late_klage,
            forward_klage,
            register_klage,
        )

        actor = users["veileder_sf"]
        scope = scope_of(actor)
        klage = register_klage(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                               tekst="Uenig i beløpet.", mottatt=date(2024, 3, 26), now=NOW)
        assert klage.for_sent is True
        with pytest.raises(UnableToHandleKlage) as exc:
            forward_klage(scope=scope, actor=actor, klage_id=klage.pk, vurdering="x", now=NOW)
        assert exc.value.code == "sen_klage_ikke_vurdert"

        klage = decide_late_klage(scope=scope, actor=actor, klage_id=klage.pk, behandles=True,
                                  vurdering="Søkeren var innlagt på sykehus.", now=NOW,
                                  unnskyldelig=True, saerlige_grunner=False)

        assert klage.behandles is True

    def test_an_appeal_cannot_arrive_before_the_decision(
        self, users: Any, scope_of: Any, vedtak: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToHandleKlage, register_klage

        actor = users["veileder_sf"]
        with pytest.raises(UnableToHandleKlage) as exc:
            register_klage(scope=scope_of(actor), actor=actor, vedtak_id=vedtak.pk,
                           tekst="Uenig.", mottatt=date(2024, 2, 1), now=NOW)

        assert exc.value.extra["field"] == "mottatt" and "04.03.2024" in exc.value.message

    def test_forwarding_builds_one_pdf_and_a_structured_export(
        self, users: Any, scope_of: Any, vedtak: Any
    ) -> None:
        from pypdf import PdfReader

        from sosialsak.contexts.decisions.operations import (
            forward_klage,
            record_statsforvalter_outcome,
            register_klage,
        )

        actor = users["veileder_sf"]
        scope = scope_of(actor)
        soknad = vedtak.sak.soknad
        _case_documents(scope, actor, soknad)
        klage = register_klage(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                               tekst="Jeg trenger mer til barnet.", mottatt=date(2024, 3, 10),
                               now=NOW)
        klage = forward_klage(scope=scope, actor=actor, klage_id=klage.pk,
                              vurdering="Kontoret opprettholder vedtaket.",
                              now=NOW + timedelta(days=9))

        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(klage.pakke.pdf)))
                         .pages)
        assert "Jeg trenger mer til barnet." in text
        assert "Kontoret opprettholder vedtaket." in text
        assert "Barn: Barn 0" in text  # the mapping
        # Sent to the office's Statsforvalter (Bergen: Vestland), under the one saksnummer.
        assert "Statsforvalteren i Vestland" in text and str(soknad.pk) in text
        assert klage.pakke_json["vedtak"]["belop"] == 12300
        assert klage.pakke_json["klage"]["forSent"] is False
        assert klage.pakke_json["dokumenter"][0]["type"] == "VEDTAK"
        assert klage.pakke_json["beregning"]["amount"] == 12300
        # The application's own letters and attachments are in the package too.
        assert "Kontoutskrift for mars" in text  # the documentation request letter
        assert "Vedlegg fra søkeren" in text  # the PDF attachment, merged
        assert [b["type"] for b in klage.pakke_json["soknadensBrev"]] == ["DOKUMENTASJON"]
        assert [(v["filnavn"], v["iPdf"]) for v in klage.pakke_json["vedlegg"]] == [
            ("husleie.pdf", True), ("kvittering.jpg", False)]
        from django.test import Client

        own, other = Client(), Client()
        own.force_login(actor)
        other.force_login(users["veileder_b"])
        from sosialsak.contexts.audit.models import AuditEntry

        page = own.get(f"/vedtak/{vedtak.pk}/").content.decode()
        assert f'href="/klage/{klage.pk}/klagesak.json"' in page  # linked from the decision
        export = own.get(f"/klage/{klage.pk}/klagesak.json")
        assert export.json()["vedtak"]["belop"] == 12300  # the same structured export
        assert AuditEntry.objects.filter(purpose="lese klagesak", actor_id=actor.pk,
                                         action="READ").count() == 1
        assert other.get(f"/klage/{klage.pk}/klagesak.json").status_code == 404
        waiting = register_klage(scope=scope, actor=actor, vedtak_id=vedtak.pk, tekst="Igjen.",
                                 mottatt=date(2024, 3, 12), now=NOW)
        assert own.get(f"/klage/{waiting.pk}/klagesak.json").status_code == 404  # not sent

        klage = record_statsforvalter_outcome(scope=scope, actor=actor, klage_id=klage.pk,
                                              utfall="STADFESTET", dato=date(2024, 5, 2),
                                              merknad="", now=NOW + timedelta(days=60))
        assert klage.status == "AVGJORT"
