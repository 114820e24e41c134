"""Our models follow the official schemas' semantics, shown one rule at a time."""

from __future__ import annotations

from typing import Any

import pytest

from sosialsak.formats.digisos import DocumentKind, validate_document, validate_fragment
from sosialsak.formats.digisos.models_soker import DigisosSoker, SoknadsStatus, Utbetaling

TS = "2024-03-01T10:00:00.000Z"
UUID = "3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c"


def issues(data: Any, kind: DocumentKind) -> list[str]:
    return [str(i) for i in validate_document(data, kind).issues]


class TestPrimitiveTypes:
    def test_integers_follow_json_schema_not_python(self) -> None:
        # Draft 6 counts 1.0 as an integer; booleans are never numbers.
        schema = "soknad/familie/samvarsgrad.json"
        assert validate_fragment(schema, {"kilde": "bruker", "verdi": 40.0}) == ()
        bad = validate_fragment(schema, {"kilde": "bruker", "verdi": True})
        assert [str(i) for i in bad] == ["$.verdi: must be an integer (got boolean)"]
        frac = validate_fragment(schema, {"kilde": "bruker", "verdi": 0.5})
        assert [str(i) for i in frac] == ["$.verdi: must be an integer (got number)"]

    def test_numbers_accept_int_and_float_but_not_strings(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][4]["belop"] = 1500
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == []
        soker["hendelser"][4]["belop"] = "1500"
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[4].belop: must be a number (got string)"
        ]

    def test_strings_are_not_coerced(self, soker: dict[str, Any]) -> None:
        soker["avsender"]["systemversjon"] = 1
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.avsender.systemversjon: must be a string (got number)"
        ]

    def test_an_optional_field_may_be_absent_but_not_null(self, soker: dict[str, Any]) -> None:
        del soker["hendelser"][3]["utfall"]
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == []
        soker["hendelser"][3]["utfall"] = None
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[3].utfall: must not be null"
        ]

    @pytest.mark.parametrize(
        ("value", "ok"),
        [
            ("2018-10-04T13:37:00.134Z", True),
            ("2018-10-04T13:37:00.1Z", True),
            ("2018-10-04T13:37:00.123456Z", True),
            # The schema's "." is unescaped, so any character may stand for the point.
            ("2018-10-04T13:37:00,134Z", True),
            ("2018-10-04T13:37:00Z", False),
            ("2018-10-04T13:37:00.134+01:00", False),
            ("18-10-04T13:37:00.134Z", False),
        ],
    )
    def test_tidspunkt_is_the_schema_pattern_verbatim(self, value: str, ok: bool) -> None:
        assert (validate_fragment("types/tidspunkt.json", value) == ()) is ok


class TestDigisosSoker:
    def test_a_valid_file_parses_into_typed_hendelser(self, soker: dict[str, Any]) -> None:
        model = DigisosSoker.model_validate(soker)

        assert isinstance(model.hendelser[0], SoknadsStatus)
        assert isinstance(model.hendelser[4], Utbetaling)
        assert model.hendelser[4].annenMottaker is False

    def test_unknown_fields_are_allowed_everywhere(self, soker: dict[str, Any]) -> None:
        soker["tullenavn"] = {"lala": None}
        soker["avsender"]["ekstra"] = 1
        soker["hendelser"][3]["vedtaksfil"]["referanse"]["nr"] = "ikke et tall"
        soker["hendelser"][0]["nyttFelt"] = [1, 2]

        assert issues(soker, DocumentKind.DIGISOS_SOKER) == []

    def test_the_error_is_that_of_the_matching_hendelse_type(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][3]["utfall"] = "GODKJENT"
        del soker["hendelser"][3]["saksreferanse"]

        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[3].saksreferanse: is required but missing",
            "$.hendelser[3].utfall: must be one of 'INNVILGET', 'DELVIS_INNVILGET', 'AVSLATT' "
            "or 'AVVIST' (got 'GODKJENT')",
        ]

    def test_an_unknown_hendelse_type_names_the_allowed_types(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][1] = {"type": "klageStatus", "hendelsestidspunkt": "i går"}

        tidspunkt, kind = issues(soker, DocumentKind.DIGISOS_SOKER)

        assert kind.startswith("$.hendelser[1].type: must be one of 'tildeltNavKontor'")
        assert kind.endswith("(got 'klageStatus')")
        assert tidspunkt == (
            "$.hendelser[1].hendelsestidspunkt: must be a UTC timestamp with fractional "
            "seconds, like 2018-10-04T13:37:00.134Z"
        )

    def test_a_hendelse_that_is_not_an_object_is_reported(self, soker: dict[str, Any]) -> None:
        soker["hendelser"].append("MOTTATT")
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[5]: must be an object (got string)"
        ]

    def test_filreferanse_dispatches_on_type(self, soker: dict[str, Any]) -> None:
        soker["hendelser"][3]["vedtaksfil"]["referanse"] = {"type": "svarut", "id": UUID}
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[3].vedtaksfil.referanse.nr: is required but missing"
        ]
        soker["hendelser"][3]["vedtaksfil"]["referanse"] = {"type": "dokumentlager",
                                                            "id": UUID.upper()}
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser[3].vedtaksfil.referanse.id: must be a lower-case UUID"
        ]

    def test_hendelser_must_not_be_empty(self, soker: dict[str, Any]) -> None:
        soker["hendelser"] = []
        assert issues(soker, DocumentKind.DIGISOS_SOKER) == [
            "$.hendelser: must contain at least 1 item"
        ]

    @pytest.mark.parametrize(
        ("hendelse", "problem"),
        [
            ({"type": "tildeltNavKontor", "navKontor": "12345"},
             "navKontor: must be exactly four digits"),
            ({"type": "saksStatus", "referanse": "s", "status": "FERDIG"},
             "status: must be one of"),
            ({"type": "forelopigSvar"}, "forvaltningsbrev: is required but missing"),
            ({"type": "dokumentasjonEtterspurt", "dokumenter": [{"dokumenttype": "x"}]},
             "dokumenter[0].innsendelsesfrist: is required but missing"),
            ({"type": "vilkar", "vilkarreferanse": "v", "status": "LEVERT_TIDLIGERE"},
             "status: must be one of"),
            ({"type": "dokumentasjonkrav", "dokumentasjonkravreferanse": "d", "frist": "snart"},
             "frist: must be a UTC timestamp"),
            ({"type": "utbetaling", "utbetalingsreferanse": "u", "kontonummer": "1234"},
             "kontonummer: must be exactly eleven digits"),
            ({"type": "rammevedtak", "rammevedtaksreferanse": "r", "fom": "1. mars"},
             "fom: must be a date written YYYY-MM-DD"),
            ({"type": "utbetaling"}, "utbetalingsreferanse: is required but missing"),
            ({"type": "rammevedtak"}, "rammevedtaksreferanse: is required but missing"),
        ],
    )
    def test_each_hendelse_type_enforces_its_own_rules(
        self, soker: dict[str, Any], hendelse: dict[str, Any], problem: str
    ) -> None:
        soker["hendelser"].append({"hendelsestidspunkt": TS, **hendelse})

        found = issues(soker, DocumentKind.DIGISOS_SOKER)

        assert len(found) == 1
        assert found[0].startswith(f"$.hendelser[5].{problem}")


class TestSoknad:
    def test_the_sample_is_valid(self, soknad: dict[str, Any]) -> None:
        assert issues(soknad, DocumentKind.SOKNAD) == []

    def test_gift_requires_ektefelle(self, soknad: dict[str, Any]) -> None:
        del soknad["data"]["familie"]["sivilstatus"]["ektefelle"]
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.familie.sivilstatus.ektefelle: is required when status is 'gift'"
        ]

    def test_ektefelle_only_with_gift(self, soknad: dict[str, Any]) -> None:
        soknad["data"]["familie"]["sivilstatus"]["status"] = "samboer"
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.familie.sivilstatus.ektefelle: is only allowed when status is 'gift'"
        ]

    def test_register_facts_need_kilde_system_alongside_field_errors(
        self, soknad: dict[str, Any]
    ) -> None:
        sivilstatus = soknad["data"]["familie"]["sivilstatus"]
        sivilstatus["folkeregistrertMedEktefelle"] = True
        sivilstatus["borIkkeSammenMedBegrunnelse"] = 7

        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.familie.sivilstatus.borIkkeSammenMedBegrunnelse: must be a string "
            "(got number)",
            "$.data.familie.sivilstatus.folkeregistrertMedEktefelle: is only allowed when "
            "kilde is 'system'",
        ]

    def test_avviksforklaring_needs_a_register_sivilstatus(self, soknad: dict[str, Any]) -> None:
        familie = soknad["data"]["familie"]
        familie["folkeregistrertMedEktefelleAvviksforklaring"] = {"kilde": "bruker"}
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.familie.sivilstatus.kilde: must be 'system' when "
            "folkeregistrertMedEktefelleAvviksforklaring is given"
        ]
        del familie["sivilstatus"]
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.familie.sivilstatus: is required when "
            "folkeregistrertMedEktefelleAvviksforklaring is given"
        ]

    def test_a_comment_on_employment_needs_the_employments(self, soknad: dict[str, Any]) -> None:
        soknad["data"]["arbeid"] = {"kommentarTilArbeidsforhold": {"verdi": "sluttet"}}
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.arbeid.forhold: is required when kommentarTilArbeidsforhold is given"
        ]

    def test_the_applicant_name_comes_from_the_register(self, soknad: dict[str, Any]) -> None:
        soknad["data"]["personalia"]["navn"]["kilde"] = "bruker"
        del soknad["data"]["personalia"]["navn"]["mellomnavn"]
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.personalia.navn.mellomnavn: is required but missing",
            "$.data.personalia.navn.kilde: must be one of 'system' (got 'bruker')",
        ]

    def test_address_kind_is_dispatched_on_type(self, soknad: dict[str, Any]) -> None:
        adresse = soknad["data"]["personalia"]["postadresse"]
        adresse["postboks"] = 42
        adresse["adresseValg"] = "hjemme"
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.data.personalia.postadresse.adresseValg: must be one of 'folkeregistrert', "
            "'midlertidig' or 'soknad' (got 'hjemme')",
            "$.data.personalia.postadresse.postboks: must be a string (got number)",
        ]

    def test_driftsinformasjon_must_be_an_object(self, soknad: dict[str, Any]) -> None:
        soknad["driftsinformasjon"] = "alt gikk bra"
        del soknad["mottaker"]
        assert issues(soknad, DocumentKind.SOKNAD) == [
            "$.mottaker: is required but missing",
            "$.driftsinformasjon: must be an object (got string)",
        ]


class TestKlageAndVedlegg:
    def test_klage_requires_its_fields_and_reuses_soknad_parts(self) -> None:
        klage = {
            "klageId": "k", "vedtakId": UUID, "digisosId": "d",
            "personIdentifikator": {"kilde": "bruker", "verdi": "15076500565"},
            "navn": {"kilde": "system", "fornavn": "A", "mellomnavn": "", "etternavn": "B"},
            "mottaker": {},
            "autentisering": {"autentisertDigitalt": True},
            "innsendingstidspunkt": TS,
            "begrunnelse": {"kilde": "system", "klageTekst": "uenig"},
        }
        assert issues(klage, DocumentKind.KLAGE) == [
            "$.personIdentifikator.kilde: must be one of 'system' (got 'bruker')",
            "$.autentisering.autentiseringsTidspunkt: is required but missing",
            "$.begrunnelse.kilde: must be one of 'bruker' or 'utdatert' (got 'system')",
        ]

    def test_vedlegg_accepts_unknown_statuses_but_not_unknown_hendelse_types(self) -> None:
        spec = {"vedlegg": [{"status": "NyStatus", "filer": [{"filnavn": "a.pdf"}]},
                            {"hendelseType": "klage"}]}
        assert issues(spec, DocumentKind.VEDLEGG) == [
            "$.vedlegg[1].hendelseType: must be one of 'dokumentasjonEtterspurt', "
            "'dokumentasjonkrav', 'soknad' or 'bruker' (got 'klage')"
        ]
