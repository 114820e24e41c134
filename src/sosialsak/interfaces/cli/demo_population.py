"""A synthetic population for a KOSTRA reporting year (issue 15): ``sosialsak demo
--population N --year Y [--seed S]``.

N recipients of økonomisk sosialhjelp with realistic shares (rounded from SSB's published
figures for recent years: age, household type, main source of income, months on support,
conditions, § 20 a exemptions) and about 4 % as many KVP participants, written with bulk
inserts so that a national year (130,000 recipients) loads in minutes. Every code of the year's
KOSTRA code lists is in use: the first records of each list walk through all of its codes.

The caseworker's recorded answers (``KostraOpplysninger``) are part of the synthetic cases, as
a caseworker would have filled them in; the report never makes them up (ADR 0012).
Identity numbers are synthetic (month + 80). Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sosialsak.contexts.accounts.models import Kommune, NavKontor, Role, User
from sosialsak.contexts.accounts.operations import create_user
from sosialsak.contexts.cases.models import KostraOpplysninger
from sosialsak.contexts.decisions.models import Sak, Vedtak, VedtakArt, Vilkar
from sosialsak.contexts.intake.models import Hendelse, Kanal, Soknad, SoknadStatus
from sosialsak.contexts.kvp.models import Avbrudd, Deltakelse
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.people.models import (
    Barn,
    Bosted,
    Husstand,
    HusstandBarn,
    Kilde,
    Partner,
    PartnerRelasjon,
    Person,
)
from sosialsak.contexts.services.models import IndividuellPlan, Radgivning
from sosialsak.formats.kostra import Layout, load_layout
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.identity import make_synthetic_fodselsnummer

BATCH = 5000
OFFICE = ("1203", "NAV Fana")

AGE_BANDS = (((18, 24), 17), ((25, 29), 14), ((30, 39), 24), ((40, 49), 19), ((50, 59), 15),
             ((60, 66), 8), ((67, 85), 3))
HOUSEHOLDS = (("enslig", 62), ("enslig_barn", 15), ("par", 9), ("par_barn", 14))
VKLO = {"1": 9, "2": 3, "3": 27, "4": 2, "5": 42, "6": 4, "7": 3, "8": 2, "9": 8}
# the work situation that usually goes with the main income
ARBSIT_FOR = {"1": ("01", "02"), "2": ("05", "06"), "3": ("04", "07", "08"), "4": ("03",),
              "5": ("07", "08", "04"), "6": ("09",), "7": ("04", "08"), "8": ("10",),
              "9": ("04", "08", "02")}
TRYGD = {"01": 8, "02": 10, "04": 12, "05": 6, "06": 1, "07": 2, "09": 2, "10": 5, "11": 40,
         "13": 14}
BOSIT = {"1": 58, "2": 18, "3": 5, "4": 6, "5": 10, "6": 3}
EKTSTAT_SINGLE = {"1": 62, "4": 33, "5": 5}
EKTSTAT_COUPLE = {"2": 55, "3": 45}
MONTHS = (1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 12)
KVP_STATUS = {"1": 50, "2": 5, "3": 25, "4": 10, "5": 4, "6": 3, "7": 3}


@dataclass
class _Codes:
    """Picks codes by weight; the first uses of a list walk through all of it."""

    rng: random.Random
    layout: Layout
    turn: dict[str, int]

    def pick(self, field: str, weights: dict[str, int] | None = None) -> str:
        codes = self.layout.field(field).codes
        n = self.turn.get(field, 0)
        self.turn[field] = n + 1
        if n < len(codes):
            return codes[n]
        w = weights or {c: 1 for c in codes}
        valid = [c for c in w if c in codes]
        return self.rng.choices(valid, [w[c] for c in valid])[0]


def _weighted(rng: random.Random, table: Sequence[tuple[object, int]]) -> object:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def ensure_office(kommunenummer: str = "4601") -> tuple[NavKontor, list[User]]:
    """The office the population belongs to, in the kommune, with a caseworker."""
    kommune, _ = Kommune.objects.get_or_create(nummer=kommunenummer,
                                               defaults={"navn": "Bergen"})
    kontor, _ = NavKontor.objects.get_or_create(enhetsnummer=OFFICE[0],
                                                defaults={"navn": OFFICE[1]})
    kontor.kommuner.add(kommune)
    workers = list(User.objects.filter(kontor=kontor, groups__name=Role.VEILEDER))
    if not workers:
        workers = [create_user(username="veileder.f", password=None, role=Role.VEILEDER,
                               kontor=kontor, first_name="Frida", last_name="Fana")]
    return kontor, workers


@transaction.atomic
def load(*, n: int, year: int, seed: int = 2026, kommunenummer: str = "4601",
         today: date | None = None) -> dict[str, int]:
    """Make ``n`` recipients and about 4 % as many KVP participants paid in ``year``."""
    today = today or timezone.localdate()
    kontor, workers = ensure_office(kommunenummer)
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
    g = _Gen(rng, year, today, kontor, workers, _Codes(rng, load_layout("11F", year), {}))
    kvp = max(1, n * 4 // 100) if n >= 10 else 0
    for start in range(0, n + kvp, BATCH):
        g.batch(range(start, min(start + BATCH, n + kvp)), kvp_from=n)
    return {"mottakere": n, "kvp": kvp}


class _Gen:
    def __init__(self, rng: random.Random, year: int, today: date, kontor: NavKontor,
                 workers: list[User], codes: _Codes) -> None:
        self.rng, self.year, self.today, self.kontor = rng, year, today, kontor
        self.workers, self.codes = workers, codes
        self.used: set[str] = {f for f in Person.objects.values_list("fodselsnummer", flat=True)
                               if f}
        self.ref = Utbetaling.objects.count() + Sak.objects.count()

    def fnr(self, born: date) -> str:
        while True:
            try:
                v = make_synthetic_fodselsnummer(birth_date=born,
                                                 individual=self.rng.randrange(1000))
            except ValueError:
                continue
            if v not in self.used:
                self.used.add(v)
                return v

    def _born(self, lo: int, hi: int) -> date:
        return date(self.year - self.rng.randint(lo, hi), 1, 1) + timedelta(
            days=self.rng.randrange(365))

    def batch(self, indices: range, *, kvp_from: int) -> None:
        rng, year = self.rng, self.year
        plans = []
        for i in indices:
            is_kvp = i >= kvp_from
            band: tuple[int, int] = (20, 50) if is_kvp else _weighted(rng, AGE_BANDS)  # type: ignore[assignment]
            lo, hi = band
            born = self._born(lo, hi)
            kind = str(_weighted(rng, HOUSEHOLDS))
            first = rng.randrange(1, 13)
            months = [m for m in range(first, min(12, first + rng.choice(MONTHS) - 1) + 1)
                      if date(year, m, 1) <= self.today]
            if not months:
                months = [1]
            plans.append((i, is_kvp, born, kind, months))
        people = Person.objects.bulk_create([
            Person(fodselsnummer=self.fnr(born), fornavn="Syntetisk", etternavn=f"Person {i}",
                   fodselsdato=born, kommunenummer="4601")
            for i, _, born, _, _ in plans], batch_size=BATCH)
        received = [_aware(date(year, months[0], 1) - timedelta(days=rng.randrange(3, 20)))
                    for *_, months in plans]
        husstander = Husstand.objects.bulk_create([
            Husstand(person=p, kilde=Kilde.DIGISOS, oppgitt_at=at, kontor=self.kontor,
                     fornavn=p.fornavn, etternavn=p.etternavn)
            for p, at in zip(people, received, strict=True)], batch_size=BATCH)
        partners, barn, links = [], [], []
        for (_i, _k, _b, kind, _m), p, h, at in zip(plans, people, husstander, received,
                                                    strict=True):
            if kind.startswith("par"):
                partners.append(Partner(person=p, husstand=h, navn="Syntetisk partner",
                                        relasjon=rng.choice(PartnerRelasjon.values)))
            if kind.endswith("barn"):
                for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                    b = Barn(person=p, kontor=self.kontor, navn="Syntetisk barn",
                             fodselsdato=at.date() - timedelta(days=rng.randrange(200, 6200)))
                    barn.append(b)
                    links.append((h, b, rng.choice((Bosted.FAST,) * 4 + (Bosted.DELT,))))
        Partner.objects.bulk_create(partners, batch_size=BATCH)
        Barn.objects.bulk_create(barn, batch_size=BATCH)
        HusstandBarn.objects.bulk_create([HusstandBarn(husstand=h, barn=b, bosted=bo)
                                          for h, b, bo in links], batch_size=BATCH)
        soknader = Soknad.objects.bulk_create([
            Soknad(kontor=self.kontor, person=p, husstand=h, mottatt_at=at, kanal=Kanal.DIGITAL,
                   status=SoknadStatus.FERDIGBEHANDLET, saksbehandler=rng.choice(self.workers))
            for p, h, at in zip(people, husstander, received, strict=True)], batch_size=BATCH)
        # the history innsyn is made from: received, then decided (nav.no shows both)
        Hendelse.objects.bulk_create([
            h for s in soknader for h in (
                Hendelse(soknad=s, at=s.mottatt_at, type="intake.soknad.mottatt",
                         tekst="Søknaden er mottatt",
                         data={"status": "MOTTATT", "kanal": Kanal.DIGITAL}),
                Hendelse(soknad=s, at=s.mottatt_at + timedelta(days=2),
                         type="intake.soknad.status", tekst="Søknaden er ferdig behandlet",
                         data={"status": SoknadStatus.FERDIGBEHANDLET}))], batch_size=BATCH)
        saker = []
        for s in soknader:
            self.ref += 1
            saker.append(Sak(soknad=s, referanse=f"POP-{self.year}-{self.ref}",
                             tittel="Livsopphold", opprettet_at=s.mottatt_at))
        Sak.objects.bulk_create(saker, batch_size=BATCH)
        vedtak = []
        for (_i, is_kvp, born, kind, months), sak in zip(plans, saker, strict=True):
            base = 21000 if is_kvp else (7000 + 4000 * kind.startswith("par")
                                          + 2500 * kind.endswith("barn"))
            loan = not is_kvp and rng.random() < 0.06
            vedtak.append(Vedtak(
                sak=sak, hjemmel="§ 35" if is_kvp else "§ 18", utfall="INNVILGET",
                stonadsform="LAN" if loan else "BIDRAG", periode_fra=date(self.year, months[0], 1),
                periode_til=_next_month(date(self.year, months[-1], 1)),
                belop=base, begrunnelse="Syntetisk vedtak.",
                fattet_at=sak.opprettet_at + timedelta(days=2),
                art=VedtakArt.ORDINAER,
                vilkarsvurdering=self._unntak(born) if not is_kvp else {}))
        Vedtak.objects.bulk_create(vedtak, batch_size=BATCH)
        payments, vilkar, answers = [], [], []
        guidance: list[Radgivning] = []
        individual_plans: list[IndividuellPlan] = []
        for (_i, is_kvp, born, kind, months), v, s, p in zip(plans, vedtak, soknader, people,
                                                            strict=True):
            for m in months:
                self.ref += 1
                paid = min(date(self.year, m, 20), self.today)  # never in the future
                payments.append(Utbetaling(
                    vedtak=v, referanse=f"POP-U-{self.ref}",
                    belop=max(500, int((v.belop or 0) * rng.uniform(0.4, 1.2))), forfallsdato=paid,
                    utbetalt_dato=paid, status=UtbetalingStatus.UTBETALT,
                    mottaker_navn=p.navn, kontonummer="12345678903"))
            if not is_kvp and (rng.random() < 0.45 or _age(born, self.year) < 30):
                for code in self._conditions():
                    vilkar.append(Vilkar(vedtak=v, kode=code, beskrivelse="Syntetisk vilkår.",
                                         satt=v.periode_fra, aktivitet=True,
                                         sanksjon=self._sanksjon()))
            answers.append(self._answers(p, s, kind, is_kvp))
            if not is_kvp and rng.random() < 0.05:  # økonomisk rådgivning, level I–III
                guidance.append(Radgivning(
                    person=p, soknad=s, art=rng.choice(("OKONOMISK", "GJELD")),
                    vedtak_dato=date(self.year, months[0], 5), utfall="INNVILGET",
                    start=date(self.year, months[0], 5), niva=rng.choice(("I", "II", "III")),
                    registrert_at=s.mottatt_at))
            if not is_kvp and rng.random() < 0.03:  # § 28 individuell plan
                individual_plans.append(IndividuellPlan(
                    person=p, soknad=s, mal="Syntetisk mål.", opprettet_at=s.mottatt_at,
                    neste_evaluering=date(self.year, 12, 31)))
        self._programmes([(p, s, v, months) for (_i, is_kvp, _b, _k, months), v, s, p
                          in zip(plans, vedtak, soknader, people, strict=True) if is_kvp])
        Utbetaling.objects.bulk_create(payments, batch_size=BATCH)
        Vilkar.objects.bulk_create(vilkar, batch_size=BATCH)
        KostraOpplysninger.objects.bulk_create(answers, batch_size=BATCH)
        Radgivning.objects.bulk_create(guidance, batch_size=BATCH)
        IndividuellPlan.objects.bulk_create(individual_plans, batch_size=BATCH)

    def _programmes(self, rows: list[tuple[Person, Soknad, Vedtak, list[int]]]) -> None:
        """Each KVP participant's programme (kvp.Deltakelse) with KOSTRA's end codes."""
        layout = load_layout("11CF", self.year)
        avsl = [f.codes[0] for f in layout.fields
                if f.name.startswith("AVSL_") and len(f.codes) == 1]
        codes = _Codes(self.rng, layout, self.codes.turn)
        made, breaks = [], []
        for p, s, v, months in rows:
            status = codes.pick("STATUS", KVP_STATUS)
            ended = status in ("3", "4", "5", "6", "7")
            end = min(date(self.year, months[-1], 28), self.today)
            d = Deltakelse(
                person=p, kontor=self.kontor, fra_soknad=s, screening_grunn="LANGTID",
                screenet_at=s.mottatt_at, endret_at=s.mottatt_at, vedtak=v,
                status="AVSLUTTET" if ended else "AVBRUTT" if status == "2" else "I_PROGRAM",
                reg_dato=local_date(s.mottatt_at), vedtak_dato=local_date(v.fattet_at),
                begynt_dato=v.periode_fra, avsluttet_dato=end if ended else None,
                kostra_status=status if ended else "",
                situasjon_etter=sorted({avsl[codes.turn.setdefault("_avsl", 0) % len(avsl)],
                                        *self.rng.sample(avsl, self.rng.choice((0, 1)))})
                if ended else [],
                viktigste_inntekt=codes.pick("AVSL_VIKTIGSTE_INNTEKT") if ended else "")
            if ended:
                codes.turn["_avsl"] += 1
            made.append(d)
            if status == "2":
                breaks.append((d, min(date(self.year, 12, 1), self.today)))
        Deltakelse.objects.bulk_create(made, batch_size=BATCH)
        Avbrudd.objects.bulk_create([Avbrudd(deltakelse=d, fra=fra, grunn="Syntetisk avbrudd.",
                                             registrert_at=_aware(fra)) for d, fra in breaks],
                                    batch_size=BATCH)

    def _unntak(self, born: date) -> dict[str, object]:
        if _age(born, self.year) >= 30 or self.rng.random() > 0.12:
            return {}
        layout = self.codes.layout
        reasons = [f.codes[0] for f in layout.fields
                   if f.name.startswith("VEDTAK") and len(f.codes) == 1]
        return {"unntak": {"grunner": self.rng.sample(reasons, self.rng.choice((1, 1, 2))),
                           "begrunnelse": "Syntetisk unntak."}}

    def _conditions(self) -> list[str]:
        layout = self.codes.layout
        codes = [f.codes[0] for f in layout.fields
                 if f.name.startswith("VILKAR") and len(f.codes) == 1]
        turn = self.codes.turn.get("_vilkar", 0)  # walk through every code first
        self.codes.turn["_vilkar"] = turn + 1
        first = codes[turn % len(codes)]
        return sorted({first, *self.rng.sample(codes, self.rng.choice((0, 1, 2)))})

    def _sanksjon(self) -> str:
        r = self.rng.random()
        return "01" if r < 0.04 else "02" if r < 0.06 else ""

    def _arbsit(self, vklo: str) -> str:
        codes = self.codes.layout.field("ARBSIT").codes
        if self.codes.turn.get("ARBSIT", 0) < len(codes):
            return self.codes.pick("ARBSIT")
        return self.rng.choice(ARBSIT_FOR[vklo])

    def _answers(self, p: Person, s: Soknad, kind: str, is_kvp: bool) -> KostraOpplysninger:
        c, rng = self.codes, self.rng
        vklo = "8" if is_kvp else c.pick("VKLO", VKLO)
        couple = kind.startswith("par")
        ekt = c.pick("EKTSTAT", EKTSTAT_COUPLE if couple else EKTSTAT_SINGLE)
        trygd = c.pick("TRYGDESIT", TRYGD) if vklo == "3" else (
            "13" if kind.endswith("barn") and rng.random() < 0.5 else "12")
        return KostraOpplysninger(
            person=p, soknad=s, sivilstand=ekt, kilde_livsopphold=vklo,
            trygdesituasjon=trygd, arbeidssituasjon=self._arbsit(vklo),
            bosituasjon=c.pick("BOSIT", BOSIT), journalnummer=f"P{p.pk % 10_000_000:07d}",
            vilkar_ektefelle=couple and rng.random() < 0.1,
            skrevet_at=s.mottatt_at)


def answer_for_paid(*, year: int, seed: int = 2026) -> int:
    """Record the KOSTRA answers, as the caseworker would, for each person paid or in a
    qualification programme who has none yet (the demo's own cases); return how many."""
    rng = random.Random(seed + 1)  # noqa: S311 - reproducible synthetic data
    codes = _Codes(rng, load_layout("11F", year), {})
    done = set(KostraOpplysninger.objects.values_list("person_id", flat=True))
    latest: dict[int, Soknad] = {}
    paid_or_in_kvp = (Q(saker__vedtak__utbetalinger__status="UTBETALT")
                      | Q(person__kvp_deltakelser__isnull=False))
    for s in (Soknad.objects.filter(paid_or_in_kvp).distinct()
              .select_related("person").order_by("mottatt_at", "pk")):
        if s.person_id not in done:
            latest[s.person_id] = s
    rows = []
    for s in latest.values():
        vklo = codes.pick("VKLO", VKLO)
        rows.append(KostraOpplysninger(
            person=s.person, soknad=s, sivilstand=codes.pick("EKTSTAT", EKTSTAT_SINGLE),
            kilde_livsopphold=vklo,
            trygdesituasjon=codes.pick("TRYGDESIT", TRYGD) if vklo == "3" else "12",
            arbeidssituasjon=rng.choice(ARBSIT_FOR[vklo]), bosituasjon=codes.pick("BOSIT", BOSIT),
            journalnummer=f"D{s.person_id:07d}", vilkar_ektefelle=False,
            skrevet_at=s.mottatt_at))
    KostraOpplysninger.objects.bulk_create(rows)
    # A paid application always had a caseworker (SAKSBEHANDLER is mandatory in 11F): the
    # demo's unassigned ones in NAV Bergenhus get the office's veileder.
    for s in latest.values():
        if s.saksbehandler_id is None:
            worker = User.objects.filter(kontor_id=s.kontor_id,
                                         groups__name=Role.VEILEDER).order_by("pk").first()
            Soknad.objects.filter(pk=s.pk).update(saksbehandler=worker)
    return len(rows)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _age(born: date, year: int) -> int:
    return year - born.year
