"""The vedtak builder's economy (issue 12, items 3 and 4): income by type and housing costs as
numbers, pre-filled from the Digisos application's økonomi and from the mapping, each with its
source; the calculation fragment (sotjl. § 18) and the letter as it will be sent."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kr"


@pytest.fixture
def digital(offices: Any, users: Any, tmp_path: Path) -> Any:
    """A Digisos application (sent 4 March 2024) whose økonomi has salary 4 000, barnetrygd
    3 000, rent 9 500 and electricity 900 a month."""
    from sosialsak.contexts.digisos.delivery import read_folder
    from sosialsak.contexts.digisos.importer import import_delivery
    from sosialsak.contexts.intake.models import Soknad

    doc = soknad_json()
    doc["data"]["okonomi"]["oversikt"]["inntekt"].append(
        {"kilde": "bruker", "type": "jobb", "tittel": "Lønn", "netto": 4000, "brutto": 5200,
         "overstyrtAvBruker": False})
    folder = write_delivery(tmp_path / "in", digisos_id=did("okonomi-1"), ekstern_ref="ok-1",
                            soknad=doc)
    result = import_delivery(delivery=read_folder(folder), now=NOW)
    assert result.outcome == "IMPORTERT"
    return Soknad.objects.get(pk=result.soknad_id)


def _form(soknad: Any, **over: Any) -> dict[str, Any]:
    data = {"post_ids": [soknad.poster.get(type="LIVSOPPHOLD").pk], "hjemmel": "§ 18",
            "utfall": "INNVILGET", "stonadsform": "BIDRAG", "periode_fra": "2024-03-01",
            "periode_tom": "2024-03-31", "individuell_vurdering": "Vurdert i samtale.",
            "fakta": "Lønn og barnetrygd.", "begrunnelse": "Behov for livsopphold.",
            "inntekt_salary": "", "inntekt_child_benefit": "", "husleie": "", "strom": ""}
    data.update(over)
    return data


def _preview(client: Client, soknad: Any, **over: Any) -> Any:
    return client.post(f"/soknad/{soknad.pk}/vedtak/forhandsvisning/", _form(soknad, **over))


def _amount(body: str) -> int:
    """The amount the fragment shows (``#beregnet-belop``)."""
    found = re.search(r'id="beregnet-belop">[^<]*<strong>([^<]*)</strong>', body)
    assert found, body[:500]
    return int(found.group(1).removesuffix(f"{NBSP}kr").replace(NBSP, ""))


def _letter(body: str) -> str:
    start = body.index('<div id="brev-preview" hx-swap-oob="true">')
    return body[start:]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_builder_is_pre_filled_from_the_application_with_the_source(
        users: Any, digital: Any) -> None:
    page = _client(users["veileder_a"]).get(f"/soknad/{digital.pk}/vedtak/ny/").content.decode()

    def value(name: str) -> str:
        found = re.search(rf'<input id="{name}" name="{name}"[^>]*value="([^"]*)"', page)
        assert found, name
        return found.group(1)

    assert (value("inntekt_salary"), value("inntekt_child_benefit")) == ("4000", "3000")
    assert (value("husleie"), value("strom"), value("inntekt_other")) == ("9500", "900", "")
    hint = re.search(r'id="kilde-husleie"[^>]*>([^<]*)</p>', page)
    assert hint and hint.group(1) == "fra søknaden 4. mars"
    # The old text dump is gone: the letter is shown beside the form instead.
    assert 'class="letter"' not in page and 'id="brev-preview"' in page


def test_the_mapping_s_housing_cost_wins_over_the_application(
        users: Any, digital: Any, scope_of: Any) -> None:
    from sosialsak.contexts.cases.operations import save_kartlegging

    actor = users["veileder_a"]
    save_kartlegging(scope=scope_of(actor), actor=actor, soknad_id=digital.pk, del_type="BOLIG",
                     barn_id=None, svar={"bosituasjon": "1", "boutgift": 9800}, now=NOW)
    page = _client(actor).get(f"/soknad/{digital.pk}/vedtak/ny/").content.decode()
    body = _preview(_client(actor), digital, husleie="9800", inntekt_salary="4000",
                    strom="1200").content.decode()

    assert re.search(r'<input id="husleie" name="husleie"[^>]*value="9800"', page)
    assert re.search(r'id="kilde-husleie"[^>]*>fra kartleggingen 4. mars</p>', page)
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th><td class="num">([^<]*)</td><td>'
                      r'([^<]*)</td></tr>', body.split('id="preview-okonomi"')[1])
    assert ("Lønn", _kr(4000), "fra søknaden 4. mars") in rows
    assert ("Husleie eller renter og avdrag på boliglån", _kr(9800),
            "fra kartleggingen 4. mars") in rows
    assert ("Strøm og oppvarming", _kr(1200), "endret av saksbehandler") in rows


def test_income_reduces_the_amount_and_rent_adds_housing_each_with_its_paragraph(
        users: Any, digital: Any) -> None:
    """sotjl. § 18: the guideline rate, plus housing costs, minus the income counted."""
    client = _client(users["veileder_a"])
    base = _preview(client, digital).content.decode()
    income = _preview(client, digital, inntekt_salary="4000").content.decode()
    rent = _preview(client, digital, inntekt_salary="4000", husleie="9000").content.decode()

    assert _amount(income) == _amount(base) - 4000
    assert _amount(rent) == _amount(income) + 9000
    assert f"Minus lønn</th><td class=\"num\">{_kr(4000)}</td><td>sosialtjenesteloven § 18" \
        in rent
    assert f"Husleie</th><td class=\"num\">{_kr(9000)}</td><td>sosialtjenesteloven § 18" in rent
    assert "Veiledende sats for enslig" in base
    # Never the parameter keys of the rules.
    assert "veiledende_satser" not in rent and "inntekt.medregnes" not in rent
    # The letter beside the form says the amount the figures give.
    assert _kr(_amount(rent)) in _letter(rent) and _kr(_amount(base)) in _letter(base)
    assert _kr(_amount(base)) not in _letter(rent)


def test_barnetrygd_is_shown_but_not_deducted(users: Any, digital: Any) -> None:
    """sotjl. § 18: barnetrygd is not counted as income from 1 September 2022."""
    client = _client(users["veileder_a"])
    base = _preview(client, digital).content.decode()
    with_benefit = _preview(client, digital, inntekt_child_benefit="3000").content.decode()

    assert _amount(with_benefit) == _amount(base)
    assert "Barnetrygd regnes ikke som inntekt" in with_benefit


def test_each_month_of_the_period_is_calculated_with_the_income(
        users: Any, digital: Any) -> None:
    client = _client(users["veileder_a"])
    body = _preview(client, digital, periode_tom="2024-05-31", inntekt_salary="1000",
                    husleie="8000").content.decode()

    months = re.findall(r'<tr><td>(\d\d\.2024)</td><td class="num">([^<]*)</td></tr>', body)
    assert [m for m, _ in months] == ["03.2024", "04.2024", "05.2024"]
    assert body.count(f"Minus lønn</th><td class=\"num\">{_kr(1000)}") == 3
    total = sum(int(a.removesuffix(f"{NBSP}kr").replace(NBSP, "")) for _, a in months)
    assert _amount(body) == total


@pytest.mark.parametrize("raw", ["abc", "-5", "10000001", "1,5", "4000.50", "9" * 40])
def test_a_bad_figure_gives_a_norwegian_error_naming_the_field(
        users: Any, digital: Any, raw: str) -> None:
    response = _preview(_client(users["veileder_a"]), digital, inntekt_salary=raw)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lønn: skriv et helt antall kroner fra 0 til 10 000 000" in body
    assert 'role="alert"' in body


def test_the_biggest_figure_is_accepted(users: Any, digital: Any) -> None:
    response = _preview(_client(users["veileder_a"]), digital, husleie="10 000 000")

    assert response.status_code == 200 and _amount(response.content.decode()) > 10_000_000


def test_the_fragment_is_a_scoped_audited_read(users: Any, digital: Any) -> None:
    from sosialsak.contexts.audit.models import AuditEntry

    before = AuditEntry.objects.filter(action="READ", object_id=str(digital.pk)).count()
    ok = _preview(_client(users["veileder_a"]), digital, inntekt_salary="100")
    readonly = _preview(_client(users["statsforvalter"]), digital, inntekt_salary="100")
    other_office = _preview(_client(users["veileder_b"]), digital, inntekt_salary="100")

    assert ok.status_code == 200
    assert AuditEntry.objects.filter(action="READ", object_id=str(digital.pk)).count() \
        == before + 1
    assert readonly.status_code == 403
    assert other_office.status_code == 404


def test_the_fragment_needs_the_csrf_token(users: Any, digital: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["veileder_a"])

    assert client.post(f"/soknad/{digital.pk}/vedtak/forhandsvisning/",
                       _form(digital)).status_code == 403


def test_each_month_uses_the_rates_in_force_that_month(users: Any, digital: Any) -> None:
    """sotjl. § 18: December 2023 on the 2023 rates, January 2024 on the 2024 rates; the
    income is deducted and the rent added in both months."""
    client = _client(users["veileder_a"])
    body = _preview(client, digital, periode_fra="2023-12-01", periode_tom="2024-01-31",
                    inntekt_salary="1000", husleie="8000").content.decode()

    captions = re.findall(r"<caption>Slik er beløpet regnet ut for ([^<]*)</caption>", body)
    assert captions == ["desember 2023", "januar 2024"]
    assert "Satsene gjelder fra 1. juli 2023" in body
    assert "Satsene gjelder fra 1. januar 2024" in body
    rates = re.findall(r"Veiledende sats for enslig</th><td class=\"num\">([^<]*)</td>", body)
    assert rates == [_kr(7550), _kr(7850)]  # rules/parameters/…/enslig.yaml
    assert body.count(f"Minus lønn</th><td class=\"num\">{_kr(1000)}") == 2
    assert body.count(f"Husleie</th><td class=\"num\">{_kr(8000)}") == 2
