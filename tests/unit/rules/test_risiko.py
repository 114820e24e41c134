"""Helsetilsynet's 51 risk points (Rapport 4/2022, Vedlegg 2) as reference data, and workshop
ranking (chapter 2: risiko = sannsyn × konsekvens; ties share a rank)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from sosialsak.rules import risiko_rangering as rr
from sosialsak.rules.risiko import COVERAGES, katalog

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / "004_982bdf3b45bbd58d.txt"


def test_catalogue_holds_51_points_in_five_areas() -> None:
    kat = katalog()
    assert kat.version == "Helsetilsynet 4/2022"
    assert [p.number for p in kat.points] == list(range(1, 52))
    areas = {}
    for p in kat.points:
        areas.setdefault(p.area, []).append(p.number)
    assert [(min(v), max(v)) for v in areas.values()] == [(1, 9), (10, 17), (18, 21), (22, 43),
                                                         (44, 51)]


@pytest.mark.parametrize(("number", "short_name", "text"), [
    (1, "Kasteball mellom Nav-kontor", "Personer som beveger seg mellom forskjellige Nav-kontor "
     "får ikke nødvendig hjelp på grunn av uenighet om hvilken kommune som har bistandsansvaret."),
    (21, "Kartlegging - barn", "Barns behov blir ikke tilstrekkelig kartlagt."),
    (30, "Vilkår - utbetaling utsettes", "Ved manglende oppfyllelse av vilkår blir utbetaling av "
     "stønad utsatt i påvente av at vilkåret blir oppfylt, uten at det foreligger adgang til "
     "slik praksis i regelverket."),
    (42, "Arbeidslinjen – prioriteres for høyt", "En streng praktisering av arbeidslinjen "
     "(arbeidsrettet oppfølging) prioriteres i for stor grad slik at andre områder i personens "
     "liv overses."),
    (51, "Ombud", "Personer som ønsker å klage på tjenester og ytelser har ulik tilgang til "
     "ombudsordninger og andre aktører som kan hjelpe til å fremme klage."),
])
def test_five_texts(number: int, short_name: str, text: str) -> None:
    p = katalog().point(number)
    assert (p.short_name, p.text) == (short_name, text)


def test_every_point_has_a_check_a_guard_or_a_reason() -> None:
    for p in katalog().points:
        assert p.coverage in COVERAGES and len(p.how) > 20, p.number
        # The plain-text seed lost the italics that mark unregulated points: unknown, not False.
        assert p.regulated is None


def test_guards_name_the_code_they_rely_on() -> None:
    src = Path(__file__).resolve().parents[3] / "src" / "sosialsak"
    for p in katalog().points:
        if p.coverage == "not_automatable":
            continue
        paths = re.findall(r"((?:contexts|formats|rules)/[\w/]+\.py)", p.how)
        assert paths, f"punkt {p.number}: {p.coverage} uten kodested"
        for path in paths:
            assert (src / path).exists() or (src / "contexts" / path).exists(), path


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not present")
def test_texts_match_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", re.sub(r"\s*<sup>\d</sup>\s*", "", seed))
    for p in katalog().points:
        assert p.short_name in flat, p.number
        assert p.text in flat, p.number
        assert p.area.split(" (")[0] in flat, p.number


# --- ranking ------------------------------------------------------------------------------

def test_competition_ranking_shares_ranks_and_skips() -> None:
    ranking = rr.rank({1: 25, 2: 20, 3: 16, 4: 16, 5: 12})
    assert [(p.rank, p.point) for p in ranking] == [(1, 1), (2, 2), (3, 3), (3, 4), (5, 5)]


def test_top_ten_keeps_points_tied_at_the_cut() -> None:
    scores = {n: 30 - n for n in range(1, 10)}  # points 1–9: distinct scores 29..21
    scores |= {10: 20, 11: 20, 12: 5, 13: 4}     # 10 and 11 tie at rank 10
    cut = rr.top(rr.rank(scores), 10)
    assert len(cut) == 11
    assert [p.rank for p in cut[-2:]] == [10, 10]
    assert rr.top(rr.rank(scores), 9)[-1].point == 9  # no tie at 9: exactly nine


def test_product_and_sum() -> None:
    assert rr.score(4, 5) == 20 and rr.score(4, 5, "sum") == 9
    vs = [rr.Vurdering(1, 5, 1), rr.Vurdering(2, 3, 3)]
    assert rr.scores(vs, "product") == {1: 5, 2: 9}   # 2 ranks first by product
    assert rr.scores(vs, "sum") == {1: 6, 2: 6}       # tied by sum
    assert [p.rank for p in rr.rank(rr.scores(vs, "sum"))] == [1, 1]
    with pytest.raises(ValueError):
        rr.score(0, 3)


def test_aggregation_of_three_workshops_by_mean_score() -> None:
    a = {21: 25, 4: 20, 19: 16}
    b = {21: 20, 4: 20}
    c = {19: 25, 12: 25}
    mean = rr.aggregate([a, b, c])
    assert mean == {21: 15, 4: Fraction(40, 3), 19: Fraction(41, 3), 12: Fraction(25, 3)}
    assert [(p.rank, p.point) for p in rr.rank(mean)] == [(1, 21), (2, 19), (3, 4), (4, 12)]


def test_csv_reads_header_and_rows() -> None:
    out = rr.parse_workshop_csv("point,likelihood,consequence\n21,5,5\n4, 4 ,5\n\n", {4, 21})
    assert out == [rr.Vurdering(21, 5, 5), rr.Vurdering(4, 4, 5)]


@pytest.mark.parametrize(("text", "line", "field"), [
    ("21,5,5\n99,1,1\n", 2, "point"),
    ("21,6,5\n", 1, "likelihood"),
    ("21,5,0\n", 1, "consequence"),
    ("21,5,x\n", 1, "consequence"),
    ("21,5\n", 1, "rad"),
    ("21,5,5\n21,1,1\n", 2, "point"),
    ("", 1, "fil"),
    ("1,1,1\n" * 20000, 1, "fil"),
])
def test_csv_errors_name_line_and_field(text: str, line: int, field: str) -> None:
    with pytest.raises(rr.InvalidWorkshopFile) as err:
        rr.parse_workshop_csv(text, katalog().numbers())
    assert (err.value.line, err.value.field) == (line, field)
