"""Issue 16, item 2: the person's own application form, step by step, saved as a draft and
resumed, producing a Digisos soknad.json that enters through the same intake as nav.no.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.digisos.models import Levering, Utkast
from sosialsak.contexts.intake.models import Kanal, Soknad
from sosialsak.contexts.people.models import Person
from tests.citizen_login import mount, oidc_login
from tests.helpers import synthetic_fnr

pytestmark = pytest.mark.django_db(transaction=True)  # the importer commits durably
FNR = synthetic_fnr(date(1991, 4, 12), 5)
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos"
PDF = b"%PDF-1.4\n% kontoutskrift\n"

STEPS: list[tuple[str, dict[str, Any]]] = [
    ("om-deg", {"fornavn": "Nora", "etternavn": "Nilsen", "telefon": "41234567",
                "kontonummer": "12345678903", "gatenavn": "Solheimsgaten", "husnummer": "7",
                "postnummer": "5058", "poststed": "Bergen", "enhetsnummer": "1201"}),
    ("husstand", {"sivilstatus": "ugift", "barn_1_navn": "Ida Nilsen",
                  "barn_1_fodselsdato": "2017-08-01"}),
    ("bolig", {"botype": "leier", "antall_personer": "2"}),
    ("inntekt", {"inntekt_barnetrygd": "1766"}),
    ("utgifter", {"utgift_husleie": "9500", "utgift_strom": "900"}),
    ("soknad", {"nodhjelp": "nei", "hva_typer": ["livsopphold", "husleie"],
                "hva": "Mat og husleie for denne måneden.",
                "hvorfor": "Jeg mistet jobben og venter på dagpenger."}),
]


@pytest.fixture(autouse=True)
def _in_process(monkeypatch: Any) -> None:
    mount(monkeypatch)


@pytest.fixture
def citizen(offices: Any) -> Client:
    client = Client()
    oidc_login(client, FNR)
    return client


def _fill(client: Client, steps: list[tuple[str, dict[str, Any]]]) -> None:
    for step, data in steps:
        answer = client.post(f"/mine/sok/{step}/", data)
        assert answer.status_code == 302, (step, answer.content.decode()[-2000:])


def test_draft_leave_resume_and_send_through_the_intake(citizen: Client, users: Any) -> None:
    _fill(citizen, STEPS[:2])
    left = citizen.post("/mine/sok/bolig/", {**STEPS[2][1], "senere": "1"})
    assert left["Location"] == "/mine/"
    # A new browser session (logged in again) finds the draft and what was typed.
    again = Client()
    oidc_login(again, FNR)
    start = again.get("/mine/sok/").content.decode()
    assert "Fortsett med utkastet" in start
    assert 'value="Nora"' in again.get("/mine/sok/om-deg/").content.decode()
    assert not Soknad.objects.exists()  # a draft is no application: staff see nothing
    _fill(again, STEPS[3:])
    upload = again.post("/mine/sok/vedlegg/", {"type": "kontoutskrift", "last_opp": "1",
                                               "fil": _file("konto.pdf", PDF)})
    assert upload.status_code == 302
    summary = again.get("/mine/sok/send/")
    assert summary.status_code == 200 and "Nora Nilsen" in summary.content.decode()
    sent = again.post("/mine/sok/send/")
    assert sent.status_code == 302, sent.content.decode()[-1500:]
    soknad = Soknad.objects.get()
    assert sent["Location"] == f"/mine/soknad/{soknad.pk}/oversikt/"
    assert soknad.kanal == Kanal.DIGITAL and soknad.kontor.enhetsnummer == "1201"
    assert {p.type for p in soknad.poster.all()} >= {"LIVSOPPHOLD", "HUSLEIE"}
    assert "1-konto.pdf" in {v.filnavn for v in soknad.vedlegg.all()}
    assert Levering.objects.get().soknad_id == soknad.pk  # the same path as a delivery
    assert not Utkast.objects.exists()
    # The person now exists, made by the intake, and is linked to the login.
    person = Person.objects.get(fodselsnummer=FNR)
    assert person.user is not None and str(person.user_id) == again.session["_auth_user_id"]
    # The caseworker at the office sees it in the queue; the citizen sees it under /mine/.
    staff = Client()
    staff.force_login(users["veileder_a"])
    queue = staff.get("/arbeidsliste/")
    assert queue.status_code == 200 and "Nilsen" in queue.content.decode()
    assert again.get(f"/mine/soknad/{soknad.pk}/oversikt/").status_code == 200


def _file(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_soknad_json_validates_against_our_models_and_the_official_schema(
        citizen: Client) -> None:
    from django.utils import timezone

    from sosialsak.contexts.accounts.models import User
    from sosialsak.contexts.digisos.citizen_draft import delivery_for, get_draft
    from sosialsak.formats.digisos import DocumentKind, load_official_schemas, validate_document

    _fill(citizen, STEPS)
    user = User.objects.get(pk=citizen.session["_auth_user_id"])
    draft = get_draft(user=user)
    assert draft is not None
    delivery = delivery_for(draft, fnr=FNR, now=timezone.now())
    document = json.loads(delivery.files["soknad.json"])
    assert validate_document(document, DocumentKind.SOKNAD).valid
    if not SHARED.is_dir():
        pytest.skip("../shared/digisos (official schemas) is not available")
    official = load_official_schemas(SHARED)
    assert official.issues("soknad/soknad.json", document) == ()
    assert official.issues("vedlegg/vedleggSpesifikasjon.json",
                           json.loads(delivery.files["vedlegg.json"])) == ()


def test_nodhjelp_tells_the_person_to_call_the_office_today(citizen: Client) -> None:
    _fill(citizen, STEPS[:1])
    answer = citizen.post("/mine/sok/soknad/", {**STEPS[5][1], "nodhjelp": "ja"})
    assert answer["Location"] == "/mine/sok/soknad/"
    page = citizen.get("/mine/sok/soknad/").content.decode()
    assert "55 55 33 33" in page and "Solheimsgaten 11" in page  # the office's phone
    assert "09:00" in page or "08:00" in page  # its opening hours


def test_bounds_and_checks(citizen: Client) -> None:
    bad = citizen.post("/mine/sok/om-deg/", {**STEPS[0][1], "telefon": "x" * 500})
    assert bad.status_code == 400
    big = citizen.post("/mine/sok/soknad/", {**STEPS[5][1], "hvorfor": "a" * 2001})
    assert big.status_code == 400
    wrong = citizen.post("/mine/sok/vedlegg/", {"type": "annet", "last_opp": "1",
                                                "fil": _file("x.exe", b"MZ\x90\x00")})
    assert wrong.status_code == 400
    assert citizen.get("/mine/sok/ukjent/").status_code == 404


def test_staff_cannot_use_the_citizen_form(users: Any) -> None:
    staff = Client()
    staff.force_login(users["veileder_a"])
    assert staff.get("/mine/sok/").status_code == 403


def test_a_draft_is_bounded_and_its_reads_are_audited(citizen: Client) -> None:
    from django.utils import timezone

    from sosialsak.contexts.accounts.models import User
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.digisos.citizen_draft import DraftInvalid, save_step

    user = User.objects.get(pk=citizen.session["_auth_user_id"])
    with pytest.raises(DraftInvalid):
        save_step(user=user, values={"hvorfor": "x" * 40_000}, now=timezone.now())
    _fill(citizen, STEPS[:1])
    citizen.get("/mine/sok/om-deg/")
    assert AuditEntry.objects.filter(actor_id=user.pk, action="READ",
                                     object_type="utkast").exists()
