"""The deviation register (issue 17, item 4): raised by hand or by a check over the office's
threshold, assigned, cause analysed, measures with owner and deadline, closed with an
evaluation; the Statsforvalter reads but cannot write."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW

TODAY = date(2024, 5, 20)


def _input(**kw: Any) -> Any:
    from sosialsak.contexts.supervision.operations import AvvikInput

    args = {"hva": "Vedtak sendt uten at barnas behov var vurdert.", "hvor": "Mottak",
            "dato": date(2024, 3, 10), "alvorlighet": "HOY", "risikopunkt": 21, **kw}
    return AvvikInput(**args)


def test_lifecycle_by_hand(users: Any, scope_of: Any, offices: Any) -> None:
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.supervision import operations as ops
    from sosialsak.contexts.supervision.queries import open_avvik
    from sosialsak.kernel.errors import ValidationFailed

    leder = users["leder_a"]
    scope = scope_of(leder)
    avvik = ops.register_avvik(scope=scope, actor=leder, kontor_id=offices["A"].pk,
                               data=_input(), now=NOW)
    assert avvik.status == "REGISTRERT" and avvik.kilde == "MANUELL"
    assert list(open_avvik(scope)) == [avvik]
    with pytest.raises(ValidationFailed):  # the cause comes after someone owns it
        ops.analyse_avvik(scope=scope, actor=leder, avvik_id=avvik.pk, arsak="x")
    ops.assign_avvik(scope=scope, actor=leder, avvik_id=avvik.pk,
                     ansvarlig_id=users["veileder_a"].pk)
    ops.analyse_avvik(scope=scope, actor=leder, avvik_id=avvik.pk,
                      arsak="Sjekklisten for barn var ikke i bruk på mottak.")
    with pytest.raises(ValidationFailed) as err:  # no measure yet
        ops.close_avvik(scope=scope, actor=leder, avvik_id=avvik.pk, evaluering="Bra.",
                        now=NOW)
    assert "tiltak" in err.value.message
    ops.add_tiltak(scope=scope, actor=leder, avvik_id=avvik.pk, hva="Opplæring i kartlegging.",
                   ansvarlig_id=leder.pk, frist=date(2024, 4, 30))
    with pytest.raises(ValidationFailed):  # no evaluation
        ops.close_avvik(scope=scope, actor=leder, avvik_id=avvik.pk, evaluering=" ", now=NOW)
    closed = ops.close_avvik(scope=scope, actor=leder, avvik_id=avvik.pk,
                             evaluering="Ingen nye funn i mai.", now=NOW + timedelta(days=60))
    assert closed.status == "LUKKET" and closed.lukket_at is not None
    assert list(open_avvik(scope)) == []
    with pytest.raises(ValidationFailed):  # closed is closed
        ops.add_tiltak(scope=scope, actor=leder, avvik_id=avvik.pk, hva="Mer.",
                       ansvarlig_id=leder.pk, frist=date(2024, 6, 1))
    assert AuditEntry.objects.filter(object_type="avvik", object_id=str(avvik.pk),
                                     action="WRITE").count() == 5


def test_bad_input_is_refused(users: Any, scope_of: Any, offices: Any) -> None:
    from sosialsak.contexts.supervision import operations as ops
    from sosialsak.kernel.errors import ValidationFailed

    leder = users["leder_a"]
    for bad in (_input(hva=" "), _input(alvorlighet="KRITISK"), _input(risikopunkt=52),
                _input(hva="x" * 5000)):
        with pytest.raises(ValidationFailed):
            ops.register_avvik(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                               data=bad, now=NOW)


def test_the_statsforvalter_reads_but_cannot_write(users: Any, scope_of: Any,
                                                   offices: Any) -> None:
    from sosialsak.contexts.supervision import operations as ops
    from sosialsak.contexts.supervision.queries import open_avvik
    from sosialsak.kernel.errors import NotFound

    leder, sf = users["leder_a"], users["statsforvalter"]
    avvik = ops.register_avvik(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                               data=_input(), now=NOW)
    assert list(open_avvik(scope_of(sf))) == [avvik]
    with pytest.raises(NotFound):
        ops.register_avvik(scope=scope_of(sf), actor=sf, kontor_id=offices["A"].pk,
                           data=_input(), now=NOW)
    with pytest.raises(NotFound):
        ops.assign_avvik(scope=scope_of(sf), actor=sf, avvik_id=avvik.pk, ansvarlig_id=sf.pk)
    with pytest.raises(NotFound):  # another office's staff neither
        ops.assign_avvik(scope=scope_of(users["veileder_b"]), actor=users["veileder_b"],
                         avvik_id=avvik.pk, ansvarlig_id=users["veileder_b"].pk)
    assert list(open_avvik(scope_of(users["veileder_b"]))) == []


def test_a_check_over_the_threshold_raises_one_avvik(granted: Any, users: Any, scope_of: Any,
                                                     offices: Any) -> None:
    from sosialsak.contexts.supervision import operations as ops

    leder = users["leder_a"]
    scope, kontor = scope_of(leder), offices["A"].pk

    def run() -> list[Any]:
        return ops.raise_from_checks(scope=scope, actor=leder, kontor_id=kontor,
                                     fra=date(2024, 3, 1), til=date(2024, 3, 31), today=TODAY,
                                     now=NOW)

    # Two conditions without a follow-up date in March; no threshold set: nothing raised.
    assert run() == []
    ops.set_terskel(scope=scope, actor=leder, kontor_id=kontor,
                    kontroll="vilkar-uten-oppfolgingsdato", terskel=2)
    assert run() == []  # 2 is not above 2
    ops.set_terskel(scope=scope, actor=leder, kontor_id=kontor,
                    kontroll="vilkar-uten-oppfolgingsdato", terskel=1)
    (avvik,) = run()
    assert (avvik.kilde, avvik.kontroll, avvik.risikopunkt) == ("KONTROLL",
                                                                "vilkar-uten-oppfolgingsdato", 29)
    assert "2 av 2" in avvik.hva
    assert run() == []  # still open: not raised twice
