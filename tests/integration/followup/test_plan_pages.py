"""The caseworker's activity plan page (issue 14): linked from the case page; add an activity,
record the agreement, link a condition, mark it done and the condition met; read-only for the
Statsforvalter; and the person's own plan at /mine/ with «agree»."""

from __future__ import annotations

from typing import Any

from django.test import Client

from sosialsak.contexts.followup.models import Aktivitet


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


NY = {"handling": "ny", "mal": "Komme i arbeid", "hva": "Jobbklubb på kontoret",
      "hvem": "Veileder", "fra": "2024-03-11", "til": "2024-04-30", "timer_per_uke": "6"}


def test_the_caseworker_builds_the_plan_on_its_page(granted: Any, users: Any) -> None:
    client = login(users["veileder_a"])
    url = f"/soknad/{granted.soknad.pk}/aktivitetsplan/"
    assert url in client.get(f"/soknad/{granted.soknad.pk}/").content.decode()

    bad = client.post(url, {**NY, "hva": ""})
    assert bad.status_code == 400 and "Skriv hva personen skal gjøre" in bad.content.decode()
    assert client.post(url, NY).status_code == 302
    a = Aktivitet.objects.get()
    assert client.post(url, {"handling": "avtal", "aktivitet_id": a.pk,
                             "merknad": "I samtale"}).status_code == 302
    assert client.post(url, {"handling": "koble", "vilkar_id": granted.vanlig.pk,
                             "aktivitet_id": a.pk}).status_code == 302
    assert client.post(url, {"handling": "status", "aktivitet_id": a.pk,
                             "status": "FULLFORT"}).status_code == 302
    assert client.post(url, {"handling": "oppfylt",
                             "vilkar_id": granted.vanlig.pk}).status_code == 302

    page = client.get(url).content.decode()
    assert "Jobbklubb på kontoret" in page and "Fullført" in page and "I samtale" in page
    a.refresh_from_db()
    granted.vanlig.refresh_from_db()
    assert a.status == "FULLFORT" and granted.vanlig.status == "OPPFYLT"
    assert [e.type for e in a.endringer.order_by("id")] == [
        "OPPRETTET", "AVTALT", "VILKAR_KOBLET", "STATUS"]


def test_the_statsforvalter_reads_but_gets_no_forms(granted: Any, users: Any) -> None:
    url = f"/soknad/{granted.soknad.pk}/aktivitetsplan/"
    login(users["veileder_a"]).post(url, NY)
    client = login(users["statsforvalter"])

    page = client.get(url)
    assert page.status_code == 200 and "Jobbklubb på kontoret" in page.content.decode()
    assert 'name="handling"' not in page.content.decode()
    assert client.post(url, NY).status_code == 403
    assert login(users["veileder_b"]).get(url).status_code == 404


def test_the_person_sees_their_plan_and_agrees(granted: Any, users: Any) -> None:
    from sosialsak.contexts.accounts.operations import create_user

    login(users["veileder_a"]).post(f"/soknad/{granted.soknad.pk}/aktivitetsplan/", NY)
    citizen = create_user(username="kari", password=None, role="bruker")
    granted.soknad.person.user = citizen
    granted.soknad.person.save()
    client = login(citizen)

    page = client.get("/mine/").content.decode()
    assert "Jobbklubb på kontoret" in page and "Jeg er enig" in page
    a = Aktivitet.objects.get()
    assert client.post(f"/mine/aktivitet/{a.pk}/enig/").status_code == 302
    a.refresh_from_db()
    assert a.avtalt_kanal == "PERSON" and a.avtalt_av_id == citizen.pk
    assert "Jeg er enig" not in client.get("/mine/").content.decode()


def test_the_payments_page_holds_only_with_the_decisions_ground(granted: Any,
                                                                users: Any) -> None:
    client = login(users["veileder_a"])
    url = f"/soknad/{granted.soknad.pk}/utbetalinger/"
    u = granted.utbetalinger[0]

    refused = client.post(url, {"handling": "hold", "utbetaling_id": u.pk,
                                "vilkar_id": granted.vanlig.pk})
    assert refused.status_code == 400 and "vedtaket sier ikke" in refused.content.decode()
    assert client.post(url, {"handling": "hold", "utbetaling_id": u.pk,
                             "vilkar_id": granted.grunnet.pk}).status_code == 302

    page = client.get(url).content.decode()
    assert "holdes tilbake til vilkåret «Lever kontoutskrift for mars.» er oppfylt" in page
