"""The case page's progress panel for staff: mapping, documents, letters, the preliminary
reply, conversations, § 17 guidance and follow-up tasks, as plain data.

Built from an application already read (and audit-logged) through ``get_soknad``, with a fixed
number of queries. Never built for citizens: notes and the children's mapping are staff work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sosialsak.contexts.cases.mapping import SectionState, mapping_overview
from sosialsak.contexts.cases.models import (
    Brev,
    Dokumentasjonskrav,
    KravStatus,
    Oppgave,
    Samtale,
    Veiledning,
    VeiledningTema,
)
from sosialsak.contexts.cases.policy import (
    ForelopigSvarVarsel,
    forelopig_svar_varsel,
    over_document_threshold,
)
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.offices.policy import duty_contact, opening_hours_text
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import forelopig_svar_frist


@dataclass(frozen=True)
class KravLine:
    id: int
    tittel: str
    frist: date
    status: str
    status_label: str
    levert_via: str
    levert_at: datetime | None
    brev_id: int | None
    paminnet: bool
    overdue: bool
    frist_forklaring: str


@dataclass(frozen=True)
class BrevLine:
    id: int
    type_label: str
    tittel: str
    dato: date
    frist: date | None


@dataclass(frozen=True)
class SamtaleLine:
    id: int
    tidspunkt: datetime
    kanal_label: str
    deltakere: str
    tolk: str
    notat: str
    skrevet_av: str


@dataclass(frozen=True)
class VeiledningLine:
    id: int
    dato: date
    temaer: list[str]
    henvist_til: str
    takket_nei: bool
    notat: str
    skrevet_av: str


@dataclass(frozen=True)
class OppgaveLine:
    id: int
    tittel: str
    type_label: str
    frist: date
    tildelt: str
    apen: bool
    overdue: bool


@dataclass(frozen=True)
class CaseProgress:
    kartlegging: list[SectionState]
    barn_mangler: list[str]
    krav: list[KravLine]
    apne_krav: int
    terskel: int
    over_terskel: bool
    kan_minne_om: bool
    har_passert_frist: bool
    forelopig_svar_frist: date
    forelopig_varsel: ForelopigSvarVarsel | None
    brev: list[BrevLine]
    samtaler: list[SamtaleLine]
    veiledninger: list[VeiledningLine]
    oppgaver: list[OppgaveLine]
    vakt: str
    apningstider: str
    apen: bool


def _name(user: object | None) -> str:
    if user is None:
        return "system"
    return getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", "")


def case_progress(*, soknad: Soknad, today: date, krav: list[Dokumentasjonskrav] | None = None,
                  barn: list[Barn] | None = None) -> CaseProgress:
    """Return the progress panel of an application already read through the caller's scope.

    ``krav`` and ``barn``, when the caller has read them already, are not read again."""
    s = soknad
    settings = settings_for(s.kontor_id)
    overview = mapping_overview(s, settings=settings, barn=barn)
    if krav is None:
        krav = list(Dokumentasjonskrav.objects.filter(soknad=s))
    brev = list(Brev.objects.filter(soknad=s).defer("pdf", "tekst").order_by("-opprettet_at"))
    apen = s.status in ("MOTTATT", "UNDER_BEHANDLING")
    open_krav = [k for k in krav if k.status == KravStatus.ETTERSPURT]
    replies = [b for b in brev if b.type == "FORELOPIG_SVAR"]
    mottatt = local_date(s.mottatt_at)
    return CaseProgress(
        kartlegging=overview,
        barn_mangler=[x.barn_navn for x in overview
                      if x.barn_id is not None and (x.tilstand in ("MANGLER", "PABEGYNT")
                                                    or x.gammel)],
        krav=[KravLine(k.pk, k.tittel, k.frist, k.status, str(k.get_status_display()),
                       str(k.get_levert_via_display()) if k.levert_via else "", k.levert_at,
                       k.brev_id, k.paminnet_at is not None,
                       k.status == KravStatus.ETTERSPURT and k.frist < today, k.frist_forklaring)
              for k in krav],
        apne_krav=len(open_krav), terskel=settings.dokumentasjon_terskel,
        over_terskel=over_document_threshold(antall_apne=len(open_krav),
                                             terskel=settings.dokumentasjon_terskel),
        kan_minne_om=apen and any(k.frist > today and k.paminnet_at is None for k in open_krav),
        har_passert_frist=apen and any(k.frist < today for k in open_krav),
        forelopig_svar_frist=forelopig_svar_frist(mottatt=mottatt),
        forelopig_varsel=forelopig_svar_varsel(
            mottatt=mottatt, today=today, varsel_dager=settings.forelopig_svar_varsel_dager,
            sendt=bool(replies), forventet=max((b.frist for b in replies if b.frist),
                                               default=None)) if apen else None,
        brev=[BrevLine(b.pk, str(b.get_type_display()), b.tittel, b.dato, b.frist) for b in brev],
        samtaler=[SamtaleLine(x.pk, x.tidspunkt, str(x.get_kanal_display()), x.deltakere,
                              x.tolkesprak if x.tolk_brukt else "", x.notat, _name(x.skrevet_av))
                  for x in Samtale.objects.filter(soknad=s).select_related("skrevet_av")],
        veiledninger=[VeiledningLine(
            v.pk, v.dato, [str(VeiledningTema(t).label) for t in v.temaer], v.henvist_til,
            v.takket_nei, v.notat, _name(v.skrevet_av))
            for v in Veiledning.objects.filter(soknad=s).select_related("skrevet_av")],
        oppgaver=[OppgaveLine(o.pk, o.tittel, str(o.get_type_display()), o.frist,
                              _name(o.tildelt) if o.tildelt else "", o.apen,
                              o.apen and o.frist < today)
                  for o in Oppgave.objects.filter(soknad=s).select_related("tildelt")
                  .order_by("utfort_at", "frist", "id")],
        vakt=(duty_contact(settings, s.mottatt_at) or "") if s.nodhjelp else "",
        apningstider=opening_hours_text(settings),
        apen=apen,
    )
