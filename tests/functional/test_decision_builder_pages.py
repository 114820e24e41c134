# ruff: noqa: F811  (the young_parent fixture is imported from the decisions fixtures)
"""The vedtak builder pages: preview with the calculation and checks, make, follow-up."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.integration.decisions.fixtures import young_parent  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _form(soknad: Any, **over: Any) -> dict[str, Any]:
    from sosialsak.contexts.people.models import Barn

    barn = Barn.objects.get(person=soknad.person)
    data = {"post_ids": [soknad.poster.get(type="LIVSOPPHOLD").pk], "hjemmel": "§ 18",
            "utfall": "INNVILGET", "stonadsform": "BIDRAG", "periode_fra": "2024-03-01",
            "periode_tom": "2024-03-31", "individuell_vurdering": "Vurdert i samtale.",
            "justering_belop": "500", "justering_begrunnelse": "Vinterklær til barnet",
            "fakta": "Ingen inntekt.", "begrunnelse": "Behov for livsopphold.",
            f"barn_{barn.pk}": "Barnet trenger vinterdress.", "unntak_grunner": ["03"],
            "unntak_begrunnelse": "Sykmeldt."}
    data.update(over)
    return data


def test_the_builder_previews_the_calculation_and_makes_the_decision(
    users: Any, young_parent: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vedtak

    client = Client()
    client.force_login(users["veileder_sf"])
    page = client.get(f"/soknad/{young_parent.pk}/vedtak/ny/")
    incomplete = client.post(f"/soknad/{young_parent.pk}/vedtak/forhandsvisning/",
                             _form(young_parent, individuell_vurdering=""))
    preview = client.post(f"/soknad/{young_parent.pk}/vedtak/forhandsvisning/",
                          _form(young_parent))
    pdf = client.post(f"/soknad/{young_parent.pk}/vedtak/utkast.pdf", _form(young_parent))
    made = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(young_parent))

    assert page.status_code == 200 and "Fra kartleggingen" in page.content.decode()
    from sosialsak.contexts.audit.models import AuditEntry

    # The builder's page is one audited read of the application, not two.
    assert AuditEntry.objects.filter(action="READ", purpose="utbetalinger og samtykke").count() == 0
    assert 'data-code="individuell_vurdering_mangler"' in incomplete.content.decode()
    body = preview.content.decode()
    assert "12\u00a0300\u00a0kr" in body and "Vedtaket er komplett." in body
    assert "Vinterklær" in body
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    vedtak = Vedtak.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/vedtak/{vedtak.pk}/"
    # Issue 11 item 15: the caseworker gives the last day (31 March), stored half-open.
    assert (vedtak.periode_fra, vedtak.periode_til) == (date(2024, 3, 1), date(2024, 4, 1))
    detail = client.get(made["Location"]).content.decode()
    assert "Vedtaksbrev" in detail


def test_another_office_gets_404_on_the_builder(users: Any, young_parent: Any) -> None:
    client = Client()
    client.force_login(users["veileder_b"])

    assert client.get(f"/soknad/{young_parent.pk}/vedtak/ny/").status_code == 404


def test_the_office_changes_a_decision_after_an_appeal_in_the_builder(
    users: Any, young_parent: Any
) -> None:
    from sosialsak.contexts.decisions.models import Klage, Vedtak

    client = Client()
    client.force_login(users["veileder_sf"])
    client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(young_parent))
    old = Vedtak.objects.get()
    from sosialsak.interfaces.caseworker.common import today

    client.post(f"/vedtak/{old.pk}/klage/", {"tekst": "Vinterklærne koster mer.",
                                              "mottatt": today().isoformat()})
    klage = Klage.objects.get()
    detail = client.get(f"/vedtak/{old.pk}/").content.decode()
    assert f"/soknad/{young_parent.pk}/vedtak/ny/?klage={klage.pk}" in detail

    page = client.get(f"/soknad/{young_parent.pk}/vedtak/ny/?klage={klage.pk}").content.decode()
    livsopphold = young_parent.poster.get(type="LIVSOPPHOLD").pk
    assert "Nytt vedtak etter klage" in page and "Vinterklærne koster mer." in page
    assert f'value="{livsopphold}" checked' in page  # the appealed item is open again
    assert '"fakta": ["Ingen inntekt."]' in page  # the new decision starts from the old one
    assert '"periode_tom": ["2024-03-31"]' in page  # the last day, as the caseworker wrote it
    without = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(
        young_parent, klage_id=klage.pk, klage_vurdering=""))
    made = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(
        young_parent, klage_id=klage.pk, klage_vurdering="Klagen tas til følge.",
        justering_belop="1500"))

    assert "Skriv kontorets vurdering av klagen" in without.content.decode()
    new = Vedtak.objects.exclude(pk=old.pk).get()
    assert made.status_code == 302 and made["Location"] == f"/vedtak/{new.pk}/"
    assert (new.art, new.endrer_id, new.belop) == ("OMGJORING", old.pk, old.belop + 1000)
    klage.refresh_from_db()
    assert klage.status == "OMGJORT"
    case = client.get(f"/soknad/{young_parent.pk}/").content.decode()
    assert f"erstattet av vedtak {new.pk}" in case and "Omgjøring etter klage" in case
    assert case.count("Vedtaksbrevet (PDF)") == 2
    # A first decision on an item already decided is refused, with the reason shown.
    again = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(young_parent))
    assert "har allerede vedtak" in again.content.decode()


def test_the_builder_keeps_what_was_typed_when_the_decision_is_refused(
    users: Any, young_parent: Any
) -> None:
    import json as _json
    import re

    client = Client()
    client.force_login(users["veileder_sf"])
    refused = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(
        young_parent, individuell_vurdering="", fakta="Ingen inntekt siden januar.",
        stonadsform="LAN", nedbetaling="500 kr i måneden fra juni."))
    body = refused.content.decode()

    blob = re.search(r'<script id="builder-restore" type="application/json">(.*?)</script>',
                     body, re.S)
    assert blob is not None
    restore = _json.loads(blob.group(1))
    assert restore["fakta"] == ["Ingen inntekt siden januar."]
    assert restore["nedbetaling"] == ["500 kr i måneden fra juni."]
    assert "csrfmiddlewaretoken" not in restore
    assert 'id="builder-error"' in body and 'name="nedbetaling"' in body


def test_the_preview_and_the_decision_page_show_each_month_and_the_total(
    users: Any, young_parent: Any
) -> None:
    """sotjl. § 18 (issue 11): a decision for several months is calculated month by month;
    the builder's preview and the decision page show the amount per month and the total."""
    from sosialsak.contexts.decisions.models import Vedtak
    from sosialsak.contexts.people.models import Barn

    barn = Barn.objects.get(person=young_parent.person)
    barn.fodselsdato = date(2013, 4, 15)  # the 11–17 rate from May
    barn.save()
    client = Client()
    client.force_login(users["veileder_sf"])
    form = _form(young_parent, periode_tom="2024-05-31")

    preview = client.post(f"/soknad/{young_parent.pk}/vedtak/forhandsvisning/", form)
    made = client.post(f"/soknad/{young_parent.pk}/vedtak/", form)

    body = preview.content.decode()
    assert 'id="preview-maneder"' in body
    assert "05.2024" in body and "13\u00a0500\u00a0kr" in body and "38\u00a0100\u00a0kr" in body
    vedtak = Vedtak.objects.get()
    assert vedtak.total == 38100
    detail = client.get(made["Location"]).content.decode()
    assert "38\u00a0100\u00a0kr" in detail and "05.2024" in detail
    case = client.get(f"/soknad/{young_parent.pk}/").content.decode()
    assert "Til sammen 38\u00a0100 kr" in case  # never the first month's amount for the period


def test_the_builder_records_an_under_18_assessment_and_a_samvaer_addition(
    users: Any, young_parent: Any
) -> None:
    """sotjl. § 18, R35 4.18.1.5: the form's under-18 amount and reason, and an addition
    with basis samvær, reach the decision."""
    from sosialsak.contexts.decisions.models import Vedtak
    from sosialsak.contexts.people.models import HusstandBarn

    person = young_parent.person
    person.fodselsdato = date(2007, 1, 10)
    person.save()
    HusstandBarn.objects.filter(husstand=young_parent.husstand).update(bosted="SAMVAER")
    client = Client()
    client.force_login(users["veileder_sf"])

    page = client.get(f"/soknad/{young_parent.pk}/vedtak/ny/").content.decode()
    assert "år, samvær)" in page  # the caseworker sees where the child lives
    made = client.post(f"/soknad/{young_parent.pk}/vedtak/", _form(
        young_parent, under18_belop="6000", under18_begrunnelse="Bor alene.",
        justering_grunnlag="samvaer", justering_begrunnelse="Reiser til samvær."))

    assert made.status_code == 302, made.content.decode()[:2000]
    vedtak = Vedtak.objects.get()
    assert vedtak.belop == 6000 + 500  # no child rate for the samvær child
