# ruff: noqa: F811  (the granted fixture is imported from test_replacing_decisions)
"""What a decision that replaces another may not do (found in review): re-decide items the
appeal was not about, leave the decision in force paying, act on an annulled condition, or let a
replaced or feilregistrert decision pay again. Also: consents from another office stay hidden,
and the API's refused changes are audited on the API channel."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_reduction_payments import KONTO, _rows
from tests.integration.decisions.test_replacing_decisions import _new, granted  # noqa: F401

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)


def _klage(users: Any, scope_of: Any, vedtak: Any) -> Any:
    from sosialsak.contexts.decisions.operations import register_klage

    a = users["veileder_sf"]
    return register_klage(scope=scope_of(a), actor=a, vedtak_id=vedtak.pk,
                          tekst="Uenig.", mottatt=date(2024, 3, 10), now=NOW)


def _appealed_and_breached(users: Any, scope_of: Any, granted: Any) -> tuple[Any, Any]:
    """An appeal on the decision, and a breach of its condition recorded the same day."""
    from sosialsak.contexts.decisions.operations import record_brudd

    a = users["veileder_sf"]
    klage = _klage(users, scope_of, granted)
    brudd = record_brudd(scope=scope_of(a), actor=a, vilkar_id=granted.vilkar.get().pk,
                         hva="Møtte ikke.", forklaring="", now=NOW)
    return klage, brudd


def _live(soknad: Any) -> list[tuple[int, date, int]]:
    from sosialsak.contexts.payments.models import Utbetaling

    return sorted((u.vedtak_id, u.forfallsdato, u.belop) for u in Utbetaling.objects.filter(
        vedtak__sak__soknad=soknad, status="PLANLAGT"))


def test_a_change_after_an_appeal_decides_the_appealed_items_only(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import UnableToHandleKlage, change_after_klage

    klage = _klage(users, scope_of, granted)
    husleie = young_parent.poster.get(type="HUSLEIE").pk
    a = users["veileder_sf"]
    with pytest.raises(UnableToHandleKlage) as exc:
        change_after_klage(scope=scope_of(a), actor=a, klage_id=klage.pk, vurdering="Ja.",
                           now=LATER, data=_new(utkast, post_ids=(husleie,), hjemmel="§ 19",
                                                belop=9500, individuell_vurdering="",
                                                justeringer=()))

    assert (exc.value.code, exc.value.extra["field"]) == ("klage_andre_poster", "post_ids")


def test_a_change_after_an_appeal_replaces_the_reduction_in_force(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import (
        change_after_klage,
        decide_reduksjon,
        send_forhandsvarsel,
    )

    a = users["veileder_sf"]
    s = scope_of(a)
    klage, brudd = _appealed_and_breached(users, scope_of, granted)
    send_forhandsvarsel(scope=s, actor=a, brudd_id=brudd.pk, belop_redusert=11000,
                        svarfrist=date(2024, 3, 18), now=NOW)
    red = decide_reduksjon(scope=s, actor=a, brudd_id=brudd.pk, belop_redusert=11000,
                           individuell_vurdering="Vurdert.", nodvendig_belop=9000, now=LATER)

    new = change_after_klage(scope=s, actor=a, klage_id=klage.pk, vurdering="Tas til følge.",
                             now=LATER + timedelta(days=1), data=_new(utkast))

    assert new.endrer_id == red.pk
    april = [(v, b) for v, d, b in _live(young_parent) if d == date(2024, 4, 15)]
    assert april == [(new.pk, new.belop)]  # paid once, by the new decision


def test_an_appeal_on_a_replaced_decision_is_refused(
    users: Any, scope_of: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import UnableToHandleKlage, change_after_klage

    a = users["veileder_sf"]
    first = _klage(users, scope_of, granted)
    new = change_after_klage(scope=scope_of(a), actor=a, klage_id=first.pk, vurdering="Ja.",
                             now=NOW, data=_new(utkast))

    with pytest.raises(UnableToHandleKlage) as exc:
        _klage(users, scope_of, granted)

    assert exc.value.code == "vedtak_erstattet" and str(new.pk) in exc.value.message


def test_two_open_appeals_on_one_decision_never_pay_twice(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import change_after_klage

    a = users["veileder_sf"]
    s = scope_of(a)
    k1, k2 = _klage(users, scope_of, granted), _klage(users, scope_of, granted)

    n1 = change_after_klage(scope=s, actor=a, klage_id=k1.pk, vurdering="Ja.", now=NOW,
                            data=_new(utkast, 1000))
    n2 = change_after_klage(scope=s, actor=a, klage_id=k2.pk, vurdering="Ja.", now=LATER,
                            data=_new(utkast, 2000))

    assert n2.endrer_id == n1.pk
    assert [v for v, d, _ in _live(young_parent) if d == date(2024, 4, 15)] == [n2.pk]


def test_a_breach_of_an_annulled_condition_leads_nowhere(
    users: Any, scope_of: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import (
        UnableToReduce,
        Unntak,
        change_after_klage,
        send_forhandsvarsel,
    )

    a = users["veileder_sf"]
    s = scope_of(a)
    klage, brudd = _appealed_and_breached(users, scope_of, granted)
    change_after_klage(scope=s, actor=a, klage_id=klage.pk, vurdering="Tas til følge.",
                       now=NOW, data=_new(utkast, vilkar=(), periode_fra=date(2024, 3, 1),
                                          unntak=Unntak(("03",), "Sykmeldt ut mars.")))

    with pytest.raises(UnableToReduce) as exc:
        send_forhandsvarsel(scope=s, actor=a, brudd_id=brudd.pk, belop_redusert=11000,
                            svarfrist=date(2024, 3, 18), now=NOW)

    assert exc.value.code == "vilkar_annullert"


def test_a_feilregistrert_or_replaced_decision_gets_no_new_payment_plan(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any, granted: Any
) -> None:
    from sosialsak.contexts.decisions.operations import (
        change_after_klage,
        mark_sak_feilregistrert,
    )
    from sosialsak.contexts.payments.operations import set_utbetaling_status
    from sosialsak.contexts.payments.plan import UnableToPlanUtbetaling
    from sosialsak.contexts.payments.planning import create_payment_plan
    from sosialsak.contexts.payments.recipients import Mottaker

    a = users["veileder_sf"]
    s = scope_of(a)
    klage = _klage(users, scope_of, granted)
    change_after_klage(scope=s, actor=a, klage_id=klage.pk, vurdering="Ja.", now=NOW,
                       data=_new(utkast))
    for u in granted.utbetalinger.all():
        set_utbetaling_status(scope=s, actor=a, utbetaling_id=u.pk, status="ANNULLERT", now=NOW)
    with pytest.raises(UnableToPlanUtbetaling, match="erstattet"):
        create_payment_plan(scope=s, actor=a, vedtak_id=granted.pk, hyppighet="MANEDLIG",
                            mottaker=Mottaker(kontonummer=KONTO), now=NOW)

    mark_sak_feilregistrert(scope=s, actor=a, sak_id=granted.sak_id, grunn="Feil person.",
                            now=LATER)
    with pytest.raises(UnableToPlanUtbetaling, match="feilregistrert"):
        create_payment_plan(scope=s, actor=a, vedtak_id=granted.endringer.get().pk,
                            hyppighet="MANEDLIG", mottaker=Mottaker(kontonummer=KONTO),
                            now=LATER)
    assert {st for _, _, st in _rows(granted)} == {"ANNULLERT"}


def test_consents_recorded_at_another_office_stay_hidden(
    users: Any, offices: Any
) -> None:
    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.intake.operations import (
        ApplicantInput,
        PostInput,
        SoknadInput,
        register_with_applicant,
    )
    from sosialsak.contexts.payments.profile import SamtykkeInput, record_samtykke
    from sosialsak.contexts.payments.queries import payment_overview
    from tests.helpers import synthetic_fnr

    fnr = synthetic_fnr(date(1985, 2, 3), 7)

    def apply(office: str, actor: Any) -> Any:
        return register_with_applicant(
            scope=scope_for(actor), actor=actor, kontor=offices[office],
            applicant=ApplicantInput(fodselsnummer=fnr, fornavn="Ola", etternavn="Hansen"),
            partner=None, barn=[],
            data=SoknadInput(kanal="TELEFON", mottatt_at=NOW,
                             poster=[PostInput(type="LIVSOPPHOLD")]))

    vb, va = users["veileder_b"], users["veileder_a"]
    sb, sa = apply("B", vb), apply("A", va)
    record_samtykke(scope=scope_for(vb), actor=vb, soknad_id=sb.pk, now=NOW, data=SamtykkeInput(
        gitt_dato=date(2024, 3, 1), gjelder="Husleie til krisesenteret",
        mottaker_navn="Krisesenteret i Bergen"))

    assert sa.person_id == sb.person_id
    assert payment_overview(scope=scope_for(va), actor=va, soknad_id=sa.pk).samtykker == []
    assert len(payment_overview(scope=scope_for(vb), actor=vb, soknad_id=sb.pk).samtykker) == 1


def test_an_api_refusal_is_audited_on_the_api_channel_for_the_callers_office(
    users: Any, granted: Any
) -> None:
    import json

    from django.test import Client

    from sosialsak.contexts.accounts.tokens import create_token
    from sosialsak.contexts.audit.models import AuditEntry

    u = granted.utbetalinger.first()
    vb = users["veileder_b"]
    response = Client().post(f"/api/v1/utbetalinger/{u.pk}/status",
                             json.dumps({"status": "STOPPET"}), content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {create_token(user=vb)}")

    assert response.status_code == 404
    entry = AuditEntry.objects.get(action="DENIED", actor_id=vb.pk)
    assert (entry.channel, entry.kontor_id) == ("api", vb.kontor_id)
