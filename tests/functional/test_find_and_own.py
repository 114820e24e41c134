"""Issue 12: find a case or a person (one search, the person page), who handles a case, and a
read-only role refused with 403 — through the API and the caseworker pages.

Threats and rules pinned: a fødselsnummer search reveals no person outside the caller's scope
and no strengt fortrolig person without the permission (sotjl. § 44 duty of confidentiality;
issue 10); a protected address is never shown; every read is audited with a purpose and the
search term (maybe a fødselsnummer) is never logged; a page does not gain a query per row.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from sosialsak.contexts.accounts.operations import create_user
from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.contexts.intake.operations import (
    ApplicantInput,
    PostInput,
    SoknadInput,
    register_with_applicant,
)
from sosialsak.contexts.people.models import Person
from tests.helpers import NOW, synthetic_fnr

FNR = synthetic_fnr(date(1984, 6, 3), 3)


class Api:
    def __init__(self, user: Any) -> None:
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}
        self.client = Client()

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{url}", params, **self.auth)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1{url}", json.dumps(body or {}),
                                content_type="application/json", **self.auth)


def register(actor: Any, office: Any, *, fnr: str = FNR, telefon: str = "",
             etternavn: str = "Fjeld", days_ago: int = 0) -> Soknad:
    return register_with_applicant(
        scope=scope_for(actor), actor=actor, kontor=office,
        applicant=ApplicantInput(fodselsnummer=fnr, fornavn="Hedda", etternavn=etternavn,
                                 telefon=telefon),
        partner=None, barn=[],
        data=SoknadInput(kanal="TELEFON", mottatt_at=NOW - timedelta(days=days_ago),
                         poster=[PostInput(type="LIVSOPPHOLD")]))


@pytest.fixture
def two_of_one(users: dict[str, Any], offices: dict[str, Any]) -> tuple[Soknad, Soknad]:
    """Hedda's two applications at NAV Årstad; the older one is closed."""
    old = register(users["veileder_a"], offices["A"], days_ago=40, telefon="41234567")
    new = register(users["veileder_a"], offices["A"], telefon="99887766")
    Soknad.objects.filter(pk=old.pk).update(status="BEHANDLES_IKKE")
    return old, new


# --- 1. Find ---------------------------------------------------------------------------------

def test_fnr_search_finds_the_person_across_statuses_and_logs_no_number(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    old, new = two_of_one
    api = Api(users["veileder_a"])
    found = api.get("/sok", q=FNR).json()
    listed = api.get("/soknader", q=FNR).json()  # the queue's own search (open ones) too

    assert [h["id"] for h in found["hits"]] == [new.pk, old.pk]  # newest first, both statuses
    assert [p["person_id"] for p in found["personer"]] == [new.person_id]
    assert found["personer"][0]["antall_soknader"] == 2
    assert [r["id"] for r in listed] == [new.pk]
    entries = AuditEntry.objects.filter(purpose="api: søk etter sak eller person",
                                        object_type="soknad")
    assert sorted(int(e.object_id) for e in entries) == sorted([old.pk, new.pk])
    assert not any(FNR in (e.purpose + e.object_id) for e in AuditEntry.objects.all())
    searches = AuditEntry.objects.filter(object_type="sok").values_list("purpose", flat=True)
    assert sorted(searches) == ["api: liste søknader (fodselsnummer: 1 treff)",
                                "api: søk etter sak eller person (fodselsnummer: 2 treff)"]


def test_search_by_name_words_and_by_saksnummer(two_of_one: tuple[Soknad, Soknad],
                                                users: dict[str, Any]) -> None:
    old, _new = two_of_one
    api = Api(users["veileder_a"])
    assert len(api.get("/sok", q="fjeld hedda").json()["hits"]) == 2
    assert [h["id"] for h in api.get("/sok", q=f"Saksnummer {old.pk}").json()["hits"]] == [old.pk]


def test_fnr_search_reveals_nobody_outside_scope_nor_strengt_fortrolig(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], offices: dict[str, Any]
) -> None:
    """§ 44 / issue 10: another office, and an office without the permission, learn nothing
    about whether the number is known here."""
    secret_fnr = synthetic_fnr(date(1979, 2, 2), 9)
    hidden = register(users["veileder_sf"], offices["A"], fnr=secret_fnr, etternavn="Skjult")
    Person.objects.filter(pk=hidden.person_id).update(adressebeskyttelse="STRENGT_FORTROLIG")

    assert Api(users["veileder_b"]).get("/sok", q=FNR).json()["hits"] == []
    # The probe itself is in the log of vb's office, without the number.
    assert AuditEntry.objects.get(object_type="sok", actor_username="vb").purpose.endswith(
        "(fodselsnummer: 0 treff)")
    assert Api(users["veileder_a"]).get("/sok", q=secret_fnr).json()["hits"] == []
    assert Api(users["veileder_a"]).get("/sok", q="Skjult").json()["hits"] == []
    assert Api(users["veileder_a"]).get(f"/personer/{hidden.person_id}").status_code == 404
    assert [h["id"] for h in Api(users["veileder_sf"]).get("/sok", q=secret_fnr).json()["hits"]] \
        == [hidden.pk]


def test_person_page_data_lists_each_application_and_household_as_stated(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    old, new = two_of_one
    body = Api(users["veileder_a"]).get(f"/personer/{new.person_id}").json()

    assert [s["id"] for s in body["soknader"]] == [new.pk, old.pk]
    assert [(h["soknad_id"], h["telefon"]) for h in body["husstander"]] == [
        (new.pk, "99887766"), (old.pk, "41234567")]
    assert body["telefon"] == "99887766"  # as stated last
    assert [e["art"] for e in body["historikk"]] == ["SOKNAD", "SOKNAD"]
    assert Api(users["veileder_b"]).get(f"/personer/{new.person_id}").status_code == 404
    assert AuditEntry.objects.filter(object_type="person", action="DENIED").count() == 1


def test_person_page_never_shows_a_protected_address(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], client: Client
) -> None:
    _old, new = two_of_one
    Person.objects.filter(pk=new.person_id).update(adressebeskyttelse="FORTROLIG")
    new.husstand.gateadresse = "Hemmeligveien 1"
    new.husstand.save()

    body = Api(users["veileder_a"]).get(f"/personer/{new.person_id}").json()
    client.force_login(users["veileder_a"])
    page = client.get(f"/person/{new.person_id}/").content.decode()

    assert body["beskyttet"] is True
    assert "Hemmeligveien" not in json.dumps(body) and "Hemmeligveien" not in page
    assert "Adressen er skjermet" in page


@pytest.mark.parametrize("n", [2, 12])
def test_search_and_person_page_have_a_fixed_number_of_queries(
    n: int, users: dict[str, Any], offices: dict[str, Any], client: Client,
    django_assert_max_num_queries: Any,
) -> None:
    """Same bound with 2 and 12 applications: a query per row fails this."""
    soknader = [register(users["veileder_a"], offices["A"], days_ago=i) for i in range(n)]
    client.force_login(users["veileder_a"])
    client.get("/sok/?q=x")  # warm up the session and the user
    with django_assert_max_num_queries(9):
        assert client.get(f"/sok/?q={FNR}").status_code == 200
    with django_assert_max_num_queries(17):
        page = client.get(f"/person/{soknader[0].person_id}/")
    assert page.content.decode().count('href="/soknad/') >= n


def test_registering_again_shows_a_hint_linking_the_person_page(
    users: dict[str, Any], offices: dict[str, Any], client: Client
) -> None:
    first = register(users["veileder_a"], offices["A"])
    client.force_login(users["veileder_a"])
    response = client.post("/soknad/ny/", {
        "fodselsnummer": FNR, "fornavn": "Hedda", "etternavn": "Fjeld", "kanal": "MUNTLIG",
        "mottatt_at": "2024-03-04T12:00", "poster": ["LIVSOPPHOLD"]}, follow=True)
    text = response.content.decode()
    assert response.status_code == 200
    assert f"sist saksnummer {first.pk}" in text
    assert f'href="/person/{first.person_id}/"' in text


# --- 2. Own ----------------------------------------------------------------------------------

def test_take_a_case_and_it_is_mine_with_an_event_naming_the_actor(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    _old, new = two_of_one
    va = users["veileder_a"]
    api = Api(va)
    assert [r["id"] for r in api.get("/soknader", tildelt="unassigned").json()] == [new.pk]

    taken = api.post(f"/soknader/{new.pk}/saksbehandler", {"saksbehandler_id": va.pk})

    assert taken.status_code == 200 and taken.json()["saksbehandler_id"] == va.pk
    assert [r["id"] for r in api.get("/soknader", tildelt="mine").json()] == [new.pk]
    assert api.get("/soknader", tildelt="unassigned").json() == []
    event = Hendelse.objects.get(soknad=new, type="intake.soknad.saksbehandler")
    assert event.actor_id == va.pk
    assert AuditEntry.objects.filter(action="WRITE", object_id=str(new.pk),
                                     purpose="tildele saksbehandler").count() == 1
    detail = api.get(f"/soknader/{new.pk}").json()
    assert detail["hendelser"][0]["tekst"].startswith("Saken er tatt av")
    assert detail["hendelser"][0]["actor"] == va.username  # no full name in the fixture
    assert (detail["saksbehandler_id"], detail["person_id"]) == (va.pk, new.person_id)


def test_hand_over_only_to_a_colleague_at_the_same_office(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    _old, new = two_of_one
    api = Api(users["veileder_a"])
    to_b = api.post(f"/soknader/{new.pk}/saksbehandler",
                    {"saksbehandler_id": users["veileder_b"].pk})
    to_leder = api.post(f"/soknader/{new.pk}/saksbehandler",
                        {"saksbehandler_id": users["leder_a"].pk})
    assert to_b.status_code == 400 and to_b.json()["extra"]["field"] == "saksbehandler"
    assert to_leder.status_code == 200
    assert Api(users["leder_a"]).get("/soknader", tildelt="mine").json()[0]["id"] == new.pk


def test_only_a_leder_redistributes_in_bulk(users: dict[str, Any], offices: dict[str, Any]
                                            ) -> None:
    cases = [register(users["veileder_a"], offices["A"], fnr=synthetic_fnr(date(1990, 1, 1), i))
             for i in range(3)]
    body = {"soknader": [s.pk for s in cases], "saksbehandler_id": users["veileder_a"].pk}
    refused = Api(users["veileder_a"]).post("/saksbehandler/fordel", body)
    done = Api(users["leder_a"]).post("/saksbehandler/fordel", body)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert done.json() == {"endret": 3}
    assert set(Soknad.objects.values_list("saksbehandler_id", flat=True)) == {
        users["veileder_a"].pk}


def test_team_filter_is_the_callers_office(users: dict[str, Any], offices: dict[str, Any]
                                           ) -> None:
    """The statsforvalter sees both offices; a veileder's "team" is their own office."""
    a = register(users["veileder_a"], offices["A"])
    register(users["veileder_b"], offices["B"], fnr=synthetic_fnr(date(1991, 1, 1), 1))
    assert [r["id"] for r in Api(users["veileder_a"]).get("/soknader",
                                                          tildelt="team").json()] == [a.pk]


# --- 6. Roles --------------------------------------------------------------------------------

def test_statsforvalter_write_is_403_in_the_error_shape(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    _old, new = two_of_one
    sf = Api(users["statsforvalter"])
    by_token = sf.post(f"/soknader/{new.pk}/status", {"status": "UNDER_BEHANDLING"})
    session = Client()
    session.force_login(users["statsforvalter"])
    by_session = session.post(f"/api/v1/soknader/{new.pk}/saksbehandler", "{}",
                              content_type="application/json")

    for r in (by_token, by_session):
        assert r.status_code == 403
        assert r.json() == {"code": "forbidden",
                            "message": "Rollen din kan lese saker, men ikke endre dem.",
                            "extra": {}}
    assert Soknad.objects.get(pk=new.pk).status == "MOTTATT"
    assert AuditEntry.objects.filter(action="DENIED", actor_username="sf46").count() == 2


def test_statsforvalter_form_post_gets_our_403_page_and_sees_no_forms(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], client: Client
) -> None:
    _old, new = two_of_one
    client.force_login(users["statsforvalter"])
    refused = client.post(f"/soknad/{new.pk}/status/", {"status": "UNDER_BEHANDLING"})
    case = client.get(f"/soknad/{new.pk}/").content.decode()
    assert refused.status_code == 403
    assert "Rollen din kan lese saker, men ikke endre dem." in refused.content.decode()
    assert 'class="read-only"' in case
    assert "Ta saken" not in case and "Gi videre" not in case


# --- 8. Smaller items ------------------------------------------------------------------------

def test_case_page_shows_phone_assignee_actor_and_spaced_amounts(
    users: dict[str, Any], offices: dict[str, Any], client: Client
) -> None:
    s = register(users["veileder_a"], offices["A"], telefon="41234567")
    s.poster.update(belop=12400)
    client.force_login(users["veileder_a"])
    client.post(f"/soknad/{s.pk}/saksbehandler/", {"handling": "ta"})
    page = client.get(f"/soknad/{s.pk}/").content.decode()
    assert "41234567" in page  # the phone number stated at registration
    assert "12\u00a0400\u00a0kr" in page and "12400 kr" not in page
    assert '<p id="saksbehandler">' in page and "Ingen saksbehandler ennå" not in page
    assert '<span class="actor">(' in page  # the event log names who did it


def test_queue_title_follows_the_status_filter(users: dict[str, Any], client: Client) -> None:
    client.force_login(users["veileder_a"])
    page = client.get("/arbeidsliste/?status=FERDIGBEHANDLET").content.decode()
    assert "<title>Søknader: Ferdig behandlet – sosialsak</title>" in page
    assert "<h1>Søknader: Ferdig behandlet</h1>" in page


def test_header_search_box_on_caseworker_pages(users: dict[str, Any], client: Client) -> None:
    client.force_login(users["veileder_a"])
    for url in ("/arbeidslister/", "/arbeidsliste/", "/soknad/ny/"):
        assert 'action="/sok/"' in client.get(url).content.decode(), url


def test_other_user_setup_for_colleagues(offices: dict[str, Any]) -> None:
    """A deactivated colleague is not offered (and cannot be given a case)."""
    from sosialsak.contexts.intake.assignment import colleagues

    u = create_user(username="gone", password="test-passord-123", role="veileder",
                    kontor=offices["A"])
    u.is_active = False
    u.save()
    assert "gone" not in [c.username for c in colleagues(kontor_id=offices["A"].pk)]


def test_an_appeal_received_today_is_not_zero_days_ago() -> None:
    from sosialsak.contexts.casefile.worklists._sources import klage_waited

    assert [klage_waited(d) for d in (0, 1, 5)] == [
        "Klage mottatt i dag", "Klage mottatt i går", "Klage mottatt for 5 dager siden"]


def test_a_closed_case_shows_no_preliminary_reply_clock(users: dict[str, Any],
                                                        offices: dict[str, Any],
                                                        client: Client) -> None:
    """Fvl. § 11 a: the preliminary reply is for undecided applications only."""
    s = register(users["veileder_a"], offices["A"])
    client.force_login(users["veileder_a"])
    assert "Frist for foreløpig svar" in client.get(f"/soknad/{s.pk}/").content.decode()
    Soknad.objects.filter(pk=s.pk).update(status="BEHANDLES_IKKE")
    page = client.get(f"/soknad/{s.pk}/").content.decode()
    assert "Frist for foreløpig svar" not in page and "Neste frist" not in page


def test_the_audit_log_shows_the_newest_entries_before_any_search(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], client: Client
) -> None:
    _old, new = two_of_one
    Api(users["veileder_a"]).get(f"/soknader/{new.pk}")
    client.force_login(users["leder_a"])
    page = client.get("/tilgangslogg/").content.decode()
    assert "api: lese søknad" in page


def test_admin_headings_are_norwegian(users: dict[str, Any], client: Client) -> None:
    client.force_login(users["admin"])
    page = client.get("/admin/").content.decode()
    assert "Brukere og kontorer" in page and ">Accounts<" not in page


def test_a_veileder_is_not_offered_the_bank_file_download(
    users: dict[str, Any], client: Client
) -> None:
    """Separation of duties (issue 12): the export is the leder's (own permission)."""
    client.force_login(users["veileder_a"])
    refused = client.post("/utbetalinger/eksport/", {"dato": "2024-04-15", "format": "CSV"})
    assert refused.status_code == 403
    assert "Det krever egen tilgang" in refused.content.decode()


def test_the_event_log_shows_a_run_of_identical_lines_once_with_the_count() -> None:
    from datetime import datetime

    from sosialsak.contexts.casefile.detail import HendelseView, collapse_events

    at = datetime(2024, 3, 4, 9, 30, 5)
    events = [HendelseView(at, "cases.kartlegging.oppdatert", "Kartleggingen er oppdatert", "Vera")
              for _ in range(5)] + [HendelseView(at, "intake.soknad.mottatt", "Mottatt", "Vera")]
    shown = collapse_events(events)
    assert [(e.tekst, e.antall) for e in shown] == [("Kartleggingen er oppdatert", 5),
                                                   ("Mottatt", 1)]


def test_while_registering_the_fnr_shows_the_persons_applications(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], client: Client
) -> None:
    _old, new = two_of_one
    client.force_login(users["veileder_a"])
    hint = client.get(f"/sok/registrering/?fodselsnummer={FNR}").content.decode()
    other = Client()
    other.force_login(users["veileder_b"])
    assert f'href="/person/{new.person_id}/"' in hint and "allerede 2 søknader" in hint
    assert other.get(f"/sok/registrering/?fodselsnummer={FNR}").content.decode().strip() == ""
    register_page = client.get("/soknad/ny/").content.decode()
    assert 'hx-get="/sok/registrering/"' in register_page and 'id="tidligere"' in register_page


def test_statsforvalter_gets_403_on_pages_that_are_only_a_change_form(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any], client: Client
) -> None:
    _old, new = two_of_one
    client.force_login(users["statsforvalter"])
    for url in (f"/soknad/{new.pk}/vedtak/ny/", f"/soknad/{new.pk}/samtale/",
                f"/soknad/{new.pk}/dokumentasjon/", f"/soknad/{new.pk}/kartlegging/okonomi/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Rollen din kan lese saker, men ikke endre dem." in response.content.decode()
    assert client.get(f"/soknad/{new.pk}/kartlegging/").status_code == 200  # reading is fine


def test_a_strengt_fortrolig_case_goes_only_to_a_colleague_who_may_see_it(
    two_of_one: tuple[Soknad, Soknad], users: dict[str, Any]
) -> None:
    """Issue 12 with § 44 / issue 10: a case the colleague cannot see would vanish from their
    own list while it stayed theirs; it is refused naming the field."""
    _old, new = two_of_one
    Person.objects.filter(pk=new.person_id).update(adressebeskyttelse="STRENGT_FORTROLIG")
    api = Api(users["veileder_sf"])
    blind = api.post(f"/soknader/{new.pk}/saksbehandler",
                     {"saksbehandler_id": users["veileder_a"].pk})
    seeing = api.post(f"/soknader/{new.pk}/saksbehandler",
                      {"saksbehandler_id": users["veileder_sf"].pk})
    assert blind.status_code == 400 and blind.json()["extra"]["field"] == "saksbehandler"
    assert seeing.status_code == 200
    assert Soknad.objects.get(pk=new.pk).saksbehandler_id == users["veileder_sf"].pk


def test_a_queue_search_by_fnr_is_logged_even_without_hits(users: dict[str, Any]) -> None:
    """Issue 12 / issue 10: probing numbers in the queue's search shows in the log, by hit
    count and never the number."""
    stranger = synthetic_fnr(date(1970, 5, 5), 7)
    Api(users["veileder_a"]).get("/soknader", q=stranger)
    entry = AuditEntry.objects.get(object_type="sok", actor_username=users["veileder_a"].username)
    assert entry.purpose.endswith("(fodselsnummer: 0 treff)") and stranger not in entry.purpose


def test_a_bulk_assignment_with_a_bad_id_changes_nothing_and_is_no_500(
    users: dict[str, Any], offices: dict[str, Any]
) -> None:
    """Issue 10 (bounds) / issue 12 (all or nothing): "²" passes isdigit() but not int()."""
    case = register(users["veileder_a"], offices["A"], fnr=synthetic_fnr(date(1990, 1, 1), 4))
    client = Client()
    client.force_login(users["leder_a"])
    answer = client.post("/arbeidsliste/fordel/", {"soknad": [str(case.pk), "²"],
                                                  "saksbehandler": users["veileder_a"].pk})
    assert answer.status_code == 302
    assert Soknad.objects.get(pk=case.pk).saksbehandler_id is None
