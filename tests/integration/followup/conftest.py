"""Fixtures for follow-up (issue 14): a granted decision with conditions, one of which the
decision says the payment waits for, and its planned payments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW

KONTO = "12345678903"


@pytest.fixture
def actor(users: dict[str, Any]) -> Any:
    return users["veileder_a"]


@pytest.fixture
def scope(actor: Any, scope_of: Callable[[Any], Any]) -> Any:
    return scope_of(actor)


@dataclass
class Granted:
    soknad: Any
    vedtak: Any
    grunnet: Any  # the decision says the payment waits for it
    vanlig: Any  # an ordinary condition
    utbetalinger: list[Any]


@pytest.fixture
def granted(make_soknad: Callable[..., Any], actor: Any, scope: Any) -> Granted:
    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
    from sosialsak.contexts.payments.operations import plan_utbetaling

    soknad = make_soknad()
    vedtak = record_vedtak(
        scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW,
        data=VedtakInput(post_ids=[soknad.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
                         stonadsform="BIDRAG", belop=9000, periode_fra=date(2024, 4, 1),
                         periode_til=date(2024, 6, 1),
                         begrunnelse="Du har ikke penger til det du trenger."))
    grunnet = Vilkar.objects.create(
        vedtak=vedtak, beskrivelse="Lever kontoutskrift for mars.", referanse="v-grunnet",
        holder_tilbake_utbetaling=True,
        utsettelse_grunnlag="Sosialtjenesteloven § 20: utbetalingen utsettes til vilkåret er "
                            "oppfylt, slik vedtaket sier.")
    vanlig = Vilkar.objects.create(vedtak=vedtak, beskrivelse="Møt til samtale hver tirsdag.",
                                   referanse="v-vanlig", aktivitet=True)
    payments = [plan_utbetaling(scope=scope, actor=actor, vedtak_id=vedtak.pk, belop=9000,
                                forfallsdato=day, kontonummer=KONTO, mottaker_navn="Kari",
                                now=NOW)
                for day in (date(2024, 4, 15), date(2024, 5, 15))]
    return Granted(soknad, vedtak, grunnet, vanlig, payments)
