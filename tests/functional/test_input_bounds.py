"""Issue 10, items 2 and 10: dates and numbers from forms, operations and the CLI stay inside
``kernel.bounds``, and no stored value breaks a list for others.

Threats: one application received 9999-12-31 made the work queue, the API list, the case page
and the Statsforvalter's list answer 500 (``year 10000`` in ``frister.add_months``); 0001-01-01
in the UI, post_ids of 20 digits, dager=4000000, q=² and dato=0 gave 500s or wrong dates.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.accounts.tokens import create_token
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.operations import (
    ApplicantInput,
    PostInput,
    SoknadInput,
    register_with_applicant,
)
from sosialsak.contexts.people.operations import BarnInput
from sosialsak.kernel.bounds import OutOfRange
from sosialsak.kernel.errors import DomainError
from sosialsak.rules.frister import add_months, forelopig_svar_frist
from tests.helpers import NOW, synthetic_fnr


def _ui(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _register(users: Any, offices: Any, *, mottatt: datetime = NOW,
              barn: list[BarnInput] | None = None) -> Soknad:
    va = users["veileder_a"]
    return register_with_applicant(
        scope=scope_for(va), actor=va, kontor=offices["A"],
        applicant=ApplicantInput(fodselsnummer=synthetic_fnr(date(1980, 2, 3), 5),
                                 fornavn="Kari", etternavn="Nordmann"),
        partner=None, barn=barn or [],
        data=SoknadInput(kanal="PAPIR", mottatt_at=mottatt,
                         poster=[PostInput(type="LIVSOPPHOLD")]))


# Item 2: one far-future date breaks an office.

@pytest.mark.parametrize("mottatt", [datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
                                     datetime(1, 1, 1, tzinfo=UTC),
                                     datetime(1999, 12, 31, tzinfo=UTC)])
def test_the_operation_refuses_a_receipt_date_out_of_range_naming_the_field(
    users: Any, offices: Any, mottatt: datetime
) -> None:
    with pytest.raises(OutOfRange) as err:
        _register(users, offices, mottatt=mottatt)

    assert err.value.extra["field"] == "mottatt_at"
    assert Soknad.objects.count() == 0


def test_birth_dates_before_1900_or_in_the_future_are_refused(users: Any, offices: Any) -> None:
    for born in (date(1899, 12, 31), date(2999, 1, 1)):
        with pytest.raises(OutOfRange) as err:
            _register(users, offices, barn=[BarnInput(navn="Barn", fodselsdato=born)])
        assert err.value.extra["field"] == "barn[0].fodselsdato"
    assert Soknad.objects.count() == 0


@pytest.mark.parametrize(("field", "value"), [
    ("mottatt_at", "0001-01-01T00:00"), ("mottatt_at", "9999-12-31T23:59"),
    ("barn_0_fodselsdato", "1800-01-01")])
def test_the_registration_form_names_the_field_instead_of_a_500(
    users: Any, field: str, value: str
) -> None:
    form = {"fodselsnummer": synthetic_fnr(date(1988, 6, 1)), "fornavn": "Amina",
            "etternavn": "Ali", "kanal": "TELEFON", "mottatt_at": "2024-03-04T09:00",
            "poster": ["LIVSOPPHOLD"], "barn_0_navn": "Sara Ali",
            "barn_0_fodselsdato": "2016-02-01", "barn_0_bosted": "FAST", field: value}

    response = _ui(users["veileder_a"]).post("/soknad/ny/", form)

    html = response.content.decode()
    assert response.status_code == 200
    assert "må ligge mellom" in html or "fram i tid" in html
    assert Soknad.objects.count() == 0


def test_a_stored_far_future_date_breaks_no_list(users: Any, offices: Any) -> None:
    soknad = _register(users, offices)
    # As if stored before the checks existed, or by another way in.
    Soknad.objects.filter(pk=soknad.pk).update(mottatt_at=datetime(9999, 12, 31, 23, 30,
                                                                   tzinfo=UTC))
    ui = _ui(users["veileder_a"])

    assert ui.get("/arbeidsliste/").status_code == 200
    assert ui.get(f"/soknad/{soknad.pk}/").status_code == 200
    assert ui.get("/arbeidslister/").status_code == 200
    for who in ("veileder_a", "statsforvalter"):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=users[who])}"}
        assert Client().get("/api/v1/soknader", **auth).status_code == 200, who
    assert add_months(date(9999, 12, 31), 1) == date.max
    assert add_months(date(1, 1, 1), -1) == date.min
    assert forelopig_svar_frist(mottatt=date(1, 1, 1)) >= date(2000, 1, 1)


# Item 10: other 500s from input, UI side.

def test_a_twenty_digit_post_id_in_the_decision_builder_is_no_500(
    users: Any, offices: Any
) -> None:
    soknad = _register(users, offices)
    ui = _ui(users["veileder_a"])

    for url in (f"/soknad/{soknad.pk}/vedtak/forhandsvisning/", f"/soknad/{soknad.pk}/vedtak/"):
        response = ui.post(url, {"post_ids": ["99999999999999999999", "²"],
                                 "hjemmel": "§ 18", "utfall": "INNVILGET",
                                 "periode_fra": "0001-01-01", "belop": "9" * 30})
        assert response.status_code < 500, url


def test_a_huge_number_of_days_for_documents_is_refused_naming_dager(
    users: Any, offices: Any
) -> None:
    from sosialsak.contexts.cases.operations import request_dokumentasjon

    soknad = _register(users, offices)
    va = users["veileder_a"]
    for dager in (4_000_000, 0, -5):
        with pytest.raises(DomainError) as err:
            request_dokumentasjon(scope=scope_for(va), actor=va, soknad_id=soknad.pk,
                                  titler=["Kontoutskrift"], dager=dager, now=NOW)
        assert err.value.extra["field"] == "dager"
    with pytest.raises(DomainError) as err:
        request_dokumentasjon(scope=scope_for(va), actor=va, soknad_id=soknad.pk,
                              titler=["Kontoutskrift"], frist=date(9999, 12, 31), now=NOW)
    assert err.value.extra["field"] == "frist"


def test_search_and_payment_day_take_odd_input_without_a_500(users: Any, offices: Any) -> None:
    from sosialsak.contexts.payments.queries import due_payments

    _register(users, offices)
    ui = _ui(users["veileder_a"])

    for q in ("²", "99999999999999999999", "٣"):
        assert ui.get("/arbeidsliste/", {"q": q}).status_code == 200, q
    assert ui.get("/utbetalinger/", {"dato": "0"}).status_code == 200
    va = users["veileder_a"]
    with pytest.raises(OutOfRange) as err:  # dato=0 read as 1970-01-01 by a parser
        due_payments(scope=scope_for(va), actor=va, kontor_id=offices["A"].pk,
                     forfallsdato=date(1970, 1, 1), purpose="test")
    assert err.value.extra["field"] == "dato"


@pytest.mark.parametrize("args", [
    ("payments", "export", "--date", "0001-01-01", "--kontor", "1201", "--format", "csv"),
    ("payments", "export", "--date", "2024-01-01", "--kontor", "1201", "--format", "csv",
     "--oppdrag", "99999999999999999999"),
    ("digisos", "replay", "99999999999999999999"),
    ("status", "99999999999999999999", "UNDER_BEHANDLING", "--user", "va"),
    ("status", "²", "UNDER_BEHANDLING", "--user", "va"),
])
def test_cli_numbers_and_dates_out_of_range_stop_with_a_message(users: Any, args: Any) -> None:
    with pytest.raises((CommandError, SystemExit)):
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_decision_operation_refuses_a_period_out_of_range(users: Any, offices: Any) -> None:
    from sosialsak.contexts.decisions.operations import VedtakUtkast, preview_vedtak

    soknad = _register(users, offices)
    va = users["veileder_a"]
    for field, day in (("periode_fra", date(1, 1, 1)), ("periode_til", date(9999, 12, 31))):
        with pytest.raises(DomainError) as err:
            preview_vedtak(scope=scope_for(va), actor=va, soknad_id=soknad.pk, today=NOW.date(),
                           data=VedtakUtkast(post_ids=tuple(soknad.poster.values_list(
                               "pk", flat=True)), hjemmel="§ 18", utfall="INNVILGET",
                               begrunnelse="", fakta="", **{field: day}))
        assert err.value.extra["field"] == field
