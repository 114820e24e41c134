"""Synthetic demo data: two offices, a user per role, and about 60 realistic applications.

Identity numbers are Skatteetaten-style *synthetic* numbers (month + 80, valid check digits):
they pass the check-digit test yet can never be a real person's number. Names are common
Norwegian first names and surnames combined at random with a fixed seed, so the data set is the
same every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction

from sosialsak.contexts.accounts.models import Kommune, NavKontor, Role, User
from sosialsak.contexts.accounts.operations import create_user
from sosialsak.contexts.accounts.scope import Scope, scope_for, system_scope
from sosialsak.contexts.cases.operations import mark_dokumentasjon_received, request_dokumentasjon
from sosialsak.contexts.decisions.operations import VedtakInput, change_status, record_vedtak
from sosialsak.contexts.intake.models import Kanal, Soknad, StonadType
from sosialsak.contexts.intake.operations import PostInput, SoknadInput, register_soknad
from sosialsak.contexts.payments.office import set_utbetalingsinnstillinger
from sosialsak.contexts.payments.operations import plan_utbetaling, set_utbetaling_status
from sosialsak.contexts.people.models import Adressebeskyttelse, Bosted, Kilde, PartnerRelasjon
from sosialsak.contexts.people.operations import (
    BarnInput,
    PartnerInput,
    StatedApplicant,
    person_for_application,
    record_household,
)
from sosialsak.contexts.rates.operations import (
    RateSetInput,
    confirm_rates_for_year,
    register_rate_set,
)
from sosialsak.interfaces.cli import (
    demo_cases,
    demo_followup,
    demo_kvp,
    demo_population,
    demo_services,
    demo_showcase,
)
from sosialsak.kernel.identity import make_synthetic_fodselsnummer

POPULATION = 240  # synthetic recipients of the KOSTRA year (every code in use)
DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - printed for the demo, never for production

FORNAVN = ["Nora", "Emma", "Sara", "Ida", "Maja", "Ingrid", "Leah", "Olivia", "Jakob", "Emil",
           "Noah", "Oliver", "Filip", "William", "Lucas", "Aksel", "Amina", "Yusuf", "Fatima",
           "Omar", "Zofia", "Piotr", "Tigist", "Dawit", "Hanne", "Kari", "Per", "Ole", "Lise",
           "Tor", "Anne", "Geir", "Sigrid", "Mohammed", "Aisha", "Hassan", "Marta", "Jonas"]
ETTERNAVN = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
             "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Ahmed", "Ali",
             "Nowak", "Tesfaye", "Bakke", "Solberg", "Lie", "Dahl", "Moen", "Strand", "Eide"]
GATER = ["Storgata", "Fjellveien", "Kirkegata", "Solheimsgaten", "Inndalsveien", "Nygårdsgaten"]

USERS = [
    ("veileder", Role.VEILEDER, "1201", "Vera", "Veileder", ()),
    ("veileder2", Role.VEILEDER, "1201", "Viktor", "Vik", ()),
    ("veileder.sf", Role.VEILEDER, "1201", "Siri", "Skjerming",
     ("accounts.view_strengt_fortrolig",)),
    ("leder", Role.LEDER, "1201", "Lena", "Leder", ()),
    ("veileder.b", Role.VEILEDER, "1202", "Bjørn", "Bergenhus", ()),
    ("leder.b", Role.LEDER, "1202", "Berit", "Bakken", ()),
    ("statsforvalter", Role.STATSFORVALTER, "", "Stine", "Statsforvalter", ()),
    ("admin", Role.ADMIN, "", "Arne", "Admin", ()),
]


@dataclass
class _Ids:
    rng: random.Random
    used: set[str]

    def fnr(self, born: date) -> str:
        while True:
            try:
                value = make_synthetic_fodselsnummer(birth_date=born,
                                                     individual=self.rng.randrange(1000))
            except ValueError:
                continue
            if value not in self.used:
                self.used.add(value)
                return value


def already_loaded() -> bool:
    return NavKontor.objects.filter(enhetsnummer="1201").exists()


@transaction.atomic
def load(*, now: datetime, seed: int = 2026, count: int = 60) -> dict[str, int]:
    """Load the demo data set once; return counts. Raise RuntimeError if it is already there."""
    if already_loaded():
        raise RuntimeError("Demodata er allerede lastet.")
    bergen = Kommune.objects.create(nummer="4601", navn="Bergen")
    a = NavKontor.objects.create(enhetsnummer="1201", navn="NAV Årstad",
                                 adresse="Solheimsgaten 11, 5058 Bergen", telefon="55 55 33 33")
    b = NavKontor.objects.create(enhetsnummer="1202", navn="NAV Bergenhus",
                                 adresse="Nygårdsgaten 2, 5015 Bergen", telefon="55 55 33 34")
    a.kommuner.add(bergen)
    b.kommuner.add(bergen)
    offices = {"1201": a, "1202": b}
    for username, role, office, first, last, perms in USERS:
        create_user(username=username, password=DEMO_PASSWORD, role=role,
                    kontor=offices.get(office), fylkesnummer="46" if role ==
                    Role.STATSFORVALTER else "", first_name=first, last_name=last,
                    extra_permissions=perms)
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
    ids = _Ids(rng, set())
    scope = system_scope()
    _payment_settings()
    _confirmed_rates(now)
    caseworkers: list[object] = list(a.ansatte.filter(groups__name=Role.VEILEDER))
    demo_cases.configure_offices(kontor=a, now=now)
    for i in range(count):
        kontor = a if i % 4 else b
        _one_application(i, rng=rng, ids=ids, scope=scope, kontor=kontor, now=now,
                         caseworkers=caseworkers if kontor is a else [])
    demo_cases.preliminary_replies(scope=scope, now=now)
    demo_showcase.load(scope=scope, kontor=a, now=now, fnr_for=ids.fnr)
    demo_services.load(kontor=a, now=now)  # issue 14
    demo_kvp.load(scope=scope, kontor=a, now=now, fnr_for=ids.fnr)  # issue 14
    # A full KOSTRA reporting year (issue 15): recipients and KVP participants in a third
    # Bergen office, and the caseworkers' KOSTRA answers for the demo's own paid recipients.
    demo_population.load(n=POPULATION, year=now.year, seed=seed, today=now.date())
    demo_population.answer_for_paid(year=now.year, seed=seed)
    # Two citizens can log in and see their own applications.
    for n, soknad in enumerate(Soknad.objects.filter(kontor=a, kanal=Kanal.DIGITAL)[:2], start=1):
        user = create_user(username=f"bruker{n}", password=DEMO_PASSWORD, role=Role.BRUKER,
                           first_name=soknad.person.fornavn, last_name=soknad.person.etternavn)
        soknad.person.user = user
        soknad.person.save(update_fields=["user"])
    demo_followup.others(scope=scope, kontor_id=a.pk, now=now)
    return {"soknader": Soknad.objects.count()}


def _confirmed_rates(now: datetime) -> None:
    """Rates the municipality stands behind for every year the demo decides in (issue 11:
    no decision on stale rates). The demo year gets its own Bergen set (synthetic: the 2024
    state figures, so the demo's amounts are the familiar ones); the years between 2024 and the
    demo year, and the next year (the showcase decides for the coming months), are confirmed by
    the leder through the same operation and page as in production."""
    leder = User.objects.get(username="leder")
    register_rate_set(data=RateSetInput(
        valid_from=date(now.year, 1, 1), kommunenummer="4601",
        reference=f"Bergen kommune, satser for {now.year} (demodata)", enslig=7850,
        ektepar_samboere=13100, bofellesskap=6600, barn_0_5=3850, barn_6_10=3950,
        barn_11_17=5150), actor=leder, now=now)
    for year in (*range(2025, now.year), now.year + 1):
        confirm_rates_for_year(scope=scope_for(leder), actor=leder, kommunenummer="4601",
                               year=year, now=now)


def _payment_settings() -> None:
    """Each office's payment day and the municipality's account, set by its leder."""
    for username, day in (("leder", 20), ("leder.b", 20)):
        leder = User.objects.get(username=username)
        set_utbetalingsinnstillinger(
            scope=scope_for(leder), actor=leder, kontor_id=leder.kontor_id or 0,
            utbetalingsdag=day, debitor_navn="Bergen kommune",
            debitor_kontonummer="15032080119", debitor_organisasjonsnummer="964338531")


def _one_application(i: int, *, rng: random.Random, ids: _Ids, scope: Scope,
                     kontor: NavKontor, now: datetime, caseworkers: list[object]) -> None:
    age = rng.choice([19, 22, 24, 27, 29, 33, 38, 41, 45, 52, 58, 63])
    born = (now - timedelta(days=age * 365 + rng.randrange(300))).date()
    stated = StatedApplicant(
        fornavn=rng.choice(FORNAVN), etternavn=rng.choice(ETTERNAVN),
        gateadresse=f"{rng.choice(GATER)} {rng.randrange(1, 120)}", postnummer="5007",
        poststed="Bergen", kommunenummer="4601", telefon=f"4{rng.randrange(1000000, 9999999)}",
        tolkebehov=i % 9 == 0, tolkesprak="arabisk" if i % 9 == 0 else "")
    person = person_for_application(
        fodselsnummer=ids.fnr(born), stated=stated,
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG if i == 7 else (
            Adressebeskyttelse.FORTROLIG if i == 13 else Adressebeskyttelse.INGEN),
        tolkebehov=i % 9 == 0, tolkesprak="arabisk" if i % 9 == 0 else "",
    )
    n_children = rng.choice([0, 0, 0, 1, 1, 2, 2, 3, 5]) if age >= 22 else 0
    barn: list[BarnInput] = []
    for _ in range(n_children):
        # Children under 18, born after the parent turned 19.
        youngest_parent_age = max(19, age - 17)
        child_age_days = rng.randrange(200, max(201, (age - youngest_parent_age) * 365))
        child_born = (now - timedelta(days=child_age_days)).date()
        fornavn = rng.choice(FORNAVN)
        while any(b.navn.startswith(f"{fornavn} ") for b in barn):  # no two siblings alike;
            fornavn = FORNAVN[(FORNAVN.index(fornavn) + 1) % len(FORNAVN)]  # no extra draw
        barn.append(BarnInput(navn=f"{fornavn} {person.etternavn}",
                              fodselsdato=child_born, fodselsnummer=ids.fnr(child_born),
                              bosted=rng.choice([Bosted.FAST, Bosted.FAST, Bosted.DELT,
                                                 Bosted.SAMVAER])))
    partner = None
    if age >= 25 and rng.random() < 0.3:
        partner = PartnerInput(navn=f"{rng.choice(FORNAVN)} {person.etternavn}",
                               relasjon=rng.choice(PartnerRelasjon.values))
    urgent = i % 10 == 3
    kanal = rng.choice([Kanal.DIGITAL] * 6 + [Kanal.PAPIR, Kanal.MUNTLIG, Kanal.TELEFON])
    types = [StonadType.NODHJELP] if urgent else rng.sample(
        [StonadType.LIVSOPPHOLD, StonadType.HUSLEIE, StonadType.STROM, StonadType.DEPOSITUM,
         StonadType.TANNBEHANDLING], k=rng.choice([1, 1, 2, 3]))
    # Received in office hours (08–15 Oslo ≈ 07–14 UTC), never in the future.
    days_ago = 0 if urgent else rng.randrange(0, 50)
    received = (now - timedelta(days=days_ago)).replace(hour=7 + rng.randrange(7),
                                                        minute=rng.randrange(60))
    if received > now:
        received = now - timedelta(minutes=rng.randrange(5, 90))
    husstand = record_household(
        person=person, stated=stated, partner=partner, barn=barn, at=received,
        kilde=Kilde.DIGISOS if kanal == Kanal.DIGITAL else Kilde.SAKSBEHANDLER,
        kontor_id=kontor.pk)
    soknad = register_soknad(
        scope=scope, actor=None, kontor=kontor, person=person, husstand=husstand,
        data=SoknadInput(kanal=kanal, mottatt_at=received, nodhjelp=urgent,
                         poster=[PostInput(type=t, belop=rng.choice([None, 1500, 4200, 9800]))
                                 for t in types],
                         egne_ord=rng.choice(["Jeg har mistet jobben og har ikke penger til mat.",
                                              "Husleien er for høy etter at vi ble skilt.",
                                              "Venter på AAP og har ingenting å leve av.",
                                              "Strømregningen er ubetalt og de vil stenge.", ""])),
    )
    if caseworkers:
        Soknad.objects.filter(pk=soknad.pk).update(saksbehandler=rng.choice(caseworkers))
    stage = rng.choice(["ny", "ny", "behandling", "behandling", "krav", "ferdig", "ferdig",
                        "ferdig", "ikke"])
    demo_cases.enrich(soknad, stage=stage, scope=scope, now=now)
    if stage == "ny":
        return
    t = received + timedelta(hours=2)
    if stage == "ikke":
        change_status(scope=scope, actor=None, soknad_id=soknad.pk, target="BEHANDLES_IKKE",
                      now=t, reason="Søknaden er trukket.")
        return
    change_status(scope=scope, actor=None, soknad_id=soknad.pk, target="UNDER_BEHANDLING", now=t)
    if stage == "krav":
        krav = request_dokumentasjon(scope=scope, actor=None, soknad_id=soknad.pk,
                                     titler=["Kontoutskrift siste måned", "Husleiekontrakt"],
                                     frist=(t + timedelta(days=rng.choice([3, 10, 14]))).date(),
                                     now=t)
        if rng.random() < 0.5:
            mark_dokumentasjon_received(scope=scope, actor=None, krav_id=krav[0].pk,
                                        now=t + timedelta(days=1))
        return
    if stage == "behandling":
        return
    decided = t + timedelta(days=1)
    for post in soknad.poster.all():
        granted = rng.random() < 0.75
        vedtak = record_vedtak(
            scope=scope, actor=None, soknad_id=soknad.pk, now=decided,
            data=VedtakInput(
                post_ids=[post.pk], hjemmel="§ 18 nødhjelp" if urgent else "§ 18",
                utfall="INNVILGET" if granted else "AVSLATT",
                stonadsform="BIDRAG" if granted else "",
                periode_fra=decided.date().replace(day=1),
                periode_til=(decided.date().replace(day=1) + timedelta(days=32)).replace(day=1),
                belop=post.belop or 2500 if granted else None,
                begrunnelse="Du har ikke nok penger til det du trenger nå. Vi har sett på "
                "inntektene og utgiftene dine og husstanden din." if granted else
                "Du har inntekt som dekker det du har søkt om.",
            ),
        )
        if granted:
            paid = rng.random() < 0.7
            # Unpaid ones fall due today, so the day's bank export has something to show.
            u = plan_utbetaling(scope=scope, actor=None, vedtak_id=vedtak.pk,
                                belop=vedtak.belop or 2500,
                                forfallsdato=decided.date() if paid else now.date(),
                                kontonummer="12345678903", mottaker_navn=person.navn,
                                now=decided)
            if paid:
                set_utbetaling_status(scope=scope, actor=None, utbetaling_id=u.pk,
                                      status="UTBETALT", now=decided)
    change_status(scope=scope, actor=None, soknad_id=soknad.pk, target="FERDIGBEHANDLET",
                  now=decided)
