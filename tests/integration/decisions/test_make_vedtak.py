"""Making a decision with the builder: calculation, reasons per child, conditions, letter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def _make(users: dict[str, Any], scope_of: Callable[[Any], Any], soknad: Any, data: Any) -> Any:
    from sosialsak.contexts.decisions.operations import make_vedtak

    actor = users["veileder_sf"]
    return make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk, data=data,
                       now=NOW)


def _kvp(users: dict[str, Any], scope_of: Callable[[Any], Any], soknad: Any) -> None:
    from sosialsak.contexts.decisions.operations import record_kvp_vurdering

    actor = users["veileder_sf"]
    record_kvp_vurdering(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                         har_rett=False, begrunnelse="Kort vei til arbeid; KVP ikke aktuelt.",
                         now=NOW)


def _activity() -> Any:
    from sosialsak.contexts.decisions.operations import VilkarUtkast

    return VilkarUtkast(kode="08", beskrivelse="Møt til veiledningssamtale hver tirsdag.",
                        frist=date(2024, 3, 29), oppfolging="Vi går gjennom oppmøtet 2. april.",
                        konsekvens="Stønaden kan bli redusert med inntil 20 prosent.")


class TestMakeVedtak:
    def test_livsopphold_is_calculated_with_the_adjustment_and_the_letter_is_stored(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.models import VedtakDokument
        from sosialsak.contexts.intake.models import Hendelse

        vedtak = _make(users, scope_of, young_parent, utkast())

        assert vedtak.belop == 7850 + 3950 + 500
        assert vedtak.beregning["amount"] == 12300
        assert vedtak.individuell_vurdering.startswith("Vurdert ut fra samtale")
        assert vedtak.barnevurderinger[0]["vurdering"].startswith("Barnet trenger vinterdress")
        brev = VedtakDokument.objects.get(vedtak=vedtak)
        assert brev.pdf[:5] == b"%PDF-"
        assert "Barnet trenger vinterdress" in brev.tekst
        assert "Vinterklær til barnet" in brev.tekst
        event = Hendelse.objects.get(soknad=young_parent, type="decisions.vedtak.fattet")
        assert event.data["brev_id"] == brev.pk
        assert event.data["dokumentlager_id"] == str(brev.dokumentlager_id)
        assert event.data["belop"] == 12300

    def test_a_livsopphold_decision_without_the_individual_assessment_cannot_be_made(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(individuell_vurdering=" ",
                                                        justeringer=()))

        assert exc.value.code == "individuell_vurdering_mangler"
        assert exc.value.extra["field"] == "individuell_vurdering"
        assert not Vedtak.objects.exists()

    def test_a_decision_without_reasons_for_each_child_cannot_be_made(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(barn=()))

        assert exc.value.code == "barnevurdering_mangler"
        assert exc.value.extra["field"].startswith("barn.")
        assert "Barn 0" in exc.value.message

    def test_under_30_needs_an_activity_condition_or_a_justified_exemption(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(unntak=None))

        assert exc.value.code == "sjekk_aktivitetsplikt"
        assert "24 år" in exc.value.message

    def test_an_exemption_without_justification_is_refused(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak, Unntak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(unntak=Unntak(("03",), "")))

        assert exc.value.code == "sjekk_aktivitetsplikt"
        assert "begrunnes" in exc.value.message

    def test_an_activity_condition_needs_the_kvp_assessment_first(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(_activity(),)))

        assert exc.value.code == "sjekk_kvp_vurdert_for_aktivitetsvilkar"

    def test_an_activity_condition_after_the_kvp_assessment_is_stored_and_published(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.intake.models import Hendelse

        _kvp(users, scope_of, young_parent)

        vedtak = _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(_activity(),)))

        vilkar = vedtak.vilkar.get()
        assert vilkar.aktivitet is True
        assert vilkar.konsekvens.startswith("Stønaden kan bli redusert")
        event = Hendelse.objects.get(soknad=young_parent, type="decisions.vilkar")
        assert event.data["referanse"] == vilkar.referanse
        assert event.data["tittel"] == "Møte til veiledningssamtaler"
        assert event.data["utbetalinger"] == []
        assert "sosialtjenesteloven § 20 a" in vedtak.dokumenter.get().tekst

    def test_a_condition_without_a_stated_consequence_is_refused(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from dataclasses import replace

        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        _kvp(users, scope_of, young_parent)
        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent,
                  utkast(unntak=None, vilkar=(replace(_activity(), konsekvens=""),)))

        assert exc.value.code == "vilkar_ufullstendig"
        assert exc.value.extra["field"] == "vilkar[0].konsekvens"

    def test_a_condition_may_not_hold_back_payment_without_a_ground(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from dataclasses import replace

        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        _kvp(users, scope_of, young_parent)
        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(
                replace(_activity(), holder_tilbake_utbetaling=True),)))

        assert exc.value.code == "vilkar_utsetter_utbetaling"

    def test_the_application_is_finished_when_every_item_is_decided(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        husleie = young_parent.poster.get(type="HUSLEIE")
        _make(users, scope_of, young_parent, utkast())
        young_parent.refresh_from_db()
        assert young_parent.status == "UNDER_BEHANDLING"

        _make(users, scope_of, young_parent, utkast(
            post_ids=(husleie.pk,), hjemmel="§ 19", utfall="AVSLATT", stonadsform="",
            individuell_vurdering="", justeringer=(), unntak=None,
            fakta="Husleien er betalt for mars.", begrunnelse="Det er ikke behov."))

        young_parent.refresh_from_db()
        assert young_parent.status == "FERDIGBEHANDLET"

    def test_every_decision_on_the_merits_addresses_each_child(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        husleie = young_parent.poster.get(type="HUSLEIE").pk
        rent = {"post_ids": (husleie,), "hjemmel": "§ 19", "belop": 9000, "barn": (),
                "individuell_vurdering": "", "justeringer": ()}
        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(**rent))
        dismissal = _make(users, scope_of, young_parent, utkast(
            **{**rent, "utfall": "AVVIST", "stonadsform": "", "belop": None},
            fakta="Søknaden gjelder en annen kommune.", begrunnelse="Vi er ikke rett kontor."))

        assert exc.value.code == "barnevurdering_mangler"
        assert dismissal.utfall == "AVVIST"  # decides nothing on the merits

    def test_an_item_already_decided_cannot_be_decided_again(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToRecordVedtak

        _make(users, scope_of, young_parent, utkast())
        with pytest.raises(UnableToRecordVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(belop=3000))

        assert (exc.value.code, exc.value.extra["field"]) == ("allerede_avgjort", "post_ids")
        assert "Livsopphold har allerede vedtak" in exc.value.message
        assert Vedtak.objects.filter(sak__soknad=young_parent).count() == 1

    def test_no_decision_in_an_application_that_will_not_be_processed(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToRecordVedtak, change_status

        actor = users["veileder_sf"]
        change_status(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                      target="BEHANDLES_IKKE", now=NOW, reason="Trukket.")
        with pytest.raises(UnableToRecordVedtak) as exc:
            _make(users, scope_of, young_parent, utkast())

        assert exc.value.code == "soknad_behandles_ikke"

    def test_a_case_outside_scope_is_not_found(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import make_vedtak
        from sosialsak.kernel.errors import NotFound

        with pytest.raises(NotFound):
            make_vedtak(scope=scope_of(users["veileder_b"]), actor=users["veileder_b"],
                        soknad_id=young_parent.pk, data=utkast(), now=NOW)
