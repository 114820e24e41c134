"""The case page: everything a caseworker needs on one screen, as plain data.

Built with a fixed number of queries (no N+1), and the read is audit-logged by ``get_soknad``.
Addresses of people with protected addresses are never put into the result.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.casefile.deadlines import Deadline, next_deadline
from sosialsak.contexts.casefile.progress import CaseProgress, case_progress
from sosialsak.contexts.cases.journal import NoteLine, notes_of
from sosialsak.contexts.cases.models import Dokumentasjonskrav
from sosialsak.contexts.decisions.deadline import appeal_deadline
from sosialsak.contexts.decisions.models import Klage, Vedtak, VedtakDokument, Vedtaksforslag
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Flagg, Hendelse, SoktStonad, Vedlegg
from sosialsak.contexts.intake.policy import ALLOWED, LABELS
from sosialsak.contexts.intake.queries import get_soknad
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.contexts.people.models import Adressebeskyttelse
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import Fodselsnummer, parse_fodselsnummer
from sosialsak.kernel.periods import inclusive_end

SKJERMET = "Adressen er skjermet"
KLAGEFRIST = _("Klagefrist")


@dataclass(frozen=True)
class ChildView:
    navn: str
    fodselsdato: date
    alder: int
    bosted: str


@dataclass(frozen=True)
class PostView:
    id: int
    label: str
    belop: int | None
    avgjort: bool


@dataclass(frozen=True)
class VedtakView:
    id: int
    sak: str
    hjemmel: str
    utfall: str
    utfall_label: str
    stonadsform: str
    periode_fra: date | None
    periode_til: date | None
    belop: int | None
    begrunnelse: str
    fattet_at: datetime
    poster: list[str]
    vilkar: list[str]
    art_label: str = ""  # a reduction or a change after an appeal; "" for a first decision

    @property
    def periode_tom(self) -> date | None:
        """The period's last day (stored ``periode_til`` is the first day after it)."""
        return inclusive_end(self.periode_til)
    erstattet_av: int | None = None  # the decision that replaced this one
    feilregistrert: bool = False
    brev_id: int | None = None  # the decision letter (VedtakDokument)
    total: int | None = None  # a decision calculated month by month: what the period pays


@dataclass(frozen=True)
class UtbetalingView:
    id: int
    belop: int
    forfallsdato: date
    status: str
    status_label: str
    mottaker: str


@dataclass(frozen=True)
class KravView:
    id: int
    tittel: str
    frist: date
    status: str
    status_label: str


@dataclass(frozen=True)
class FlaggView:
    kode: str
    tekst: str


@dataclass(frozen=True)
class VedleggView:
    id: int
    type: str
    filnavn: str
    kilde: str
    mottatt_at: datetime


@dataclass(frozen=True)
class HendelseView:
    at: datetime
    type: str
    tekst: str
    actor: str = ""  # who did it (issue 12): a name, "" for the system or the person
    antall: int = 1  # identical lines at the same minute, shown once with the count


@dataclass(frozen=True)
class KlageView:
    id: int
    vedtak_id: int
    sak: str
    status: str
    status_label: str
    mottatt: date
    for_sent: bool


@dataclass(frozen=True)
class CaseDetail:
    id: int
    status: str
    status_label: str
    kanal_label: str
    nodhjelp: bool
    mottatt_at: datetime
    egne_ord: str
    kontor: str
    navn: str
    fodselsnummer: str
    adresse: str
    adressebeskyttelse: str
    beskyttet: bool
    sprak: str
    tolk: str
    partner: str
    barn: list[ChildView]
    poster: list[PostView]
    vedtak: list[VedtakView]
    utbetalinger: list[UtbetalingView]
    krav: list[KravView]
    hendelser: list[HendelseView]
    flagg: list[FlaggView]
    vedlegg: list[VedleggView]
    neste_frist: Deadline | None
    mulige_statuser: list[tuple[str, str]]
    can_write: bool
    fremdrift: CaseProgress | None  # staff only: mapping, documents, notes, tasks (issue 5)
    forslag_venter: int = 0  # decisions proposed and waiting for a second caseworker
    # Issue 12: the person page link, who handles the case, the phone number stated.
    person_id: int = 0
    saksbehandler: str = ""
    saksbehandler_id: int | None = None
    telefon: str = ""
    # The case workspace (issue 12): the overview's facts, the journal and the appeals.
    fodselsnummer_maskert: str = ""
    alder: int | None = None
    notater: list[NoteLine] = dataclasses.field(default_factory=list)
    klager: list[KlageView] = dataclasses.field(default_factory=list)
    frist_oversikt: Deadline | None = None  # the next of foreløpig svar, documents, appeal

    @property
    def apne_krav(self) -> list[KravView]:
        return [k for k in self.krav if k.status == "ETTERSPURT"]

    @property
    def uavgjorte_poster(self) -> list[PostView]:
        return [p for p in self.poster if not p.avgjort]

    @property
    def voksne(self) -> int:
        return 2 if self.partner else 1

    @property
    def saksnummer(self) -> str:
        """The one number of the case in letters, search and innsyn (docs/glossary.md)."""
        return saksnummer(self.id)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _born(person: object, fnr: str) -> date | None:
    born = getattr(person, "fodselsdato", None)
    if born is None and fnr:
        try:
            born = parse_fodselsnummer(fnr, allow_synthetic=True).birth_date
        except (ValidationFailed, ValueError):
            return None
    return born


def _overview_deadline(first: Deadline | None, vedtak: list[Vedtak], appealed: set[int],
                       today: date) -> Deadline | None:
    """The next deadline for the overview: the case's own (foreløpig svar, documents) or the
    person's appeal deadline of a decision in force that has no appeal yet, whichever is first.
    A passed appeal deadline is no longer a deadline."""
    candidates = [first] if first is not None else []
    for v in vedtak:
        if v.sak.status != "AKTIV" or v.pk in appealed or v.endringer.all():
            continue
        frist = appeal_deadline(v)[1].due
        if frist >= today:
            candidates.append(Deadline(frist, str(KLAGEFRIST), False))
    return min(candidates, key=lambda d: d.due) if candidates else None


def case_detail(*, scope: Scope, actor: object, soknad_id: int, today: date,
                purpose: str, workspace: bool = False) -> CaseDetail:
    """Return the case page's data; raise NotFound (and log the denial) outside scope.

    ``workspace`` adds what only the caseworker's case page shows (issue 12): the journal
    notes, the appeals and the overview's next deadline (two queries more)."""
    s = get_soknad(scope=scope, actor=actor, pk=soknad_id, purpose=purpose)
    p = s.person
    poster = list(SoktStonad.objects.filter(soknad=s))
    vedtak = list(
        Vedtak.objects.filter(sak__soknad=s).select_related("sak")
        .prefetch_related("poster", "vilkar", "endringer", Prefetch(
            "dokumenter", queryset=VedtakDokument.objects.defer("pdf", "tekst")))
    )
    # An item is decided by a decision in a sak in force (not a feilregistrert one).
    decided = {p.pk for v in vedtak if v.sak.status == "AKTIV" for p in v.poster.all()}
    utbetalinger = list(Utbetaling.objects.filter(vedtak__sak__soknad=s))
    krav = list(Dokumentasjonskrav.objects.filter(soknad=s))
    hendelser = list(Hendelse.objects.filter(soknad=s).select_related("actor")
                     .order_by("-at", "-id"))
    # The applicant and household as stated in *this* application: nothing another office or
    # the person record holds (issue 10).
    hh = household_of(s)
    h = hh.husstand
    partner = hh.partner
    open_krav = [k.frist for k in krav if k.status == "ETTERSPURT"]
    adresse = SKJERMET if s.beskyttet else hh.adresse
    staff = workspace and not scope.is_citizen
    klager = list(Klage.objects.filter(vedtak__sak__soknad=s).select_related("vedtak__sak")
                  .order_by("-mottatt", "-id")) if staff else []
    first = next_deadline(mottatt=local_date(s.mottatt_at), status=s.status,
                          krav_frist=min(open_krav) if open_krav else None, today=today)
    fnr = p.fodselsnummer or ""
    born = _born(p, fnr)
    return CaseDetail(
        id=s.pk, status=s.status, status_label=str(s.get_status_display()),
        kanal_label=str(s.get_kanal_display()), nodhjelp=s.nodhjelp,
        mottatt_at=shown_at(s.mottatt_at),
        egne_ord=s.egne_ord, kontor=s.kontor.navn, navn=hh.navn,
        fodselsnummer=p.fodselsnummer or "", adresse=adresse,
        adressebeskyttelse=str(p.get_adressebeskyttelse_display()) if s.beskyttet
        else str(Adressebeskyttelse.INGEN.label),
        beskyttet=s.beskyttet, sprak=p.sprak,
        tolk=((h.tolkesprak or "ja") if h.tolkebehov else "") if h else "",
        partner=f"{partner.navn} ({partner.get_relasjon_display()})" if partner else "",
        barn=[ChildView(b.navn, b.fodselsdato, _age(b.fodselsdato, today),
                        str(b.get_bosted_display())) for b in hh.barn],
        poster=[PostView(x.pk, x.label, x.belop, x.pk in decided) for x in poster],
        vedtak=[VedtakView(
            id=v.pk, sak=v.sak.tittel, hjemmel=v.hjemmel, utfall=v.utfall,
            utfall_label=str(v.get_utfall_display()), stonadsform=str(v.get_stonadsform_display()),
            periode_fra=v.periode_fra, periode_til=v.periode_til, belop=v.belop,
            begrunnelse=v.begrunnelse, fattet_at=v.fattet_at,
            poster=[x.label for x in v.poster.all()],
            vilkar=[x.beskrivelse for x in v.vilkar.all()],
            art_label=str(v.get_art_display()) if v.art != "ORDINAER" else "",
            erstattet_av=max((e.pk for e in v.endringer.all()), default=None),
            feilregistrert=v.sak.status == "FEILREGISTRERT",
            brev_id=next((d.pk for d in v.dokumenter.all() if d.type == "VEDTAK"), None),
            total=v.total,
        ) for v in vedtak],
        utbetalinger=[UtbetalingView(u.pk, u.belop, u.forfallsdato, u.status,
                                     str(u.get_status_display()), u.mottaker_navn)
                      for u in utbetalinger],
        krav=[KravView(k.pk, k.tittel, k.frist, k.status, str(k.get_status_display()))
              for k in krav],
        hendelser=collapse_events([HendelseView(h.at, h.type, h.tekst, _actor_name(h.actor))
                                   for h in hendelser]),
        flagg=[FlaggView(f.kode, f.tekst) for f in Flagg.objects.filter(soknad=s,
                                                                       lost_at__isnull=True)],
        vedlegg=[VedleggView(v.pk, v.type, v.filnavn, str(v.get_kilde_display()), v.mottatt_at)
                 for v in Vedlegg.objects.filter(soknad=s)],
        neste_frist=first,
        mulige_statuser=[(t, LABELS[t]) for t in ALLOWED[s.status]],
        can_write=scope.can_write,
        fremdrift=None if scope.is_citizen else case_progress(soknad=s, today=today, krav=krav,
                                                              barn=hh.barn),
        forslag_venter=0 if scope.is_citizen else Vedtaksforslag.objects.filter(
            soknad=s, status="VENTER").count(),
        person_id=s.person_id,
        saksbehandler=_actor_name(s.saksbehandler),
        saksbehandler_id=s.saksbehandler_id,
        telefon=h.telefon if h else "",
        fodselsnummer_maskert=Fodselsnummer(fnr).masked if fnr else "",
        alder=_age(born, today) if born else None,
        notater=notes_of(s) if staff else [],
        klager=[KlageView(k.pk, k.vedtak_id, k.vedtak.sak.tittel, k.status,
                          str(k.get_status_display()), k.mottatt, k.for_sent) for k in klager],
        frist_oversikt=_overview_deadline(first, vedtak if staff else [],
                                          {k.vedtak_id for k in klager}, today),
    )


def collapse_events(events: list[HendelseView]) -> list[HendelseView]:
    """Show a run of identical events (same text, actor and minute: e.g. five mapping sections
    saved at once, or one decision per item) as one line with the count (issue 12)."""
    out: list[HendelseView] = []
    for e in events:
        last = out[-1] if out else None
        if (last is not None and (last.type, last.tekst, last.actor) == (e.type, e.tekst, e.actor)
                and last.at.replace(second=0, microsecond=0)
                == e.at.replace(second=0, microsecond=0)):
            out[-1] = dataclasses.replace(last, antall=last.antall + 1)
        else:
            out.append(e)
    return out


def _actor_name(user: object | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", ""))

