# ruff: noqa: F811  (the young_parent fixture is imported from the decisions fixtures)
"""Deciding an application through the JSON API: the same rules, the payment plan through the
payments context, and the whole appeal and breach flow reachable by token."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import add_months
from tests.helpers import NOW, register_state_rates_for
from tests.integration.decisions.fixtures import young_parent  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
KONTO = "12345678903"


@pytest.fixture(autouse=True)
def _confirmed_rates(db: Any) -> None:
    """The decisions here are for next month by the real clock: rates for those years."""
    from django.utils import timezone

    this_year = timezone.localdate().year
    register_state_rates_for(this_year, this_year + 1)


def _post(client: Client, token: str, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def _body(young_parent: Any, **over: Any) -> dict[str, Any]:
    from sosialsak.contexts.people.models import Barn

    start = add_months(local_date(timezone.now()).replace(day=1), 1)
    barn = Barn.objects.get(person=young_parent.person)
    body = {
        "post_ids": [young_parent.poster.get(type="LIVSOPPHOLD").pk], "hjemmel": "§ 18",
        "utfall": "INNVILGET", "stonadsform": "BIDRAG", "periode_fra": start.isoformat(),
        "periode_til": add_months(start, 1).isoformat(),
        "fakta": "Ingen inntekt; bor med ett barn.", "begrunnelse": "Behov for livsopphold.",
        "individuell_vurdering": "Vurdert i samtale.",
        "justeringer": [{"belop": 500, "begrunnelse": "Vinterklær til barnet"}],
        "barn": [{"barn_id": barn.pk, "vurdering": "Barnet trenger vinterdress."}],
        "unntak": {"grunner": ["03"], "begrunnelse": "Sykmeldt."},
        "utbetaling": {"hyppighet": "ENGANGS", "kontonummer": KONTO},
    }
    body.update(over)
    return body


def test_a_decision_made_through_the_api_has_its_letter_and_payment_plan(
    users: Any, young_parent: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vedtak
    from sosialsak.contexts.intake.models import Hendelse
    from sosialsak.contexts.payments.models import Utbetaling

    token = create_token(user=users["veileder_sf"])
    client = Client()
    base = f"/api/v1/soknader/{young_parent.pk}/vedtak"

    missing = _post(client, token, base, _body(young_parent, barn=[]))
    preview = _post(client, token, base + "/forhandsvisning", _body(young_parent)).json()
    made = _post(client, token, base, _body(young_parent))

    assert missing.status_code == 400 and missing.json()["code"] == "barnevurdering_mangler"
    assert preview["problems"] == [] and "Vinterklær til barnet" in preview["letter_text"]
    assert made.status_code == 201, made.content
    vedtak = Vedtak.objects.get(pk=made.json()["id"])
    assert vedtak.belop == preview["belop"]
    utbetaling = Utbetaling.objects.get(vedtak=vedtak)
    assert (utbetaling.belop, utbetaling.kontonummer) == (vedtak.belop, KONTO)
    event = Hendelse.objects.get(soknad=young_parent, type="decisions.vedtak.fattet")
    assert event.data["utbetalinger"] == [utbetaling.referanse]


def test_rent_to_the_landlord_needs_the_recorded_consent(users: Any, young_parent: Any,
                                                         scope_of: Any) -> None:
    from sosialsak.contexts.payments.models import Utbetaling
    from sosialsak.contexts.payments.profile import SamtykkeInput, record_samtykke

    actor = users["veileder_sf"]
    token = create_token(user=actor)
    client = Client()
    husleie = young_parent.poster.get(type="HUSLEIE").pk
    landlord = {"hyppighet": "ENGANGS", "mottaker_type": "ANNEN", "navn": "Utleier AS",
                "kontonummer": KONTO}
    rent = _body(young_parent, post_ids=[husleie], hjemmel="§ 19", belop=9000,
                 individuell_vurdering="", justeringer=[], utbetaling=landlord)

    refused = _post(client, token, f"/api/v1/soknader/{young_parent.pk}/vedtak", rent)
    samtykke = record_samtykke(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                               data=SamtykkeInput(gitt_dato=date(2024, 3, 1),
                                                  gjelder="Husleie til utleier",
                                                  mottaker_navn="Utleier AS"), now=NOW)
    rent["utbetaling"] = {**landlord, "samtykke_id": samtykke.pk}
    made = _post(client, token, f"/api/v1/soknader/{young_parent.pk}/vedtak", rent)

    assert refused.status_code == 400
    assert refused.json()["extra"]["field"] == "mottaker.samtykke_id"
    assert made.status_code == 201, made.content
    u = Utbetaling.objects.get(vedtak_id=made.json()["id"])
    assert (u.belop, u.mottaker_navn, u.samtykke_id) == (9000, "Utleier AS", samtykke.pk)
    letter = " ".join(u.vedtak.dokumenter.get().tekst.split())
    assert "til Utleier AS i tabellen, direkte dit" in letter  # the person is told who is paid


def test_another_office_gets_404_in_the_one_error_shape(users: Any, young_parent: Any) -> None:
    token = create_token(user=users["veileder_b"])

    r = _post(Client(), token, f"/api/v1/soknader/{young_parent.pk}/vedtak",
              _body(young_parent))

    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_the_api_shows_each_month_and_the_total(users: Any, young_parent: Any) -> None:
    """sotjl. § 18 (issue 11): the preview and the decision carry the per-month amounts."""
    token = create_token(user=users["veileder_sf"])
    client = Client()
    base = f"/api/v1/soknader/{young_parent.pk}/vedtak"
    body = _body(young_parent)
    body["periode_til"] = add_months(date.fromisoformat(body["periode_fra"]), 3).isoformat()

    preview = _post(client, token, base + "/forhandsvisning", body).json()
    made = _post(client, token, base, body)
    read = client.get(f"/api/v1/vedtak/{made.json()['id']}",
                      HTTP_AUTHORIZATION=f"Bearer {token}").json()

    assert len(preview["maneder"]) == 3
    assert preview["total"] == sum(m["belop"] for m in preview["maneder"])
    assert read["maneder"] == preview["maneder"] and read["total"] == preview["total"]
    from sosialsak.contexts.payments.models import Utbetaling

    # a one-off payment of a three-month decision pays the three months
    assert Utbetaling.objects.get(vedtak_id=made.json()["id"]).belop == preview["total"]


def test_the_api_refuses_a_partner_without_birth_date_naming_the_field(
    users: Any, young_parent: Any
) -> None:
    """sotjl. § 18, R35 4.18: never a silent single-person rate."""
    from sosialsak.contexts.people.models import Partner

    Partner.objects.create(person=young_parent.person, husstand=young_parent.husstand,
                           relasjon="SAMBOER", navn="Ola", bor_sammen=True)
    token = create_token(user=users["veileder_sf"])
    response = _post(Client(), token, f"/api/v1/soknader/{young_parent.pk}/vedtak",
                     _body(young_parent))

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "partner.fodselsdato"
    assert response.json()["message"].startswith("partner.fodselsdato:")
