"""Rules checked as the decision is built: the Norwegian-training condition (sotjl. § 20 a) and
the long-term recipient prompt (KVP, § 19) from the office's setting."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _kvp, _make

pytestmark = pytest.mark.django_db


def _norsk_vilkar() -> Any:
    from sosialsak.contexts.decisions.operations import VilkarUtkast

    return VilkarUtkast(kode="20", beskrivelse="Delta i norskopplæring hos Bergen "
                        "voksenopplæring tre dager i uken.", frist=date(2024, 3, 29),
                        oppfolging="Vi sjekker oppmøtelisten hver måned.",
                        konsekvens="Stønaden kan bli redusert med inntil 20 prosent.")


def _no_norwegian(**kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import Norskvurdering

    return Norskvurdering(manglende_norsk_er_arsak=True, **kw)


class TestNorwegianTraining:
    def test_refused_without_the_condition_when_they_had_the_introduction_programme(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(
                norsk=_no_norwegian(rett_og_plikt_introduksjonsprogram=True)))

        assert exc.value.code == "sjekk_norskopplaering"
        assert exc.value.extra["field"] == "vilkar"
        assert "introduksjonsprogram" in exc.value.message
        assert not Vedtak.objects.exists()

    def test_made_with_the_norwegian_training_condition(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        _kvp(users, scope_of, young_parent)
        vedtak = _make(users, scope_of, young_parent, utkast(
            norsk=_no_norwegian(rett_og_plikt_introduksjonsprogram=True),
            vilkar=(_norsk_vilkar(),)))

        assert vedtak.vilkar.get().kode == "20"
        check = next(c for c in vedtak.vilkarsvurdering["sjekker"]
                     if c["code"] == "NORSKOPPLAERING")
        assert check["ok"] and check["applies"]

    def test_weighty_reasons_against_the_condition_are_recorded_instead(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        vedtak = _make(users, scope_of, young_parent, utkast(norsk=_no_norwegian(
            rett_og_plikt_introduksjonsprogram=True,
            tungtveiende_grunner="Alvorlig syk; legeerklæring av 1. mars.")))

        check = next(c for c in vedtak.vilkarsvurdering["sjekker"]
                     if c["code"] == "NORSKOPPLAERING")
        assert check["ok"] and "Alvorlig syk" in check["message"]

    def test_without_the_introduction_programme_the_condition_must_be_considered(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(norsk=_no_norwegian()))
        assert exc.value.code == "sjekk_norskopplaering"

        vedtak = _make(users, scope_of, young_parent, utkast(norsk=_no_norwegian(vurdert=True)))
        assert vedtak.pk is not None

    def test_the_duty_does_not_apply_when_norwegian_is_not_the_reason(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import Norskvurdering

        vedtak = _make(users, scope_of, young_parent, utkast(
            norsk=Norskvurdering(rett_og_plikt_introduksjonsprogram=True)))

        check = next(c for c in vedtak.vilkarsvurdering["sjekker"]
                     if c["code"] == "NORSKOPPLAERING")
        assert check["ok"] and not check["applies"]


def _earlier_support(users: Any, scope_of: Any, soknad: Any, months: int) -> None:
    """Record granted § 18 support for ``months`` months ending February 2024."""
    from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
    from sosialsak.rules.frister import add_months

    actor = users["veileder_sf"]
    start = add_months(date(2024, 3, 1), -months)
    record_vedtak(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                  now=datetime(start.year, start.month, 2, 10, tzinfo=UTC),
                  data=VedtakInput(post_ids=[soknad.poster.get(type="HUSLEIE").pk],
                                   hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
                                   begrunnelse="Tidligere stønad.", periode_fra=start,
                                   periode_til=date(2024, 3, 1), belop=9000))


def _preview(users: Any, scope_of: Any, soknad: Any, data: Any) -> Any:
    from sosialsak.contexts.decisions.operations import preview_vedtak

    actor = users["veileder_sf"]
    return preview_vedtak(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk, data=data,
                          today=NOW.date())


class TestLongTermRecipient:
    def test_six_of_the_last_twelve_months_prompts_kvp_and_paragraph_19(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        _earlier_support(users, scope_of, young_parent, months=6)

        p = _preview(users, scope_of, young_parent, utkast())

        assert "6 av de siste 12 månedene" in p.long_term
        assert "kvalifiseringsprogram (§ 29)" in p.long_term and "§ 19" in p.long_term

    def test_five_months_gives_no_prompt(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        _earlier_support(users, scope_of, young_parent, months=5)

        assert _preview(users, scope_of, young_parent, utkast()).long_term == ""

    def test_the_office_setting_decides_what_counts_as_long_term(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any, offices: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import set_decision_settings
        from sosialsak.contexts.decisions.policy import DecisionSettings

        _earlier_support(users, scope_of, young_parent, months=3)
        leder = users["leder_a"]
        set_decision_settings(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                              data=DecisionSettings(langtid_maneder=3, langtid_av_maneder=6),
                              now=NOW)

        assert "3 av de siste 6 månedene" in _preview(users, scope_of, young_parent,
                                                      utkast()).long_term


def test_an_activity_condition_in_a_decision_for_the_same_period_counts_for_a_sibling(
    users: Any, scope_of: Any, young_parent: Any, utkast: Any
) -> None:
    from dataclasses import replace

    from sosialsak.contexts.decisions.operations import (
        VilkarUtkast,
        make_vedtak,
        record_kvp_vurdering,
    )

    actor = users["veileder_sf"]
    scope = scope_of(actor)
    record_kvp_vurdering(scope=scope, actor=actor, soknad_id=young_parent.pk, har_rett=False,
                         begrunnelse="Nær arbeid; KVP ikke aktuelt.", now=NOW)
    condition = VilkarUtkast(kode="08", beskrivelse="Møt til samtale hver tirsdag.",
                             frist=NOW.date(), oppfolging="Vi ringer dagen før.",
                             konsekvens="Stønaden kan bli redusert.")
    make_vedtak(scope=scope, actor=actor, soknad_id=young_parent.pk, now=NOW,
                data=utkast(vilkar=(condition,), unntak=None))
    rent = replace(utkast(unntak=None, vilkar=(), justeringer=(), individuell_vurdering=""),
                   post_ids=(young_parent.poster.get(type="HUSLEIE").pk,), belop=9000)

    vedtak = make_vedtak(scope=scope, actor=actor, soknad_id=young_parent.pk, now=NOW, data=rent)

    assert vedtak.belop == 9000
    assert not vedtak.vilkar.exists()
