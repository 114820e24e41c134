"""Decisions that replace a decision: a change after an appeal stops the old payments and
conditions, and the office's four-eyes setting holds for it, for reductions and for frame
decisions as for a first decision."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make
from tests.integration.decisions.test_reduction_payments import KONTO, _rows

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(days=20)


def _settings(users: Any, scope_of: Any, offices: Any, **kw: Any) -> None:
    from sosialsak.contexts.decisions.operations import set_decision_settings
    from sosialsak.contexts.decisions.policy import DecisionSettings

    leder = users["leder_a"]
    set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                          data=DecisionSettings(**kw), now=NOW)


@pytest.fixture
def granted(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    from sosialsak.contexts.decisions.operations import UtbetalingValg

    _kvp(users, scope_of, young_parent)
    return _make(users, scope_of, young_parent, utkast(
        unntak=None, vilkar=(_activity(),), periode_fra=date(2024, 3, 1),
        periode_til=date(2024, 6, 1),
        utbetaling=UtbetalingValg(kontonummer=KONTO, hyppighet="MANEDLIG")))


@pytest.fixture
def klage(users: Any, scope_of: Any, granted: Any) -> Any:
    from sosialsak.contexts.decisions.operations import register_klage

    actor = users["veileder_sf"]
    return register_klage(scope=scope_of(actor), actor=actor, vedtak_id=granted.pk,
                          tekst="Vinterklær koster mer.", mottatt=date(2024, 3, 10), now=NOW)


def _new(utkast: Any, extra: int = 1500, **over: Any) -> Any:
    from sosialsak.contexts.decisions.operations import Justering, UtbetalingValg

    fields = {"vilkar": (_activity(),), "unntak": None, "periode_fra": date(2024, 4, 1),
              "periode_til": date(2024, 6, 1), "justeringer": (Justering(extra, "Vinterklær"),),
              "utbetaling": UtbetalingValg(kontonummer=KONTO, hyppighet="MANEDLIG")}
    fields.update(over)
    return utkast(**fields)


class TestChangeAfterKlage:
    def test_the_old_payments_stop_and_its_conditions_are_annulled(
        self, users: Any, scope_of: Any, granted: Any, klage: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import change_after_klage
        from sosialsak.contexts.intake.models import Hendelse

        actor = users["veileder_sf"]
        new = change_after_klage(scope=scope_of(actor), actor=actor, klage_id=klage.pk,
                                 data=_new(utkast), vurdering="Klagen tas til følge.",
                                 now=LATER)

        assert [s for _, _, s in _rows(granted)] == ["STOPPET", "STOPPET", "STOPPET"]
        assert [(d, s) for d, _, s in _rows(new)] == [
            (date(2024, 4, 15), "PLANLAGT"), (date(2024, 5, 15), "PLANLAGT")]
        assert granted.vilkar.get().status == "ANNULLERT"
        assert new.vilkar.get().status == "RELEVANT"
        fattet = Hendelse.objects.filter(type="decisions.vedtak.fattet").order_by("id").last()
        assert fattet is not None
        assert sorted(fattet.data["stoppet"]) == sorted(
            u.referanse for u in granted.utbetalinger.all())

    def test_the_office_must_write_its_assessment(
        self, users: Any, scope_of: Any, granted: Any, klage: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToHandleKlage,
            change_after_klage,
        )

        actor = users["veileder_sf"]
        with pytest.raises(UnableToHandleKlage) as exc:
            change_after_klage(scope=scope_of(actor), actor=actor, klage_id=klage.pk,
                               data=_new(utkast), vurdering="  ", now=LATER)

        assert exc.value.extra["field"] == "vurdering"
        assert [s for _, _, s in _rows(granted)] == ["PLANLAGT"] * 3

    def test_above_the_threshold_the_change_goes_through_a_second_caseworker(
        self, users: Any, scope_of: Any, offices: Any, granted: Any, klage: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            ApprovalRequired,
            approve_vedtak,
            change_after_klage,
            propose_change_after_klage,
        )

        _settings(users, scope_of, offices, godkjenning_over_belop=5000)
        actor, leder = users["veileder_sf"], users["leder_a"]
        with pytest.raises(ApprovalRequired):
            change_after_klage(scope=scope_of(actor), actor=actor, klage_id=klage.pk,
                               data=_new(utkast), vurdering="Klagen tas til følge.", now=LATER)
        assert granted.endringer.count() == 0

        forslag = propose_change_after_klage(
            scope=scope_of(actor), actor=actor, klage_id=klage.pk, data=_new(utkast),
            vurdering="Klagen tas til følge.", now=LATER)
        new = approve_vedtak(scope=scope_of(leder), actor=leder, forslag_id=forslag.pk,
                             now=LATER)

        klage.refresh_from_db()
        assert (new.art, new.endrer_id, new.godkjent_av_id, new.fattet_av_id) == (
            "OMGJORING", granted.pk, leder.pk, actor.pk)
        assert (klage.status, klage.nytt_vedtak_id) == ("OMGJORT", new.pk)
        assert klage.kontorets_vurdering == "Klagen tas til følge."
        assert [s for _, _, s in _rows(granted)] == ["STOPPET"] * 3

    def test_a_refusal_after_an_appeal_needs_approval_when_the_office_says_so(
        self, users: Any, scope_of: Any, offices: Any, granted: Any, klage: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import ApprovalRequired, change_after_klage

        _settings(users, scope_of, offices, godkjenning_ved_avslag=True)
        actor = users["veileder_sf"]
        refusal = utkast(utfall="AVSLATT", stonadsform="", individuell_vurdering="",
                         justeringer=(), unntak=None, fakta="Inntekten dekker behovet.",
                         begrunnelse="Du har nok til livsopphold.")
        with pytest.raises(ApprovalRequired):
            change_after_klage(scope=scope_of(actor), actor=actor, klage_id=klage.pk,
                               data=refusal, vurdering="Klagen fører ikke fram.", now=LATER)


class TestReductionApproval:
    def _breach(self, users: Any, scope_of: Any, granted: Any) -> Any:
        from sosialsak.contexts.decisions.operations import record_brudd, send_forhandsvarsel

        actor = users["veileder_sf"]
        brudd = record_brudd(scope=scope_of(actor), actor=actor,
                             vilkar_id=granted.vilkar.get().pk, hva="Møtte ikke.",
                             forklaring="", now=NOW)
        return send_forhandsvarsel(scope=scope_of(actor), actor=actor, brudd_id=brudd.pk,
                                   belop_redusert=11000, svarfrist=date(2024, 3, 18), now=NOW)

    def test_a_reduction_counts_as_a_refusal_for_the_setting(
        self, users: Any, scope_of: Any, offices: Any, granted: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            ApprovalRequired,
            approve_vedtak,
            decide_reduksjon,
            propose_reduksjon,
        )

        _settings(users, scope_of, offices, godkjenning_ved_avslag=True)
        brudd = self._breach(users, scope_of, granted)
        actor, leder = users["veileder_sf"], users["leder_a"]
        args = {"brudd_id": brudd.pk, "belop_redusert": 11000, "nodvendig_belop": 9000,
                "individuell_vurdering": "Forklaringen er vurdert."}
        with pytest.raises(ApprovalRequired):
            decide_reduksjon(scope=scope_of(actor), actor=actor, now=LATER, **args)
        forslag = propose_reduksjon(scope=scope_of(actor), actor=actor, now=LATER, **args)
        assert (forslag.art, forslag.belop) == ("REDUKSJON", 11000)

        reduksjon = approve_vedtak(scope=scope_of(leder), actor=leder, forslag_id=forslag.pk,
                                   now=LATER)

        brudd.refresh_from_db()
        assert (reduksjon.art, reduksjon.belop, reduksjon.godkjent_av_id) == (
            "REDUKSJON", 11000, leder.pk)
        assert brudd.status == "REDUSERT"
        assert [s for _, _, s in _rows(granted)] == ["PLANLAGT", "STOPPET", "STOPPET"]

    def test_a_reduction_that_fails_its_checks_cannot_be_proposed(
        self, users: Any, scope_of: Any, offices: Any, granted: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToReduce, propose_reduksjon

        _settings(users, scope_of, offices, godkjenning_ved_avslag=True)
        brudd = self._breach(users, scope_of, granted)
        actor = users["veileder_sf"]
        with pytest.raises(UnableToReduce):
            propose_reduksjon(scope=scope_of(actor), actor=actor, brudd_id=brudd.pk,
                              belop_redusert=11000, nodvendig_belop=9000,
                              individuell_vurdering="", now=LATER)


def test_a_frame_decision_is_measured_by_its_frame(
    users: Any, scope_of: Any, offices: Any, young_parent: Any, utkast: Any
) -> None:
    from sosialsak.contexts.decisions.operations import ApprovalRequired, RammeUtkast

    _settings(users, scope_of, offices, godkjenning_over_belop=5000)
    husleie = young_parent.poster.get(type="HUSLEIE").pk
    with pytest.raises(ApprovalRequired):
        _make(users, scope_of, young_parent, utkast(
            post_ids=(husleie,), hjemmel="§ 19", belop=None, individuell_vurdering="",
            justeringer=(), periode_fra=date(2024, 3, 1), periode_til=date(2024, 9, 1),
            ramme=RammeUtkast(belop=40000, beskrivelse="Husleie inntil 40 000 kr i måneden")))
