"""Issue 10, item 1: a new application never changes or discloses another office's person.

Threat: a caseworker in office B registers an application with the fødselsnummer of a person
whose case is at office A. Before the fix the person's name was overwritten, her household
(partner, daughter) deleted from A's case, and B's new case showed her address and account; for
a person with strengt fortrolig adresse the 201-then-404 told B the person is protected.
Rule: facts belong to the application (``people.Husstand``, read by
``intake.household.household_of``); the person record changes only by an audited correction
by someone who has the person wholly in scope (``intake.operations.correct_person``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.payments.profile import set_betalingsprofil
from sosialsak.contexts.people.models import Person
from sosialsak.kernel.errors import NotFound
from tests.functional.test_case_progress_api import Api
from tests.helpers import NOW, synthetic_fnr

EMMA = synthetic_fnr(date(2001, 10, 9), 7)
KONTO = "12345678903"


def _api(user: Any) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def _register(user: Any, **over: Any) -> Any:
    client, auth = _api(user)
    body: dict[str, Any] = {
        "fodselsnummer": EMMA, "fornavn": "Emma", "etternavn": "Eksempel", "kanal": "TELEFON",
        "mottatt_at": "2024-03-04T09:00:00Z", "poster": [{"type": "LIVSOPPHOLD"}],
        "partner": {"navn": "Ola Partner", "relasjon": "SAMBOER"},
        "barn": [{"navn": "Ella Eksempel", "fodselsdato": "2016-05-01"}]}
    body.update(over)
    return client.post("/api/v1/soknader", json.dumps(body), content_type="application/json",
                       **auth)


def _detail(user: Any, soknad_id: int) -> Any:
    client, auth = _api(user)
    return client.get(f"/api/v1/soknader/{soknad_id}", **auth)


@pytest.fixture
def emma_at_a(users: Any) -> Soknad:
    """Emma's application at office A, with her address on record and her account."""
    created = _register(users["veileder_sf"])
    assert created.status_code == 201
    soknad = Soknad.objects.get(pk=created.json()["id"])
    Person.objects.filter(pk=soknad.person_id).update(
        gateadresse="Fjellveien 12", postnummer="5007", poststed="Bergen")
    set_betalingsprofil(scope=scope_for(users["veileder_sf"]), actor=users["veileder_sf"],
                        soknad_id=soknad.pk, kontonummer=KONTO, samlet_manedlig_utbetaling=False,
                        now=NOW)
    return soknad


def _attack(users: Any) -> Any:
    return _register(users["veileder_b"], fornavn="Mallory", etternavn="Angrep",
                     partner=None, barn=[])


def test_office_b_registering_emmas_number_changes_and_discloses_nothing(
    users: Any, emma_at_a: Soknad
) -> None:
    before = _detail(users["veileder_sf"], emma_at_a.pk).json()

    created = _attack(users)

    assert created.status_code == 201  # an application is an application (sotjl. § 41)
    emma = Person.objects.get(fodselsnummer=EMMA)
    assert (emma.fornavn, emma.etternavn, emma.gateadresse) == ("Emma", "Eksempel",
                                                                "Fjellveien 12")
    after = _detail(users["veileder_sf"], emma_at_a.pk).json()
    assert (after["navn"], after["partner"], after["barn"]) == (
        before["navn"], before["partner"], before["barn"])
    assert after["barn"][0]["navn"] == "Ella Eksempel" and after["partner"].startswith("Ola")
    mine = _detail(users["veileder_b"], created.json()["id"])
    shown = mine.content.decode()
    assert mine.status_code == 200 and mine.json()["navn"] == "Mallory Angrep"
    for secret in ("Emma", "Fjellveien", "Ella", "Ola Partner", KONTO):
        assert secret not in shown, secret
    client, auth = _api(users["veileder_b"])
    payments = client.get(f"/api/v1/soknader/{created.json()['id']}/utbetalinger", **auth)
    assert payments.status_code == 200 and KONTO not in payments.content.decode()
    queue = client.get("/api/v1/soknader", **auth).content.decode()
    assert "Emma" not in queue and "Mallory Angrep" in queue


def test_the_ui_registration_leaves_emmas_record_and_case_alone(
    users: Any, emma_at_a: Soknad
) -> None:
    client = Client()
    client.force_login(users["veileder_b"])

    response = client.post("/soknad/ny/", {
        "fodselsnummer": EMMA, "fornavn": "Mallory", "etternavn": "Angrep", "kanal": "TELEFON",
        "mottatt_at": "2024-03-05T09:00", "poster": ["LIVSOPPHOLD"]})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Mallory Angrep" in page and "Fjellveien" not in page and "Ella" not in page
    assert Person.objects.get(fodselsnummer=EMMA).fornavn == "Emma"
    assert _detail(users["veileder_sf"], emma_at_a.pk).json()["barn"][0]["navn"] == \
        "Ella Eksempel"


def test_a_strengt_fortrolig_person_is_registered_like_anyone_and_nothing_is_revealed(
    users: Any, emma_at_a: Soknad
) -> None:
    Person.objects.filter(fodselsnummer=EMMA).update(adressebeskyttelse="STRENGT_FORTROLIG")
    ordinary = _register(users["veileder_b"], fodselsnummer=synthetic_fnr(date(1999, 1, 2), 3),
                         fornavn="Mallory", etternavn="Angrep", partner=None, barn=[])

    created = _attack(users)

    # The same answers as for an ordinary person: 201, then the case as B registered it.
    assert (created.status_code, ordinary.status_code) == (201, 201)
    mine = _detail(users["veileder_b"], created.json()["id"])
    theirs = _detail(users["veileder_b"], ordinary.json()["id"])
    assert (mine.status_code, theirs.status_code) == (200, 200)
    same = ("navn", "adresse", "adressebeskyttelse", "beskyttet", "partner", "barn")
    assert "navn" in theirs.json() and "barn" in theirs.json()
    for key in (k for k in same if k in theirs.json()):
        assert mine.json()[key] == theirs.json()[key], key
    shown = mine.content.decode()
    assert "Strengt" not in shown and "skjermet" not in shown and "Fjellveien" not in shown
    emma = Person.objects.get(fodselsnummer=EMMA)
    assert (emma.fornavn, emma.adressebeskyttelse) == ("Emma", "STRENGT_FORTROLIG")
    after = _detail(users["veileder_sf"], emma_at_a.pk).json()
    assert after["partner"].startswith("Ola") and after["barn"][0]["navn"] == "Ella Eksempel"
    # Office A's case stays hidden from those without the permission, in A and in B.
    assert _detail(users["veileder_a"], emma_at_a.pk).status_code == 404
    assert _detail(users["veileder_b"], emma_at_a.pk).status_code == 404
    # B's application is visible to B only (ADR 0010), never to the county's Statsforvalter,
    # who has no permission for strengt fortrolig: not in the case, the list nor the search.
    assert _detail(users["statsforvalter"], created.json()["id"]).status_code == 404
    sf = Api(users["statsforvalter"])
    assert created.json()["id"] not in [r["id"] for r in sf.get("/soknader").json()]
    assert sf.get("/sok", q=EMMA).json()["hits"] == []


def test_the_audited_correction_works_in_scope_and_is_refused_out_of_scope(
    users: Any, emma_at_a: Soknad
) -> None:
    from sosialsak.contexts.intake.operations import correct_person
    from sosialsak.contexts.people.operations import PersonCorrection

    vsf, vb = users["veileder_sf"], users["veileder_b"]
    corrected = correct_person(scope=scope_for(vsf), actor=vsf, soknad_id=emma_at_a.pk,
                               correction=PersonCorrection(gateadresse="Nyveien 1"))

    assert corrected.gateadresse == "Nyveien 1"
    entry = AuditEntry.objects.filter(object_type="person", object_id=str(corrected.pk)).get()
    assert "gateadresse" in entry.purpose and "Nyveien" not in entry.purpose
    with pytest.raises(NotFound):  # another office's application
        correct_person(scope=scope_for(vb), actor=vb, soknad_id=emma_at_a.pk,
                       correction=PersonCorrection(fornavn="Mallory"))
    own = _attack(users).json()["id"]
    with pytest.raises(NotFound):  # B's own application does not put Emma in B's scope
        correct_person(scope=scope_for(vb), actor=vb, soknad_id=own,
                       correction=PersonCorrection(fornavn="Mallory"))
    assert Person.objects.get(fodselsnummer=EMMA).fornavn == "Emma"


def test_a_digisos_import_keeps_the_record_and_other_offices_household(
    users: Any, tmp_path: Any
) -> None:
    from sosialsak.contexts.digisos.delivery import read_folder
    from sosialsak.contexts.digisos.importer import import_delivery
    from tests.digisos_samples import APPLICANT_FNR, did, soknad_json, write_delivery

    at_b = _register(users["veileder_b"], fodselsnummer=APPLICANT_FNR, fornavn="Amina",
                     etternavn="Tidligere", partner=None,
                     barn=[{"navn": "Ola Tidligere", "fodselsdato": "2014-02-03"}])
    folder = write_delivery(tmp_path / "in", digisos_id=did("dig-1"), ekstern_ref="ref-1",
                            soknad=soknad_json())

    result = import_delivery(delivery=read_folder(folder), now=NOW)

    assert result.outcome == "IMPORTERT"
    person = Person.objects.get(fodselsnummer=APPLICANT_FNR)
    assert (person.etternavn, person.gateadresse) == ("Tidligere", "")
    b_case = _detail(users["veileder_b"], at_b.json()["id"]).json()
    assert [c["navn"] for c in b_case["barn"]] == ["Ola Tidligere"]
    a_case = _detail(users["veileder_a"], result.soknad_id).json()
    assert [c["navn"] for c in a_case["barn"]] == ["Sara Digital", "Yusuf Digital"]
    assert "Solheimsgaten 7" in a_case["adresse"] and "Ola" not in json.dumps(a_case)
