"""The multipart delivery endpoint: same rules as the inbox, only for permitted users."""

from __future__ import annotations

import json

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.intake.models import Soknad
from tests.digisos_samples import PDF, did, soknad_json, vedlegg_json


def _parts(soknad: dict) -> dict[str, object]:  # type: ignore[type-arg]
    files = {"kontrakt.pdf": PDF}
    return {
        "metadata": SimpleUploadedFile("metadata.json", json.dumps(
            {"digisosId": did("d-api"), "eksternRef": "r-api"}).encode()),
        "soknad": SimpleUploadedFile("soknad.json", json.dumps(soknad).encode()),
        "vedlegg": SimpleUploadedFile("vedlegg.json", json.dumps(vedlegg_json(files)).encode()),
        "kontrakt.pdf": SimpleUploadedFile("kontrakt.pdf", PDF),
    }


def test_an_integration_user_delivers_and_a_redelivery_is_a_no_op(users) -> None:
    user = users["admin"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}

    first = Client().post("/api/v1/digisos/leveranser", _parts(soknad_json()), **auth)
    again = Client().post("/api/v1/digisos/leveranser", _parts(soknad_json()), **auth)

    assert first.status_code == 201 and first.json()["outcome"] == "IMPORTERT"
    assert again.status_code == 200 and again.json()["outcome"] == "DUPLIKAT"
    assert sorted(Soknad.objects.get().vedlegg.values_list("filnavn", flat=True)) == [
        "kontrakt.pdf", "soknad.json"]


def test_an_invalid_delivery_is_refused_with_its_reasons(users) -> None:
    bad = soknad_json()
    bad["data"]["personalia"]["navn"] = "Ola"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}

    response = Client().post("/api/v1/digisos/leveranser", _parts(bad), **auth)

    assert response.status_code == 400
    assert any("$.data.personalia.navn" in e for e in response.json()["errors"])
    assert Soknad.objects.count() == 0


def test_a_caseworker_cannot_deliver(users) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['veileder_a'])}"}

    response = Client().post("/api/v1/digisos/leveranser", _parts(soknad_json()), **auth)

    assert response.status_code == 404
    assert Soknad.objects.count() == 0


def test_a_user_with_the_permission_can(users) -> None:
    user = users["veileder_b"]
    user.user_permissions.add(Permission.objects.get(codename="add_levering"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}

    response = Client().post("/api/v1/digisos/leveranser", _parts(soknad_json()), **auth)

    assert response.status_code == 201


def test_an_ettersendelse_through_the_api_fulfils_the_decisions_requirement(
    users, decided
) -> None:
    from sosialsak.contexts.intake.models import Vedlegg

    krav = decided["krav"]
    files = {"kvittering.pdf": PDF}
    meta = {"digisosId": did("dig-krav"), "eksternRef": "ref-api-e1",
            "soknadLeveranseId": {"sendtKanal": "FIKS_IO", "id": "ref-krav"}}
    vedlegg = vedlegg_json(files, type=krav.tittel, tilleggsinfo=krav.beskrivelse,
                           hendelse_type="dokumentasjonkrav", hendelse_referanse=krav.referanse)
    parts = {
        "metadata": SimpleUploadedFile("metadata.json", json.dumps(meta).encode()),
        "vedlegg": SimpleUploadedFile("vedlegg.json", json.dumps(vedlegg).encode()),
        "kvittering.pdf": SimpleUploadedFile("kvittering.pdf", PDF),
        "ettersendelse.pdf": SimpleUploadedFile("ettersendelse.pdf", b"%PDF-1.4 cover"),
    }
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}

    first = Client().post("/api/v1/digisos/leveranser", parts, **auth)
    for part in parts.values():
        part.seek(0)
    again = Client().post("/api/v1/digisos/leveranser", parts, **auth)

    assert first.status_code == 201, first.json()
    assert first.json()["outcome"] == "ETTERSENDT"
    assert first.json()["soknad_id"] == decided["soknad"].pk
    assert (again.status_code, again.json()["outcome"]) == (200, "DUPLIKAT")
    krav.refresh_from_db()
    assert krav.status == "LEVERT"
    sent = Vedlegg.objects.filter(soknad=decided["soknad"], kilde="ETTERSENDELSE")
    assert sorted(sent.values_list("filnavn", "type")) == [
        ("ettersendelse.pdf", "ettersendelse"), ("kvittering.pdf", "Kvittering for husleie")]


def test_an_ettersendelse_for_an_unknown_digisos_id_is_refused(users) -> None:
    files = {"kvittering.pdf": PDF}
    parts = {
        "metadata": SimpleUploadedFile("metadata.json", json.dumps(
            {"digisosId": did("ukjent"), "eksternRef": "ref-x",
             "soknadLeveranseId": {"sendtKanal": "FIKS_IO", "id": "y"}}).encode()),
        "vedlegg": SimpleUploadedFile("vedlegg.json", json.dumps(vedlegg_json(files)).encode()),
        "kvittering.pdf": SimpleUploadedFile("kvittering.pdf", PDF),
    }
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}

    response = Client().post("/api/v1/digisos/leveranser", parts, **auth)

    assert response.status_code == 400
    assert response.json()["outcome"] == "KARANTENE"
    assert f"digisosId {did('ukjent')}" in response.json()["errors"][0]


def test_a_delivery_cut_off_inside_an_attachment_is_quarantined_and_the_resend_imports(
        users) -> None:
    """Issue 10 item 3: a half-sent upload was imported with only soknad.json, and the whole
    re-send was then a DUPLIKAT, so the attachment was lost."""
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    from sosialsak.contexts.digisos.models import Levering

    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}
    parts = _parts(soknad_json())
    # The attachment first, as Fiks sends metadata+file pairs, then cut inside it.
    ordered = {k: parts[k] for k in ("metadata", "soknad", "kontrakt.pdf", "vedlegg")}
    body = encode_multipart(BOUNDARY, ordered)
    cut = body[:body.index(PDF) + 5]

    half = Client().generic("POST", "/api/v1/digisos/leveranser", cut,
                            content_type=MULTIPART_CONTENT, **auth)
    whole = Client().post("/api/v1/digisos/leveranser", _parts(soknad_json()), **auth)

    assert half.status_code == 400 and half.json()["outcome"] == "KARANTENE"
    assert whole.status_code == 201 and whole.json()["outcome"] == "IMPORTERT"
    assert sorted(Soknad.objects.get().vedlegg.values_list("filnavn", flat=True)) == [
        "kontrakt.pdf", "soknad.json"]
    assert Levering.objects.get().status == "IMPORTERT"


def test_a_poison_soknad_json_is_quarantined_not_a_500(users) -> None:
    """Issue 10 item 4: 100,000 nested brackets raised RecursionError and a 500."""
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}
    parts = _parts(soknad_json())
    parts["soknad"] = SimpleUploadedFile("soknad.json", b"[" * 100_000 + b"]" * 100_000)

    response = Client().post("/api/v1/digisos/leveranser", parts, **auth)

    assert response.status_code == 400 and response.json()["outcome"] == "KARANTENE"
    assert any("nøstet dypere" in e for e in response.json()["errors"])


def test_a_digisos_id_with_a_path_in_it_is_refused(users, settings) -> None:
    """Issue 10 item 5: a digisosId of ../../.. was imported and named an outbox folder."""
    from pathlib import Path

    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['admin'])}"}
    parts = _parts(soknad_json())
    parts["metadata"] = SimpleUploadedFile("metadata.json", json.dumps(
        {"digisosId": "../../..", "eksternRef": "r-api"}).encode())

    response = Client().post("/api/v1/digisos/leveranser", parts, **auth)

    assert response.status_code == 400
    assert any("$.digisosId har feil format" in e for e in response.json()["errors"])
    assert Soknad.objects.count() == 0
    quarantine = Path(settings.DIGISOS_QUARANTINE)
    assert all(p.parent == quarantine for p in quarantine.iterdir())
