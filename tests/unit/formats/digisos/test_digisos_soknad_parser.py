"""The søknad parser turns a valid soknad.json into plain values for intake."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from sosialsak.formats.digisos import SoknadInvalid, parse_soknad


class TestPerson:
    def test_identity_contact_address_and_account(self, soknad: dict[str, Any]) -> None:
        person = parse_soknad(soknad).person

        assert person.fodselsnummer == "15076500565"
        assert person.navn.fullt_navn == "Ola Nord"
        assert person.fodselsdato == date(1965, 7, 15)
        assert person.telefonnummer == "+4791234567"
        assert (person.kontonummer, person.har_ikke_konto) == ("12345678903", False)
        assert person.kommunenummer == "0301"
        assert person.folkeregistrert_adresse is not None
        assert person.folkeregistrert_adresse.linjer == ("Storgata 1 B", "0155 Oslo")
        assert person.postadresse is not None
        assert person.postadresse.linjer == ("Postboks 42", "0101 Oslo")
        assert person.oppholdsadresse is None


class TestFamilie:
    def test_spouse_and_children_with_how_they_live(self, soknad: dict[str, Any]) -> None:
        familie = parse_soknad(soknad).familie

        assert familie.sivilstatus is not None
        assert familie.sivilstatus.status == "gift"
        assert familie.sivilstatus.bor_sammen_med is True
        assert familie.sivilstatus.ektefelle is not None
        assert familie.sivilstatus.ektefelle.navn.fornavn == "Kari"
        assert (familie.har_forsorgerplikt, familie.barnebidrag) == (True, "mottar")
        first, second = familie.barn
        assert (first.fodselsnummer, first.fodselsdato) == ("01051500000", date(2015, 5, 1))
        assert (first.bor_sammen_med, first.er_folkeregistrert_sammen) == (False, False)
        assert first.samvarsgrad == 40
        assert second.navn is not None and second.navn.fornavn == "Liten"
        assert (second.fodselsdato, second.bor_sammen_med, second.samvarsgrad) == (
            None, True, None)

    def test_a_date_the_calendar_lacks_is_kept_out_and_remarked(
        self, soknad: dict[str, Any]
    ) -> None:
        parsed = parse_soknad(soknad)

        assert parsed.familie.sivilstatus is not None
        assert parsed.familie.sivilstatus.ektefelle is not None
        assert parsed.familie.sivilstatus.ektefelle.fodselsdato is None
        assert parsed.merknader == (
            "$.data.familie.sivilstatus.ektefelle.fodselsdato: has the form YYYY-MM-DD but is not "
            "a real date",
        )

    def test_no_familie_means_no_children(self, soknad: dict[str, Any]) -> None:
        del soknad["data"]["familie"]

        familie = parse_soknad(soknad).familie

        assert familie.barn == () and familie.sivilstatus is None


class TestApplication:
    def test_what_is_applied_for_and_the_situation(self, soknad: dict[str, Any]) -> None:
        parsed = parse_soknad(soknad)

        assert parsed.hva_sokes_om == "Livsopphold og strøm for mars"
        assert parsed.hvorfor_soke == "Mistet jobben"
        assert (parsed.botype, parsed.antall_personer) == ("leier", 2)
        assert parsed.soknadstype == "standard"
        assert parsed.innsendingstidspunkt == datetime(2024, 3, 1, 9, 59, 58, 120000, tzinfo=UTC)
        assert [(a.arbeidsgivernavn, a.stillingsprosent) for a in parsed.arbeidsforhold] == [
            ("Firma AS", 60)]

    def test_economy_income_expenses_housing_and_accounts(self, soknad: dict[str, Any]) -> None:
        okonomi = parse_soknad(soknad).okonomi

        assert [(i.type, i.belop, i.brutto) for i in okonomi.inntekter] == [
            ("barnebidrag", 1800, 1800)]
        assert [(u.type, u.belop, u.kilde_liste) for u in okonomi.utgifter] == [
            ("husleie", 9500, "oversikt.utgift"),
            ("strom", 1200, "opplysninger.utgift"),
            ("sfo", 900, "opplysninger.utgift"),
        ]
        assert [u.type for u in okonomi.boutgifter] == ["husleie", "strom"]
        assert [f.tittel for f in okonomi.bankkontoer] == ["Brukskonto"]
        assert [(u.belop, u.utbetalingsdato) for u in okonomi.utbetalinger] == [
            (5000, date(2024, 2, 10))]
        assert okonomi.bekreftelser[0].verdi is False

    def test_routing_register_failures_and_compatibility_texts(
        self, soknad: dict[str, Any]
    ) -> None:
        parsed = parse_soknad(soknad)

        assert (parsed.mottaker.kommunenummer, parsed.mottaker.nav_enhet) == ("0301", "0314")
        assert parsed.register_feilet == ("utbetalingerFraNavFeilet",)
        assert parsed.kompatibilitetstekster == ("Vis denne",)


class TestInvalid:
    def test_an_invalid_soknad_raises_with_every_issue(self, soknad: dict[str, Any]) -> None:
        del soknad["version"]
        soknad["data"]["personalia"]["kontonummer"]["verdi"] = "1234"

        with pytest.raises(SoknadInvalid) as err:
            parse_soknad(soknad)

        assert [str(i) for i in err.value.issues] == [
            "$.version: is required but missing",
            "$.data.personalia.kontonummer.verdi: must be exactly eleven digits",
        ]
        assert err.value.code == "digisos_soknad_invalid"
