"""Issue 16, item 1: citizens log in through OpenID Connect shaped for ID-porten.

The development provider (/dev-idp/) signs the ID token; the client (Authlib, joserfc) checks
it. Level ``idporten-loa-high`` is required; the ``pid`` links the login to the person by
fødselsnummer, and the login never creates or changes a person (ADR 0010).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.people.models import Person
from tests.citizen_login import mount, oidc_login
from tests.helpers import synthetic_fnr

pytestmark = pytest.mark.django_db
UNKNOWN = synthetic_fnr(date(1988, 2, 2), 4)


@pytest.fixture(autouse=True)
def _in_process(monkeypatch: Any) -> None:
    mount(monkeypatch)


def test_discovery_and_jwks_are_served(client: Client) -> None:
    meta = client.get("/dev-idp/.well-known/openid-configuration").json()
    assert meta["issuer"] == "http://testserver/dev-idp"
    assert "idporten-loa-high" in meta["acr_values_supported"]
    keys = client.get("/dev-idp/jwks").json()["keys"]
    assert keys and keys[0]["kty"] == "RSA" and "d" not in keys[0]  # never the private part


def test_a_known_person_logs_in_and_is_linked_by_fodselsnummer(make_soknad: Any) -> None:
    soknad = make_soknad()
    client = Client()
    before = Person.objects.count()
    answer = oidc_login(client, soknad.person.fodselsnummer)
    assert answer.status_code == 302 and answer["Location"] == "/mine/"
    person = Person.objects.get(pk=soknad.person.pk)
    assert person.user is not None and person.fornavn == soknad.person.fornavn
    assert Person.objects.count() == before  # the login made no person
    page = client.get("/mine/")
    assert page.status_code == 200 and str(soknad.pk) in page.content.decode()
    # The next login is the same user.
    again = Client()
    oidc_login(again, soknad.person.fodselsnummer)
    assert again.session["_auth_user_id"] == str(person.user_id)


def test_someone_unknown_gets_a_citizen_user_and_no_person(db: Any) -> None:
    client = Client()
    answer = oidc_login(client, UNKNOWN)
    assert answer.status_code == 302
    assert not Person.objects.filter(fodselsnummer=UNKNOWN).exists()
    assert client.get("/mine/").status_code == 200
    assert UNKNOWN not in client.get("/mine/").content.decode()


def test_a_lower_level_is_refused_with_a_plain_message(db: Any) -> None:
    client = Client()
    answer = oidc_login(client, UNKNOWN, acr="idporten-loa-substantial")
    assert answer.status_code == 403
    assert "BankID" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_state_is_refused(db: Any) -> None:
    client = Client()
    start = client.get("/mine/logg-inn/idporten/")
    back = client.post(start["Location"].removeprefix("http://testserver"),
                       {"pid": UNKNOWN, "acr": "idporten-loa-high"})
    tampered = back["Location"].replace("state=", "state=x")
    answer = client.get(tampered.removeprefix("http://testserver"))
    assert answer.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_callback_replayed_in_another_browser_is_refused(db: Any) -> None:
    client = Client()
    start = client.get("/mine/logg-inn/idporten/")
    back = client.post(start["Location"].removeprefix("http://testserver"),
                       {"pid": UNKNOWN, "acr": "idporten-loa-high"})
    callback = back["Location"].removeprefix("http://testserver")
    assert client.get(callback).status_code == 302
    other = Client()
    other.get("/mine/logg-inn/idporten/")  # a fresh state in another browser
    assert other.get(callback).status_code == 403


def test_a_staff_account_cannot_be_reached_through_a_pid(make_soknad: Any,
                                                         users: Any) -> None:
    soknad = make_soknad()
    Person.objects.filter(pk=soknad.person.pk).update(user=users["veileder_a"])
    answer = oidc_login(Client(), soknad.person.fodselsnummer)
    assert answer.status_code == 403


def test_the_dev_provider_is_not_mounted_when_off(client: Client, settings: Any) -> None:
    from django.urls import clear_url_caches

    settings.SOSIALSAK_DEV_IDP = False
    clear_url_caches()
    assert client.get("/dev-idp/jwks").status_code == 404
