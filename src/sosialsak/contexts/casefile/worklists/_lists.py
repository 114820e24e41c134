"""The worklists, in the order the start page shows them, and the two public reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.casefile.worklists import _sources as src
from sosialsak.contexts.casefile.worklists._common import Ctx, WorkItem
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.offices.queries import settings_for_many
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class Worklist:
    key: str
    tittel: str
    beskrivelse: str
    source: Callable[[Ctx], list[WorkItem]]
    i_bruk: bool = True  # False: the list exists but nothing feeds it yet
    roller: frozenset[str] = frozenset()  # only these roles see the list (empty: all staff)

    def visible_to(self, scope: Scope) -> bool:
        return not self.roller or bool(self.roller & scope.roles)


LISTS: dict[str, Worklist] = {w.key: w for w in (
    Worklist("nodhjelp", "Nødhjelp ikke behandlet samme dag",
             "Søknader om nødhjelp fra før i dag som ikke har fått vedtak.",
             src.nodhjelp_ikke_behandlet),
    Worklist("dokumentasjon-frist-ute", "Dokumentasjonsfrist passert",
             "Etterspurte dokumenter som ikke er kommet innen fristen. Avgjør søknaden på "
             "opplysningene som finnes.", src.dokumentasjon_frist_ute),
    Worklist("dokumentasjon-paminnelse", "Påminnelse om dokumentasjon",
             "Fristen for etterspurte dokumenter nærmer seg, og det er ikke sendt påminnelse.",
             src.dokumentasjon_paminnelse),
    Worklist("forelopig-svar", "Foreløpig svar",
             "Søknader som snart har ventet en måned uten vedtak (forvaltningsloven § 11 a), "
             "eller der forventet svardato er passert.", src.forelopig_svar),
    Worklist("uten-vedtak", "Uten vedtak etter fristen",
             "Søknader som har ventet lenger enn kontorets frist uten vedtak.", src.uten_vedtak),
    Worklist("kartlegging-barn", "Barnas kartlegging mangler",
             "Åpne søknader fra familier med barn der ett eller flere barn ikke er kartlagt.",
             src.kartlegging_barn),
    Worklist("oppgaver", "Oppfølgingsoppgaver",
             "Oppgaver med frist i dag eller tidligere.", src.oppgaver),
    Worklist("vedtaksperiode", "Vedtaksperioder som slutter",
             "Innvilgede perioder som snart slutter, uten ny søknad eller nytt vedtak.",
             src.vedtaksperiode_slutter),
    Worklist("klager", "Klager som venter",
             "Klager kontoret ikke har omgjort eller sendt til Statsforvalteren ennå, eldste "
             "først.", src.klager),
    Worklist("klager-oversendt", "Klager oversendt siste 90 dager",
             "Klager sendt til Statsforvalteren de siste 90 dagene, nyeste først: antall dager "
             "fra klagen kom til den ble oversendt, og kontorets median.",
             src.klager_oversendt, roller=frozenset({Role.LEDER})),
)}


def _ctx(scope: Scope, actor: object, today: date, mine_only: bool) -> Ctx:
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")
    return Ctx(scope=scope, today=today, settings=settings_for_many(sorted(scope.kontor_ids)),
               mine_user_id=getattr(actor, "pk", None) if mine_only else None)


def worklist(
    *, scope: Scope, actor: object, key: str, today: date, purpose: str,
    mine_only: bool = False, limit: int = 500,
) -> list[WorkItem]:
    """Return the lines of worklist ``key`` and log a read per listed application.

    Raise NotFound for an unknown list or a caller who is not staff.
    """
    wl = LISTS.get(key)
    if wl is None or not wl.visible_to(scope):
        raise NotFound("Fant ikke arbeidslisten.")
    items = wl.source(_ctx(scope, actor, today, mine_only))[:limit]
    kontor = {i.soknad_id: i.kontor_id for i in items}
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(kontor),
                purpose=purpose, kontor_ids=list(kontor.values()))
    return items


def worklist_counts(
    *, scope: Scope, actor: object, today: date, mine_only: bool = False
) -> dict[str, int]:
    """Return the number of lines in each worklist the caller may see (no personal data, so
    nothing is logged)."""
    ctx = _ctx(scope, actor, today, mine_only)
    return {key: len(wl.source(ctx)) for key, wl in LISTS.items() if wl.visible_to(scope)}

