"""KOSTRA 11F (and 11CF) for a kommune or an Oslo bydel and a reporting year.

One query per table, each streamed (``values_list`` + ``iterator``), folded into one
``derive.Recipient`` per person; then the pure writer and SSB's controls. Reads are through
the caller's scope (the offices serving the kommune that the scope holds) and audited once per
report. The rules for each field are in ``derive``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import KostraOpplysninger
from sosialsak.contexts.decisions.models import Hjemmel, Vedtak, VedtakArt, Vilkar, VilkarStatus
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.kvp.models import Avbrudd, Deltakelse
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.people.models import Bosted, HusstandBarn, Person
from sosialsak.contexts.reporting.derive import (
    Programme,
    Recipient,
    Recorded,
    blank_unknown_codes,
    code_fields,
    record_11cf,
    record_11f,
)
from sosialsak.contexts.services.models import (
    IndividuellPlan,
    Niva,
    Opphold,
    Radgivning,
    RadgivningUtfall,
)
from sosialsak.formats.kostra import Layout, Report, check_file, load_layout, write_file

CHUNK = 5000
KVP = Hjemmel.P35.value


@dataclass(frozen=True)
class KostraFile:
    schema: str
    year: int
    kommunenummer: str
    bydelsnummer: str
    data: bytes
    report: Report
    # line number -> the application to fix (the last of the year for that recipient)
    soknad_for_line: dict[int, int] = field(default_factory=dict)
    gaps: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        where = self.kommunenummer + (f"-{self.bydelsnummer}" if self.bydelsnummer else "")
        return f"kostra-{self.schema}-{self.year}-{where}.dat"


def offices_for(kommunenummer: str, bydelsnummer: str = "") -> list[int]:
    """The offices that serve the kommune (in Oslo, the bydel's office)."""
    q = NavKontor.objects.filter(kommuner__nummer=kommunenummer)
    if bydelsnummer:
        q = q.filter(bydelsnummer=bydelsnummer)
    return list(q.values_list("pk", flat=True).distinct())


def _bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz),
            timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz))


def _local(dt: datetime) -> date:
    return timezone.localtime(dt).date()


class _Collector:
    """Folds each table's rows into one Recipient per person."""

    def __init__(self, kontor_ids: list[int], year: int) -> None:
        self.k = kontor_ids
        self.year = year
        self.start, self.end = _bounds(year)
        self.by_person: dict[int, Recipient] = {}

    def _r(self, person_id: int) -> Recipient:
        r = self.by_person.get(person_id)
        if r is None:
            r = self.by_person[person_id] = Recipient(person_id)
        return r

    def payments(self, *, kvp: bool) -> None:
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        rows = (Utbetaling.objects
                .filter(status=UtbetalingStatus.UTBETALT,
                        vedtak__sak__soknad__kontor_id__in=self.k)
                .filter(Q(utbetalt_dato__range=(first, last))
                        | Q(utbetalt_dato__isnull=True, forfallsdato__range=(first, last)))
                .filter(**({"vedtak__hjemmel": KVP} if kvp else {}))
                .exclude(**({} if kvp else {"vedtak__hjemmel": KVP}))
                .values_list("vedtak__sak__soknad__person_id", "utbetalt_dato", "forfallsdato",
                             "belop", "vedtak__stonadsform"))
        for person_id, paid, due, belop, form in rows.iterator(chunk_size=CHUNK):
            r = self._r(person_id)
            month = (paid or due).month
            r.paid_months.add(month)
            (r.laan if form == "LAN" else r.bidrag)[month - 1] += belop

    def people(self) -> None:
        rows = (Person.objects.filter(soknader__kontor_id__in=self.k).distinct()
                .values_list("pk", "fodselsdato", "fodselsnummer"))
        for pk, born, fnr in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(pk)
            if r is not None:
                r.fodselsdato, r.fodselsnummer = born, fnr or ""

    def last_contact(self) -> dict[int, tuple[int, date]]:
        """The last application received by 31 December: (husstand, day received); the day
        of each person's last contact is kept in ``self.contact``."""
        husstand: dict[int, tuple[int, date]] = {}
        self.contact: dict[int, date] = {}
        rows = (Soknad.objects.filter(kontor_id__in=self.k, mottatt_at__lt=self.end)
                .order_by("mottatt_at", "pk")
                .values_list("person_id", "pk", "mottatt_at", "husstand_id", "saksbehandler_id"))
        for person_id, pk, at, hus, saksbehandler in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is None:
                continue
            r.soknad_id, r.saksbehandler_id = pk, saksbehandler
            self.contact[person_id] = _local(at)
            if hus is not None:
                husstand[person_id] = (hus, _local(at))
            else:
                husstand.pop(person_id, None)
        return husstand

    def children(self, husstand: dict[int, tuple[int, date]]) -> None:
        person_of = {h: (p, day) for p, (h, day) in husstand.items()}
        rows = (HusstandBarn.objects
                .filter(husstand__soknad__kontor_id__in=self.k,
                        husstand__soknad__mottatt_at__lt=self.end,
                        bosted__in=(Bosted.FAST, Bosted.DELT))
                .values_list("husstand_id", "barn__fodselsdato"))
        for hus, born in rows.iterator(chunk_size=CHUNK):
            hit = person_of.get(hus)
            if hit is None:
                continue
            person_id, day = hit
            if _age(born, day) < 18:
                self.by_person[person_id].children_under_18 += 1

    def recorded(self) -> None:
        rows = (KostraOpplysninger.objects
                .filter(soknad__kontor_id__in=self.k, skrevet_at__lt=self.end)
                .order_by("skrevet_at", "pk")
                .values_list("person_id", "sivilstand", "kilde_livsopphold", "trygdesituasjon",
                             "arbeidssituasjon", "bosituasjon", "journalnummer", "duf_nummer",
                             "vilkar_ektefelle"))
        for person_id, *values in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is not None:
                r.recorded = Recorded(*values)  # type: ignore[arg-type]  # columns in field order

    def counselling(self) -> None:
        """GITT_OKONOMIRAD: granted counselling at level II or III running in the year."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        rows = (Radgivning.objects
                .filter(soknad__kontor_id__in=self.k, utfall=RadgivningUtfall.INNVILGET,
                        niva__in=(Niva.II, Niva.III), start__lte=last)
                .filter(Q(avsluttet__isnull=True) | Q(avsluttet__gte=first))
                .values_list("person_id", flat=True))
        for person_id in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is not None:
                r.okonomisk_radgivning = True

    def plans(self) -> None:
        """FAAT_INDIVIDUELL_PLAN: a § 28 plan made by 31 December, not ended before the year."""
        rows = (IndividuellPlan.objects
                .filter(soknad__kontor_id__in=self.k, opprettet_at__lt=self.end)
                .filter(Q(avsluttet__isnull=True) | Q(avsluttet__gte=date(self.year, 1, 1)))
                .values_list("person_id", flat=True))
        for person_id in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is not None:
                r.individuell_plan = True

    def housing(self, contact: dict[int, date]) -> None:
        """BOSIT: in a § 27 temporary housing on the day of last contact is 4 (uten bolig)."""
        rows = (Opphold.objects
                .filter(soknad__kontor_id__in=self.k, fra__lt=self.end.date())
                .values_list("person_id", "fra", "til"))
        for person_id, fra, til in rows.iterator(chunk_size=CHUNK):
            day = contact.get(person_id)
            r = self.by_person.get(person_id)
            if r is not None and day is not None and fra <= day and (til is None or til > day):
                r.midlertidig_botilbud = True

    def conditions(self) -> None:
        rows = (Vilkar.objects
                .filter(vedtak__sak__soknad__kontor_id__in=self.k,
                        vedtak__fattet_at__range=(self.start, self.end - timedelta(seconds=1)))
                .exclude(status=VilkarStatus.ANNULLERT)
                .exclude(vedtak__hjemmel=KVP)
                .order_by("vedtak__fattet_at", "pk")
                .values_list("vedtak__sak__soknad__person_id", "vedtak__fattet_at",
                             "vedtak__periode_fra", "vedtak__periode_til", "kode", "sanksjon"))
        for person_id, at, fra, til, kode, sanksjon in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is None:
                continue
            if r.vilkar_first_at is None:
                r.vilkar_first_at = _local(at)
                r.vilkar_from = fra
                r.vilkar_to = (til - timedelta(days=1)) if til else None
            if kode:
                r.vilkar_codes.add(kode)
            if sanksjon:
                r.sanksjoner.add(sanksjon)

    def programmes(self) -> dict[int, Programme]:
        return _programmes(self)

    def social_help_around(self, programmes: dict[int, Programme]) -> None:
        _social_help_around(self, programmes)

    def decisions(self) -> None:
        rows = (Vedtak.objects
                .filter(sak__soknad__kontor_id__in=self.k,
                        fattet_at__range=(self.start, self.end - timedelta(seconds=1)))
                .filter(Q(art=VedtakArt.REDUKSJON) | Q(vilkarsvurdering__unntak__isnull=False))
                .exclude(hjemmel=KVP)
                .order_by("fattet_at", "pk")
                .values_list("sak__soknad__person_id", "fattet_at", "art",
                             "vilkarsvurdering__unntak"))
        for person_id, at, art, unntak in rows.iterator(chunk_size=CHUNK):
            r = self.by_person.get(person_id)
            if r is None:
                continue
            if art == VedtakArt.REDUKSJON:
                r.sanksjoner.add("01")
            if unntak and r.unntak_date is None:
                r.unntak_date = _local(at)
                r.unntak_codes = tuple(unntak.get("grunner") or ())


def _programmes(c: _Collector) -> dict[int, Programme]:
    first, last = date(c.year, 1, 1), date(c.year, 12, 31)
    out: dict[int, Programme] = {}
    by_id: dict[int, Programme] = {}
    rows = (Deltakelse.objects
            .filter(kontor_id__in=c.k, begynt_dato__lte=last)
            .filter(Q(avsluttet_dato__isnull=True) | Q(avsluttet_dato__gte=first))
            .order_by("begynt_dato", "pk")
            .values_list("pk", "person_id", "reg_dato", "vedtak_dato", "begynt_dato",
                         "avsluttet_dato", "kostra_status", "situasjon_etter",
                         "viktigste_inntekt"))
    for pk, person_id, reg, ved, beg, avsl, status, etter, inntekt in rows.iterator(
            chunk_size=CHUNK):
        p = Programme(reg, ved, beg, avsl, status, tuple(etter or ()), inntekt)
        out[person_id] = by_id[pk] = p
        c._r(person_id)
    for deltakelse_id in (Avbrudd.objects
                          .filter(deltakelse__kontor_id__in=c.k, fra__lte=last)
                          .filter(Q(til__isnull=True) | Q(til__gt=last))
                          .values_list("deltakelse_id", flat=True).iterator(chunk_size=CHUNK)):
        if deltakelse_id in by_id:
            by_id[deltakelse_id].avbrutt_ved_arsslutt = True
    return out


def _social_help_around(c: _Collector, programmes: dict[int, Programme]) -> None:
    """Økonomisk sosialhjelp (not § 35) paid before the application and during the year's
    programme, one pass over the payments of the participants' offices."""
    first, last = date(c.year - 1, 1, 1), date(c.year, 12, 31)
    rows = (Utbetaling.objects
            .filter(status=UtbetalingStatus.UTBETALT, vedtak__sak__soknad__kontor_id__in=c.k,
                    vedtak__sak__soknad__person_id__in=list(programmes),
                    forfallsdato__range=(first, last))
            .exclude(vedtak__hjemmel=KVP)
            .values_list("vedtak__sak__soknad__person_id", "utbetalt_dato", "forfallsdato"))
    for person_id, paid, due in rows.iterator(chunk_size=CHUNK):
        p, day = programmes[person_id], paid or due
        if p.reg_dato and p.reg_dato - timedelta(days=61) <= day < p.reg_dato:
            p.sosialhjelp_for = True
        end = min(p.avsluttet_dato or last, last)
        if p.begynt_dato and max(p.begynt_dato, date(c.year, 1, 1)) <= day <= end:
            p.sosialhjelp_under = True


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _audit(actor: object, kontor_ids: list[int], schema: str) -> None:
    for k in kontor_ids:
        record(actor=actor, action=Action.READ, object_type="kostra", object_id=k,
               purpose=f"kostra {schema}", kontor_id=k)


def build_11f(*, scope: Scope, actor: object, year: int, kommunenummer: str,
              bydelsnummer: str = "", layout: Layout | None = None) -> KostraFile:
    """Return the 11F file for the recipients of the kommune's offices in the caller's scope:
    everyone with a paid payment (not KVP) in the year, one record each."""
    layout = layout or load_layout("11F", year)
    kontor_ids = [k for k in offices_for(kommunenummer, bydelsnummer) if k in scope.kontor_ids]
    c = _Collector(kontor_ids, year)
    c.payments(kvp=False)
    c.people()
    c.children(c.last_contact())
    c.recorded()
    c.counselling()
    c.plans()
    c.housing(c.contact)
    c.conditions()
    c.decisions()
    maps = {p: code_fields(layout, p) for p in ("VILKAR", "VEDTAK", "SANKSJON")}
    recipients = sorted(c.by_person.values(), key=lambda r: r.person_id)
    records = [blank_unknown_codes(layout, record_11f(
        layout, r, kommunenummer=kommunenummer, bydelsnummer=bydelsnummer, maps=maps))
        for r in recipients]
    data = write_file(layout, records)
    _audit(actor, kontor_ids, "11F")
    return KostraFile("11F", year, kommunenummer, bydelsnummer, data,
                      check_file(layout, data, kommunenummer=kommunenummer,
                                 bydelsnummer=bydelsnummer),
                      {i: r.soknad_id for i, r in enumerate(recipients, 1) if r.soknad_id})


def build_11cf(*, scope: Scope, actor: object, year: int, kommunenummer: str,
               bydelsnummer: str = "", layout: Layout | None = None) -> KostraFile:
    """Return the 11CF file: everyone in a qualification programme some time in the year
    (``kvp.Deltakelse``) or paid § 35 kvalifiseringsstønad in it, one record each."""
    layout = layout or load_layout("11CF", year)
    kontor_ids = [k for k in offices_for(kommunenummer, bydelsnummer) if k in scope.kontor_ids]
    c = _Collector(kontor_ids, year)
    c.payments(kvp=True)
    programmes = c.programmes()
    c.people()
    c.children(c.last_contact())
    c.recorded()
    c.social_help_around(programmes)
    avsl = {code: name for code, name in code_fields(layout, "AVSL_").items()}
    recipients = sorted(c.by_person.values(), key=lambda r: r.person_id)
    records = [blank_unknown_codes(layout, record_11cf(
        layout, r, programmes.get(r.person_id), kommunenummer=kommunenummer,
        bydelsnummer=bydelsnummer, avsl=avsl)) for r in recipients]
    data = write_file(layout, records)
    _audit(actor, kontor_ids, "11CF")
    return KostraFile("11CF", year, kommunenummer, bydelsnummer, data,
                      check_file(layout, data, kommunenummer=kommunenummer,
                                 bydelsnummer=bydelsnummer),
                      {i: r.soknad_id for i, r in enumerate(recipients, 1) if r.soknad_id},
                      gaps=("KVP_KOMM, KOMMNR_KVP_KOMM, YTELSE_INTRO/TILTAKSPENGER/FOLKETRYGDL "
                            "og bostøtte under programmet registreres ikke ennå (valgfrie "
                            "felt, står blanke)",))


def build(schema: str, **kwargs: object) -> KostraFile:
    """``build_11f`` or ``build_11cf`` by the schema's name."""
    if schema == "11F":
        return build_11f(**kwargs)  # type: ignore[arg-type]
    if schema == "11CF":
        return build_11cf(**kwargs)  # type: ignore[arg-type]
    raise ValueError(schema)


@dataclass(frozen=True, order=True)
class Area:
    """A kommune (or an Oslo bydel) the caller's offices report for."""

    kommunenummer: str
    navn: str
    bydelsnummer: str

    @property
    def key(self) -> str:
        return self.kommunenummer + (f"-{self.bydelsnummer}" if self.bydelsnummer else "")


def areas_for(scope: Scope) -> list[Area]:
    """The kommuner (Oslo: the bydeler) served by the offices in the caller's scope."""
    rows = (NavKontor.objects.filter(pk__in=scope.kontor_ids)
            .values_list("kommuner__nummer", "kommuner__navn", "bydelsnummer"))
    return sorted({Area(n, navn, b if n == "0301" else "") for n, navn, b in rows if n})
