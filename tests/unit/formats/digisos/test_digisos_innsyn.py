"""The innsyn builder writes a complete, valid digisos-soker.json following innsyn-api's rules."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sosialsak import __version__
from sosialsak.formats.digisos import (
    DocumentKind,
    InnsynBuildError,
    build_digisos_soker,
    dumps_digisos_soker,
    find_removed_hendelser,
    validate_document,
)
from sosialsak.formats.digisos import innsyn_events as ev

OSLO = ZoneInfo("Europe/Oslo")
START = datetime(2024, 3, 1, 11, 0, tzinfo=OSLO)  # 10:00 UTC
BREV = ev.Dokumentlager("3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c")


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def full_history() -> list[ev.InnsynHendelse]:
    return [
        ev.SoknadMottatt(at(0)),
        ev.NavKontorTildelt(at(1), "0314"),
        ev.SoknadStatusEndret(at(2), "UNDER_BEHANDLING"),
        ev.ForelopigSvar(at(3), BREV),
        ev.DokumentasjonEtterspurt(
            at(4),
            (ev.EtterspurtDokument("husleiekontrakt", at(7 * 24 * 60), "leie", "dok-1"),),
            BREV,
        ),
        ev.SakStatus(at(5), "sak-1", "UNDER_BEHANDLING", "Livsopphold mars"),
        ev.VedtakFattet(
            at(6), "sak-1", "DELVIS_INNVILGET", BREV,
            (ev.Brevvedlegg("Beregning", ev.SvarUt("3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6d", 2)),),
        ),
        ev.Rammevedtak(at(6), "r-1", "sak-1", "Strøm", Decimal("2000"),
                       date(2024, 3, 1), date(2024, 3, 31)),
        ev.Utbetaling(at(7), "u-1", "PLANLAGT_UTBETALING", Decimal("7250.50"), False,
                      "Livsopphold", "sak-1", forfallsdato=date(2024, 3, 5),
                      kontonummer="12345678903"),
        ev.Vilkar(at(7), "v-1", "sak-1", "Møt til samtale", utbetalingsreferanser=("u-1",)),
        ev.Dokumentasjonkrav(at(7), "d-1", "sak-1", "Kvittering", frist=at(30 * 24 * 60)),
        ev.SoknadStatusEndret(at(9), "FERDIGBEHANDLET"),
    ]


def types(document: dict[str, Any]) -> list[str]:
    return [h["type"] for h in document["hendelser"]]


class TestComplete:
    def test_every_event_becomes_a_hendelse_in_time_order(self) -> None:
        document = build_digisos_soker(reversed(full_history()))

        # Within one millisecond the input order holds, except that utbetaling goes before
        # vilkår/dokumentasjonkrav (innsyn-api's own tie-break).
        assert types(document) == [
            "soknadsStatus", "tildeltNavKontor", "soknadsStatus", "forelopigSvar",
            "dokumentasjonEtterspurt", "saksStatus", "rammevedtak", "vedtakFattet",
            "utbetaling", "dokumentasjonkrav", "vilkar", "soknadsStatus",
        ]
        assert validate_document(document, DocumentKind.DIGISOS_SOKER).valid

    def test_avsender_names_sosialsak_and_its_version(self) -> None:
        document = build_digisos_soker(full_history())

        assert document["avsender"] == {"systemnavn": "sosialsak", "systemversjon": __version__}
        assert document["version"] == "1.3.0"

    def test_mottatt_comes_first_even_at_the_same_millisecond(self) -> None:
        document = build_digisos_soker(
            [ev.SoknadStatusEndret(at(0), "UNDER_BEHANDLING"), ev.SoknadMottatt(at(0))]
        )

        assert [h["status"] for h in document["hendelser"]] == ["MOTTATT", "UNDER_BEHANDLING"]

    def test_a_saks_status_goes_before_its_vedtak_at_the_same_millisecond(self) -> None:
        document = build_digisos_soker([
            ev.SoknadMottatt(at(0)),
            ev.VedtakFattet(at(1), "s", "INNVILGET", BREV),
            ev.SakStatus(at(1), "s", "UNDER_BEHANDLING", "Mat"),
        ])

        assert types(document) == ["soknadsStatus", "saksStatus", "vedtakFattet"]

    def test_timestamps_are_utc_with_exactly_three_decimals(self) -> None:
        moment = datetime(2024, 7, 1, 12, 0, 0, 123987, tzinfo=OSLO)
        document = build_digisos_soker([ev.SoknadMottatt(moment)])

        assert document["hendelser"][0]["hendelsestidspunkt"] == "2024-07-01T10:00:00.123Z"
        text = json.dumps(build_digisos_soker(full_history()))
        for stamp in re.findall(r'"(\d{4}-[^"]*Z)"', text):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp), stamp


class TestFieldRules:
    def hendelse(self, document: dict[str, Any], kind: str) -> dict[str, Any]:
        return next(h for h in document["hendelser"] if h["type"] == kind)

    def test_vilkar_and_dokumentasjonkrav_always_carry_status_sak_and_title(self) -> None:
        document = build_digisos_soker(full_history())

        vilkar = self.hendelse(document, "vilkar")
        krav = self.hendelse(document, "dokumentasjonkrav")
        assert (vilkar["status"], vilkar["saksreferanse"], vilkar["tittel"]) == (
            "RELEVANT", "sak-1", "Møt til samtale")
        assert vilkar["utbetalingsreferanse"] == ["u-1"]
        assert (krav["status"], krav["frist"]) == ("RELEVANT", "2024-03-31T09:00:00.000Z")

    def test_utbetaling_states_annen_mottaker_and_amounts_as_numbers(self) -> None:
        document = build_digisos_soker(full_history())

        utbetaling = self.hendelse(document, "utbetaling")
        assert utbetaling["annenMottaker"] is False
        assert utbetaling["belop"] == 7250.5
        assert self.hendelse(document, "rammevedtak")["belop"] == 2000
        assert "utbetalingsdato" not in utbetaling  # absent, never null

    def test_saks_status_repeats_the_last_title(self) -> None:
        history: list[ev.InnsynHendelse] = [
            *full_history(), ev.SakStatus(at(10), "sak-1", "FEILREGISTRERT")]

        document = build_digisos_soker(history)

        last = document["hendelser"][-1]
        assert (last["status"], last["tittel"]) == ("FEILREGISTRERT", "Livsopphold mars")

    def test_retractions_are_added_and_nothing_is_removed(self) -> None:
        before = build_digisos_soker(full_history())
        retract: list[ev.InnsynHendelse] = [
            ev.Utbetaling(at(20), "u-1", "ANNULLERT", Decimal("7250.50"), False,
                          "Livsopphold", "sak-1"),
            ev.Vilkar(at(20), "v-1", "sak-1", "Møt til samtale", status="ANNULLERT"),
        ]

        after = build_digisos_soker([*full_history(), *retract])

        assert find_removed_hendelser(before, after) == []
        assert [h.get("status") for h in after["hendelser"][-2:]] == ["ANNULLERT", "ANNULLERT"]
        assert find_removed_hendelser(after, before) == after["hendelser"][-2:]

    def test_dumps_keeps_norwegian_letters_and_refuses_nan(self) -> None:
        text = dumps_digisos_soker(build_digisos_soker(full_history()))

        assert "Møt til samtale" in text
        with pytest.raises(ValueError):
            dumps_digisos_soker({"belop": float("nan")})


class TestRefusals:
    def test_mottatt_is_required(self) -> None:
        with pytest.raises(InnsynBuildError, match="exactly one SoknadMottatt"):
            build_digisos_soker([ev.SoknadStatusEndret(at(0), "UNDER_BEHANDLING")])

    def test_mottatt_may_not_be_repeated(self) -> None:
        with pytest.raises(InnsynBuildError, match="got 2"):
            build_digisos_soker([ev.SoknadMottatt(at(0)), ev.SoknadMottatt(at(1))])
        again = ev.SoknadStatusEndret(at(1), "MOTTATT")  # type: ignore[arg-type]
        with pytest.raises(InnsynBuildError, match="SoknadMottatt event only"):
            build_digisos_soker([ev.SoknadMottatt(at(0)), again])

    def test_nothing_may_happen_before_mottatt(self) -> None:
        with pytest.raises(InnsynBuildError, match="earlier than MOTTATT"):
            build_digisos_soker([ev.SoknadMottatt(at(5)), ev.NavKontorTildelt(at(1), "0314")])

    def test_a_vedtak_needs_an_earlier_saks_status(self) -> None:
        history: list[ev.InnsynHendelse] = [
                   ev.SoknadMottatt(at(0)), ev.VedtakFattet(at(1), "sak-9", "AVSLATT", BREV),
                   ev.SakStatus(at(2), "sak-9", "UNDER_BEHANDLING", "Strøm")]

        with pytest.raises(InnsynBuildError, match="no saksStatus before it"):
            build_digisos_soker(history)

    def test_the_first_saks_status_needs_a_title(self) -> None:
        with pytest.raises(InnsynBuildError, match="needs a title"):
            build_digisos_soker([ev.SoknadMottatt(at(0)),
                                 ev.SakStatus(at(1), "s", "UNDER_BEHANDLING", "  ")])

    def test_naive_timestamps_are_refused(self) -> None:
        with pytest.raises(InnsynBuildError, match="no time zone"):
            build_digisos_soker([ev.SoknadMottatt(datetime(2024, 3, 1, 10))])

    def test_output_that_breaks_the_schema_is_refused_with_its_paths(self) -> None:
        history: list[ev.InnsynHendelse] = [
                   ev.SoknadMottatt(datetime(2024, 3, 1, tzinfo=UTC)),
                   ev.NavKontorTildelt(datetime(2024, 3, 2, tzinfo=UTC), "31"),
                   ev.ForelopigSvar(datetime(2024, 3, 3, tzinfo=UTC),
                                    ev.Dokumentlager("NOT-A-UUID"))]

        with pytest.raises(InnsynBuildError) as err:
            build_digisos_soker(history)

        assert [i.path for i in err.value.issues] == [
            "$.hendelser[1].navKontor",
            "$.hendelser[2].forvaltningsbrev.referanse.id",
        ]
        assert err.value.code == "digisos_innsyn_invalid"

    def test_something_else_than_an_event_is_refused(self) -> None:
        with pytest.raises(InnsynBuildError, match="is not an innsyn event"):
            build_digisos_soker([ev.SoknadMottatt(at(0)), "MOTTATT"])  # type: ignore[list-item]
