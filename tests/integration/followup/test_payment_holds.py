"""A payment held until a condition is met (issue 14, item 9): only where the decision
grounds it, released when the condition is marked met, never silently."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW

LATER = NOW + timedelta(days=1)


def _hold(scope: Any, actor: Any, utbetaling: Any, vilkar: Any) -> Any:
    from sosialsak.contexts.payments.holds import hold_utbetaling

    return hold_utbetaling(scope=scope, actor=actor, utbetaling_id=utbetaling.pk,
                           vilkar_id=vilkar.pk, now=NOW)


def test_holding_a_payment_without_the_decisions_ground_is_refused(
    granted: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.payments.holds import HoldRefused
    from sosialsak.contexts.payments.models import Tilbakeholdelse

    with pytest.raises(HoldRefused) as exc:
        _hold(scope, actor, granted.utbetalinger[0], granted.vanlig)

    assert exc.value.code == "hold_without_ground"
    assert "vedtaket sier ikke" in exc.value.message
    granted.utbetalinger[0].refresh_from_db()
    assert granted.utbetalinger[0].status == "PLANLAGT"
    assert not Tilbakeholdelse.objects.exists()


def test_a_condition_of_another_case_cannot_hold_the_payment(
    granted: Any, actor: Any, scope: Any, make_soknad: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
    from sosialsak.contexts.payments.holds import HoldRefused

    soknad = make_soknad()
    vedtak = record_vedtak(
        scope=scope, actor=actor, soknad_id=soknad.pk, now=NOW,
        data=VedtakInput(post_ids=[soknad.poster.get().pk], hjemmel="§ 18", utfall="INNVILGET",
                         stonadsform="BIDRAG", belop=100, periode_fra=date(2024, 4, 1),
                         periode_til=date(2024, 5, 1), begrunnelse="Grunn."))
    other = Vilkar.objects.create(vedtak=vedtak, beskrivelse="x", referanse="x",
                                  holder_tilbake_utbetaling=True, utsettelse_grunnlag="§ 20")

    with pytest.raises(HoldRefused) as exc:
        _hold(scope, actor, granted.utbetalinger[0], other)
    assert exc.value.code == "hold_wrong_vilkar"


def test_a_held_payment_is_stopped_with_an_event_and_cannot_be_restarted_by_hand(
    granted: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.payments.operations import (
        IllegalPaymentTransition,
        set_utbetaling_status,
    )

    u = granted.utbetalinger[0]
    _hold(scope, actor, u, granted.grunnet)

    u.refresh_from_db()
    assert u.status == "STOPPET"
    kinds = list(granted.soknad.hendelser.order_by("id").values_list("type", flat=True))
    assert kinds[-2:] == ["payments.tilbakeholdt", "payments.utbetaling"]
    assert AuditEntry.objects.filter(
        purpose="utbetaling holdt tilbake til vilkår er oppfylt").count() == 1
    with pytest.raises(IllegalPaymentTransition) as exc:
        set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=u.pk, status="PLANLAGT",
                              now=LATER)
    assert exc.value.code == "utbetaling_holdt_tilbake"


def test_meeting_the_condition_releases_the_payment(granted: Any, actor: Any,
                                                    scope: Any) -> None:
    from sosialsak.contexts.digisos.innsyn import innsyn_events
    from sosialsak.contexts.followup.operations import mark_vilkar_oppfylt
    from sosialsak.contexts.payments.models import Tilbakeholdelse

    held, free = granted.utbetalinger
    _hold(scope, actor, held, granted.grunnet)

    # Met after the due date (15 April): the payment falls due on the day it is released.
    when = NOW.replace(month=4, day=20)
    vilkar, released = mark_vilkar_oppfylt(scope=scope, actor=actor,
                                           vilkar_id=granted.grunnet.pk, now=when)

    assert released == [held.referanse] and vilkar.status == "OPPFYLT"
    held.refresh_from_db()
    assert (held.status, held.forfallsdato) == ("PLANLAGT", date(2024, 4, 20))
    hold = Tilbakeholdelse.objects.get()
    assert hold.frigitt_at == when and hold.frigitt_av_id == actor.pk
    kinds = list(granted.soknad.hendelser.order_by("id").values_list("type", flat=True))
    assert kinds[-3:] == ["decisions.vilkar", "payments.frigitt", "payments.utbetaling"]
    events = innsyn_events(granted.soknad)
    statuses = [e.status for e in events if type(e).__name__ == "Vilkar"]
    assert statuses[-1] == "OPPFYLT"
    free.refresh_from_db()
    assert free.status == "PLANLAGT"


def test_a_met_condition_holds_nothing(granted: Any, actor: Any, scope: Any) -> None:
    from sosialsak.contexts.followup.operations import mark_vilkar_oppfylt
    from sosialsak.contexts.payments.holds import HoldRefused

    mark_vilkar_oppfylt(scope=scope, actor=actor, vilkar_id=granted.grunnet.pk, now=NOW)

    with pytest.raises(HoldRefused) as exc:
        _hold(scope, actor, granted.utbetalinger[0], granted.grunnet)
    assert exc.value.code == "hold_vilkar_closed"


def test_meeting_the_condition_is_not_refused_when_the_decision_changed_meanwhile(
    granted: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.decisions.models import SakStatus, Vedtak
    from sosialsak.contexts.followup.operations import mark_vilkar_oppfylt
    from sosialsak.contexts.payments.models import Tilbakeholdelse

    held = granted.utbetalinger[0]
    _hold(scope, actor, held, granted.grunnet)
    # The sak is marked feilregistrert behind the hold's back: the payment may not restart.
    from sosialsak.contexts.decisions.models import Sak

    Sak.objects.filter(pk=granted.vedtak.sak_id).update(status=SakStatus.FEILREGISTRERT)
    assert Vedtak.objects.filter(pk=granted.vedtak.pk).exists()

    vilkar, released = mark_vilkar_oppfylt(scope=scope, actor=actor,
                                           vilkar_id=granted.grunnet.pk, now=LATER)

    assert vilkar.status == "OPPFYLT" and released == []
    held.refresh_from_db()
    assert held.status == "STOPPET"
    assert Tilbakeholdelse.objects.get().frigitt_at == LATER
    event = granted.soknad.hendelser.filter(type="payments.frigitt").get()
    assert "feilregistrert" in event.data["ikke_startet"]
