"""A caseworker follows a family's application through the pages: start page counts, the
kartlegging with each child, documentation requests, letters, notes, tasks, office settings."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from sosialsak.contexts.cases.models import Brev, Dokumentasjonskrav, Kartleggingsdel, Samtale
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Barn

CHILD_FORM = {
    "materielle_behov": "Trenger vinterdress.", "fritidsaktiviteter": "Fotball.",
    "fritid_kostnad": "300", "venner": "Har venner.", "skole_barnehage": "2. klasse.",
    "helse": "Frisk.", "snakket_med_barnet": "ja", "barnets_syn": "Liker skolen.",
    "bekymring_barnevern": "nei",
}


def login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def family(make_soknad):  # type: ignore[no-untyped-def]
    return make_soknad(items=("LIVSOPPHOLD",), barn=2)


def test_staff_land_on_the_worklists_with_counts(family, users) -> None:
    client = login(users["veileder_a"])

    home = client.get("/")
    page = client.get("/arbeidslister/").content.decode()

    assert home.status_code == 302 and home["Location"] == "/arbeidslister/"
    assert "Barnas kartlegging mangler" in page
    assert '<span class="count">1</span> <span class="card-title">Barnas kartlegging' in page
    listing = client.get("/arbeidslister/kartlegging-barn/").content.decode()
    assert f'href="/soknad/{family.pk}/"' in listing and "Barn 0, Barn 1" in listing


def test_the_case_page_shows_progress_for_staff_but_not_for_the_citizen(family, users) -> None:
    from sosialsak.contexts.accounts.operations import create_user

    page = login(users["veileder_a"]).get(f"/soknad/{family.pk}/").content.decode()
    citizen = create_user(username="borger", password=None, role="bruker")
    family.person.user = citizen
    family.person.save()
    own = login(citizen)

    assert 'id="h-kartlegging"' in page and "Kartleggingen mangler for Barn 0, Barn 1" in page
    assert 'id="h-kartlegging"' not in own.get(f"/soknad/{family.pk}/").content.decode()
    assert own.get(f"/soknad/{family.pk}/kartlegging/").status_code == 403


def test_mapping_each_child_through_the_forms(family, users) -> None:
    client = login(users["veileder_a"])
    barn = list(Barn.objects.filter(person=family.person))

    form = client.get(f"/soknad/{family.pk}/kartlegging/barn/{barn[0].pk}/")
    saved = client.post(f"/soknad/{family.pk}/kartlegging/barn/{barn[0].pk}/", CHILD_FORM)
    partial = client.post(f"/soknad/{family.pk}/kartlegging/barn/{barn[1].pk}/",
                          {"helse": "Astma."})
    overview = client.get(f"/soknad/{family.pk}/kartlegging/").content.decode()

    assert form.status_code == 200 and "barneverntjenesten (sosialtjenesteloven § 45)" in \
        form.content.decode()
    assert saved.status_code == 302 and partial.status_code == 302
    rows = list(Kartleggingsdel.objects.order_by("id").values_list("barn_id", "fullfort"))
    assert rows == [(barn[0].pk, True), (barn[1].pk, False)]
    stored = Kartleggingsdel.objects.order_by("id").first()
    assert stored is not None and stored.svar["snakket_med_barnet"] is True
    assert stored.svar["fritid_kostnad"] == 300
    assert "Mangler for: Barn 1." in overview


def test_an_invalid_answer_is_shown_at_its_field(family, users) -> None:
    page = login(users["veileder_a"]).post(f"/soknad/{family.pk}/kartlegging/bolig/",
                                           {"boutgift": "-4"})

    assert page.status_code == 200
    assert "Verdien må være større enn eller lik 0." in page.content.decode()
    assert not Kartleggingsdel.objects.exists()


def test_requesting_two_documents_makes_a_letter_and_arrival_is_recorded(family, users) -> None:
    client = login(users["veileder_a"])

    created = client.post(f"/soknad/{family.pk}/dokumentasjon/", {
        "dokumenter": ["Kontoutskrift for siste måned", "Husleiekontrakt"], "dager": "14"})
    krav = list(Dokumentasjonskrav.objects.order_by("id"))
    received = client.post(f"/soknad/{family.pk}/dokumentasjon/{krav[0].pk}/mottatt/",
                           {"levert_via": "OPPLASTING"})
    brev = Brev.objects.get()
    pdf = client.get(f"/soknad/{family.pk}/brev/{brev.pk}/")
    page = client.get(f"/soknad/{family.pk}/").content.decode()

    assert created.status_code == 302 and created["Location"].endswith("#dokumentasjon")
    assert [k.tittel for k in krav] == ["Kontoutskrift for siste måned", "Husleiekontrakt"]
    assert received.status_code == 302
    assert Dokumentasjonskrav.objects.get(pk=krav[0].pk).levert_via == "OPPLASTING"
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "1 dokument er etterspurt og ikke levert." in page


def test_a_document_request_without_documents_is_refused_at_the_field(family, users) -> None:
    page = login(users["veileder_a"]).post(f"/soknad/{family.pk}/dokumentasjon/", {"dager": "7"})

    assert page.status_code == 200
    assert "Velg minst ett dokument." in page.content.decode()


def test_another_office_gets_404_on_every_case_progress_page(family, users) -> None:
    client = login(users["veileder_b"])
    barn = Barn.objects.filter(person=family.person).first()
    assert barn is not None

    for url in (f"/soknad/{family.pk}/kartlegging/",
                f"/soknad/{family.pk}/kartlegging/barn/{barn.pk}/",
                f"/soknad/{family.pk}/dokumentasjon/", f"/soknad/{family.pk}/forelopig-svar/",
                f"/soknad/{family.pk}/samtale/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/soknad/{family.pk}/kartlegging/bolig/",
                       {"bosituasjon": "1"}).status_code == 404
    assert not Kartleggingsdel.objects.exists()


def test_notes_are_written_and_found(family, users) -> None:
    client = login(users["veileder_a"])

    client.post(f"/soknad/{family.pk}/samtale/", {
        "tidspunkt": "2024-03-04T10:00", "kanal": "KONTOR", "notat": "Snakket om strømregningen.",
        "oppfolging": "Ring Fjordkraft", "oppfolging_frist": "2030-01-01"})
    hits = client.get("/notater/", {"q": "strømregning"}).content.decode()

    assert Samtale.objects.get().notat == "Snakket om strømregningen."
    assert f'href="/soknad/{family.pk}/#samtaler"' in hits
    assert "Ring Fjordkraft" in client.get(f"/soknad/{family.pk}/").content.decode()


def test_the_preliminary_reply_form_sends_the_letter(family, users) -> None:
    client = login(users["veileder_a"])

    response = client.post(f"/soknad/{family.pk}/forelopig-svar/", {
        "grunn": "Vi venter på svar fra Skatteetaten.", "forventet_dato": "2030-01-15"})

    assert response.status_code == 302
    brev = Brev.objects.get()
    assert (brev.type, brev.frist) == ("FORELOPIG_SVAR", date(2030, 1, 15))


def test_only_the_leder_edits_the_office_settings(users) -> None:
    data = {"apner": "08:30", "stenger": "15:00", "apne_dager": ["1", "2", "3", "4", "5"],
            "vakt_ved_nodhjelp": "on", "vakt_navn": "Sosial vakttjeneste",
            "vakt_telefon": "55 55 00 00", "kartlegging_frist_dager": "5",
            "kartlegging_gyldig_maneder": "12", "dokumentasjon_terskel": "3",
            "dokumentasjon_paminnelse_dager": "2", "forelopig_svar_varsel_dager": "7",
            "uten_vedtak_dager": "21", "vedtaksperiode_varsel_dager": "14",
            "klage_oversending_dager": "21"}

    denied = login(users["veileder_a"]).get("/kontor/innstillinger/")
    saved = login(users["leder_a"]).post("/kontor/innstillinger/", data)
    bad = login(users["leder_a"]).post("/kontor/innstillinger/", {**data, "stenger": "08:00"})

    from sosialsak.contexts.offices.queries import settings_for

    assert denied.status_code == 404
    assert saved.status_code == 302
    assert settings_for(users["leder_a"].kontor_id).uten_vedtak_dager == 21
    assert "Kontoret må stenge etter at det åpner." in bad.content.decode()


def test_a_statsforvalter_reads_the_worklists_but_gets_no_forms(family, users) -> None:
    client = login(users["statsforvalter"])

    page = client.get(f"/soknad/{family.pk}/").content.decode()

    assert client.get("/arbeidslister/").status_code == 200
    assert "Be om dokumentasjon" not in page and 'id="h-kartlegging"' in page
    assert Soknad.objects.get(pk=family.pk).status == "MOTTATT"
