"""The municipality responsible for the case (sotjl. § 3: the deciding office's, not the
person's registered address) chooses the appeal body in the letter (fvl. § 27, § 28) and the
municipal rates (sotjl. § 18); a livsopphold decision is refused on rates the municipality has
not confirmed for the year (issue 11, item 4)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from tests.helpers import NOW

pytestmark = pytest.mark.django_db

OSLO_2024 = "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus"


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join((p.extract_text() or "") for p in reader.pages).replace("\xa0", " ")
    return " ".join(text.split())  # a long name may wrap at a line end


def _applicant(make_soknad: Any, actor: Any, office: str, *, bosted: str) -> Any:
    soknad = make_soknad(office=office, actor=actor)
    soknad.person.fodselsdato = date(1980, 5, 1)  # over 30: no § 20 a duty in the way
    soknad.person.kommunenummer = bosted
    soknad.person.save()
    return soknad


def _utkast(soknad: Any, *, fra: date = date(2024, 3, 1), til: date = date(2024, 4, 1)) -> Any:
    from sosialsak.contexts.decisions.operations import VedtakUtkast

    return VedtakUtkast(
        post_ids=(soknad.poster.get(type="LIVSOPPHOLD").pk,), hjemmel="§ 18",
        utfall="INNVILGET", stonadsform="BIDRAG", periode_fra=fra, periode_til=til,
        fakta="Du har ingen inntekt.", begrunnelse="Du har ikke midler til livsopphold.",
        individuell_vurdering="Vurdert i samtale; behov som veiledende sats.")


def _make(scope_of: Any, actor: Any, soknad: Any, data: Any, now: datetime = NOW) -> Any:
    from sosialsak.contexts.decisions.operations import make_vedtak

    return make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk, data=data,
                       now=now)


@pytest.fixture
def veileder_oslo(offices: dict[str, Any]) -> Any:
    from sosialsak.contexts.accounts.operations import create_user

    return create_user(username="vc", password="test-passord-123", role="veileder",
                       kontor=offices["C"])


def _letter_pdf(vedtak: Any) -> str:
    from sosialsak.contexts.decisions.models import VedtakDokument

    return _pdf_text(bytes(VedtakDokument.objects.get(vedtak=vedtak).pdf))


class TestAppealBodyInTheLetter:
    def test_an_oslo_office_letter_names_the_statsforvalter_of_oslo_after_2024_fvl_27(
        self, make_soknad: Any, scope_of: Any, veileder_oslo: Any
    ) -> None:
        # Registered in Bergen, staying in Oslo: Oslo answers (sotjl. § 3), so Oslo's appeal body.
        soknad = _applicant(make_soknad, veileder_oslo, "C", bosted="4601")

        text = _letter_pdf(_make(scope_of, veileder_oslo, soknad, _utkast(soknad)))

        assert OSLO_2024 in text
        assert "Oslo og Viken" not in text and "Vestland" not in text

    def test_a_bergen_office_letter_names_statsforvalteren_i_vestland_fvl_27(
        self, make_soknad: Any, scope_of: Any, users: dict[str, Any]
    ) -> None:
        actor = users["veileder_sf"]
        soknad = _applicant(make_soknad, actor, "A", bosted="0301")  # registered in Oslo

        text = _letter_pdf(_make(scope_of, actor, soknad, _utkast(soknad)))

        assert "Statsforvalteren i Vestland" in text
        assert "Oslo" not in text.split("Statsforvalteren i", 1)[1][:40]

    def test_a_letter_dated_2023_names_oslo_og_viken_the_body_then(
        self, make_soknad: Any, scope_of: Any, veileder_oslo: Any
    ) -> None:
        soknad = _applicant(make_soknad, veileder_oslo, "C", bosted="0301")
        then = datetime(2023, 11, 6, 9, 0, tzinfo=UTC)

        text = _letter_pdf(_make(scope_of, veileder_oslo, soknad, _utkast(
            soknad, fra=date(2023, 11, 1), til=date(2023, 12, 1)), now=then))

        assert "Statsforvalteren i Oslo og Viken" in text


class TestMunicipalRatesOfTheResponsibleMunicipality:
    def test_the_offices_municipal_rates_apply_not_those_of_the_registered_address_sotjl_3(
        self, make_soknad: Any, scope_of: Any, veileder_oslo: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.rates.operations import RateSetInput, register_rate_set

        for kommune, enslig in (("0301", 9100), ("4601", 8100)):
            register_rate_set(data=RateSetInput(
                valid_from=date(2024, 1, 1), reference=f"Bystyrevedtak {kommune}",
                enslig=enslig, ektepar_samboere=14000, bofellesskap=7000, barn_0_5=4000,
                barn_6_10=4100, barn_11_17=5300, kommunenummer=kommune),
                actor=users["admin"], now=NOW)
        soknad = _applicant(make_soknad, veileder_oslo, "C", bosted="4601")

        vedtak = _make(scope_of, veileder_oslo, soknad, _utkast(soknad))

        assert vedtak.belop == 9100
        assert "Bystyrevedtak 0301, gjeldende fra 01.01.2024" in _letter_pdf(vedtak)


class TestNoDecisionOnStaleRates:
    DEC_2026 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

    def _stale(self, make_soknad: Any, users: dict[str, Any]) -> tuple[Any, Any]:
        soknad = _applicant(make_soknad, users["veileder_sf"], "A", bosted="4601")
        return soknad, _utkast(soknad, fra=date(2026, 12, 1), til=date(2027, 1, 1))

    def test_a_month_whose_year_has_no_confirmed_rate_set_is_refused_with_what_to_do(
        self, make_soknad: Any, scope_of: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.decisions.policy import UnableToMakeVedtak

        soknad, data = self._stale(make_soknad, users)

        with pytest.raises(UnableToMakeVedtak) as exc:
            _make(scope_of, users["veileder_sf"], soknad, data, now=self.DEC_2026)

        assert exc.value.code == "satser_ikke_bekreftet"
        assert "01.01.2024" in exc.value.message and "bekreftet" in exc.value.message

    def test_a_leders_confirmation_that_the_old_set_still_applies_lets_the_decision_through(
        self, make_soknad: Any, scope_of: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.rates.operations import confirm_rates_for_year
        from sosialsak.contexts.rates.status import rate_set_status

        soknad, data = self._stale(make_soknad, users)
        leder = users["leder_a"]
        confirm_rates_for_year(scope=scope_of(leder), actor=leder, kommunenummer="4601",
                               year=2026, now=self.DEC_2026)

        vedtak = _make(scope_of, users["veileder_sf"], soknad, data, now=self.DEC_2026)

        status = rate_set_status(kommune="4601", month=date(2026, 12, 1))
        assert status.covered and status.confirmed_by == "la"
        assert status.confirmed_at == self.DEC_2026
        assert vedtak.belop == 7850
        assert AuditEntry.objects.filter(object_type="rate_confirmation", action="WRITE",
                                         actor_username="la").exists()
        assert "gjeldende fra 01.01.2024" in _letter_pdf(vedtak)

    def test_a_registered_set_starting_in_the_year_covers_it_without_confirmation(
        self, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.rates.operations import RateSetInput, register_rate_set
        from sosialsak.contexts.rates.status import rate_set_status

        register_rate_set(data=RateSetInput(
            valid_from=date(2026, 1, 1), reference="Rundskriv 2026", enslig=8500,
            ektepar_samboere=14000, bofellesskap=7000, barn_0_5=4000, barn_6_10=4100,
            barn_11_17=5300), actor=users["admin"], now=NOW)

        assert rate_set_status(kommune="4601", month=date(2026, 12, 1)).covered
        assert not rate_set_status(kommune="4601", month=date(2027, 1, 1)).covered

    def test_only_a_leder_of_the_municipality_or_an_admin_may_confirm(
        self, scope_of: Any, users: dict[str, Any]
    ) -> None:
        from sosialsak.contexts.audit.models import AuditEntry
        from sosialsak.contexts.rates.operations import confirm_rates_for_year
        from sosialsak.kernel.errors import NotFound

        for who, kommune in (("veileder_a", "4601"), ("leder_a", "0301")):
            with pytest.raises(NotFound):
                confirm_rates_for_year(scope=scope_of(users[who]), actor=users[who],
                                       kommunenummer=kommune, year=2026, now=self.DEC_2026)
        admin = users["admin"]
        row = confirm_rates_for_year(scope=scope_of(admin), actor=admin, kommunenummer="0301",
                                     year=2026, now=self.DEC_2026)

        assert row.rate_set_from == date(2024, 1, 1) and row.confirmed_by == admin
        assert AuditEntry.objects.filter(object_type="rate_confirmation",
                                         action="DENIED").count() == 2
