"""Reads of the kartlegging for the pages: where each section stands, and one section to edit.

A section's state: MANGLER (never written here), PABEGYNT (saved, required answers missing),
FULLFORT, or GRUNN (a reason why it is not mapped). ``gammel`` marks a section written before
the office's ``kartlegging_gyldig_maneder`` ahead of this application: shown, but it must be
confirmed or updated before it counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.cases.policy import missing
from sosialsak.contexts.cases.queries import (
    children_in,
    children_mapping_gaps,
    kartlegging_summary,
)
from sosialsak.contexts.cases.skjema import ORDER, SECTIONS, TITLES, Felt
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.offices.policy import Settings
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound
from sosialsak.rules.frister import add_months


@dataclass(frozen=True)
class SectionState:
    del_type: str
    barn_id: int | None
    tittel: str
    tilstand: str
    skrevet_at: datetime | None
    skrevet_av: str
    mangler: list[str]
    gammel: bool
    barn_navn: str = ""


def _author(row: Kartleggingsdel) -> str:
    if row.skrevet_av is None:
        return "system"
    return row.skrevet_av.get_full_name() or row.skrevet_av.username


def _latest(soknad: Soknad) -> dict[tuple[str, int | None], Kartleggingsdel]:
    rows = (Kartleggingsdel.objects.filter(person_id=soknad.person_id,
                                           soknad__kontor_id=soknad.kontor_id)
            .select_related("skrevet_av").order_by("skrevet_at", "id"))
    return {(r.del_type, r.barn_id): r for r in rows}


def _title(del_type: str, barn_navn: str = "") -> str:
    """The section's title in the reader's language (the form's texts are Bokmål msgids)."""
    title = gettext(TITLES[del_type])
    return f"{title}: {barn_navn}" if barn_navn else title


def _state(del_type: str, barn_id: int | None, row: Kartleggingsdel | None, oldest_ok: date,
           barn_navn: str = "") -> SectionState:
    tittel = _title(del_type, barn_navn)
    if row is None:
        return SectionState(del_type, barn_id, tittel, "MANGLER", None, "",
                            [gettext(f.label) for f in SECTIONS[del_type] if f.required], False,
                            barn_navn)
    tilstand = "FULLFORT" if row.fullfort else "GRUNN" if row.ikke_kartlagt_grunn else "PABEGYNT"
    return SectionState(del_type, barn_id, tittel, tilstand, row.skrevet_at, _author(row),
                        [gettext(m) for m in missing(del_type, row.svar)],
                        local_date(row.skrevet_at) < oldest_ok, barn_navn)


def mapping_overview(soknad: Soknad, *, settings: Settings | None = None,
                     barn: list[Barn] | None = None) -> list[SectionState]:
    """Return the state of each section: the four about the person, then one per child.

    Callers have read ``soknad`` through its scope. Up to three queries; none for the office's
    settings and the children when the caller has them already (the case page).
    """
    mottatt = local_date(soknad.mottatt_at)
    settings = settings or settings_for(soknad.kontor_id)
    oldest = add_months(mottatt, -settings.kartlegging_gyldig_maneder)
    latest = _latest(soknad)
    out = [_state(d, None, latest.get((d, None)), oldest) for d in ORDER if d != "BARN"]
    if barn is None:
        barn = household_of(soknad).barn
    for b in children_in(barn, mottatt):
        out.append(_state("BARN", b.pk, latest.get(("BARN", b.pk)), oldest, b.navn))
    return out


@dataclass(frozen=True)
class SectionEdit:
    soknad_id: int
    navn: str
    del_type: str
    tittel: str
    barn_id: int | None
    felter: tuple[Felt, ...]
    svar: dict[str, object]
    ikke_kartlagt_grunn: str
    state: SectionState
    historikk: list[tuple[datetime, str, bool]]  # (written, by, completed)


def section_for_edit(
    *, scope: Scope, actor: object, soknad_id: int, del_type: str, barn_id: int | None
) -> SectionEdit:
    """Return one section with its current answers (from this or an earlier application) and
    its history; log the read. Raise NotFound for an unknown section or child."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose="kartlegging")
    if del_type not in SECTIONS or (del_type == "BARN") != (barn_id is not None):
        raise NotFound("Fant ikke denne delen av kartleggingen.")
    tittel = _title(del_type)
    if barn_id is not None:
        barn = household_of(soknad).child(barn_id)
        if barn is None:
            raise NotFound("Fant ikke barnet.")
        tittel = _title(del_type, barn.navn)
    state = next((s for s in mapping_overview(soknad)
                  if (s.del_type, s.barn_id) == (del_type, barn_id)), None)
    if state is None:  # a child who is 18 or older has no section of its own
        raise NotFound("Fant ikke denne delen av kartleggingen.")
    rows = list(Kartleggingsdel.objects.filter(
        person_id=soknad.person_id, soknad__kontor_id=soknad.kontor_id, del_type=del_type,
        barn__isnull=barn_id is None).filter(**({"barn_id": barn_id} if barn_id else {}))
        .select_related("skrevet_av").order_by("-skrevet_at", "-id"))
    current = rows[0] if rows else None
    return SectionEdit(
        soknad_id=soknad.pk, navn=soknad.soker_navn, del_type=del_type, tittel=tittel,
        barn_id=barn_id, felter=SECTIONS[del_type], svar=dict(current.svar) if current else {},
        ikke_kartlagt_grunn=current.ikke_kartlagt_grunn if current else "", state=state,
        historikk=[(r.skrevet_at, _author(r), r.fullfort) for r in rows],
    )


@dataclass(frozen=True)
class MappingRead:
    deler: list[SectionState]
    barn_mangler: list[str]
    sammendrag: str


def mapping_read(*, scope: Scope, actor: object, soknad_id: int) -> MappingRead:
    """Return the state of every section, the children blocking a livsopphold decision, and
    the summary for the decision's reasons; log the read (staff only)."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose="kartlegging")
    return MappingRead(mapping_overview(soknad), children_mapping_gaps(soknad),
                       kartlegging_summary(soknad))
