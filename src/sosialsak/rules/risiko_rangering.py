"""Ranking of a risk workshop's scores (Helsetilsynet 4/2022, chapter 2 and Vedlegg 5).

Each point gets 1–5 for likelihood (sannsyn for svikt) and 1–5 for consequence; the report's
score is likelihood × consequence (``product``); ``sum`` is offered for workshops that prefer
it. Points are ranked by score, highest first, with competition ranking: tied points share a
rank and the next rank skips (1, 2, 3, 3, 5), as the report does ("Punkt som fekk same
poengsum har lik rangering" — its top ten became eleven). A top-N cut keeps every point tied
at the cut.

Several workshops are combined by the **mean score**: each point's scores are summed over the
workshops and divided by the number of workshops, a point a workshop did not score counting 0
(the workshops score only their chosen points, so a point chosen by many ranks above one
chosen by few). The mean is kept exact (Fraction). Pure: no Django, no I/O.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sosialsak.kernel.errors import ValidationFailed

RULES = ("product", "sum")
MIN_VALUE, MAX_VALUE = 1, 5
MAX_BYTES = 64 * 1024  # a workshop file is at most 51 short rows; anything larger is not one
MAX_ROWS = 200
HEADER = ("point", "likelihood", "consequence")

Score = int | Fraction


class InvalidWorkshopFile(ValidationFailed):
    """A workshop file that cannot be read; names the line and the field."""

    code = "invalid_workshop_file"

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"linje {line}, {field}: {message}", line=line, field=field)
        self.line = line
        self.field = field


@dataclass(frozen=True)
class Vurdering:
    """One point's scores from a workshop."""

    point: int
    likelihood: int
    consequence: int


@dataclass(frozen=True)
class Plassering:
    """One point's place in a ranking."""

    rank: int
    point: int
    score: Score


def score(likelihood: int, consequence: int, rule: str = "product") -> int:
    """Return the risk score of one point by ``rule`` (``product`` as in the report, or ``sum``)."""
    for name, value in (("likelihood", likelihood), ("consequence", consequence)):
        if not MIN_VALUE <= value <= MAX_VALUE:
            raise ValueError(f"{name} må være {MIN_VALUE}–{MAX_VALUE}, ikke {value}")
    if rule == "product":
        return likelihood * consequence
    if rule == "sum":
        return likelihood + consequence
    raise ValueError(f"ukjent regel {rule!r}; bruk {' eller '.join(RULES)}")


def scores(vurderinger: Iterable[Vurdering], rule: str = "product") -> dict[int, int]:
    """Return point → score for one workshop."""
    return {v.point: score(v.likelihood, v.consequence, rule) for v in vurderinger}


def rank(point_scores: Mapping[int, Score]) -> list[Plassering]:
    """Rank points by score, highest first (ties in point order), competition ranking."""
    ordered = sorted(point_scores.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[Plassering] = []
    for i, (point, value) in enumerate(ordered):
        place = out[-1].rank if out and out[-1].score == value else i + 1
        out.append(Plassering(rank=place, point=point, score=value))
    return out


def top(ranking: Sequence[Plassering], n: int) -> list[Plassering]:
    """Keep the first ``n`` places and every point tied with the last one kept."""
    if n < 1:
        raise ValueError("n må være minst 1")
    if len(ranking) <= n:
        return list(ranking)
    cut = ranking[n - 1].rank
    return [p for p in ranking if p.rank <= cut]


def aggregate(workshops: Sequence[Mapping[int, Score]]) -> dict[int, Fraction]:
    """Combine several workshops' scores by the mean score (unscored = 0; see module doc)."""
    if not workshops:
        raise ValueError("minst én workshop trengs")
    total: dict[int, Fraction] = {}
    for ws in workshops:
        for point, value in ws.items():
            total[point] = total.get(point, Fraction(0)) + Fraction(value)
    return {point: value / len(workshops) for point, value in total.items()}


def parse_workshop_csv(text: str, known_points: Collection[int]) -> list[Vurdering]:
    """Read ``point,likelihood,consequence`` rows (a header row of these names is optional).

    Bounded: at most MAX_BYTES and MAX_ROWS, integers 1–5, known point numbers, each point once.
    Raise InvalidWorkshopFile naming the line and field of the first error."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InvalidWorkshopFile(1, "fil", f"filen er større enn {MAX_BYTES // 1024} KiB")
    out: list[Vurdering] = []
    seen: dict[int, int] = {}
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or all(not c.strip() for c in row):
            continue
        cells = [c.strip() for c in row]
        if line == 1 and tuple(c.lower() for c in cells) == HEADER:
            continue
        if len(cells) != len(HEADER):
            raise InvalidWorkshopFile(line, "rad", f"ventet {len(HEADER)} felt "
                                      f"({','.join(HEADER)}), fant {len(cells)}")
        if len(out) >= MAX_ROWS:
            raise InvalidWorkshopFile(line, "rad", f"mer enn {MAX_ROWS} rader")
        point = _int(cells[0], line, "point")
        if point not in known_points:
            raise InvalidWorkshopFile(line, "point", f"ukjent risikopunkt {point}")
        if point in seen:
            raise InvalidWorkshopFile(line, "point", f"punkt {point} står også på linje "
                                      f"{seen[point]}")
        values = [_int(cells[i], line, HEADER[i]) for i in (1, 2)]
        for name, value in zip(HEADER[1:], values, strict=True):
            if not MIN_VALUE <= value <= MAX_VALUE:
                raise InvalidWorkshopFile(line, name, f"må være {MIN_VALUE}–{MAX_VALUE}, "
                                          f"ikke {value}")
        seen[point] = line
        out.append(Vurdering(point=point, likelihood=values[0], consequence=values[1]))
    if not out:
        raise InvalidWorkshopFile(1, "fil", "filen har ingen rader")
    return out


def _int(raw: str, line: int, field: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 3:
        raise InvalidWorkshopFile(line, field, f"skriv et helt tall, ikke {raw[:20]!r}")
    return int(raw)
