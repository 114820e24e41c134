"""Fixtures for payments: granted decisions, payment wishes and office settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW

KONTO_SOKER = "12345678903"
KONTO_UTLEIER = "15200300103"
KONTO_KOMMUNE = "15038723402"
ORGNR_UTLEIER = "987654325"
ORGNR_KOMMUNE = "964338531"


@pytest.fixture
def actor(users: dict[str, Any]) -> Any:
    return users["veileder_a"]


@pytest.fixture
def scope(actor: Any, scope_of: Callable[[Any], Any]) -> Any:
    return scope_of(actor)


@pytest.fixture
def grant(users: dict[str, Any], scope_of: Callable[[Any], Any]) -> Callable[..., Any]:
    """Return a maker of granted decisions on one item of an application."""
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak

    def make(soknad: Any, *, item: str = "LIVSOPPHOLD", belop: int | None = 9000,
             fra: date | None = date(2024, 4, 1), til: date | None = date(2024, 7, 1),
             hjemmel: str = "§ 18", stonadsform: str = "BIDRAG",
             utfall: str = "INNVILGET", who: Any = None) -> Any:
        who = who or users["veileder_a" if soknad.kontor.enhetsnummer == "1201"
                           else "veileder_b"]
        post = soknad.poster.get(type=item)
        return record_vedtak(
            scope=scope_of(who), actor=who, soknad_id=soknad.pk, now=NOW,
            data=VedtakInput(post_ids=[post.pk], hjemmel=hjemmel, utfall=utfall,
                             begrunnelse="Du har ikke penger til det du trenger.",
                             stonadsform=stonadsform if utfall != "AVSLATT" else "",
                             periode_fra=fra, periode_til=til, belop=belop))

    return make


@pytest.fixture
def profil(actor: Any, scope: Any) -> Callable[..., Any]:
    """Return a setter of the applicant's account and combined-payment wish."""
    from sosialsak.contexts.payments.profile import set_betalingsprofil

    def make(soknad: Any, *, samlet: bool = False, konto: str = KONTO_SOKER) -> Any:
        return set_betalingsprofil(scope=scope, actor=actor, soknad_id=soknad.pk,
                                   kontonummer=konto, samlet_manedlig_utbetaling=samlet, now=NOW)

    return make


@pytest.fixture
def office_settings(users: dict[str, Any], scope_of: Callable[[Any], Any],
                    offices: dict[str, Any]) -> Callable[..., Any]:
    """Return a setter of office A's payment day and debtor account (as its leder)."""
    from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger

    def make(*, dag: int = 15, kontor: str = "A") -> Any:
        leder = users["leder_a"]
        return set_utbetalingsinnstillinger(
            scope=scope_of(leder), actor=leder, kontor_id=offices[kontor].pk, utbetalingsdag=dag,
            debitor_navn="Bergen kommune", debitor_kontonummer=KONTO_KOMMUNE,
            debitor_organisasjonsnummer=ORGNR_KOMMUNE)

    return make
