"""Find a case or a person (issue 12, item 1): one search over name, fødselsnummer/D-nummer and
saksnummer, across every status in the caller's scope, and the person page.

Visibility is ``scoped_soknader``'s: a fødselsnummer of a person outside the scope, or of a
person with strengt fortrolig adresse without the permission, finds nothing, exactly like an
unknown number. Every application shown is audit-logged with the purpose; the search term is
never logged (it may be a fødselsnummer). Both reads take a fixed number of queries, whatever
the number of applications (pinned in tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Samtale, Veiledning
from sosialsak.contexts.decisions.models import Klage, Vedtak, Vilkar
from sosialsak.contexts.intake.household import household_many
from sosialsak.contexts.intake.models import Soknad, SoknadStatus
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import parse_saksnummer, saksnummer
from sosialsak.contexts.payments.models import Utbetaling
from sosialsak.kernel.bounds import shown_at
from sosialsak.kernel.errors import NotFound

SKJERMET = "Adressen er skjermet"
PERSON_NOT_FOUND = "Fant ikke personen. Den finnes ikke, eller du har ikke tilgang til den."
MAX_HITS = 200
_FNR = re.compile(r"^\d{11}$")


@dataclass(frozen=True)
class FindHit:
    """One application found: enough to choose it or its person."""

    id: int
    saksnummer: str
    person_id: int
    navn: str
    mottatt_at: datetime
    status: str
    status_label: str
    kontor: str
    saksbehandler: str
    beskyttet: bool


@dataclass(frozen=True)
class FindPerson:
    person_id: int
    navn: str
    antall_soknader: int
    siste_mottatt_at: datetime


@dataclass(frozen=True)
class FindResult:
    term: str
    hits: list[FindHit]
    personer: list[FindPerson]


def _term_filter(term: str) -> Q:
    digits = term.replace(" ", "")
    if _FNR.match(digits):
        # A fødselsnummer or D-nummer names one person exactly; 11 digits are never a name.
        return Q(person__fodselsnummer=digits) | Q(pk=parse_saksnummer(digits) or -1)
    number = parse_saksnummer(term)
    if number is not None:
        return Q(pk=number)
    q = Q()
    for word in term.split()[:4]:  # "Kari Nordmann" matches first and last name in any order
        q &= Q(husstand__fornavn__icontains=word) | Q(husstand__etternavn__icontains=word)
    return q


def _term_kind(term: str) -> str:
    if _FNR.match(term.replace(" ", "")):
        return "fodselsnummer"
    return "saksnummer" if parse_saksnummer(term) is not None else "navn"


def find(*, scope: Scope, actor: object, term: str, purpose: str) -> FindResult:
    """Search applications of every status in scope by name, fødselsnummer or saksnummer.

    Newest first. Three queries: the applications, one audit insert for all of them, and one
    for the search itself."""
    term = term.strip()[:100]
    if not term or not scope.kontor_ids:
        return FindResult(term, [], [])
    rows = list(
        scoped_soknader(scope).filter(_term_filter(term))
        .select_related("person", "husstand", "kontor", "saksbehandler")
        .order_by("-mottatt_at", "-pk")[:MAX_HITS]
    )
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s.pk for s in rows], purpose=purpose,
                kontor_ids=[s.kontor_id for s in rows])
    # The search itself, found or not (probing numbers shows in the log): what kind of term
    # and how many hits, never the term. In the purpose: the object id holds plain ids only.
    # A caseworker's search is filed under their office; a Statsforvalter (no office of
    # their own) is filed under each office whose records the search returned, so each
    # office's leder sees who searched their records (issue 11). A search with no hits
    # disclosed no office's records and stays without an office.
    own = getattr(actor, "kontor_id", None)
    offices: list[int | None] = [own] if own is not None else [
        *sorted({s.kontor_id for s in rows})] or [None]
    record_many(actor=actor, action=Action.READ, object_type="sok",
                object_ids=[""] * len(offices),
                purpose=f"{purpose} ({_term_kind(term)}: {len(rows)} treff)",
                kontor_ids=list(offices))
    labels = {str(k): str(v) for k, v in SoknadStatus.choices}  # once, not per hit
    hits = [
        FindHit(id=s.pk, saksnummer=saksnummer(s.pk), person_id=s.person_id, navn=s.soker_navn,
                mottatt_at=shown_at(s.mottatt_at), status=s.status,
                status_label=labels.get(s.status, s.status), kontor=s.kontor.navn,
                saksbehandler=s.saksbehandler.get_full_name() if s.saksbehandler else "",
                beskyttet=s.beskyttet)
        for s in rows
    ]
    people: dict[int, FindPerson] = {}
    for h in hits:  # newest first, so the first hit of a person names them as stated last
        p = people.get(h.person_id)
        people[h.person_id] = FindPerson(
            h.person_id, p.navn if p else h.navn, (p.antall_soknader if p else 0) + 1,
            p.siste_mottatt_at if p else h.mottatt_at)
    return FindResult(term, hits, list(people.values()))


def other_applications(*, scope: Scope, actor: object, person_id: int, exclude_id: int,
                       purpose: str) -> list[FindHit]:
    """The person's other applications in scope (the hint when registering one more); each
    one shown is logged as read, like every other list of applications."""
    rows = list(scoped_soknader(scope).filter(person_id=person_id).exclude(pk=exclude_id)
                .select_related("kontor").order_by("-mottatt_at")[:20])
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[s.pk for s in rows], purpose=purpose,
                kontor_ids=[s.kontor_id for s in rows])
    return [FindHit(id=s.pk, saksnummer=saksnummer(s.pk), person_id=s.person_id, navn="",
                    mottatt_at=shown_at(s.mottatt_at), status=s.status,
                    status_label=str(s.get_status_display()), kontor=s.kontor.navn,
                    saksbehandler="", beskyttet=False) for s in rows]


@dataclass(frozen=True)
class HouseholdAt:
    """The household as stated in one application."""

    soknad_id: int
    oppgitt_at: datetime | None
    kilde: str
    navn: str
    adresse: str
    telefon: str
    partner: str
    barn: list[str]


@dataclass(frozen=True)
class PersonEntry:
    """One line of the person's history. ``art`` is SOKNAD, VEDTAK, UTBETALING, VILKAR, KLAGE,
    SAMTALE or VEILEDNING (the page names it); ``tekst`` is the line's own data."""

    dato: date
    art: str
    tekst: str
    status: str
    soknad_id: int
    belop: int | None = None
    vedtak_id: int | None = None


@dataclass(frozen=True)
class PersonOverview:
    person_id: int
    navn: str
    fodselsnummer: str
    fodselsdato: date | None
    beskyttet: bool
    telefon: str
    soknader: list[FindHit]
    husstander: list[HouseholdAt]
    historikk: list[PersonEntry] = field(default_factory=list)


def _day(value: datetime | date) -> date:
    return shown_at(value).date() if isinstance(value, datetime) else value


def person_overview(*, scope: Scope, actor: object, person_id: int,
                    purpose: str) -> PersonOverview:
    """Return everything in scope about one person, newest first; NotFound (audited) when no
    application of the person is in scope. A fixed number of queries."""
    soknader = list(scoped_soknader(scope).filter(person_id=person_id)
                    .select_related("person", "husstand", "kontor", "saksbehandler")
                    .order_by("-mottatt_at", "-pk"))
    if not soknader or not scope.kontor_ids:
        # Filed under each office that holds the person's applications, so its leder sees
        # the refused look-up in the Tilgangslogg (issue 11); an unknown person has no office.
        offices: list[int | None] = [*sorted(set(
            Soknad.objects.filter(person_id=person_id).values_list("kontor_id", flat=True)))]
        offices = offices or [None]
        record_many(actor=actor, action=Action.DENIED, object_type="person",
                    object_ids=[person_id] * len(offices), purpose=purpose,
                    kontor_ids=list(offices))
        raise NotFound(PERSON_NOT_FOUND)
    ids = [s.pk for s in soknader]
    record_many(actor=actor, action=Action.READ, object_type="soknad", object_ids=list(ids),
                purpose=purpose, kontor_ids=[s.kontor_id for s in soknader])
    person = soknader[0].person
    # Never show a protected address. An office that registered applications without sight
    # of a protected person (and sees nothing else) sees only what it was told, and learns
    # nothing from a "skjermet" label (issue 10).
    skjermet = person.has_protected_address and any(not s.registrert_uten_innsyn
                                                     for s in soknader)
    households = household_many(soknader)
    husstander = []
    for s in soknader:
        h = households[s.pk]
        husstander.append(HouseholdAt(
            soknad_id=s.pk, oppgitt_at=shown_at(h.husstand.oppgitt_at) if h.husstand else None,
            kilde=str(h.husstand.get_kilde_display()) if h.husstand else "",
            navn=h.navn, adresse=SKJERMET if skjermet else h.adresse,
            telefon=h.husstand.telefon if h.husstand else "",
            partner=h.partner.navn if h.partner else "",
            barn=[f"{b.navn} ({b.fodselsdato:%d.%m.%Y})" for b in h.barn]))
    hits = [FindHit(id=s.pk, saksnummer=saksnummer(s.pk), person_id=s.person_id,
                    navn=s.soker_navn, mottatt_at=shown_at(s.mottatt_at), status=s.status,
                    status_label=str(s.get_status_display()), kontor=s.kontor.navn,
                    saksbehandler=s.saksbehandler.get_full_name() if s.saksbehandler else "",
                    beskyttet=s.beskyttet) for s in soknader]
    entries = [PersonEntry(_day(s.mottatt_at), "SOKNAD", str(s.get_kanal_display()),
                           str(s.get_status_display()), s.pk) for s in soknader]
    for v in Vedtak.objects.filter(sak__soknad_id__in=ids).select_related("sak"):
        entries.append(PersonEntry(_day(v.fattet_at), "VEDTAK", v.sak.tittel,
                                   str(v.get_utfall_display()), v.sak.soknad_id, v.belop, v.pk))
    for u in (Utbetaling.objects.filter(vedtak__sak__soknad_id__in=ids)
              .select_related("vedtak__sak")):
        entries.append(PersonEntry(u.forfallsdato, "UTBETALING", u.mottaker_navn,
                                   str(u.get_status_display()), u.vedtak.sak.soknad_id,
                                   u.belop, u.vedtak_id))
    for k in Vilkar.objects.filter(vedtak__sak__soknad_id__in=ids).select_related("vedtak__sak"):
        entries.append(PersonEntry(k.satt or _day(k.vedtak.fattet_at), "VILKAR",
                                   k.beskrivelse[:160], str(k.get_status_display()),
                                   k.vedtak.sak.soknad_id, None, k.vedtak_id))
    for a in Klage.objects.filter(vedtak__sak__soknad_id__in=ids).select_related("vedtak__sak"):
        entries.append(PersonEntry(a.mottatt, "KLAGE", a.vedtak.sak.tittel,
                                   str(a.get_status_display()), a.vedtak.sak.soknad_id, None,
                                   a.vedtak_id))
    for n in Samtale.objects.filter(soknad_id__in=ids):
        entries.append(PersonEntry(_day(n.tidspunkt), "SAMTALE", n.notat[:160],
                                   str(n.get_kanal_display()), n.soknad_id))
    for g in Veiledning.objects.filter(soknad_id__in=ids):
        entries.append(PersonEntry(g.dato, "VEILEDNING", (g.notat or g.henvist_til)[:160], "",
                                   g.soknad_id))
    # Newest first; on one day the application comes before (below) what was done on it.
    entries.sort(key=lambda e: (e.dato, e.art != "SOKNAD", e.soknad_id), reverse=True)
    nyeste = husstander[0]
    return PersonOverview(
        person_id=person.pk, navn=nyeste.navn, fodselsnummer=person.fodselsnummer or "",
        fodselsdato=person.fodselsdato, beskyttet=skjermet, telefon=nyeste.telefon,
        soknader=hits, husstander=husstander, historikk=entries)

