"""Issue 11, items 8–10, written from the law.

* Item 8, nødhjelp (sotjl. § 18; conditions do not apply while the person is in an emergency,
  § 20 a / Prop. 13 L (2016–2017)): a § 20 condition on a nødhjelp decision needs a recorded
  reason, is flagged on the decision, and never holds the help back.
* Item 9, § 21 (the form of support) as the stated basis of a livsopphold decision does not
  skip the children's guard (R35 4.18.2.6) or the § 20 a checks.
* Item 10, § 22: the benefit is paid to the applicant; paying a third party needs the person's
  consent (R35 4.22.1) or a § 21 decision, and the letter says which one applies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _make

pytestmark = pytest.mark.django_db


def _text(tekst: str) -> str:
    return " ".join(tekst.replace("\xa0", " ").split())


def _condition(**kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import VilkarUtkast

    return VilkarUtkast(**{"kode": "10", "beskrivelse": "Søk om sykepenger innen 15. mars.",
                           "frist": date(2024, 3, 15), "oppfolging": "Vi sjekker 18. mars.",
                           "konsekvens": "Stønaden kan bli redusert.", **kw})


class TestConditionsOnNodhjelp:
    @pytest.fixture
    def nodhjelp(self, make_soknad: Any) -> Any:
        from sosialsak.contexts.decisions.operations import VedtakUtkast

        soknad = make_soknad(items=("NODHJELP",))

        def build(**kw: Any) -> Any:
            return VedtakUtkast(**{
                "post_ids": (soknad.poster.get().pk,), "hjemmel": "§ 18 nødhjelp",
                "utfall": "INNVILGET", "stonadsform": "BIDRAG", "belop": 1500,
                "fakta": "Tom konto og ikke mat i huset.", "begrunnelse": "Nødhjelp til mat.",
                "vilkar": (_condition(),), **kw})
        return soknad, build

    def test_a_condition_without_a_recorded_reason_is_refused(
        self, users: Any, scope_of: Any, nodhjelp: Any
    ) -> None:
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        soknad, build = nodhjelp
        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, soknad, build())

        assert exc.value.code == "nodhjelp_vilkar_uten_grunn"
        assert not Vedtak.objects.exists()

    def test_the_help_is_never_held_back_by_a_condition(
        self, users: Any, scope_of: Any, nodhjelp: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        soknad, build = nodhjelp
        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, soknad, build(
                nodhjelp_vilkar_grunn="Søknaden om sykepenger avgjør om behovet varer.",
                vilkar=(_condition(holder_tilbake_utbetaling=True,
                                   utsettelse_grunnlag="Til søknaden er sendt."),)))

        codes = [p["code"] for p in exc.value.extra["problems"]]
        assert codes == ["nodhjelp_holdes_tilbake"]

    def test_with_a_reason_it_is_made_flagged_and_the_letter_says_the_help_is_paid(
        self, users: Any, scope_of: Any, nodhjelp: Any, client: Any
    ) -> None:
        soknad, build = nodhjelp
        vedtak = _make(users, scope_of, soknad, build(
            nodhjelp_vilkar_grunn="søknaden om sykepenger avgjør om behovet varer."))

        assert vedtak.vilkarsvurdering["nodhjelp_vilkar_grunn"].startswith("søknaden om")
        letter = _text(vedtak.dokumenter.get().tekst)
        assert "Vi har satt vilkår selv om dette er nødhjelp." in letter
        assert "Nødhjelpen betales ut uansett" in letter
        client.force_login(users["veileder_sf"])
        page = client.get(f"/vedtak/{vedtak.pk}/").content.decode()
        assert "Nødhjelp med vilkår" in page


class TestSection21OnLivsopphold:
    def test_the_section_20_a_check_applies_under_30(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToMakeVedtak

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(users, scope_of, young_parent, utkast(
                hjemmel="§ 21", stonadsform="VARER_OG_TJENESTER", unntak=None))

        assert "sjekk_aktivitetsplikt" in [p["code"] for p in exc.value.extra["problems"]]

    def test_the_childrens_mapping_guard_applies(
        self, users: Any, scope_of: Any, make_soknad: Any
    ) -> None:
        from sosialsak.contexts.cases.policy import ChildrenNotMapped
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import BarnBegrunnelse, VedtakUtkast
        from sosialsak.contexts.people.models import Barn

        soknad = make_soknad(items=("LIVSOPPHOLD",), barn=1)  # the child is not mapped
        barn = Barn.objects.get(person=soknad.person)
        data = VedtakUtkast(
            post_ids=(soknad.poster.get().pk,), hjemmel="§ 21", utfall="INNVILGET",
            stonadsform="VARER_OG_TJENESTER", periode_fra=date(2024, 3, 1),
            periode_til=date(2024, 4, 1), fakta="Ingen inntekt.", begrunnelse="Matkort.",
            individuell_vurdering="Behov som veiledende sats.",
            barn=(BarnBegrunnelse(barn.pk, "Barnets behov dekkes av satsen."),))

        with pytest.raises(ChildrenNotMapped):
            _make(users, scope_of, soknad, data)

        assert not Vedtak.objects.exists()


class TestTheLetterNamesTheBasisForPayingSomeoneElse:
    def _letter(self, grunnlag: Any) -> str:
        from dataclasses import replace

        from sosialsak.formats import letters
        from tests.unit.formats.letters.letter_samples import VEDTAKSBREV

        brev = replace(VEDTAKSBREV, utbetalinger=(letters.Utbetaling(
            dato=date(2024, 3, 4), belop=9500, mottaker="Utleier AS", grunnlag=grunnlag),))
        return _text(letters.letter_text(brev))

    def test_consent_cites_section_22_and_not_section_21(self) -> None:
        from sosialsak.formats.letters import Betalingsgrunnlag

        text = self._letter(Betalingsgrunnlag.SAMTYKKE)

        assert "Det gjør vi fordi du har samtykket til det (sosialtjenesteloven § 22)." in text
        assert "§ 21" not in text.split("Slik betaler vi ut stønaden")[1].split("Du kan klage")[0]
        assert "eller fordi" not in text

    def test_a_section_21_decision_cites_section_21_and_not_consent(self) -> None:
        from sosialsak.formats.letters import Betalingsgrunnlag

        text = self._letter(Betalingsgrunnlag.VEDTAK_21)

        assert "gis som varer eller tjenester (sosialtjenesteloven § 21)" in text
        assert "samtykket" not in text

    def test_rent_paid_with_recorded_consent_says_consent_in_the_stored_letter(
        self, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UtbetalingValg
        from sosialsak.contexts.payments.profile import SamtykkeInput, record_samtykke

        actor = users["veileder_sf"]
        samtykke = record_samtykke(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk,
                                   data=SamtykkeInput(gitt_dato=date(2024, 3, 1),
                                                      gjelder="Husleie til utleier",
                                                      mottaker_navn="Utleier AS"), now=NOW)
        husleie = young_parent.poster.get(type="HUSLEIE").pk
        vedtak = _make(users, scope_of, young_parent, utkast(
            post_ids=(husleie,), hjemmel="§ 19", belop=9000, individuell_vurdering="",
            justeringer=(), utbetaling=UtbetalingValg(
                mottaker_type="ANNEN", navn="Utleier AS", kontonummer="12345678903",
                samtykke_id=samtykke.pk)))

        letter = _text(vedtak.dokumenter.get().tekst)
        assert "Utleier AS i tabellen, direkte dit. Det gjør vi fordi du har samtykket" in letter
        assert "eller fordi vi har bestemt" not in letter
