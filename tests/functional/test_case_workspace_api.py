"""The case workspace's API (issue 12): journal notes and documents, scoped, audited, one error
shape, the Statsforvalter reads only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Dokumentasjonskrav, Journalnotat
from sosialsak.contexts.cases.operations import request_dokumentasjon
from sosialsak.contexts.intake.models import Soknad, Vedlegg

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 20


class Api:
    def __init__(self, user: Any) -> None:
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}
        self.client = Client()

    def get(self, url: str) -> Any:
        return self.client.get(f"/api/v1{url}", **self.auth)

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(f"/api/v1{url}", json.dumps(body),
                                content_type="application/json", **self.auth)

    def upload(self, url: str, data: dict[str, Any]) -> Any:
        return self.client.post(f"/api/v1{url}", data, **self.auth)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def soknad(make_soknad: Any) -> Soknad:
    return make_soknad(items=("HUSLEIE",))


def test_notes_are_written_and_listed_newest_first(soknad: Soknad,
                                                   users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])

    first = api.post(f"/soknader/{soknad.pk}/notater", {"type": "TELEFON", "tekst": "Ringte."})
    second = api.post(f"/soknader/{soknad.pk}/notater",
                      {"tekst": "Retting: ringte i går.", "korrigerer": first.json()["id"]})
    listed = api.get(f"/soknader/{soknad.pk}/notater")

    assert first.status_code == 201 and first.json()["type_label"] == "Telefon"
    assert second.status_code == 201 and second.json()["korrigerer"] == first.json()["id"]
    assert [n["tekst"] for n in listed.json()] == ["Retting: ringte i går.", "Ringte."]
    assert AuditEntry.objects.filter(channel="api", action="WRITE",
                                     purpose="skrive journalnotat").count() == 2
    assert AuditEntry.objects.filter(channel="api", action="READ",
                                     purpose="api: lese journalnotater").count() == 1


def test_a_bad_note_gets_the_one_error_shape(soknad: Soknad, users: dict[str, Any]) -> None:
    api = Api(users["veileder_a"])

    kind = api.post(f"/soknader/{soknad.pk}/notater", {"type": "BREV", "tekst": "Hei."})
    long = api.post(f"/soknader/{soknad.pk}/notater", {"tekst": "x" * 4001})

    assert kind.status_code == 400 and set(kind.json()) == {"code", "message", "extra"}
    assert kind.json()["extra"]["field"] == "type"
    assert long.status_code == 422 and set(long.json()) == {"code", "message", "extra"}
    assert not Journalnotat.objects.exists()


def test_the_statsforvalter_reads_but_gets_403_on_writes(soknad: Soknad,
                                                         users: dict[str, Any]) -> None:
    Api(users["veileder_a"]).post(f"/soknader/{soknad.pk}/notater", {"tekst": "Les meg."})
    api = Api(users["statsforvalter"])

    listed = api.get(f"/soknader/{soknad.pk}/notater")
    note = api.post(f"/soknader/{soknad.pk}/notater", {"tekst": "Nei."})
    upload = api.upload(f"/soknader/{soknad.pk}/dokumenter",
                        {"fil": SimpleUploadedFile("a.pdf", PDF)})

    assert listed.status_code == 200 and listed.json()[0]["tekst"] == "Les meg."
    assert note.status_code == 403 and note.json()["code"] == "forbidden"
    assert upload.status_code == 403 and not stored_files()
    assert Journalnotat.objects.count() == 1


def test_another_office_gets_404(soknad: Soknad, users: dict[str, Any]) -> None:
    api = Api(users["veileder_b"])

    responses = [api.get(f"/soknader/{soknad.pk}/notater"),
                 api.post(f"/soknader/{soknad.pk}/notater", {"tekst": "Feil."}),
                 api.get(f"/soknader/{soknad.pk}/dokumenter"),
                 api.upload(f"/soknader/{soknad.pk}/dokumenter",
                            {"fil": SimpleUploadedFile("a.pdf", PDF)})]

    assert [r.status_code for r in responses] == [404, 404, 404, 404], responses[3].content
    assert all(set(r.json()) == {"code", "message", "extra"} for r in responses)
    assert not Journalnotat.objects.exists() and not stored_files()
    assert AuditEntry.objects.filter(action="DENIED", object_id=str(soknad.pk)).exists()


def test_a_document_is_uploaded_by_multipart_and_fulfils_a_request(
        soknad: Soknad, users: dict[str, Any]) -> None:
    actor = users["veileder_a"]
    krav = request_dokumentasjon(scope=scope_for(actor), actor=actor, soknad_id=soknad.pk,
                                 titler=["Strømregning"], now=timezone.now())[0]
    api = Api(actor)

    created = api.upload(f"/soknader/{soknad.pk}/dokumenter",
                         {"fil": SimpleUploadedFile("regning.jpg", JPEG),
                          "dokumenttype": "Strømregning", "krav_id": str(krav.pk)})
    listed = api.get(f"/soknader/{soknad.pk}/dokumenter")

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["filnavn"], body["kilde"], body["storrelse"]) == ("regning.jpg", "SKRANKE",
                                                                   len(JPEG))
    assert [d["id"] for d in listed.json()] == [body["id"]]
    assert Dokumentasjonskrav.objects.get(pk=krav.pk).status == "LEVERT"
    assert AuditEntry.objects.filter(channel="api", action="WRITE", object_type="vedlegg",
                                     object_id=str(body["id"])).exists()


def test_a_refused_upload_stores_nothing(soknad: Soknad, users: dict[str, Any],
                                         settings: Any) -> None:
    api = Api(users["veileder_a"])
    settings.SOSIALSAK_UPLOAD_MAX_BYTES = 100

    wrong = api.upload(f"/soknader/{soknad.pk}/dokumenter",
                       {"fil": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")})
    big = api.upload(f"/soknader/{soknad.pk}/dokumenter",
                     {"fil": SimpleUploadedFile("y.pdf", PDF + b"0" * 200)})

    assert wrong.status_code == 400 and wrong.json()["code"] == "file_type_refused"
    assert big.status_code == 400 and big.json()["code"] == "file_too_large"
    assert not Vedlegg.objects.exists() and not stored_files()


def test_the_worklist_api_takes_the_same_three_filters(make_soknad: Any,
                                                       users: dict[str, Any]) -> None:
    mine = make_soknad(barn=1)
    make_soknad(barn=1)
    Soknad.objects.filter(pk=mine.pk).update(saksbehandler=users["veileder_a"])
    api = Api(users["veileder_a"])

    def count(tildelt: str) -> int:
        rows = api.client.get("/api/v1/arbeidslister", {"tildelt": tildelt}, **api.auth).json()
        return next(r["antall"] for r in rows if r["key"] == "kartlegging-barn")

    listed = api.client.get("/api/v1/arbeidslister/kartlegging-barn", {"tildelt": "mine"},
                            **api.auth).json()

    assert [count(t) for t in ("", "mine", "unassigned", "team")] == [2, 1, 1, 2]
    assert [i["soknad_id"] for i in listed] == [mine.pk]
