"""The worklists, in the order the start page shows them, and the two public reads."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.casefile.worklists import _kvp as kvp
from sosialsak.contexts.casefile.worklists import _services as services
from sosialsak.contexts.casefile.worklists import _sources as src
from sosialsak.contexts.casefile.worklists._common import Ctx, WorkItem
from sosialsak.contexts.casefile.worklists._counts import TOTAL, count_all
from sosialsak.contexts.cases.access import is_staff_scope
from sosialsak.contexts.offices.queries import settings_for_many
from sosialsak.kernel.errors import NotFound, ValidationFailed

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
    Worklist("kvp-aktuelle", _("Aktuelle for kvalifiseringsprogram"),
             _("Langtidsmottakere (kontorets innstilling), personer under 30 år med vilkår om "
               "aktivitet, og personer der stønaden snart slutter, som ikke er vurdert for "
               "KVP det siste året."), kvp.kvp_screening),
    Worklist("kvp-programslutt", _("Kvalifiseringsprogram som slutter"),
             _("Program som snart slutter: vurder forlengelse med begrunnelse (inntil ett år) "
               "eller vedtak om avslutning."), kvp.kvp_programslutt),
    Worklist("henvisning-uten-utfall", _("Henvisninger uten utfall"),
             _("Henvisninger til tiltak som er eldre enn kontorets antall uker og ikke har "
               "fått utfall."), kvp.henvisning_uten_utfall),
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
    # Issue 14: the services (§§ 27, 28, 45); each line is a stay, a plan or a concern.
    Worklist("botilbud-over-3-maneder", _("Midlertidig botilbud over 3 måneder"),
             _("Opphold i midlertidig botilbud som har vart lenger enn tre kalendermåneder. "
               "Vurder varig bolig."), services.opphold_over_3_maneder),
    Worklist("botilbud-barn", _("Barn i midlertidig botilbud"),
             _("Opphold i midlertidig botilbud der det bor barn. Sjekk at botilbudet er godkjent "
               "for barn."), services.opphold_med_barn),
    Worklist("plan-evaluering", _("Individuell plan: evaluering passert"),
             _("Individuelle planer der datoen for neste evaluering er passert."),
             services.plan_evaluering),
    Worklist("barnevern-uten-svar", _("Bekymringsmelding uten svar"),
             _("Meldinger til barnevernet som ikke har fått svar innen kontorets antall dager."),
             services.barnevern_uten_svar),
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


@dataclass(frozen=True)
class WorklistPage:
    items: list[WorkItem]
    neste: str | None  # the cursor of the next page (``etter``), None on the last page
    total: int  # lines on the list in all pages


def encode_cursor(order: tuple[int, int]) -> str:
    """Return the opaque cursor after a line: its place in the list's order, no personal data."""
    return base64.urlsafe_b64encode(f"{order[0]}.{order[1]}".encode()).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[int, int]:
    """Return the order key of a cursor; ValidationFailed naming ``etter``."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        first, second = raw.split(".")
        return int(first), int(second)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise ValidationFailed("etter: ugyldig sidemarkør; start fra første side.",
                               field="etter") from exc


def worklist_page(
    *, scope: Scope, actor: object, key: str, today: date, purpose: str,
    mine_only: bool = False, etter: str = "", limit: int = 100, assigned: str = "",
) -> WorklistPage:
    """Return one page of worklist ``key`` after the cursor ``etter`` and log a read per
    application on that page only (issue 13: the page renders and logs 100 lines, not 500).

    The page starts after the last line of the page before by its place in the list's order
    (keyset, like the work queue), so a line that leaves the list between two pages does not
    shift the next page. Raise NotFound as ``worklist`` does, ValidationFailed for a bad cursor.
    """
    wl = LISTS.get(key)
    if wl is None or not wl.visible_to(scope):
        raise NotFound("Fant ikke arbeidslisten.")
    after = decode_cursor(etter) if etter else None
    lines = wl.source(_ctx(scope, actor, today, mine_only, assigned))
    rest = [i for i in lines if i.order > after] if after is not None else lines
    page = rest[:limit]
    kontor = {i.soknad_id: i.kontor_id for i in page}
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(kontor),
                purpose=purpose, kontor_ids=list(kontor.values()))
    return WorklistPage(items=page, total=len(lines),
                        neste=encode_cursor(page[-1].order) if len(rest) > limit else None)


def worklist_overview(
    *, scope: Scope, actor: object, today: date, mine_only: bool = False, assigned: str = ""
) -> tuple[dict[str, int], int]:
    """Return the number of lines in each worklist the caller may see and the number of
    distinct applications on any of them, counted in the database in one aggregate query (no
    personal data, so nothing is logged). The count of the office's providers not assessed in
    twelve months (``services.PROVIDERS``, not a list of applications) comes along."""
    ctx = _ctx(scope, actor, today, mine_only, assigned)
    got = count_all(ctx, [*(key for key, wl in LISTS.items() if wl.visible_to(scope)),
                          services.PROVIDERS])
    total = got.pop(TOTAL)
    return got, total


def worklist_counts(
    *, scope: Scope, actor: object, today: date, mine_only: bool = False, assigned: str = ""
) -> dict[str, int]:
    """Return the number of lines in each worklist the caller may see (see worklist_overview)."""
    got = worklist_overview(scope=scope, actor=actor, today=today, mine_only=mine_only,
                             assigned=assigned)[0]
    got.pop(services.PROVIDERS, None)
    return got

