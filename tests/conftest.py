"""Shared fixtures: two offices, a user per role, and a small application factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import NOW, synthetic_fnr


@pytest.fixture(autouse=True)
def _var_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Everything a test stores (attachments, the Digisos inbox, quarantine and outbox) goes
    to the test's own temporary folder, never to the checkout's var/."""
    var = tmp_path / "var"
    settings.MEDIA_ROOT = str(var / "media")
    settings.DIGISOS_INBOX = var / "inbox"
    settings.DIGISOS_QUARANTINE = var / "quarantine"
    settings.DIGISOS_OUTBOX = var / "outbox"


@pytest.fixture
def offices(db: Any) -> dict[str, Any]:
    from sosialsak.contexts.accounts.models import Kommune, NavKontor

    k1 = Kommune.objects.create(nummer="4601", navn="Bergen")
    k2 = Kommune.objects.create(nummer="0301", navn="Oslo")
    # Letters need the sender's address and phone.
    a = NavKontor.objects.create(enhetsnummer="1201", navn="NAV Årstad",
                                 adresse="Solheimsgaten 11, 5058 Bergen", telefon="55 55 33 33")
    b = NavKontor.objects.create(enhetsnummer="1202", navn="NAV Bergenhus",
                                 adresse="Nygårdsgaten 2, 5015 Bergen", telefon="55 55 33 34")
    c = NavKontor.objects.create(enhetsnummer="0312", navn="NAV Frogner")
    a.kommuner.add(k1)
    b.kommuner.add(k1)
    c.kommuner.add(k2)
    return {"A": a, "B": b, "C": c}


@pytest.fixture
def users(offices: dict[str, Any]) -> dict[str, Any]:
    from sosialsak.contexts.accounts.operations import create_user

    pw = "test-passord-123"
    return {
        "veileder_a": create_user(username="va", password=pw, role="veileder",
                                  kontor=offices["A"]),
        "veileder_b": create_user(username="vb", password=pw, role="veileder",
                                  kontor=offices["B"]),
        "veileder_sf": create_user(username="vsf", password=pw, role="veileder",
                                   kontor=offices["A"],
                                   extra_permissions=("accounts.view_strengt_fortrolig",)),
        "leder_a": create_user(username="la", password=pw, role="leder", kontor=offices["A"]),
        "statsforvalter": create_user(username="sf46", password=pw, role="statsforvalter",
                                      fylkesnummer="46"),
        "admin": create_user(username="adm", password=pw, role="admin"),
    }


@pytest.fixture
def scope_of() -> Callable[[Any], Any]:
    from sosialsak.contexts.accounts.scope import scope_for

    return scope_for


@pytest.fixture
def make_soknad(users: dict[str, Any], offices: dict[str, Any]) -> Callable[..., Any]:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.intake.operations import (
        ApplicantInput,
        PostInput,
        SoknadInput,
        register_with_applicant,
    )
    from sosialsak.contexts.people.operations import BarnInput

    counter = {"n": 0}

    def make(
        *, office: str = "A", items: tuple[str, ...] = ("LIVSOPPHOLD",), barn: int = 0,
        beskyttelse: str = "INGEN", kanal: str = "TELEFON", actor: Any = None,
    ) -> Any:
        counter["n"] += 1
        actor = actor or users["veileder_sf" if office == "A" else "veileder_b"]
        born = date(1990, 1 + counter["n"] % 12, 1 + counter["n"] % 27)
        soknad = register_with_applicant(
            scope=scope_for(actor), actor=actor, kontor=offices[office],
            applicant=ApplicantInput(fodselsnummer=synthetic_fnr(born, counter["n"]),
                                     fornavn="Kari", etternavn=f"Nordmann{counter['n']}"),
            partner=None,
            barn=[BarnInput(navn=f"Barn {i}", fodselsdato=date(2015 + i % 8, 5, 1 + i // 8))
                  for i in range(barn)],
            data=SoknadInput(kanal=kanal, mottatt_at=NOW,
                             poster=[PostInput(type=t) for t in items]),
        )
        if beskyttelse != "INGEN":
            soknad.person.adressebeskyttelse = beskyttelse
            soknad.person.gateadresse = "Hemmeligveien 1"
            soknad.person.save()
        return soknad

    return make


def pytest_configure(config: Any) -> None:
    from django.conf import settings

    # Tests create many users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
