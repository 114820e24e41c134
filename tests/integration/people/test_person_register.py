"""The population register port (issue 18 item 7): the Folkeregister adapter over real HTTP
against the in-process fake, and the rule that the register's address protection wins over
what was typed (docs/adr/0011; ADR 0010: the person record changes only by audited writes)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from sosialsak.contexts.people.register import RegisterUnavailable, household, install_register
from sosialsak.contexts.people.register_adapters import (
    FolkeregisterAdapter,
    LocalRegister,
    MaskinportenTokenProvider,
    StaticToken,
    parse_freg_person,
)
from sosialsak.contexts.people.register_fake import FakeFolkeregister, fnr_of
from tests.helpers import NOW


@pytest.fixture
def fake() -> Iterator[FakeFolkeregister]:
    with FakeFolkeregister() as server:
        yield server


def _adapter(fake: FakeFolkeregister, **kw: Any) -> FolkeregisterAdapter:
    tokens = MaskinportenTokenProvider(
        token_endpoint=fake.token_url, client_id="sosialsak-test", audience="https://mp.test/",
        scope="folkeregister:deling/offentligmedhjemmel", signer=lambda data: b"test-signature")
    return FolkeregisterAdapter(base_url=fake.base_url, tokens=tokens, sleep=lambda s: None, **kw)


class TestFolkeregisterAdapter:
    def test_a_person_is_read_over_http_with_a_maskinporten_style_token(
            self, fake: FakeFolkeregister) -> None:
        kari = _adapter(fake).person(fnr_of("kari"))

        assert kari is not None
        assert (kari.fornavn, kari.etternavn, kari.adressebeskyttelse) == (
            "Kari", "Nordmann", "INGEN")
        assert kari.adresse is not None and kari.adresse.gateadresse == "Storgata 1A"
        assert (kari.adresse.postnummer, kari.adresse.kommunenummer) == ("0155", "0301")
        assert kari.barn == (fnr_of("ola"),) and kari.partner == fnr_of("per")
        grant = fake.grants[0]
        claims = json.loads(base64.urlsafe_b64decode(grant["assertion"].split(".")[1] + "=="))
        assert claims["iss"] == "sosialsak-test" and claims["scope"].startswith("folkeregister")
        assert "part=adressebeskyttelse" in fake.requests[0]

    def test_the_token_is_reused_until_it_expires(self, fake: FakeFolkeregister) -> None:
        adapter = _adapter(fake)
        adapter.person(fnr_of("kari"))
        adapter.person(fnr_of("per"))
        assert len(fake.grants) == 1

    def test_the_household_holds_partner_and_children(self, fake: FakeFolkeregister) -> None:
        found = household(_adapter(fake), fnr_of("kari"))
        assert found is not None
        assert found.partner is not None and found.partner.fornavn == "Per"
        assert [b.fornavn for b in found.barn] == ["Ola"]

    def test_a_protected_person_comes_without_an_address(self, fake: FakeFolkeregister) -> None:
        sara = _adapter(fake).person(fnr_of("sara"))
        assert sara is not None
        assert (sara.adressebeskyttelse, sara.adresse) == ("STRENGT_FORTROLIG", None)

    def test_an_unknown_number_is_none(self, fake: FakeFolkeregister) -> None:
        from tests.helpers import synthetic_fnr

        assert _adapter(fake).person(synthetic_fnr(date(1970, 1, 1))) is None

    def test_a_server_error_is_retried_then_reported(self, fake: FakeFolkeregister) -> None:
        fake.fail_next = 2
        assert _adapter(fake, retries=2).person(fnr_of("lise")) is not None
        fake.fail_next = 3
        with pytest.raises(RegisterUnavailable):
            _adapter(fake, retries=2).person(fnr_of("lise"))

    def test_a_rejected_token_is_renewed_once(self, fake: FakeFolkeregister) -> None:
        adapter = _adapter(fake)
        adapter.person(fnr_of("kari"))
        fake.tokens.clear()  # the register forgot the token (rotated keys)
        assert adapter.person(fnr_of("kari")) is not None
        assert len(fake.grants) == 2

    def test_a_static_token_the_register_refuses_is_unavailable(
            self, fake: FakeFolkeregister) -> None:
        adapter = FolkeregisterAdapter(base_url=fake.base_url, tokens=StaticToken("wrong"),
                                       sleep=lambda s: None)
        with pytest.raises(RegisterUnavailable):
            adapter.person(fnr_of("kari"))

    def test_a_refused_grant_is_unavailable(self, fake: FakeFolkeregister) -> None:
        tokens = MaskinportenTokenProvider(
            token_endpoint=fake.base_url + "/feil", client_id="x", audience="a", scope="s",
            signer=lambda data: b"sig")
        with pytest.raises(RegisterUnavailable):
            FolkeregisterAdapter(base_url=fake.base_url, tokens=tokens).person(fnr_of("kari"))

    def test_only_a_checked_number_goes_into_the_url(self, fake: FakeFolkeregister) -> None:
        with pytest.raises(ValueError):
            _adapter(fake).person("../../admin")
        assert fake.requests == []

    def test_a_file_url_is_refused(self) -> None:
        with pytest.raises(ValueError):
            FolkeregisterAdapter(base_url="file:///etc", tokens=StaticToken("x"))

    def test_an_unknown_grading_counts_as_strengt_fortrolig(self) -> None:
        doc = {"navn": [{"erGjeldende": True, "fornavn": "A", "etternavn": "B"}],
               "adressebeskyttelse": [{"erGjeldende": True, "graderingsnivaa": "nyttNivaa"}],
               "bostedsadresse": [{"erGjeldende": True, "vegadresse": {"adressenavn": "X"}}]}
        person = parse_freg_person(doc, "00000000000")
        assert (person.adressebeskyttelse, person.adresse) == ("STRENGT_FORTROLIG", None)

    def test_entries_no_longer_current_are_ignored(self) -> None:
        doc = {"navn": [{"erGjeldende": False, "fornavn": "Gammel", "etternavn": "Navn"},
                        {"erGjeldende": True, "fornavn": "Ny", "etternavn": "Navn"}],
               "adressebeskyttelse": [{"erGjeldende": False, "graderingsnivaa": "fortrolig"}]}
        person = parse_freg_person(doc, "00000000000")
        assert (person.fornavn, person.adressebeskyttelse) == ("Ny", "INGEN")


@pytest.fixture
def register(fake: FakeFolkeregister) -> Iterator[FolkeregisterAdapter]:
    adapter = _adapter(fake)
    install_register(adapter)
    yield adapter
    install_register(None)


def _register(users: dict[str, Any], offices: dict[str, Any], fnr: str, *,
              actor: str = "veileder_a") -> Any:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.intake.operations import (
        ApplicantInput,
        PostInput,
        SoknadInput,
        register_with_applicant,
    )

    user = users[actor]
    return register_with_applicant(
        scope=scope_for(user), actor=user, kontor=offices["A"],
        applicant=ApplicantInput(fodselsnummer=fnr, fornavn="Sara", etternavn="Skrevet"),
        partner=None, barn=[], data=SoknadInput(kanal="TELEFON", mottatt_at=NOW,
                                                poster=[PostInput(type="LIVSOPPHOLD")]))


@pytest.mark.django_db
class TestRegisterProtectionWins:
    def test_a_typed_application_without_protection_gets_the_registers_protection(
            self, users: Any, offices: Any, register: Any) -> None:
        """sotjl. § 44 / ADR 0010 decision 4: the office that registers without the permission
        keeps its application, which shows nothing of the protected person."""
        from sosialsak.contexts.audit.models import AuditEntry

        soknad = _register(users, offices, fnr_of("sara"))
        soknad.person.refresh_from_db()

        assert soknad.person.adressebeskyttelse == "STRENGT_FORTROLIG"
        assert soknad.person.adressebeskyttelse_fra_register is not None
        assert soknad.registrert_uten_innsyn is True
        purposes = list(AuditEntry.objects.filter(object_type="person",
                                                  object_id=str(soknad.person.pk))
                        .values_list("purpose", flat=True))
        assert "oppslag i folkeregisteret" in purposes
        assert "adressebeskyttelse fra folkeregisteret" in purposes
        assert not any("Sara" in p or fnr_of("sara") in p for p in purposes)
        # The office's leder reads its audit log: the protection must not show there.
        change = AuditEntry.objects.get(purpose="adressebeskyttelse fra folkeregisteret")
        assert change.kontor_id is None

    def test_a_later_application_typed_without_protection_never_unprotects(
            self, users: Any, offices: Any, register: Any, fake: FakeFolkeregister) -> None:
        first = _register(users, offices, fnr_of("jon"))
        fake.fail_next = 10  # the register is down at the next registration
        second = _register(users, offices, fnr_of("jon"))
        second.person.refresh_from_db()

        assert first.person_id == second.person_id
        assert second.person.adressebeskyttelse == "FORTROLIG"

    def test_a_protection_set_by_hand_is_not_lifted_by_an_ungraded_register_answer(
            self, users: Any, offices: Any, register: Any) -> None:
        from sosialsak.contexts.people.models import Person

        first = _register(users, offices, fnr_of("lise"))
        Person.objects.filter(pk=first.person_id).update(adressebeskyttelse="FORTROLIG")
        _register(users, offices, fnr_of("lise"))

        assert Person.objects.get(pk=first.person_id).adressebeskyttelse == "FORTROLIG"

    def test_the_register_lifts_a_protection_it_gave_itself(
            self, users: Any, offices: Any, register: Any, fake: FakeFolkeregister) -> None:
        from sosialsak.contexts.people.models import Person

        first = _register(users, offices, fnr_of("jon"))
        fake.people[fnr_of("jon")]["adressebeskyttelse"][0]["graderingsnivaa"] = "ugradert"
        _register(users, offices, fnr_of("jon"))

        assert Person.objects.get(pk=first.person_id).adressebeskyttelse == "INGEN"

    def test_registration_goes_on_when_the_register_is_down(
            self, users: Any, offices: Any, register: Any, fake: FakeFolkeregister) -> None:
        fake.fail_next = 10
        soknad = _register(users, offices, fnr_of("kari"))
        assert soknad.person.adressebeskyttelse == "INGEN"

    def test_without_a_register_nothing_is_looked_up(
            self, users: Any, offices: Any, fake: FakeFolkeregister) -> None:
        soknad = _register(users, offices, fnr_of("sara"))
        assert soknad.person.adressebeskyttelse == "INGEN" and fake.requests == []


def test_the_local_register_serves_the_same_synthetic_people() -> None:
    sara = LocalRegister().person(fnr_of("sara"))
    assert sara is not None and sara.barn == (fnr_of("nora"),)
