"""Office scoping, protected addresses and the audit log, through the UI and the API."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.intake.queries import get_soknad
from sosialsak.kernel.errors import NotFound
from tests.helpers import NOW


def login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


class TestOfficeScope:
    def test_a_veileder_gets_404_for_another_offices_application_in_the_ui(
        self, make_soknad, users
    ) -> None:
        other = make_soknad(office="B")

        response = login(users["veileder_a"]).get(f"/soknad/{other.pk}/")

        assert response.status_code == 404
        assert "Nordmann" not in response.content.decode()
        denial = AuditEntry.objects.get(action="DENIED", object_id=str(other.pk))
        assert denial.actor_username == "va"
        assert denial.kontor_id == other.kontor_id

    def test_a_veileder_gets_404_for_another_offices_application_in_the_api(
        self, make_soknad, users
    ) -> None:
        other = make_soknad(office="B")

        response = Client().get(f"/api/v1/soknader/{other.pk}", **bearer(users["veileder_a"]))

        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert AuditEntry.objects.filter(action="DENIED", object_id=str(other.pk),
                                         channel="api").count() == 1

    def test_a_refused_change_is_audited_in_the_api_and_the_ui(
        self, make_soknad, users
    ) -> None:
        other = make_soknad(office="B")
        body = json.dumps({"status": "UNDER_BEHANDLING"})

        api = Client().post(f"/api/v1/soknader/{other.pk}/status", body,
                            content_type="application/json", **bearer(users["veileder_a"]))
        ui = login(users["veileder_a"]).post(f"/soknad/{other.pk}/status/",
                                             {"status": "UNDER_BEHANDLING"})
        readonly = Client().post(f"/api/v1/soknader/{other.pk}/status", body,
                                 content_type="application/json",
                                 **bearer(users["statsforvalter"]))

        # Issue 12: the read-only role is refused as such (403), not as "not found".
        assert (api.status_code, ui.status_code, readonly.status_code) == (404, 404, 403)
        denials = AuditEntry.objects.filter(action="DENIED", object_type="endepunkt")
        va, sf = users["veileder_a"].username, users["statsforvalter"].username
        # The id from the URL's validated parameter and the endpoint's name, never the path.
        assert sorted((e.actor_username, e.object_id, e.channel) for e in denials) == sorted([
            (va, str(other.pk), "api"), (va, str(other.pk), "web"),
            (sf, str(other.pk), "api")])
        assert all(e.purpose.startswith("endre: ") for e in denials)
        other.refresh_from_db()
        assert other.status == "MOTTATT"

    def test_a_missing_id_and_one_outside_scope_get_the_same_answer(
        self, make_soknad, users
    ) -> None:
        from sosialsak.contexts.accounts.scope import scope_for
        from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak

        other = make_soknad(office="B")
        vb = users["veileder_b"]
        vedtak = record_vedtak(scope=scope_for(vb), actor=vb, soknad_id=other.pk, now=NOW,
                               data=VedtakInput(post_ids=[other.poster.get().pk], hjemmel="§ 18",
                                                utfall="AVSLATT", begrunnelse="Nok inntekt."))
        body = json.dumps({"tekst": "Jeg klager.", "mottatt": "2024-03-10"})

        def post(url: str) -> object:
            return Client().post(url, body, content_type="application/json",
                                 **bearer(users["veileder_a"]))

        missing = post("/api/v1/vedtak/999999/klager")
        outside = post(f"/api/v1/vedtak/{vedtak.pk}/klager")

        assert missing.status_code == outside.status_code == 404  # type: ignore[attr-defined]
        assert missing.json() == outside.json()  # type: ignore[attr-defined]

    def test_the_queue_shows_only_the_own_office(self, make_soknad, users) -> None:
        own, other = make_soknad(office="A"), make_soknad(office="B")

        response = Client().get("/api/v1/soknader", **bearer(users["veileder_a"]))

        ids = [row["id"] for row in response.json()]
        assert own.pk in ids and other.pk not in ids

    def test_the_statsforvalter_reads_offices_in_the_county_only(
        self, make_soknad, users, scope_of
    ) -> None:
        in_county = make_soknad(office="B")
        scope = scope_of(users["statsforvalter"])

        assert get_soknad(scope=scope, actor=users["statsforvalter"], pk=in_county.pk,
                          purpose="tilsyn").pk == in_county.pk
        assert scope.kontor_ids == {users["veileder_a"].kontor_id, users["veileder_b"].kontor_id}
        assert not scope.can_write

    def test_an_anonymous_api_call_is_refused(self, make_soknad) -> None:
        response = Client().get("/api/v1/soknader")

        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"

    def test_an_admin_sees_no_cases(self, make_soknad, users, scope_of) -> None:
        soknad = make_soknad()

        with pytest.raises(NotFound):
            get_soknad(scope=scope_of(users["admin"]), actor=users["admin"], pk=soknad.pk,
                       purpose="x")


class TestCitizen:
    def test_a_citizen_sees_only_their_own_applications(self, make_soknad, users) -> None:
        from sosialsak.contexts.accounts.operations import create_user

        mine, theirs = make_soknad(), make_soknad()
        citizen = create_user(username="borger", password=None, role="bruker")
        mine.person.user = citizen
        mine.person.save()
        client = login(citizen)

        assert client.get(f"/mine/soknad/{mine.pk}/").status_code == 200
        assert client.get(f"/mine/soknad/{theirs.pk}/").status_code == 404
        # The caseworker page sends a citizen to their own view of the case.
        assert client.get(f"/soknad/{mine.pk}/")["Location"] == f"/mine/soknad/{mine.pk}/"
        listing = client.get("/mine/").content.decode()
        assert listing.count("/mine/soknad/") == 1

    def test_an_application_not_processed_does_not_say_its_items_await_a_decision(
        self, make_soknad, users
    ) -> None:
        from sosialsak.contexts.accounts.operations import create_user
        from sosialsak.contexts.accounts.scope import scope_for
        from sosialsak.contexts.decisions.operations import change_status

        soknad = make_soknad()
        citizen = create_user(username="borger", password=None, role="bruker")
        soknad.person.user = citizen
        soknad.person.save()
        page = login(citizen).get(f"/mine/soknad/{soknad.pk}/").content.decode()
        assert "ikke avgjort ennå" in page

        actor = users["veileder_sf"]
        change_status(scope=scope_for(actor), actor=actor, soknad_id=soknad.pk,
                      target="BEHANDLES_IKKE", now=NOW, reason="Søknaden er trukket.")
        page = login(citizen).get(f"/mine/soknad/{soknad.pk}/").content.decode()
        assert "ikke avgjort ennå" not in page and "ikke avgjort, søknaden behandles ikke" in page


class TestProtectedAddress:
    def test_strengt_fortrolig_is_hidden_without_the_permission(self, make_soknad, users) -> None:
        sf = make_soknad(beskyttelse="STRENGT_FORTROLIG")

        assert login(users["veileder_a"]).get(f"/soknad/{sf.pk}/").status_code == 404
        queue = login(users["veileder_a"]).get("/arbeidsliste/").content.decode()
        assert f"/soknad/{sf.pk}/" not in queue

    def test_strengt_fortrolig_is_missing_from_the_api_and_the_statsforvalter(
        self, make_soknad, users
    ) -> None:
        sf = make_soknad(beskyttelse="STRENGT_FORTROLIG")
        plain = make_soknad()

        for user in ("veileder_a", "statsforvalter"):
            listed = Client().get("/api/v1/soknader", **bearer(users[user])).json()
            one = Client().get(f"/api/v1/soknader/{sf.pk}", **bearer(users[user]))
            ids = [row["id"] for row in listed]
            assert plain.pk in ids and sf.pk not in ids
            assert one.status_code == 404
            assert AuditEntry.objects.filter(action="DENIED", object_id=str(sf.pk),
                                             actor_id=users[user].pk).count() == 1

    def test_with_the_permission_the_case_is_visible_but_the_address_is_not(
        self, make_soknad, users
    ) -> None:
        sf = make_soknad(beskyttelse="STRENGT_FORTROLIG")
        client = login(users["veileder_sf"])

        page = client.get(f"/soknad/{sf.pk}/").content.decode()
        api = client.get(f"/api/v1/soknader/{sf.pk}").content.decode()

        assert "Nordmann" in page
        assert "Hemmeligveien" not in page
        assert "Hemmeligveien" not in api
        assert "skjermet" in json.loads(api)["adresse"]

    def test_a_fortrolig_address_is_not_shown_either(self, make_soknad, users) -> None:
        person_case = make_soknad(beskyttelse="FORTROLIG")

        page = login(users["veileder_a"]).get(f"/soknad/{person_case.pk}/").content.decode()

        assert "Hemmeligveien" not in page

    def test_no_personal_data_reaches_the_logs(self, make_soknad, users, caplog) -> None:
        sf = make_soknad(beskyttelse="STRENGT_FORTROLIG")
        caplog.set_level(logging.DEBUG)

        login(users["veileder_sf"]).get(f"/soknad/{sf.pk}/")
        login(users["veileder_a"]).get(f"/soknad/{sf.pk}/")

        assert "Hemmeligveien" not in caplog.text
        assert sf.person.fodselsnummer not in caplog.text
        assert "Nordmann" not in caplog.text


class TestAudit:
    def test_reading_a_case_page_is_logged_without_personal_data(self, make_soknad, users) -> None:
        soknad = make_soknad()

        login(users["veileder_a"]).get(f"/soknad/{soknad.pk}/")

        entry = AuditEntry.objects.filter(action="READ", object_id=str(soknad.pk)).get()
        assert (entry.actor_username, entry.purpose, entry.channel) == ("va", "saksbehandling",
                                                                        "web")
        stored = " ".join(str(v) for v in AuditEntry.objects.values_list())
        assert soknad.person.fodselsnummer not in stored
        assert "Nordmann" not in stored

    def test_every_write_is_logged(self, make_soknad, users) -> None:
        soknad = make_soknad()

        login(users["veileder_a"]).post(f"/soknad/{soknad.pk}/status/",
                                        {"status": "UNDER_BEHANDLING"})

        purposes = list(AuditEntry.objects.filter(action="WRITE", object_type="soknad",
                                                  object_id=str(soknad.pk))
                        .order_by("id").values_list("purpose", flat=True))
        assert purposes == ["registrere søknad", "endre status"]

    def test_the_queue_logs_a_read_per_listed_application(self, make_soknad, users) -> None:
        a, b = make_soknad(), make_soknad()

        login(users["veileder_a"]).get("/arbeidsliste/")

        assert set(AuditEntry.objects.filter(action="READ", purpose="arbeidsliste")
                   .values_list("object_id", flat=True)) == {str(a.pk), str(b.pk)}

    def test_a_leder_searches_the_offices_log_and_a_veileder_cannot(
        self, make_soknad, users
    ) -> None:
        soknad = make_soknad()
        login(users["veileder_a"]).get(f"/soknad/{soknad.pk}/")

        page = login(users["leder_a"]).get("/tilgangslogg/", {"actor_username": "va"})
        denied = login(users["veileder_a"]).get("/tilgangslogg/")

        assert page.status_code == 200
        assert f"soknad {soknad.pk}" in page.content.decode()
        assert denied.status_code == 404
        assert AuditEntry.objects.filter(action="DENIED", object_type="tilgangslogg",
                                         actor_id=users["veileder_a"].pk).count() == 1

    def test_audit_entries_cannot_be_changed(self, make_soknad) -> None:
        make_soknad()
        entry = AuditEntry.objects.first()
        assert entry is not None

        with pytest.raises(PermissionError):
            entry.save()
        with pytest.raises(PermissionError):
            AuditEntry.objects.all().delete()


def test_input_that_does_not_fit_the_schema_gets_the_one_error_shape(users) -> None:
    fnr = "01018012345"
    response = Client().post("/api/v1/soknader", json.dumps({
        "kanal": "TELEFON", "fodselsnummer": fnr, "poster": "ikke en liste"}),
        content_type="application/json", **bearer(users["veileder_a"]))

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input" and set(body) == {"code", "message", "extra"}
    assert body["extra"]["field"] and body["message"].startswith(body["extra"]["field"])
    assert fnr not in response.content.decode()
