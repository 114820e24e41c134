"""Fixtures for KVP and tiltak: a long-term recipient born 1 June 1999 (24 on 4 March 2024,
25 on 1 June 2024), without children unless asked, and a small tiltak catalogue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers import NOW

KONTO = "12345678903"


@pytest.fixture
def veileder(users: dict[str, Any]) -> Any:
    return users["veileder_sf"]


@pytest.fixture
def scope(scope_of: Callable[[Any], Any], veileder: Any) -> Any:
    return scope_of(veileder)


@pytest.fixture
def recipient(make_soknad: Callable[..., Any]) -> Any:
    soknad = make_soknad(items=("LIVSOPPHOLD",))
    person = soknad.person
    person.fodselsdato = date(1999, 6, 1)
    person.kommunenummer = "4601"
    person.save()
    return soknad


@pytest.fixture
def tiltak(scope: Any, veileder: Any, offices: dict[str, Any]) -> dict[str, Any]:
    from sosialsak.contexts.tiltak.operations import TiltakInput, create_tiltak

    def make(navn: str, timer: str, kapasitet: int | None = None,
             tilbyder: str = "KOMMUNE") -> Any:
        return create_tiltak(scope=scope, actor=veileder, kontor_id=offices["A"].pk, now=NOW,
                             data=TiltakInput(navn=navn, tilbyder=tilbyder,
                                              malgruppe="Voksne som står utenfor arbeidslivet",
                                              timer_per_uke=Decimal(timer), kapasitet=kapasitet,
                                              timeplan="Mandag–fredag", sted="Bergen"))

    return {"arbeid": make("Arbeidstrening på kafé", "22.5", kapasitet=5),
            "norsk": make("Norskkurs", "15", kapasitet=1, tilbyder="FRIVILLIG"),
            "jobb": make("Jobbklubb", "7.5", tilbyder="STAT")}


@pytest.fixture
def granted(scope: Any, veileder: Any, recipient: Any) -> Any:
    """A participation screened, assessed, applied for and granted from 1 April 2024."""
    from sosialsak.contexts.kvp import operations as kvp

    d = kvp.screen(scope=scope, actor=veileder, soknad_id=recipient.pk, grunn="LANGTID", now=NOW)
    kvp.assess(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW, data=kvp.VurderingInput(
        vesentlig_nedsatt_arbeidsevne=True, andre_ytelser="ingen", arbeidsevnevurdering=True,
        egnet=True, begrunnelse="Lang tid uten arbeid; trenger tett oppfølging."))
    kvp.apply(scope=scope, actor=veileder, deltakelse_id=d.pk, mottatt_at=NOW, kanal="MUNTLIG",
              now=NOW)
    return kvp.decide(scope=scope, actor=veileder, deltakelse_id=d.pk, now=NOW,
                      data=kvp.VedtakInput(innvilget=True, begrunnelse="Du har rett til KVP.",
                                           fakta="Du har hatt sosialhjelp i 8 måneder.",
                                           start=date(2024, 4, 1), kontonummer=KONTO))


from tests.integration.decisions.fixtures import utkast, young_parent  # noqa: E402

__all__ = ["utkast", "young_parent"]
