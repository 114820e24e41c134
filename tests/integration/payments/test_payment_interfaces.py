"""The payments CLI job, the caseworker page and the JSON API: one call inward each."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.payments.models import Eksportkjoring, Utbetaling
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.formats.pain001 import check_pain001
from tests.helpers import NOW
from tests.integration.payments.conftest import KONTO_SOKER


@pytest.fixture
def planned(make_soknad, grant, profil, scope, actor, office_settings) -> Any:
    office_settings()
    soknad = make_soknad()
    profil(soknad)
    create_payment_plan(scope=scope, actor=actor, vedtak_id=grant(soknad).pk,
                        hyppighet="MANEDLIG", now=NOW)
    return soknad


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bearer(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


class TestCli:
    def test_export_writes_the_file_as_a_system_job(self, planned, tmp_path: Path) -> None:
        out, err = io.StringIO(), io.StringIO()
        target = tmp_path / "bank.xml"

        call_command("payments", "export", "--date", "2024-04-15", "--kontor", "1201",
                     "--format", "pain001", "--out", str(target), stdout=out, stderr=err)

        assert check_pain001(target.read_bytes()) == []
        assert b"<InstdAmt Ccy=\"NOK\">9000.00</InstdAmt>" in target.read_bytes()
        assert "1 utbetalinger, 9000 kr, sha256" in err.getvalue()
        run = Eksportkjoring.objects.get()
        assert (run.kanal, run.kjort_av_navn, run.format) == ("cli", "system", "PAIN001")
        assert AuditEntry.objects.filter(action="EXPORT", channel="cli").count() == 2

    def test_csv_to_standard_output(self, planned) -> None:
        out = io.StringIO()

        call_command("payments", "export", "--date", "2024-04-15", "--kontor", "1201",
                     "--format", "csv", stdout=out, stderr=io.StringIO())

        lines = out.getvalue().splitlines()
        assert lines[0].startswith("referanse;betalingsreferanse;forfallsdato;belop")
        assert ";2024-04-15;9000,00;" in lines[1] and len(lines) == 2

    def test_a_day_without_payments_is_not_an_error(self, planned) -> None:
        err = io.StringIO()

        call_command("payments", "export", "--date", "2024-04-16", "--kontor", "1201",
                     "--format", "csv", stdout=io.StringIO(), stderr=err)

        assert "Ingen planlagte utbetalinger forfaller 16.04.2024" in err.getvalue()

    @pytest.mark.parametrize(("args", "message"), [
        (("--date", "15.04.2024", "--kontor", "1201"), "--date: ugyldig dato"),
        (("--date", "2024-02-30", "--kontor", "1201"), "--date: datoen '2024-02-30' finnes ikke"),
        (("--date", "2024-04-15", "--kontor", "9999"), "--kontor: fant ikke NAV-kontor 9999"),
    ])
    def test_bad_input_names_the_option(self, offices, args: tuple[str, ...],
                                        message: str) -> None:
        with pytest.raises(CommandError, match=message) as err:
            call_command("payments", "export", *args, "--format", "csv",
                         stdout=io.StringIO(), stderr=io.StringIO())

        assert err.value.returncode == 2


class TestCaseworkerPage:
    def test_the_page_lists_the_days_payments_and_downloads_the_files(
        self, planned, users
    ) -> None:
        client = login(users["leder_a"])

        page = client.get("/utbetalinger/?dato=2024-04-15").content.decode()
        csv = client.post("/utbetalinger/eksport/", {"dato": "2024-04-15", "format": "CSV"})
        xml = client.post("/utbetalinger/eksport/", {"dato": "2024-04-15", "format": "PAIN001"})

        assert planned.person.navn in page and "9\u00a0000\u00a0kr" in page and KONTO_SOKER in page
        assert "ikke eksportert" in page
        assert csv["Content-Disposition"] == \
            'attachment; filename="utbetalinger-1201-2024-04-15-1.csv"'
        assert b";9000,00;" in csv.content
        assert check_pain001(xml.content) == []
        after = client.get("/utbetalinger/?dato=2024-04-15").content.decode()
        assert "fil 1" in after and "SOSIALSAK-1201-20240415-01" in after

    def test_another_office_sees_none_of_it(self, planned, users) -> None:
        from django.contrib.auth.models import Permission

        # The export permission (a leder's by default, issue 12) for the other office's user.
        users["veileder_b"].user_permissions.add(
            Permission.objects.get(codename="export_payments"))
        client = login(users["veileder_b"])

        page = client.get("/utbetalinger/?dato=2024-04-15").content.decode()
        response = client.post("/utbetalinger/eksport/", {"dato": "2024-04-15",
                                                          "format": "CSV"}, follow=True)

        assert planned.person.navn not in page
        assert "Ingen planlagte utbetalinger forfaller 15.04.2024" in response.content.decode()

    def test_a_citizen_cannot_open_the_page(self, planned, users) -> None:
        from sosialsak.contexts.accounts.operations import create_user

        citizen = create_user(username="borger", password="p" * 12, role="bruker")

        assert login(citizen).get("/utbetalinger/").status_code == 403


class TestApi:
    def test_plan_list_and_export_through_the_api(self, make_soknad, grant, profil,
                                                  office_settings, users, monkeypatch) -> None:
        from sosialsak.interfaces.api import payments_api

        monkeypatch.setattr(payments_api, "_now", lambda: NOW)  # the interface reads the clock
        office_settings()
        soknad = make_soknad()
        profil(soknad)
        vedtak = grant(soknad, fra=date(2024, 4, 1), til=date(2024, 5, 1))
        auth = bearer(users["veileder_a"])

        planned = Client().post(f"/api/v1/vedtak/{vedtak.pk}/utbetalingsplan",
                                {"hyppighet": "MANEDLIG"}, content_type="application/json",
                                **auth)
        listed = Client().get("/api/v1/utbetalinger/forfall?dato=2024-04-15", **auth)
        refused = Client().post("/api/v1/utbetalinger/eksport",
                                {"dato": "2024-04-15", "format": "PAIN001"},
                                content_type="application/json", **auth)
        # Issue 12, separation of duties: the leder exports (403 for the veileder who planned).
        exported = Client().post("/api/v1/utbetalinger/eksport",
                                 {"dato": "2024-04-15", "format": "PAIN001"},
                                 content_type="application/json", **bearer(users["leder_a"]))

        assert planned.status_code == 201
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
        assert [(p["forfallsdato"], p["belop"]) for p in planned.json()] == [("2024-04-15", 9000)]
        assert [p["belop"] for p in listed.json()["betalinger"]] == [9000]
        body = exported.json()
        assert (body["antall"], body["sum_belop"], body["lopenummer"]) == (1, 9000, 1)
        assert check_pain001(body["innhold"].encode()) == []
        assert AuditEntry.objects.filter(action="EXPORT", channel="api").count() == 2

    def test_third_party_without_consent_answers_400_naming_the_field(
        self, make_soknad, grant, users
    ) -> None:
        soknad = make_soknad(items=("HUSLEIE",))
        vedtak = grant(soknad, item="HUSLEIE", belop=8500)

        response = Client().post(
            f"/api/v1/vedtak/{vedtak.pk}/utbetalingsplan",
            {"hyppighet": "MANEDLIG", "mottaker": {"type": "ANNEN", "navn": "Utleier AS",
                                                   "kontonummer": "15200300103"}},
            content_type="application/json", **bearer(users["veileder_a"]))

        assert response.status_code == 400
        assert response.json()["code"] == "unable_to_plan_utbetaling"
        assert response.json()["extra"] == {"field": "mottaker.samtykke_id"}
        assert Utbetaling.objects.count() == 0

    def test_another_office_gets_404_for_the_plan(self, make_soknad, grant, users) -> None:
        vedtak = grant(make_soknad())

        response = Client().post(f"/api/v1/vedtak/{vedtak.pk}/utbetalingsplan",
                                 {"hyppighet": "ENGANGS"}, content_type="application/json",
                                 **bearer(users["veileder_b"]))

        assert response.status_code == 404

    def test_profile_and_consent_through_the_api(self, make_soknad, users) -> None:
        soknad = make_soknad()
        auth = bearer(users["veileder_a"])

        profile = Client().put(f"/api/v1/soknader/{soknad.pk}/betalingsprofil",
                               {"kontonummer": "1234.56.78903",
                                "samlet_manedlig_utbetaling": True},
                               content_type="application/json", **auth)
        consent = Client().post(f"/api/v1/soknader/{soknad.pk}/samtykker",
                                {"gitt_dato": "2024-03-01", "gjelder": "Husleie",
                                 "mottaker_navn": "Utleier AS"},
                                content_type="application/json", **auth)
        bad = Client().put(f"/api/v1/soknader/{soknad.pk}/betalingsprofil",
                           {"kontonummer": "12345678904"}, content_type="application/json",
                           **auth)

        assert profile.json() == {"kontonummer": KONTO_SOKER, "samlet_manedlig_utbetaling": True}
        assert consent.status_code == 201 and consent.json()["gjelder"] == "Husleie"
        assert bad.status_code == 400
        assert bad.json()["extra"] == {"field": "kontonummer"}
