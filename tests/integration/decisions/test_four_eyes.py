"""Four-eyes approval as an office setting."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_office(users: Any, scope_of: Any, offices: Any) -> None:
    from sosialsak.contexts.decisions.operations import set_decision_settings
    from sosialsak.contexts.decisions.policy import DecisionSettings

    leder = users["leder_a"]
    set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                          data=DecisionSettings(godkjenning_over_belop=10000), now=NOW)


class TestFourEyes:
    def test_above_the_threshold_the_decision_needs_a_second_caseworker(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any, strict_office: None
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            ApprovalRequired,
            approve_vedtak,
            make_vedtak,
            propose_vedtak,
        )

        va = users["veileder_sf"]
        with pytest.raises(ApprovalRequired):
            make_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk, data=utkast(),
                        now=NOW)
        forslag = propose_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk,
                                 data=utkast(), now=NOW)

        approver = users["leder_a"]
        vedtak = approve_vedtak(scope=scope_of(approver), actor=approver, forslag_id=forslag.pk,
                                now=NOW)

        assert vedtak.belop == 12300
        assert vedtak.fattet_av_id == va.pk
        assert vedtak.godkjent_av_id == approver.pk
        assert "la\ngodkjent av" in vedtak.dokumenter.get().tekst

    def test_the_proposer_cannot_approve_their_own_decision(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any, strict_office: None
    ) -> None:
        from sosialsak.contexts.decisions.operations import (
            UnableToApprove,
            approve_vedtak,
            propose_vedtak,
        )

        va = users["veileder_sf"]
        forslag = propose_vedtak(scope=scope_of(va), actor=va, soknad_id=young_parent.pk,
                                 data=utkast(), now=NOW)
        with pytest.raises(UnableToApprove) as exc:
            approve_vedtak(scope=scope_of(va), actor=va, forslag_id=forslag.pk, now=NOW)

        assert exc.value.code == "godkjenning_samme_person"

    def test_only_the_offices_leder_may_change_the_setting(
        self, users: Any, scope_of: Any, offices: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import set_decision_settings
        from sosialsak.contexts.decisions.policy import DecisionSettings
        from sosialsak.kernel.errors import NotFound

        va = users["veileder_a"]
        with pytest.raises(NotFound):
            set_decision_settings(scope=scope_of(va), actor=va, kontor_id=offices["A"].pk,
                                  data=DecisionSettings(), now=NOW)
