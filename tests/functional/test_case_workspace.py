"""The case workspace (issue 12): journal notes, documents uploaded by the office, the overview,
the worklists' three filters, and no forms for a read-only role on the decision and payment
pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Dokumentasjonskrav, Journalnotat
from sosialsak.contexts.cases.operations import request_dokumentasjon
from sosialsak.contexts.intake.models import Hendelse, Soknad, Vedlegg

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def family(make_soknad: Any) -> Soknad:
    return make_soknad(items=("LIVSOPPHOLD", "HUSLEIE"), barn=1)


# -- Notes ----------------------------------------------------------------------------------

def test_a_caseworker_writes_notes_and_sees_them_newest_first(family: Soknad,
                                                              users: dict[str, Any]) -> None:
    client = login(users["veileder_a"])

    first = client.post(f"/soknad/{family.pk}/notat/",
                        {"type": "TELEFON", "tekst": "Ringte om husleien."})
    client.post(f"/soknad/{family.pk}/notat/", {"type": "MOTE", "tekst": "Møte på kontoret."})
    page = client.get(f"/soknad/{family.pk}/").content.decode()

    assert first.status_code == 302 and first["Location"].endswith("#notater")
    notes = list(Journalnotat.objects.filter(soknad=family))
    assert [n.tekst for n in notes] == ["Møte på kontoret.", "Ringte om husleien."]
    assert notes[0].skrevet_av == users["veileder_a"]
    assert page.index("Møte på kontoret.") < page.index("Ringte om husleien.")
    assert 'id="notat-tekst"' in page and 'data-key="n"' in page
    writes = AuditEntry.objects.filter(action="WRITE", object_id=str(family.pk),
                                       purpose="skrive journalnotat")
    assert writes.count() == 2


def test_a_note_is_never_changed_a_correction_is_a_new_entry(family: Soknad,
                                                             users: dict[str, Any]) -> None:
    client = login(users["veileder_a"])
    client.post(f"/soknad/{family.pk}/notat/", {"type": "NOTAT", "tekst": "Husleie 9 000."})
    wrong = Journalnotat.objects.get(soknad=family)

    client.post(f"/soknad/{family.pk}/notat/",
                {"type": "NOTAT", "tekst": "Riktig husleie er 8 900.", "korrigerer": wrong.pk})

    assert Journalnotat.objects.filter(soknad=family).count() == 2
    assert Journalnotat.objects.get(korrigerer=wrong).tekst == "Riktig husleie er 8 900."
    assert Journalnotat.objects.get(pk=wrong.pk).tekst == "Husleie 9 000."
    wrong.tekst = "endret"
    with pytest.raises(ValueError):
        wrong.save()


def test_a_note_too_long_or_empty_is_refused(family: Soknad, users: dict[str, Any]) -> None:
    client = login(users["veileder_a"])

    long = client.post(f"/soknad/{family.pk}/notat/", {"type": "NOTAT", "tekst": "x" * 4001},
                       follow=True)
    empty = client.post(f"/soknad/{family.pk}/notat/", {"type": "NOTAT", "tekst": "  "},
                        follow=True)

    assert "høyst 4000 tegn" in long.content.decode()
    assert "Skriv notatet" in empty.content.decode()
    assert not Journalnotat.objects.exists()


def test_the_statsforvalter_reads_notes_but_may_not_write(family: Soknad,
                                                         users: dict[str, Any]) -> None:
    login(users["veileder_a"]).post(f"/soknad/{family.pk}/notat/",
                                    {"type": "NOTAT", "tekst": "Synlig for tilsynet."})
    client = login(users["statsforvalter"])

    page = client.get(f"/soknad/{family.pk}/").content.decode()
    refused = client.post(f"/soknad/{family.pk}/notat/", {"type": "NOTAT", "tekst": "Nei."})
    upload = client.post(f"/soknad/{family.pk}/dokument/",
                         {"fil": SimpleUploadedFile("a.pdf", PDF)})

    assert "Synlig for tilsynet." in page
    assert f'action="/soknad/{family.pk}/notat/"' not in page
    assert f'action="/soknad/{family.pk}/dokument/"' not in page
    assert refused.status_code == 403 and upload.status_code == 403
    assert Journalnotat.objects.count() == 1 and not stored_files()
    assert AuditEntry.objects.filter(action="DENIED", actor=users["statsforvalter"]).exists()


def test_another_office_gets_404_for_notes_and_uploads(family: Soknad,
                                                      users: dict[str, Any]) -> None:
    client = login(users["veileder_b"])

    note = client.post(f"/soknad/{family.pk}/notat/", {"type": "NOTAT", "tekst": "Feil sak."})
    upload = client.post(f"/soknad/{family.pk}/dokument/",
                         {"fil": SimpleUploadedFile("a.pdf", PDF)})

    assert note.status_code == 404 and upload.status_code == 404
    assert not Journalnotat.objects.exists() and not stored_files()


# -- Documents ------------------------------------------------------------------------------

def test_an_uploaded_pdf_is_stored_listed_and_fulfils_the_request(
        family: Soknad, users: dict[str, Any]) -> None:
    actor = users["veileder_a"]
    krav = request_dokumentasjon(scope=scope_for(actor), actor=actor, soknad_id=family.pk,
                                 titler=["Husleiekontrakt"], now=timezone.now())[0]
    client = login(actor)

    response = client.post(f"/soknad/{family.pk}/dokument/", {
        "fil": SimpleUploadedFile("../../etc/kontrakt skannet.pdf", PDF,
                                  content_type="application/pdf"),
        "dokumenttype": "", "krav": str(krav.pk)})
    page = client.get(f"/soknad/{family.pk}/").content.decode()

    assert response.status_code == 302 and response["Location"].endswith("#dokumenter")
    v = Vedlegg.objects.get(soknad=family)
    assert (v.kilde, v.type, v.filnavn, v.storrelse) == ("SKRANKE", "Husleiekontrakt",
                                                         "kontrakt skannet.pdf", len(PDF))
    files = stored_files()
    assert len(files) == 1 and files[0].read_bytes() == PDF
    assert "kontrakt" not in files[0].name  # a random name, nothing of the person's file name
    assert Dokumentasjonskrav.objects.get(pk=krav.pk).status == "LEVERT"
    assert f'href="/vedlegg/{v.pk}/"' in page and "kontrakt skannet.pdf" in page
    assert Hendelse.objects.filter(soknad=family, type="cases.dokument.lastet_opp").exists()
    assert AuditEntry.objects.filter(action="WRITE", object_type="vedlegg",
                                     object_id=str(v.pk)).exists()

    download = client.get(f"/vedlegg/{v.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="READ", object_type="vedlegg",
                                     object_id=str(v.pk)).exists()


def test_a_png_is_accepted_by_its_content(family: Soknad, users: dict[str, Any]) -> None:
    client = login(users["veileder_a"])
    client.post(f"/soknad/{family.pk}/dokument/", {"fil": SimpleUploadedFile("bilde", PNG)})
    assert Vedlegg.objects.get(soknad=family).filnavn == "bilde.png"


def test_a_file_that_is_not_a_pdf_by_content_is_refused_and_nothing_stored(
        family: Soknad, users: dict[str, Any]) -> None:
    client = login(users["veileder_a"])

    response = client.post(f"/soknad/{family.pk}/dokument/", {
        "fil": SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00 not a pdf at all",
                                  content_type="application/pdf")}, follow=True)

    assert "ikke en PDF, JPEG eller PNG" in response.content.decode()
    assert not Vedlegg.objects.exists() and not stored_files()


def test_a_file_over_the_limit_is_refused(family: Soknad, users: dict[str, Any],
                                         settings: Any) -> None:
    settings.SOSIALSAK_UPLOAD_MAX_BYTES = 1024
    client = login(users["veileder_a"])

    response = client.post(f"/soknad/{family.pk}/dokument/", {
        "fil": SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048)}, follow=True)

    assert "filen er for stor" in response.content.decode().lower()
    assert not Vedlegg.objects.exists() and not stored_files()


def test_the_default_limit_is_ten_megabytes() -> None:
    from sosialsak.contexts.cases.operations import max_upload_bytes

    assert max_upload_bytes() == settings.SOSIALSAK_UPLOAD_MAX_BYTES == 10 * 1024 * 1024


# -- The overview ---------------------------------------------------------------------------

def test_the_overview_shows_who_household_items_and_what_is_missing(
        family: Soknad, users: dict[str, Any]) -> None:
    actor = users["veileder_a"]
    request_dokumentasjon(scope=scope_for(actor), actor=actor, soknad_id=family.pk,
                          titler=["Kontoutskrift"], now=timezone.now())
    page = login(actor).get(f"/soknad/{family.pk}/").content.decode()
    overview = page[page.index('id="oversikt"'):page.index('class="workspace"')]
    fnr = family.person.fodselsnummer

    assert fnr[:6] + "*****" in overview and fnr not in overview  # masked at the top
    assert "Barn 0" in overview and "Kartlegging mangler: Barn 0" in overview
    assert "1 dokument etterspurt" in overview and "2 poster uten vedtak" in overview
    assert "Neste frist" in overview and "Ingen saksbehandler ennå." in overview
    for anchor in ("soknad", "kartlegging", "dokumentasjon", "vedtak", "utbetalinger", "klage",
                   "notater", "dokumenter", "hendelser"):
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert 'src="/static/sosialsak/workspace.js"' in page and 'id="hurtigtaster"' in page


def test_a_protected_address_is_never_in_the_overview(make_soknad: Any,
                                                     users: dict[str, Any]) -> None:
    s = make_soknad(beskyttelse="STRENGT_FORTROLIG")
    page = login(users["veileder_sf"]).get(f"/soknad/{s.pk}/").content.decode()
    assert "Hemmeligveien" not in page


# -- Worklist filters -------------------------------------------------------------------------

def _count(page: str, title: str) -> int:
    at = page.index(title)
    start = page.rindex('<span class="count">', 0, at) + len('<span class="count">')
    return int(page[start:page.index("</span>", start)])


def test_the_worklists_filter_mine_unassigned_and_my_office(make_soknad: Any,
                                                            users: dict[str, Any]) -> None:
    from sosialsak.contexts.intake.models import Soknad as S

    mine = make_soknad(barn=1)
    unassigned = make_soknad(barn=1)
    other = make_soknad(barn=1, office="B")
    S.objects.filter(pk=mine.pk).update(saksbehandler=users["veileder_a"])
    S.objects.filter(pk=other.pk).update(saksbehandler=users["veileder_b"])
    client = login(users["leder_a"])
    title = "Barnas kartlegging mangler"

    counts = {f: _count(client.get("/arbeidslister/", {"tildelt": f}).content.decode(), title)
              for f in ("", "mine", "unassigned", "team")}
    va = login(users["veileder_a"])
    mine_va = _count(va.get("/arbeidslister/", {"tildelt": "mine"}).content.decode(), title)
    listed = va.get("/arbeidslister/kartlegging-barn/", {"tildelt": "mine"}).content.decode()
    un = va.get("/arbeidslister/kartlegging-barn/", {"tildelt": "unassigned"}).content.decode()

    assert counts == {"": 2, "mine": 0, "unassigned": 1, "team": 2}
    assert mine_va == 1
    assert f'href="/soknad/{mine.pk}/"' in listed
    assert f'href="/soknad/{unassigned.pk}/"' not in listed
    assert f'href="/soknad/{unassigned.pk}/"' in un and f'href="/soknad/{mine.pk}/"' not in un
    page = client.get("/arbeidslister/", {"tildelt": "team"}).content.decode()
    assert '<option value="team" selected>' in page and "?tildelt=team" in page


# -- Read-only: no forms ----------------------------------------------------------------------

def test_the_payments_page_has_no_forms_for_the_statsforvalter(family: Soknad,
                                                               users: dict[str, Any]) -> None:
    page = login(users["statsforvalter"]).get(f"/soknad/{family.pk}/utbetalinger/")
    assert page.status_code == 200 and "<form" not in page.content.decode().split("<main")[1] \
        .split("</main>")[0]


def test_the_decision_page_has_no_forms_for_the_statsforvalter(make_soknad: Any,
                                                               users: dict[str, Any]) -> None:
    from sosialsak.contexts.decisions.operations import VedtakUtkast, make_vedtak

    actor = users["veileder_a"]
    s = make_soknad(items=("HUSLEIE",))
    vedtak = make_vedtak(scope=scope_for(actor), actor=actor, soknad_id=s.pk, now=timezone.now(),
                         data=VedtakUtkast(post_ids=(s.poster.get().pk,), hjemmel="§ 18",
                                           utfall="AVSLATT", begrunnelse="Du har nok inntekt.",
                                           fakta="Lønn 40 000 kr i måneden.",
                                           sak_tittel="Husleie"))

    def main(user: Any) -> str:
        page = login(user).get(f"/vedtak/{vedtak.pk}/").content.decode()
        return page.split("<main")[1].split("</main>")[0]

    assert 'method="post"' in main(actor)
    assert "<form" not in main(users["statsforvalter"])
