"""The follow-up API (issue 14): the activity plan, condition links and dates, a condition met
releasing a held payment, and a hold without ground refused in the one error shape."""

from __future__ import annotations

from typing import Any

from django.test import Client

from sosialsak.contexts.accounts.tokens import create_token

NY = {"mal": "Komme i arbeid", "hva": "Jobbklubb", "hvem": "Veileder", "fra": "2024-03-11",
      "til": "2024-04-30", "timer_per_uke": 6}


def api(user: Any) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def test_the_plan_end_to_end(granted: Any, users: Any) -> None:
    c, h = api(users["veileder_a"])
    s = granted.soknad.pk

    made = c.post(f"/api/v1/soknader/{s}/aktiviteter", NY, content_type="application/json", **h)
    assert made.status_code == 201, made.content
    a = made.json()["id"]
    assert c.post(f"/api/v1/aktiviteter/{a}/avtalt", {"merknad": "I samtale"},
                  content_type="application/json", **h).json()["avtalt_kanal"] == "VEILEDER"
    changed = c.put(f"/api/v1/aktiviteter/{a}", {**NY, "timer_per_uke": 10},
                    content_type="application/json", **h).json()
    assert changed["timer_per_uke"] == 10 and changed["avtalt_at"] is None
    linked = c.put(f"/api/v1/vilkar/{granted.vanlig.pk}/aktivitet", {"aktivitet_id": a},
                   content_type="application/json", **h)
    assert linked.status_code == 200 and linked.json()["aktivitet_id"] == a
    dated = c.put(f"/api/v1/vilkar/{granted.vanlig.pk}/oppfolgingsdato",
                  {"oppfolgingsdato": "2024-04-02"}, content_type="application/json", **h)
    assert dated.json()["oppfolgingsdato"] == "2024-04-02"
    done = c.post(f"/api/v1/aktiviteter/{a}/status", {"status": "FULLFORT"},
                  content_type="application/json", **h)
    assert done.json()["status"] == "FULLFORT"

    plan = c.get(f"/api/v1/soknader/{s}/aktivitetsplan", **h).json()
    (row,) = plan["aktiviteter"]
    assert [e["type"] for e in row["historikk"]] == [
        "OPPRETTET", "AVTALT", "ENDRET", "VILKAR_KOBLET", "STATUS"]
    assert {v["id"]: v["aktivitet_id"] for v in plan["vilkar"]}[granted.vanlig.pk] == a


def test_hold_refused_without_ground_then_released_when_met(granted: Any, users: Any) -> None:
    c, h = api(users["veileder_a"])
    u = granted.utbetalinger[0]

    refused = c.post(f"/api/v1/utbetalinger/{u.pk}/tilbakehold",
                     {"vilkar_id": granted.vanlig.pk}, content_type="application/json", **h)
    assert refused.status_code == 400
    assert set(refused.json()) == {"code", "message", "extra"}
    assert refused.json()["code"] == "hold_without_ground"

    held = c.post(f"/api/v1/utbetalinger/{u.pk}/tilbakehold",
                  {"vilkar_id": granted.grunnet.pk}, content_type="application/json", **h)
    assert held.status_code == 201
    met = c.post(f"/api/v1/vilkar/{granted.grunnet.pk}/oppfylt", **h)
    assert met.json()["status"] == "OPPFYLT"
    assert met.json()["frigitte_utbetalinger"] == [u.referanse]


def test_outside_scope_is_404_and_the_statsforvalter_is_403(granted: Any, users: Any) -> None:
    c, h = api(users["veileder_b"])
    s = granted.soknad.pk
    assert c.get(f"/api/v1/soknader/{s}/aktivitetsplan", **h).status_code == 404
    assert c.post(f"/api/v1/soknader/{s}/aktiviteter", NY, content_type="application/json",
                  **h).status_code == 404

    c, h = api(users["statsforvalter"])
    assert c.get(f"/api/v1/soknader/{s}/aktivitetsplan", **h).status_code == 200
    refused = c.post(f"/api/v1/soknader/{s}/aktiviteter", NY,
                     content_type="application/json", **h)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_the_worklists_answer_through_the_api(granted: Any, users: Any) -> None:
    c, h = api(users["veileder_a"])
    counts = {r["key"]: r for r in c.get("/api/v1/arbeidslister", **h).json()}
    for key in ("klage-oversending", "forhandsvarsel-svarfrist", "vilkar-oppfolging",
                "aktivitet-frist"):
        assert key in counts
        assert c.get(f"/api/v1/arbeidslister/{key}", **h).status_code == 200
