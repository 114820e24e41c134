"""The appeal body (fvl. § 28; sotjl.: the Statsforvalter of the responsible municipality's
county) for every county number in use since 2020, from the dated reference data."""

from __future__ import annotations

from datetime import date

import pytest

from sosialsak import rules

OBOA = "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus"

# (kommunenummer, date, embete): every fylkesnummer of 2020–2023 and of 2024 onwards.
CASES = [
    # The 2020 regional reform; "Fylkesmannen" until 31 Dec 2020.
    ("0301", date(2020, 6, 1), "Fylkesmannen i Oslo og Viken"),
    ("3005", date(2020, 6, 1), "Fylkesmannen i Oslo og Viken"),
    ("1103", date(2020, 6, 1), "Fylkesmannen i Rogaland"),
    ("1507", date(2020, 6, 1), "Fylkesmannen i Møre og Romsdal"),
    ("1804", date(2020, 6, 1), "Fylkesmannen i Nordland"),
    ("3401", date(2020, 6, 1), "Fylkesmannen i Innlandet"),
    ("3803", date(2020, 6, 1), "Fylkesmannen i Vestfold og Telemark"),
    ("4204", date(2020, 6, 1), "Fylkesmannen i Agder"),
    ("4601", date(2020, 6, 1), "Fylkesmannen i Vestland"),
    ("5001", date(2020, 6, 1), "Fylkesmannen i Trøndelag"),
    ("5401", date(2020, 6, 1), "Fylkesmannen i Troms og Finnmark"),
    # Renamed Statsforvalteren from 1 Jan 2021; the 2020 counties until 31 Dec 2023.
    ("0301", date(2021, 1, 1), "Statsforvalteren i Oslo og Viken"),
    ("0301", date(2023, 12, 31), "Statsforvalteren i Oslo og Viken"),
    ("3005", date(2023, 12, 31), "Statsforvalteren i Oslo og Viken"),
    ("1103", date(2022, 1, 1), "Statsforvalteren i Rogaland"),
    ("1507", date(2022, 1, 1), "Statsforvalteren i Møre og Romsdal"),
    ("1804", date(2022, 1, 1), "Statsforvalteren i Nordland"),
    ("3401", date(2022, 1, 1), "Statsforvalteren i Innlandet"),
    ("3803", date(2023, 12, 31), "Statsforvalteren i Vestfold og Telemark"),
    ("4204", date(2022, 1, 1), "Statsforvalteren i Agder"),
    ("4601", date(2022, 1, 1), "Statsforvalteren i Vestland"),
    ("5001", date(2022, 1, 1), "Statsforvalteren i Trøndelag"),
    ("5401", date(2023, 12, 31), "Statsforvalteren i Troms og Finnmark"),
    # The 2024 split: Viken, Vestfold og Telemark, Troms og Finnmark; Oslo og Viken renamed.
    ("0301", date(2024, 1, 1), OBOA),
    ("3101", date(2024, 1, 1), OBOA),
    ("3201", date(2024, 1, 1), OBOA),
    ("3301", date(2024, 1, 1), OBOA),
    ("1103", date(2026, 12, 7), "Statsforvalteren i Rogaland"),
    ("1507", date(2026, 12, 7), "Statsforvalteren i Møre og Romsdal"),
    ("1804", date(2026, 12, 7), "Statsforvalteren i Nordland"),
    ("3401", date(2026, 12, 7), "Statsforvalteren i Innlandet"),
    ("3901", date(2024, 1, 1), "Statsforvalteren i Vestfold og Telemark"),
    ("4001", date(2024, 1, 1), "Statsforvalteren i Vestfold og Telemark"),
    ("4204", date(2026, 12, 7), "Statsforvalteren i Agder"),
    ("4601", date(2026, 12, 7), "Statsforvalteren i Vestland"),
    ("5001", date(2026, 12, 7), "Statsforvalteren i Trøndelag"),
    ("5501", date(2024, 1, 1), "Statsforvalteren i Troms og Finnmark"),
    ("5601", date(2024, 1, 1), "Statsforvalteren i Troms og Finnmark"),
]


class TestUnitStatsforvalter:
    @pytest.mark.parametrize(("kommune", "on", "embete"), CASES)
    def test_the_appeal_body_is_the_statsforvalter_of_the_county_on_the_date(
        self, kommune: str, on: date, embete: str
    ) -> None:
        assert rules.statsforvalter(kommunenummer=kommune, on=on).navn == embete

    def test_oslo_og_viken_is_no_longer_named_after_its_abolition_on_1_january_2024(
        self
    ) -> None:
        names = {rules.statsforvalter(kommunenummer="0301", on=date(y, 6, 1)).navn
                 for y in range(2024, 2031)}

        assert names == {OBOA}

    @pytest.mark.parametrize(("kommune", "on"), [
        ("3005", date(2024, 1, 1)),  # a Viken number after the split: not guessed
        ("0101", date(2021, 1, 1)),  # Østfold's pre-2020 number
        ("0301", date(2019, 12, 31)),  # before the data starts
        ("2100", date(2024, 1, 1)),  # Svalbard: the act does not apply
        ("46", date(2024, 1, 1)),
    ])
    def test_an_unknown_county_or_date_is_refused_not_guessed(self, kommune: str, on: date
                                                              ) -> None:
        with pytest.raises(rules.ParameterNotFound):
            rules.statsforvalter(kommunenummer=kommune, on=on)

    def test_every_county_number_in_use_since_2020_has_exactly_one_embete_each_day(
        self
    ) -> None:
        in_use = {date(2020, 1, 1): {"03", "11", "15", "18", "30", "34", "38", "42", "46",
                                     "50", "54"},
                  date(2024, 1, 1): {"03", "11", "15", "18", "31", "32", "33", "34", "39",
                                     "40", "42", "46", "50", "55", "56"}}
        for start, fylker in in_use.items():
            for fylke in fylker:
                hits = [e for e in rules.statsforvalter_embeter() if e.covers(fylke, start)]
                assert len(hits) == 1, fylke
