"""Issue 16 items 4 and 5: the person sends documents and writes to the office.

An upload fulfils the request and becomes an ettersendelse the caseworker sees (Dokumenter) and
innsyn stops asking for; a wrong type or too large a file is refused with a clear message and
stores nothing; a photo is stored as a PDF; the virus-scan port refuses what clamd finds. A
message round trip stamps read receipts both ways, the office inbox and the worklist show what
waits past the office's answer time, and the notification holds no personal data. A citizen
gets 404 for anything not their own, and every read is audited.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Dokumentasjonskrav
from sosialsak.contexts.cases.operations import Upload, request_dokumentasjon
from sosialsak.contexts.cases.scan import ClamdScanner, NoScan, scanner_from
from sosialsak.contexts.digisos.innsyn import build_innsyn
from sosialsak.contexts.intake.models import Hendelse, Vedlegg
from sosialsak.contexts.messaging.models import Melding, Meldingstrad
from sosialsak.contexts.messaging.notify import NOTIFICATION_TEXT
from sosialsak.contexts.messaging.operations import send_from_person
from sosialsak.contexts.messaging.queries import inbox
from tests.helpers import NOW


def png(w: int = 4, h: int = 3) -> bytes:
    """A real (tiny) PNG, made without an image library."""
    raw = b"".join(b"\0" + b"\xff\x00\x00" * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def own(make_soknad: Any) -> dict[str, Any]:
    """Two applications, each with its own citizen (as bruker1 and bruker2 in the demo)."""
    from sosialsak.contexts.accounts.operations import create_user

    out: dict[str, Any] = {}
    for name in ("bruker1", "bruker2"):
        soknad = make_soknad()
        user = create_user(username=name, password=None, role="bruker")
        soknad.person.user = user
        soknad.person.save()
        out[name] = (user, soknad)
    return out


def _stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_photo_for_a_request_fulfils_it_as_a_pdf_the_caseworker_and_innsyn_see(
        own: dict[str, Any], users: dict[str, Any], scope_of: Any) -> None:
    user, soknad = own["bruker1"]
    (krav,) = request_dokumentasjon(scope=scope_of(users["veileder_a"]), actor=users["veileder_a"],
                                    soknad_id=soknad.pk, titler=["Husleiekontrakt"], now=NOW)
    client = login(user)
    url = f"/mine/soknad/{soknad.pk}/dokument/"
    assert url in client.get(f"/mine/soknad/{soknad.pk}/").content.decode()
    assert "Husleiekontrakt" in client.get(url).content.decode()

    got = client.post(url, {"krav": krav.pk, "fil": SimpleUploadedFile("IMG_0042.png", png())})

    assert got.status_code == 302
    v = Vedlegg.objects.get(soknad=soknad)
    assert (v.kilde, v.filnavn, v.type) == ("ETTERSENDELSE", "IMG_0042.pdf", "Husleiekontrakt")
    assert v.fil.read().startswith(b"%PDF-")
    krav.refresh_from_db()
    assert (krav.status, krav.levert_via) == ("LEVERT", "OPPLASTING")
    # The caseworker sees the ettersendelse under Dokumenter; innsyn no longer asks for it.
    case = login(users["veileder_a"]).get(f"/soknad/{soknad.pk}/").content.decode()
    assert "IMG_0042.pdf" in case and "Ettersendt digitalt" in case
    etterspurt = [h for h in build_innsyn(soknad)["hendelser"]
                  if h["type"] == "dokumentasjonEtterspurt"]
    assert etterspurt[-1]["dokumenter"] == []
    assert AuditEntry.objects.filter(actor=user, action="WRITE", object_type="vedlegg",
                                     object_id=str(v.pk)).exists()


def test_a_document_on_its_own_is_an_ettersendelse_without_a_request(
        own: dict[str, Any]) -> None:
    user, soknad = own["bruker1"]
    got = login(user).post(f"/mine/soknad/{soknad.pk}/dokument/",
                           {"krav": "", "fil": SimpleUploadedFile("lonnsslipp.pdf", PDF)})
    assert got.status_code == 302
    v = Vedlegg.objects.get(soknad=soknad)
    assert (v.kilde, v.filnavn, v.fil.read()) == ("ETTERSENDELSE", "lonnsslipp.pdf", PDF)
    assert Hendelse.objects.filter(soknad=soknad, type="cases.dokument.lastet_opp").exists()


@pytest.mark.parametrize(("name", "content", "limit", "says"), [
    ("kontrakt.pdf", b"MZ\x90\x00 not a pdf at all", None, "ikke en PDF, JPEG eller PNG"),
    ("bilde.png", png(), 20, "filen er for stor"),
    ("tom.pdf", b"", None, "tom"),
])
def test_a_wrong_type_or_too_large_file_is_refused_and_nothing_is_stored(
        own: dict[str, Any], settings: Any, name: str, content: bytes, limit: int | None,
        says: str) -> None:
    if limit is not None:
        settings.SOSIALSAK_UPLOAD_MAX_BYTES = limit
    user, soknad = own["bruker1"]
    got = login(user).post(f"/mine/soknad/{soknad.pk}/dokument/",
                           {"fil": SimpleUploadedFile(name, content)})
    assert got.status_code == 400
    assert says in got.content.decode().lower() or says in got.content.decode()
    assert 'role="alert"' in got.content.decode()
    assert not Vedlegg.objects.exists() and _stored_files(settings) == []


def test_a_citizen_never_reaches_another_persons_case_and_the_refusal_is_audited(
        own: dict[str, Any], settings: Any) -> None:
    user, _mine = own["bruker1"]
    _other_user, other = own["bruker2"]
    client = login(user)
    for url in (f"/mine/soknad/{other.pk}/", f"/mine/soknad/{other.pk}/dokument/",
                f"/mine/soknad/{other.pk}/meldinger/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/mine/soknad/{other.pk}/dokument/",
                       {"fil": SimpleUploadedFile("a.pdf", PDF)}).status_code == 404
    assert client.post(f"/mine/soknad/{other.pk}/meldinger/",
                       {"tekst": "Hei"}).status_code == 404
    assert not Vedlegg.objects.exists() and not Melding.objects.exists()
    assert _stored_files(settings) == []
    assert AuditEntry.objects.filter(actor=user, action="DENIED",
                                     object_id=str(other.pk)).count() >= 3
    # The list of threads holds only the person's own applications.
    page = client.get("/mine/meldinger/").content.decode()
    assert f"/mine/soknad/{other.pk}/" not in page and f"/mine/soknad/{_mine.pk}/" in page


def test_a_message_round_trip_with_read_receipts_and_a_notification_without_personal_data(
        own: dict[str, Any], users: dict[str, Any], settings: Any, caplog: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.SOSIALSAK_NOTIFIER = "log"
    user, soknad = own["bruker1"]
    citizen, office = login(user), login(users["veileder_a"])
    thread = f"/mine/soknad/{soknad.pk}/meldinger/"

    assert citizen.post(thread, {"tekst": "Når får jeg svar?",
                                 "fil": SimpleUploadedFile("kvittering.png", png())}
                        ).status_code == 302
    sent = Melding.objects.get()
    assert sent.lest_at is None and sent.vedlegg is not None
    assert sent.vedlegg.filnavn == "kvittering.pdf"  # an ettersendelse like any upload
    assert "Ikke lest ennå" in citizen.get(thread).content.decode()

    box = office.get("/innboks/").content.decode()
    assert soknad.soker_navn in box and f"/soknad/{soknad.pk}/meldinger/" in box
    page = office.get(f"/soknad/{soknad.pk}/meldinger/").content.decode()
    assert "Når får jeg svar?" in page and "kvittering.pdf" in page
    sent.refresh_from_db()
    assert sent.lest_at is not None  # the office has read it
    assert "Lest av NAV-kontoret" in citizen.get(thread).content.decode()

    with caplog.at_level(logging.INFO, logger="sosialsak.notify"), \
            django_capture_on_commit_callbacks(execute=True):
        assert office.post(f"/soknad/{soknad.pk}/meldinger/",
                           {"tekst": "Vi svarer innen fredag.",
                            "fil": SimpleUploadedFile("skjema.pdf", PDF)}).status_code == 302
    notes = [r.getMessage() for r in caplog.records if r.name == "sosialsak.notify"]
    assert notes == [f"varsel: {NOTIFICATION_TEXT}"] == ["varsel: Du har en ny melding fra NAV"]
    assert soknad.person.fornavn not in notes[0] and soknad.person.fodselsnummer not in notes[0]
    assert Meldingstrad.objects.get().venter_svar_siden is None

    reply = Melding.objects.get(fra="KONTOR")
    assert reply.lest_at is None
    assert "Ikke lest av brukeren ennå" in office.get(
        f"/soknad/{soknad.pk}/meldinger/").content.decode()
    assert "Vi svarer innen fredag." in citizen.get(thread).content.decode()
    assert reply.vedlegg is not None and reply.vedlegg.kilde == "KONTOR"
    # The person opens the office's attachment and their own; never another person's.
    assert f"/vedlegg/{reply.vedlegg.pk}/" in citizen.get(thread).content.decode()
    got = citizen.get(f"/vedlegg/{reply.vedlegg.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert citizen.get(f"/vedlegg/{sent.vedlegg.pk}/").status_code == 200
    stranger = login(own["bruker2"][0])
    assert stranger.get(f"/vedlegg/{reply.vedlegg.pk}/").status_code == 404
    assert stranger.get(thread).status_code == 404
    reply.refresh_from_db()
    assert reply.lest_at is not None
    assert "Lest av brukeren" in office.get(f"/soknad/{soknad.pk}/meldinger/").content.decode()
    # Every read of the thread is audited, on both sides.
    assert AuditEntry.objects.filter(actor=user, action="READ", object_id=str(soknad.pk),
                                     purpose="innsyn egne meldinger").count() >= 3
    assert AuditEntry.objects.filter(actor=users["veileder_a"], action="READ",
                                     purpose="lese meldinger i saken").count() >= 2


def test_no_notification_is_logged_outside_development(
        own: dict[str, Any], users: dict[str, Any], settings: Any, caplog: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.SOSIALSAK_NOTIFIER = ""
    _user, soknad = own["bruker1"]
    with caplog.at_level(logging.INFO, logger="sosialsak.notify"), \
            django_capture_on_commit_callbacks(execute=True):
        login(users["veileder_a"]).post(f"/soknad/{soknad.pk}/meldinger/", {"tekst": "Hei"})
    assert not [r for r in caplog.records if r.name == "sosialsak.notify"]


def test_another_office_gets_404_and_the_statsforvalter_reads_without_receipts(
        own: dict[str, Any], users: dict[str, Any]) -> None:
    user, soknad = own["bruker1"]
    login(user).post(f"/mine/soknad/{soknad.pk}/meldinger/", {"tekst": "Hei"})
    url = f"/soknad/{soknad.pk}/meldinger/"
    assert login(users["veileder_b"]).get(url).status_code == 404
    assert "Hei" not in login(users["veileder_b"]).get("/innboks/").content.decode()
    sf = login(users["statsforvalter"])
    page = sf.get(url)
    assert page.status_code == 200 and 'name="tekst"' not in page.content.decode()
    assert Melding.objects.get().lest_at is None
    assert sf.post(url, {"tekst": "Nei"}).status_code == 403
    assert login(user).get("/innboks/").status_code == 403


def test_unanswered_messages_reach_the_worklist_after_the_office_answer_time(
        own: dict[str, Any], users: dict[str, Any], scope_of: Any) -> None:
    from sosialsak.contexts.casefile.worklists import worklist, worklist_counts

    user, soknad = own["bruker1"]
    send_from_person(scope=scope_of(user), actor=user, soknad_id=soknad.pk, tekst="Hei",
                     now=NOW)
    actor = users["veileder_a"]
    scope = scope_of(actor)

    def lines(today: date) -> list[Any]:
        return worklist(scope=scope, actor=actor, key="ubesvarte-meldinger", today=today,
                        purpose="test")

    # The default answer time is two days: nothing before, the line from the deadline on.
    assert lines(NOW.date() + timedelta(days=1)) == []
    (line,) = lines(NOW.date() + timedelta(days=2))
    assert (line.soknad_id, line.frist, line.overdue) == (soknad.pk, NOW.date() + timedelta(2),
                                                          False)
    assert lines(NOW.date() + timedelta(days=3))[0].overdue
    for day in (1, 2, 3):
        today = NOW.date() + timedelta(days=day)
        assert worklist_counts(scope=scope, actor=actor, today=today)[
            "ubesvarte-meldinger"] == len(lines(today))
    # An office that gives itself five days sees it later (the inbox shows the same deadline).
    from dataclasses import replace

    from sosialsak.contexts.offices.operations import update_office_settings
    from sosialsak.contexts.offices.policy import DEFAULTS

    update_office_settings(scope=scope_of(users["leder_a"]), actor=users["leder_a"],
                           kontor_id=soknad.kontor_id, now=NOW,
                           data=replace(DEFAULTS, melding_svar_dager=5))
    assert lines(NOW.date() + timedelta(days=3)) == []
    assert inbox(scope=scope, actor=actor, today=NOW.date())[0].frist == NOW.date() + timedelta(5)


# -- the virus-scan port ---------------------------------------------------------------------

EICAR_MARK = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


@pytest.fixture
def fake_clamd() -> Iterator[tuple[int, list[bytes]]]:
    """A tiny clamd: reads one INSTREAM, answers FOUND when the EICAR mark is in it."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    seen: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _addr = server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0"
                data = b""
                while True:
                    size = struct.unpack(">I", conn.recv(4, socket.MSG_WAITALL))[0]
                    if size == 0:
                        break
                    data += conn.recv(size, socket.MSG_WAITALL)
                seen.append(data)
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if EICAR_MARK in data
                             else b"stream: OK\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port, seen
    server.close()


def test_the_clamd_adapter_speaks_instream(fake_clamd: tuple[int, list[bytes]]) -> None:
    port, seen = fake_clamd
    scanner = scanner_from(f"clamd://127.0.0.1:{port}")
    assert isinstance(scanner, ClamdScanner) and isinstance(scanner_from(""), NoScan)
    big = b"%PDF-" + b"x" * 200_000  # several chunks
    assert scanner.scan(big) is None
    assert scanner.scan(b"%PDF-" + EICAR_MARK) == "Eicar-Signature"
    assert seen == [big, b"%PDF-" + EICAR_MARK]


def test_an_infected_upload_is_refused_and_nothing_is_stored(
        own: dict[str, Any], settings: Any, fake_clamd: tuple[int, list[bytes]]) -> None:
    port, _seen = fake_clamd
    settings.SOSIALSAK_VIRUS_SCAN = f"clamd://127.0.0.1:{port}"
    user, soknad = own["bruker1"]
    client = login(user)
    got = client.post(f"/mine/soknad/{soknad.pk}/dokument/",
                      {"fil": SimpleUploadedFile("a.pdf", PDF + EICAR_MARK)})
    assert got.status_code == 400 and "virussjekken" in got.content.decode()
    assert not Vedlegg.objects.exists() and _stored_files(settings) == []
    assert client.post(f"/mine/soknad/{soknad.pk}/dokument/",
                       {"fil": SimpleUploadedFile("a.pdf", PDF)}).status_code == 302


def test_an_unreachable_scanner_refuses_rather_than_stores(own: dict[str, Any],
                                                           settings: Any) -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    settings.SOSIALSAK_VIRUS_SCAN = f"clamd://127.0.0.1:{port}"
    user, soknad = own["bruker1"]
    got = login(user).post(f"/mine/soknad/{soknad.pk}/dokument/",
                           {"fil": SimpleUploadedFile("a.pdf", PDF)})
    assert got.status_code == 400 and not Vedlegg.objects.exists()


def test_the_office_upload_still_keeps_its_file_as_it_came(
        own: dict[str, Any], users: dict[str, Any], scope_of: Any) -> None:
    from sosialsak.contexts.cases.operations import upload_document

    _user, soknad = own["bruker1"]
    v = upload_document(scope=scope_of(users["veileder_a"]), actor=users["veileder_a"],
                        soknad_id=soknad.pk, now=NOW,
                        upload=Upload(filnavn="skann.png", content=png()))
    assert (v.kilde, v.filnavn) == ("SKRANKE", "skann.png")
    assert not Dokumentasjonskrav.objects.exists()
