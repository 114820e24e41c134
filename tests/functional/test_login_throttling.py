"""Login throttling and the audit of failed logins (issue 10, item 8).

Threat: 40 wrong passwords and then the right one logged in (online password guessing), and
failed logins left no trace. After the limit the account is locked even for the right
password, the page says so in plain language, and every failure and lock-out is in the audit
log with ids only: never the username typed, never an address.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "test-passord-123"


def _try(client: Client, username: str, password: str) -> Any:
    return client.post("/logg-inn/", {"username": username, "password": password})


def test_after_five_wrong_passwords_even_the_right_one_is_refused(users: Any, settings: Any
                                                                  ) -> None:
    client = Client()
    for _ in range(5):
        assert _try(client, "va", "feil-passord-xyz").status_code in (200, 429)

    locked = _try(client, "va", PASSWORD)

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "For mange mislykkede forsøk på å logge inn" in locked.content.decode()
    assert "sperret i 15 minutter" in locked.content.decode()


def test_the_right_password_before_the_limit_still_logs_in(users: Any) -> None:
    client = Client()
    for _ in range(3):
        _try(client, "va", "feil-passord-xyz")

    ok = _try(client, "va", PASSWORD)

    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(users["veileder_a"].pk)


def test_one_address_trying_many_usernames_is_locked_out(users: Any) -> None:
    client = Client()
    for name in ("ukjent1", "ukjent2", "ukjent3", "ukjent4", "ukjent5"):
        _try(client, name, "feil-passord-xyz")

    locked = _try(client, "la", PASSWORD)

    assert locked.status_code == 429


def test_the_lock_message_is_translated(users: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    for _ in range(6):
        page = _try(client, "va", "feil-passord-xyz")

    assert "Too many failed attempts to log in" in page.content.decode()


def test_failures_and_lock_outs_are_audited_with_ids_only(users: Any) -> None:
    from sosialsak.contexts.audit.models import AuditEntry

    client = Client()
    _try(client, "12345678901", "feil-passord-xyz")  # a fødselsnummer typed as username
    for _ in range(5):
        _try(client, "va", "hemmelig-feil")

    entries = list(AuditEntry.objects.filter(object_type="innlogging").order_by("id"))
    purposes = [e.purpose for e in entries]
    assert purposes.count("innlogging feilet") == 6
    assert "innlogging sperret etter for mange forsøk" in purposes
    assert entries[0].object_id == "" and entries[0].actor_id is None
    known = [e for e in entries if e.object_id]
    assert {e.object_id for e in known} == {str(users["veileder_a"].pk)}
    assert {e.kontor_id for e in known} == {users["veileder_a"].kontor_id}
    assert all(e.action == "DENIED" for e in entries)
    text = " ".join(f"{e.actor_username} {e.object_id} {e.purpose}" for e in entries)
    assert "12345678901" not in text and "va " not in f"{text} " and "127.0.0.1" not in text
