"""Audit entries take identifiers only from validated values (issue 10, item 12): a caseworker
wrote a name, a fødselsnummer and a diagnosis into the free-text segment of
/vedtak/<id>/<action>/, and it landed in the Tilgangslogg's object_id."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import AuditEntry
from tests.helpers import synthetic_fnr

pytestmark = pytest.mark.django_db
FREE_TEXT = "Kari Nordmann 01019012345 depresjon"


def test_a_free_text_action_in_the_decision_url_is_not_a_route_and_is_not_audited(
    users,
) -> None:
    client = Client()
    client.force_login(users["veileder_a"])

    response = client.post(f"/vedtak/1/{quote(FREE_TEXT)}/", {})

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(object_id__icontains="Kari").exists()
    assert not [e for e in AuditEntry.objects.all()
                if "Nordmann" in f"{e.object_id} {e.purpose}"]


def test_a_known_action_still_resolves() -> None:
    from django.urls import resolve

    assert resolve("/vedtak/7/klage/").kwargs == {"vedtak_id": 7, "action": "klage"}


@pytest.mark.parametrize("bad", [
    FREE_TEXT, "/vedtak/1/Kari Nordmann/", "12 34", "²", "١٢", "1" * 25, -5, True, None,
])
def test_the_audit_writer_stores_only_a_plain_id(bad) -> None:
    entry = record(actor=None, action="DENIED", object_type="endepunkt", object_id=bad,
                   purpose="test")
    assert entry.object_id == ""


def test_the_audit_writer_refuses_a_fodselsnummer_as_an_id() -> None:
    """Real-shaped, D-nummer and synthetic numbers alike: eleven digits is never an id."""
    from datetime import date

    for value in (synthetic_fnr(date(1990, 1, 1), 5), "01019012345", "41019012345"):
        entry = record(actor=None, action="READ", object_type="soknad", object_id=value,
                       purpose="test")
        assert entry.object_id == ""
    for ok in (42, "42", 2**62):
        assert record(actor=None, action="READ", object_type="soknad", object_id=ok,
                      purpose="test").object_id == str(ok)
