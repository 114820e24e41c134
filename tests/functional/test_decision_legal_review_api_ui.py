# ruff: noqa: F811  (the young_parent fixture is imported from the decisions fixtures)
"""Issue 11 through the API and the caseworker UI: how the decision was sent and the appeal
deadline from its arrival (fvl § 29), the reply to the advance warning (fvl § 16) and the late
appeal's § 31 grounds. Real time: the decision is made today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sosialsak import rules
from sosialsak.kernel.clock import local_date
from tests.functional.test_case_progress_api import Api
from tests.functional.test_decision_api import (  # autouse: rates for next month's year
    _body,
    _confirmed_rates,  # noqa: F401
)
from tests.functional.test_decision_api_rules import _decided_with_condition
from tests.integration.decisions.fixtures import young_parent  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_api_records_how_the_decision_was_sent_and_gives_the_deadline(
    users: Any, young_parent: Any
) -> None:
    api = Api(users["veileder_sf"])
    vedtak = api.post(f"/soknader/{young_parent.pk}/vedtak", _body(young_parent)).json()["id"]
    today = local_date(timezone.now())

    bad = api.post(f"/vedtak/{vedtak}/forsendelse", {"forsendelse": "DUE",
                                                     "sendt": today.isoformat()})
    sent = api.post(f"/vedtak/{vedtak}/forsendelse", {"forsendelse": "POST",
                                                      "sendt": today.isoformat()})
    read = api.get(f"/vedtak/{vedtak}").json()

    expected = rules.klagefrist(kom_fram=today + timedelta(days=7)).due  # fvl § 29, by post
    assert bad.status_code == 400 and bad.json()["extra"]["field"] == "forsendelse"
    assert sent.status_code == 200, sent.content
    assert sent.json()["kom_fram"] == (today + timedelta(days=7)).isoformat()
    assert sent.json()["klagefrist"] == expected.isoformat()
    assert (read["forsendelse"], read["klagefrist"]) == ("POST", expected.isoformat())


def test_the_api_records_the_reply_and_the_late_appeals_grounds(
    users: Any, young_parent: Any
) -> None:
    api = Api(users["veileder_sf"])
    vedtak = _decided_with_condition(api, young_parent, "Stønaden kan bli redusert.")
    today = local_date(timezone.now())
    brudd = api.post(f"/vilkar/{vedtak['vilkar'][0]['id']}/brudd", {
        "hva": "Møtte ikke.", "forklaring": ""}).json()["id"]
    api.post(f"/brudd/{brudd}/forhandsvarsel", {
        "belop_redusert": 11000, "svarfrist": (today + timedelta(days=14)).isoformat()})

    early_none = api.post(f"/brudd/{brudd}/svar", {"ingen_svar": True})
    reply = api.post(f"/brudd/{brudd}/svar", {"svar": "Jeg var syk.",
                                              "svar_dato": today.isoformat()})
    late = api.post(f"/vedtak/{vedtak['id']}/klager", {
        "tekst": "Uenig.", "mottatt": (today + timedelta(days=60)).isoformat(),
        "kom_fram": today.isoformat()}).json()
    ungrounded = api.post(f"/klager/{late['id']}/sen-klage", {"behandles": True,
                                                              "vurdering": "Var syk."})

    assert early_none.status_code == 400 and early_none.json()["code"] == "svarfrist_ikke_ute"
    assert reply.status_code == 200, reply.content
    assert late["for_sent"] is True
    assert ungrounded.status_code == 400
    assert ungrounded.json()["code"] == "sen_klage_vurdering"


def test_the_decision_page_records_the_sending_and_the_reply(
    client: Any, users: Any, young_parent: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vedtak, Vilkarsbrudd

    api = Api(users["veileder_sf"])
    vedtak = _decided_with_condition(api, young_parent, "Stønaden kan bli redusert.")
    today = local_date(timezone.now())
    brudd = api.post(f"/vilkar/{vedtak['vilkar'][0]['id']}/brudd", {
        "hva": "Møtte ikke.", "forklaring": ""}).json()["id"]
    api.post(f"/brudd/{brudd}/forhandsvarsel", {
        "belop_redusert": 11000, "svarfrist": (today + timedelta(days=14)).isoformat()})
    client.force_login(users["veileder_sf"])
    base = f"/vedtak/{vedtak['id']}/"

    client.post(base + "forsendelse/", {"forsendelse": "UTLEVERT",
                                                   "sendt": today.isoformat()})
    client.post(base + "svar/", {"brudd_id": brudd, "svar": "Jeg var syk.",
                                            "svar_dato": today.isoformat()})
    page = client.get(base).content.decode()

    assert Vedtak.objects.get(pk=vedtak["id"]).forsendelse == "UTLEVERT"
    assert Vilkarsbrudd.objects.get(pk=brudd).svar == "Jeg var syk."
    assert "Jeg var syk." in page and 'id="klagefrist"' in page
