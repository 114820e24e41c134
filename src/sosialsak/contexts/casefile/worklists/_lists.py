"""The worklists, in the order the start page shows them, and the two public reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.casefile.worklists import _sources as src
from sosialsak.contexts.casefile.worklists._common import Ctx, WorkItem
from sosialsak.contexts.casefile.worklists._counts import TOTAL, count_all
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.offices.queries import settings_for_many
from sosialsak.kernel.errors import NotFound

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Worklist:
    key: str
    tittel: StrOrPromise  # lazy: translated when rendered; str() before it leaves as JSON
    beskrivelse: StrOrPromise
    source: Callable[[Ctx], list[WorkItem]]
    i_bruk: bool = True  # False: the list exists but nothing feeds it yet
    roller: frozenset[str] = frozenset()  # only these roles see the list (empty: all staff)

    def visible_to(self, scope: Scope) -> bool:
        return not self.roller or bool(self.roller & scope.roles)


LISTS: dict[str, Worklist] = {w.key: w for w in (
    Worklist("nodhjelp", _("Nødhjelp ikke behandlet samme dag"),
             _("Søknader om nødhjelp fra før i dag som ikke har fått vedtak."),
             src.nodhjelp_ikke_behandlet),
    Worklist("dokumentasjon-frist-ute", _("Dokumentasjonsfrist passert"),
             _("Etterspurte dokumenter som ikke er kommet innen fristen. Avgjør søknaden på "
               "opplysningene som finnes."), src.dokumentasjon_frist_ute),
    Worklist("dokumentasjon-paminnelse", _("Påminnelse om dokumentasjon"),
             _("Fristen for etterspurte dokumenter nærmer seg, og det er ikke sendt påminnelse."),
             src.dokumentasjon_paminnelse),
    Worklist("forelopig-svar", _("Foreløpig svar"),
             _("Søknader som snart har ventet en måned uten vedtak (forvaltningsloven § 11 a), "
               "eller der forventet svardato er passert."), src.forelopig_svar),
    Worklist("uten-vedtak", _("Uten vedtak etter fristen"),
             _("Søknader som har ventet lenger enn kontorets frist uten vedtak."),
             src.uten_vedtak),
    Worklist("kartlegging-barn", _("Barnas kartlegging mangler"),
             _("Åpne søknader fra familier med barn der ett eller flere barn ikke er kartlagt."),
             src.kartlegging_barn),
    Worklist("oppgaver", _("Oppfølgingsoppgaver"),
             _("Oppgaver med frist i dag eller tidligere."), src.oppgaver),
    Worklist("vedtaksperiode", _("Vedtaksperioder som slutter"),
             _("Innvilgede perioder som snart slutter, uten ny søknad eller nytt vedtak."),
             src.vedtaksperiode_slutter),
    Worklist("klager", _("Klager som venter"),
             _("Klager kontoret ikke har omgjort eller sendt til Statsforvalteren ennå, eldste "
               "først."), src.klager),
    Worklist("klager-oversendt", _("Klager oversendt siste 90 dager"),
             _("Klager sendt til Statsforvalteren de siste 90 dagene, nyeste først: antall "
               "dager fra klagen kom til den ble oversendt, og kontorets median."),
             src.klager_oversendt, roller=frozenset({Role.LEDER})),
    # Issue 14: the clocks of follow-up.
    Worklist("klage-oversending", _("Klager som snart må sendes videre"),
             _("Klager som ikke er vurdert og sendt til Statsforvalteren, der kontorets frist "
               "er mindre enn en uke unna eller passert."), src.klage_oversending),
    Worklist("forhandsvarsel-svarfrist", _("Svarfrist for forhåndsvarsel passert"),
             _("Forhåndsvarsler om redusert stønad der svarfristen er ute og verken svaret "
               "eller at det ikke kom, er registrert."), src.forhandsvarsel_svarfrist),
    Worklist("vilkar-oppfolging", _("Vilkår som skal følges opp"),
             _("Vilkår som ikke er oppfylt, der oppfølgingsdatoen er kommet eller fristen er "
               "passert."), src.vilkar_oppfolging),
    Worklist("aktivitet-frist", _("Aktiviteter over tiden"),
             _("Aktiviteter i aktivitetsplanen som skulle vært ferdige, men ikke er merket "
               "fullført eller avbrutt."), src.aktivitet_frist),
    # Issue 16: messages from the person the office has not answered within its answer time.
    Worklist("ubesvarte-meldinger", _("Ubesvarte meldinger"),
             _("Meldinger fra brukere som ikke er besvart innen kontorets svarfrist, eldste "
               "først."), src.ubesvarte_meldinger),
)}


ASSIGNED = ("mine", "unassigned", "team")  # the same choices as the work queue's


def _ctx(scope: Scope, actor: object, today: date, mine_only: bool, assigned: str = "") -> Ctx:
    if not is_staff_scope(scope):
        raise NotFound("Fant ikke siden.")
    if mine_only:
        assigned = "mine"
    return Ctx(scope=scope, today=today, settings=settings_for_many(sorted(scope.kontor_ids)),
               mine_user_id=getattr(actor, "pk", None) if assigned == "mine" else None,
               unassigned=assigned == "unassigned",
               team_kontor_id=(getattr(actor, "kontor_id", None) or -1)
               if assigned == "team" else None)


def worklist(
    *, scope: Scope, actor: object, key: str, today: date, purpose: str,
    mine_only: bool = False, limit: int = 500, assigned: str = "",
) -> list[WorkItem]:
    """Return the lines of worklist ``key`` and log a read per listed application.

    Raise NotFound for an unknown list or a caller who is not staff.
    """
    wl = LISTS.get(key)
    if wl is None or not wl.visible_to(scope):
        raise NotFound("Fant ikke arbeidslisten.")
    items = wl.source(_ctx(scope, actor, today, mine_only, assigned))[:limit]
    kontor = {i.soknad_id: i.kontor_id for i in items}
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(kontor),
                purpose=purpose, kontor_ids=list(kontor.values()))
    return items


def worklist_overview(
    *, scope: Scope, actor: object, today: date, mine_only: bool = False, assigned: str = ""
) -> tuple[dict[str, int], int]:
    """Return the number of lines in each worklist the caller may see and the number of
    distinct applications on any of them, counted in the database in one aggregate query (no
    personal data, so nothing is logged)."""
    ctx = _ctx(scope, actor, today, mine_only, assigned)
    got = count_all(ctx, [key for key, wl in LISTS.items() if wl.visible_to(scope)])
    total = got.pop(TOTAL)
    return got, total


def worklist_counts(
    *, scope: Scope, actor: object, today: date, mine_only: bool = False, assigned: str = ""
) -> dict[str, int]:
    """Return the number of lines in each worklist the caller may see (see worklist_overview)."""
    return worklist_overview(scope=scope, actor=actor, today=today, mine_only=mine_only,
                             assigned=assigned)[0]

