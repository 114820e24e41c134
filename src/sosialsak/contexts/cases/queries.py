"""Reads for case progress that other contexts need: the children's mapping gaps (the rule in
``decisions.record_vedtak`` and the worklist) and a summary of the mapping for the decision.

A section counts for an application when it was written at the same office, no earlier than
the office's ``kartlegging_gyldig_maneder`` before the application was received: mapping is
reused across applications, but not forever.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.cases.skjema import SECTIONS, TITLES
from sosialsak.contexts.intake.household import household_many
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.offices.queries import settings_for_many
from sosialsak.contexts.people.models import Barn, HusstandBarn
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import add_months


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def children_in(barn: Sequence[Barn], on: date) -> list[Barn]:
    """Return the children under 18 on ``on`` (each child has its own section)."""
    return [b for b in barn if _age(b.fodselsdato, on) < 18]


@dataclass(frozen=True)
class _Latest:
    avklart: bool
    skrevet: date


def _latest_child_sections(
    soknader: Sequence[Soknad],
) -> dict[tuple[int, int], _Latest]:
    """Return the newest child section per (office, child) for these applications' people."""
    return _latest_sections({s.person_id for s in soknader}, {s.kontor_id for s in soknader})


def _latest_sections(person_ids: set[int], kontor_ids: set[int]) -> dict[tuple[int, int], _Latest]:
    latest: dict[tuple[int, int], _Latest] = {}
    rows = (
        Kartleggingsdel.objects.filter(
            person_id__in=person_ids, del_type="BARN", barn__isnull=False,
            soknad__kontor_id__in=kontor_ids)
        .order_by("skrevet_at", "id")
        .values_list("soknad__kontor_id", "barn_id", "fullfort", "ikke_kartlagt_grunn",
                     "skrevet_at")
    )
    for kontor_id, barn_id, fullfort, grunn, skrevet_at in rows:
        latest[(kontor_id, barn_id)] = _Latest(fullfort or bool(grunn.strip()),
                                               local_date(skrevet_at))
    return latest


def children_gaps_many(soknader: Sequence[Soknad]) -> dict[int, list[str]]:
    """Return, per application, the names of the children whose section is missing, stale, or
    neither completed nor explained. Three queries whatever the number of applications."""
    if not soknader:
        return {}
    households = household_many(soknader)
    latest = _latest_child_sections(soknader)
    settings = settings_for_many({s.kontor_id for s in soknader})
    return {s.pk: _missing(
        [(b.pk, b.navn, b.fodselsdato) for b in households[s.pk].barn], latest,
        kontor_id=s.kontor_id, mottatt_at=s.mottatt_at,
        months=settings[s.kontor_id].kartlegging_gyldig_maneder) for s in soknader}


def _missing(children: Sequence[tuple[int, str, date]], latest: dict[tuple[int, int], _Latest],
             *, kontor_id: int, mottatt_at: datetime, months: int) -> list[str]:
    """The rule: the names of the children under 18 on the day of receipt whose newest section
    at the office is missing, neither completed nor explained, or older than ``months``."""
    mottatt = local_date(mottatt_at)
    oldest = add_months(mottatt, -months)
    gaps = []
    for barn_id, navn, born in children:
        if _age(born, mottatt) >= 18:
            continue
        current = latest.get((kontor_id, barn_id))
        if current is None or not current.avklart or current.skrevet < oldest:
            gaps.append(navn)
    return gaps


def applications_with_gaps(
    rows: Sequence[tuple[int, int, int, datetime, int | None]], months: Mapping[int, int],
) -> list[int]:
    """Return the ids of the applications with a child whose mapping blocks a decision (the
    rule of ``children_gaps_many``), from plain rows ``(id, person_id, kontor_id, mottatt_at,
    husstand_id)`` and each office's ``kartlegging_gyldig_maneder``.

    For the worklist count (issue 13): two queries of plain values, no model instances, and
    the office settings the caller has already read."""
    if not rows:
        return []
    children: dict[int, list[tuple[int, str, date]]] = {}
    for husstand_id, barn_id, navn, born in (
            HusstandBarn.objects.filter(husstand_id__in={r[4] for r in rows})
            .values_list("husstand_id", "barn_id", "barn__navn", "barn__fodselsdato")):
        children.setdefault(husstand_id, []).append((barn_id, navn, born))
    latest = _latest_sections({r[1] for r in rows}, {r[2] for r in rows})
    return [pk for pk, _person, kontor_id, mottatt_at, husstand_id in rows
            if husstand_id is not None and _missing(
                children.get(husstand_id, []), latest, kontor_id=kontor_id,
                mottatt_at=mottatt_at, months=months[kontor_id])]


def children_mapping_gaps(soknad: Soknad) -> list[str]:
    """Return the names of the children in the household whose mapping blocks a decision."""
    return children_gaps_many([soknad])[soknad.pk]


@dataclass(frozen=True)
class SectionSummary:
    del_type: str
    tittel: str
    barn_id: int | None
    skrevet_at: datetime
    skrevet_av: str
    fullfort: bool
    ikke_kartlagt_grunn: str
    svar: list[tuple[str, str]]  # (question, answer in words)


def _in_words(value: object, choices: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, int):
        return f"{value} kr"
    return choices.get(str(value), str(value))


def current_sections(*, person_id: int, kontor_id: int) -> list[SectionSummary]:
    """Return the current (newest) version of each section for the person at this office."""
    rows = (Kartleggingsdel.objects.filter(person_id=person_id, soknad__kontor_id=kontor_id)
            .select_related("skrevet_av").order_by("skrevet_at", "id"))
    latest: dict[tuple[str, int | None], Kartleggingsdel] = {}
    for row in rows:
        if row.del_type == "BARN" and row.barn_id is None:
            continue  # the child has left the household; the history stays, unlisted
        latest[(row.del_type, row.barn_id)] = row
    out = []
    for (del_type, barn_id), row in latest.items():
        felter = SECTIONS[del_type]
        answers = [(f.label, _in_words(row.svar[f.key], dict(f.choices)))
                   for f in felter if f.key in row.svar]
        author = row.skrevet_av.get_full_name() or row.skrevet_av.username \
            if row.skrevet_av else "system"
        title = f"{TITLES['BARN']}: {row.barn_navn}" if del_type == "BARN" else TITLES[del_type]
        out.append(SectionSummary(del_type, title, barn_id, row.skrevet_at, author,
                                  row.fullfort, row.ikke_kartlagt_grunn, answers))
    return out


def kartlegging_summary(soknad: Soknad) -> str:
    """Return the mapping as plain text for the decision and its reasons (one block a section).

    Callers have already read the application through its scope.
    """
    blocks = []
    for s in current_sections(person_id=soknad.person_id, kontor_id=soknad.kontor_id):
        head = f"{s.tittel} (kartlagt {local_date(s.skrevet_at):%d.%m.%Y} av {s.skrevet_av})"
        lines = [f"- {q}: {a}" for q, a in s.svar]
        if s.ikke_kartlagt_grunn:
            lines.append(f"- Ikke kartlagt fordi: {s.ikke_kartlagt_grunn}")
        blocks.append("\n".join([head, *lines]))
    return "\n\n".join(blocks)


def mapped_housing_cost(soknad: Soknad) -> tuple[int, datetime] | None:
    """Return the monthly housing cost in the person's newest «Bolig» mapping at this office,
    and when it was written; None when it is not mapped (one query).

    Callers have already read the application through its scope."""
    row = (Kartleggingsdel.objects.filter(person_id=soknad.person_id, del_type="BOLIG",
                                          soknad__kontor_id=soknad.kontor_id)
           .order_by("-skrevet_at", "-id").values_list("svar", "skrevet_at").first())
    if row is None:
        return None
    value = (row[0] or {}).get("boutgift")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value, row[1]
