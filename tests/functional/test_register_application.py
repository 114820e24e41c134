"""A caseworker registers a phone application; the API does the same with the same rules."""

from __future__ import annotations

from datetime import date

from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.contexts.people.models import Barn
from tests.helpers import synthetic_fnr


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def _form(**over: str) -> dict[str, object]:
    data: dict[str, object] = {
        "fodselsnummer": synthetic_fnr(date(1988, 6, 1)), "fornavn": "Amina",
        "etternavn": "Ali", "kanal": "TELEFON", "mottatt_at": "2024-03-04T09:00",
        "poster": ["LIVSOPPHOLD", "HUSLEIE"], "egne_ord": "Jeg har ikke penger til mat.",
        "barn_0_navn": "Sara Ali", "barn_0_fodselsdato": "2016-02-01", "barn_0_bosted": "FAST",
        "barn_1_navn": "Yusuf Ali", "barn_1_fodselsdato": "2020-09-12", "barn_1_bosted": "DELT",
    }
    data.update(over)
    return data


def test_a_phone_application_from_a_parent_with_two_children(users) -> None:
    response = _client(users["veileder_a"]).post("/soknad/ny/", _form())

    soknad = Soknad.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/soknad/{soknad.pk}/"
    assert (soknad.kanal, soknad.status) == ("TELEFON", "MOTTATT")
    assert sorted(soknad.poster.values_list("type", flat=True)) == ["HUSLEIE", "LIVSOPPHOLD"]
    assert list(Barn.objects.values_list("navn", "bosted")) == [("Sara Ali", "FAST"),
                                                                 ("Yusuf Ali", "DELT")]
    assert Hendelse.objects.filter(soknad=soknad, type="intake.soknad.mottatt").exists()
    page = _client(users["veileder_a"]).get(response["Location"]).content.decode()
    assert "Sara Ali" in page and "Yusuf Ali" in page and "Mangler vedtak" in page


def test_an_invalid_fodselsnummer_is_shown_at_the_field_and_nothing_is_stored(users) -> None:
    response = _client(users["veileder_a"]).post("/soknad/ny/",
                                                 _form(fodselsnummer="15076500566"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kontrollsifrene stemmer ikke" in html
    assert Soknad.objects.count() == 0


def test_annet_needs_a_description(users) -> None:
    response = _client(users["veileder_a"]).post("/soknad/ny/", _form(poster=["ANNET"]))

    assert "Skriv hva det søkes om" in response.content.decode()
    assert Soknad.objects.count() == 0


def test_the_api_registers_and_moves_an_application(users) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['veileder_a'])}"}
    body = {"fodselsnummer": synthetic_fnr(date(1970, 1, 2)), "fornavn": "Per",
            "etternavn": "Hansen", "kanal": "MUNTLIG", "mottatt_at": "2024-03-04T09:00:00Z",
            "poster": [{"type": "STROM", "belop": 2300}],
            "barn": [{"navn": "Liv Hansen", "fodselsdato": "2012-01-01"}]}
    client = Client()

    created = client.post("/api/v1/soknader", json_body(body), content_type="application/json",
                          **auth)
    sid = created.json()["id"]
    refused = client.post(f"/api/v1/soknader/{sid}/status", {"status": "FERDIGBEHANDLET"},
                          content_type="application/json", **auth)
    moved = client.post(f"/api/v1/soknader/{sid}/status", {"status": "UNDER_BEHANDLING"},
                        content_type="application/json", **auth)
    detail = client.get(f"/api/v1/soknader/{sid}", **auth).json()

    assert created.status_code == 201
    assert refused.status_code == 400 and refused.json()["code"] == "illegal_status_transition"
    assert moved.json() == {"id": sid, "status": "UNDER_BEHANDLING"}
    assert detail["barn"][0]["navn"] == "Liv Hansen"
    assert detail["hendelser"][0]["type"] == "intake.soknad.status"  # newest first


def test_the_api_names_the_field_of_an_invalid_fodselsnummer(users) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users['veileder_a'])}"}
    body = {"fodselsnummer": "15076500566", "fornavn": "Per", "etternavn": "Hansen",
            "kanal": "PAPIR", "mottatt_at": "2024-03-04T09:00:00Z",
            "poster": [{"type": "LIVSOPPHOLD"}]}

    response = Client().post("/api/v1/soknader", json_body(body),
                             content_type="application/json", **auth)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_fodselsnummer"
    assert response.json()["extra"]["field"] == "fodselsnummer"
    assert Soknad.objects.count() == 0


def test_the_session_api_needs_a_csrf_token_for_writes(users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["veileder_a"])

    response = client.post("/api/v1/soknader", "{}", content_type="application/json")

    assert response.status_code in (401, 403)


def json_body(data: dict[str, object]) -> str:
    import json

    return json.dumps(data)


def test_the_ui_is_bokmal_whatever_the_browser_asks_for_until_a_language_is_chosen(
    users,
) -> None:
    client = _client(users["veileder_a"])

    default = client.get("/soknad/ny/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    chosen = client.get("/soknad/ny/").content.decode()

    assert '<html lang="nb">' in default and "Registrer søknad" in default
    assert '<html lang="en">' in chosen
