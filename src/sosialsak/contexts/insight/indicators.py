"""The national-goal indicators for an area and a period (issue 15 item 3). Each indicator
states its definition in plain words (shown on the page) and keeps, for each figure, the
applications behind it, so the leder can open the cases (``cases_behind``, audited).

The period is ``fra`` to ``til`` (both included) on the date named in each definition. Figures
are computed from the records as they stand; no personal data leaves this module except as
application ids for the scoped, audited drill-down.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.models import (
    Brev,
    BrevType,
    Dokumentasjonskrav,
    Kartleggingsdel,
    KravStatus,
    Samtale,
    Veiledning,
)
from sosialsak.contexts.decisions.models import (
    Klage,
    KlageStatus,
    KvpVurdering,
    SakStatus,
    StatsforvalterUtfall,
    Utfall,
    Vedtak,
    VedtakArt,
    VilkarStatus,
)
from sosialsak.contexts.insight.area import Area, area_q
from sosialsak.contexts.intake.models import Kanal, Soknad
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.contexts.services.models import Radgivning, RadgivningUtfall
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import forelopig_svar_frist
from sosialsak.rules.household import age_on
from sosialsak.rules.stats import median, percentile, share
from sosialsak.rules.vilkar import UnntakGrunn

GRANTED = (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET)
IN_FORCE = (VilkarStatus.RELEVANT, VilkarStatus.OPPFYLT, VilkarStatus.IKKE_OPPFYLT)
LIVSOPPHOLD_HJEMLER = ("§ 18", "§ 19")
FINANCIAL_TOPICS = ("OKONOMISK_RADGIVNING", "GJELDSRADGIVNING")
LONG_TERM_MONTHS, LONG_TERM_WINDOW = 6, 12  # the decision settings' defaults


@dataclass(frozen=True)
class Period:
    fra: date
    til: date  # included

    def q(self, field_name: str, *, is_datetime: bool = True) -> Q:
        suffix = "__date" if is_datetime else ""
        return Q(**{f"{field_name}{suffix}__gte": self.fra,
                    f"{field_name}{suffix}__lte": self.til})


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    soknad_ids: frozenset[int]
    count: int
    share: Fraction | None = None
    median_days: float | None = None
    p90_days: float | None = None

    @property
    def median_text(self) -> str:
        return _days(self.median_days)

    @property
    def p90_text(self) -> str:
        return _days(self.p90_days)

    @property
    def percent(self) -> str:
        if self.share is None:
            return "–"
        return f"{float(self.share) * 100:.1f} %".replace(".", ",")


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    definition: str
    unit: str
    total: int
    groups: list[Group] = field(default_factory=list)
    available: bool = True
    note: str = ""
    per_case: str = ""  # e.g. requests per application

    def group(self, key: str) -> Group | None:
        return next((g for g in self.groups if g.key == key), None)


def _g(key: str, label: str, ids: set[int] | frozenset[int], total: int,
       count: int | None = None) -> Group:
    n = len(ids) if count is None else count
    return Group(key, label, frozenset(ids), n, share(n, total) if total else None)


def _decisions(scope: Scope, area: Area, period: Period) -> Q:
    return (area_q(scope, area, "sak__soknad__") & period.q("fattet_at")
            & Q(sak__status=SakStatus.AKTIV))


def activity_under_30(scope: Scope, area: Area, period: Period) -> Indicator:
    rows = (Vedtak.objects.filter(_decisions(scope, area, period), utfall__in=GRANTED,
                                  art=VedtakArt.ORDINAER, hjemmel__in=LIVSOPPHOLD_HJEMLER,
                                  sak__soknad__person__fodselsdato__isnull=False)
            .values_list("pk", "sak__soknad_id", "fattet_at",
                         "sak__soknad__person__fodselsdato", "vilkarsvurdering"))
    young = {pk: (s, v) for pk, s, at, born, v in rows
             if born is not None and age_on(born, local_date(at)) < 30}
    # One filter() call: the same condition must be an activity and not annulled.
    active = set(Vedtak.objects.filter(pk__in=young, vilkar__aktivitet=True,
                                       vilkar__status__in=IN_FORCE)
                 .values_list("pk", flat=True))
    by_reason: dict[str, set[int]] = defaultdict(set)
    exempt, neither = set(), set()
    for pk, (_soknad, vurdering) in young.items():
        if pk in active:
            continue
        unntak = (vurdering or {}).get("unntak") or {}
        if unntak.get("grunner"):
            exempt.add(pk)
            for g in unntak["grunner"]:
                by_reason[str(g)].add(pk)
        else:
            neither.add(pk)
    total = len(young)

    def apps(pks: set[int]) -> set[int]:
        return {young[p][0] for p in pks}

    groups = [_g("aktivitet", str(_("Med vilkår om aktivitet")), apps(active), total,
                 len(active)),
              _g("unntak", str(_("Med unntak (alle grunner)")), apps(exempt), total,
                 len(exempt))]
    unntak_word = _("Unntak")
    groups += [_g(f"unntak-{g.value}", f"{unntak_word}: {_(g.label)}",
                  apps(by_reason.get(g.value, set())), total, len(by_reason.get(g.value, ())))
               for g in UnntakGrunn]
    groups.append(_g("ingen", str(_("Verken vilkår om aktivitet eller unntak")),
                     apps(neither), total, len(neither)))
    return Indicator(
        "aktivitetsplikt", str(_("Aktivitetsplikt for mottakere under 30 år")),
        str(_("Vedtak om stønad til livsopphold (§ 18 og § 19, ikke nødhjelp) fattet i "
              "perioden for personer under 30 år på vedtaksdagen. Andelen med minst ett vilkår "
              "om aktivitet som ikke er annullert, andelen med unntak etter § 20 a (etter "
              "grunn; et vedtak kan ha flere grunner) og andelen med verken vilkår eller "
              "unntak.")), str(_("vedtak")), total, groups)


def children_mapped(scope: Scope, area: Area, period: Period) -> Indicator:
    rows = (Vedtak.objects.filter(_decisions(scope, area, period), art=VedtakArt.ORDINAER)
            .exclude(utfall=Utfall.AVVIST).exclude(hjemmel="§ 18 nødhjelp")
            .exclude(barnevurderinger=[])
            .order_by("sak__soknad_id", "fattet_at")
            .values_list("sak__soknad_id", "fattet_at", "barnevurderinger"))
    first: dict[int, tuple[datetime, list[int]]] = {}
    for soknad, at, barn in rows:
        ids = [int(b["barn_id"]) for b in barn or [] if b.get("barn_id")]
        if ids and soknad not in first:
            first[soknad] = (at, ids)
    sections: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
    for barn_id, at, fullfort, grunn in (Kartleggingsdel.objects.filter(
            del_type="BARN", barn_id__in={b for _at, ids in first.values() for b in ids})
            .values_list("barn_id", "skrevet_at", "fullfort", "ikke_kartlagt_grunn")):
        sections[barn_id].append((at, fullfort or bool(grunn.strip())))
    mapped = {s for s, (at, ids) in first.items()
              if all(any(w <= at and ok for w, ok in sections[b]) for b in ids)}
    total = len(first)
    return Indicator(
        "barn_kartlagt", str(_("Barn kartlagt før vedtak")),
        str(_("Søknader fra familier med barn som fikk sitt første vedtak i saken (ikke "
              "avvisning, ikke nødhjelp) i perioden. Kartlagt: hvert barn vedtaket vurderer har "
              "en barnedel i kartleggingen som er fullført, eller har en grunn til at den ikke "
              "er kartlagt, skrevet før vedtaket ble fattet.")), str(_("familier")), total,
        [_g("kartlagt", str(_("Alle barn kartlagt før vedtaket")), mapped, total),
         _g("ikke_kartlagt", str(_("Ikke alle barn kartlagt")), set(first) - mapped, total)])


def _first_decisions(scope: Scope, area: Area, period: Period) -> dict[int, date]:
    """Each application's first decision date, for those whose first decision is in period
    (the minimum is taken by the database; the day is the local one)."""
    rows = (Vedtak.objects.filter(area_q(scope, area, "sak__soknad__"),
                                  sak__status=SakStatus.AKTIV, art=VedtakArt.ORDINAER)
            .values("sak__soknad_id").annotate(first=Min("fattet_at"))
            .filter(first__date__gte=period.fra - timedelta(days=1),
                    first__date__lte=period.til + timedelta(days=1))
            .values_list("sak__soknad_id", "first"))
    firsts = {s: local_date(at) for s, at in rows}
    return {s: d for s, d in firsts.items() if period.fra <= d <= period.til}


def processing_time(scope: Scope, area: Area, period: Period) -> Indicator:
    firsts = _first_decisions(scope, area, period)
    received = dict(Soknad.objects.filter(pk__in=firsts).values_list("pk", "mottatt_at"))
    kanal = dict(Soknad.objects.filter(pk__in=firsts).values_list("pk", "kanal"))
    days: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, d in firsts.items():
        days[kanal[s]].append((s, (d - local_date(received[s])).days))
    total = len(firsts)
    groups = []
    for k in Kanal:
        rows = days.get(k.value, [])
        values = [float(x) for _s, x in rows]
        groups.append(Group(k.value.lower(), str(k.label), frozenset(s for s, _x in rows),
                            len(rows), share(len(rows), total) if total else None,
                            median(values), percentile(values, 90) if values else None))
    return Indicator(
        "behandlingstid", str(_("Saksbehandlingstid etter kanal")),
        str(_("Dager fra søknaden kom inn til det første vedtaket i saken, for søknader "
              "som fikk sitt første vedtak i perioden. Median og 90-persentil (nærmeste rang: "
              "ni av ti fikk svar innen så mange dager).")), str(_("søknader")), total, groups)


def preliminary_replies(scope: Scope, area: Area, period: Period, today: date) -> Indicator:
    apps = dict(Soknad.objects.filter(area_q(scope, area), period.q("mottatt_at"))
                .values_list("pk", "mottatt_at"))
    first_decision: dict[int, date] = {}
    for s, at in (Vedtak.objects.filter(sak__soknad_id__in=apps, art=VedtakArt.ORDINAER)
                  .order_by("fattet_at").values_list("sak__soknad_id", "fattet_at")):
        first_decision.setdefault(s, local_date(at))
    replies: dict[int, date] = {}
    for s, d in (Brev.objects.filter(soknad_id__in=apps, type=BrevType.FORELOPIG_SVAR)
                 .order_by("dato").values_list("soknad_id", "dato")):
        replies.setdefault(s, d)
    needed: set[int] = set()
    on_time: set[int] = set()
    late: set[int] = set()
    missing: set[int] = set()
    for s, at in apps.items():
        due = forelopig_svar_frist(mottatt=local_date(at))
        decided = first_decision.get(s)
        if (decided is not None and decided <= due) or (decided is None and today <= due):
            continue  # answered within the month, or the month has not run out
        needed.add(s)
        sent = replies.get(s)
        (on_time if sent is not None and sent <= due else late if sent else missing).add(s)
    total = len(needed)
    return Indicator(
        "forelopig_svar", str(_("Foreløpig svar sendt i tide")),
        str(_("Søknader som kom inn i perioden og ikke fikk vedtak innen fristen for "
              "foreløpig svar (én måned, forvaltningsloven § 11 a). I tide: et foreløpig "
              "svar er sendt senest på fristen.")), str(_("søknader")), total,
        [_g("i_tide", str(_("Sendt i tide")), on_time, total),
         _g("for_sent", str(_("Sendt etter fristen")), late, total),
         _g("ikke_sendt", str(_("Ikke sendt")), missing, total)])


def documentation(scope: Scope, area: Area, period: Period, today: date) -> Indicator:
    apps = set(Soknad.objects.filter(area_q(scope, area), period.q("mottatt_at"))
               .values_list("pk", flat=True))
    krav = list(Dokumentasjonskrav.objects.filter(soknad_id__in=apps)
                .exclude(status=KravStatus.ANNULLERT)
                .values_list("soknad_id", "status", "frist"))
    asked = {s for s, _st, _f in krav}
    missed = {s for s, st, frist in krav if st == KravStatus.IKKE_LEVERT
              or (st == KravStatus.ETTERSPURT and frist < today)}
    total = len(apps)
    per = f"{len(krav) / total:.2f}".replace(".", ",") if total else "–"
    return Indicator(
        "dokumentasjon", str(_("Etterspurt dokumentasjon")),
        str(_("Søknader som kom inn i perioden. Antall krav om dokumentasjon (ikke trukket "
              "tilbake) per søknad, andelen søknader med minst ett krav, og andelen med en "
              "frist som er gått ut uten at dokumentet kom.")), str(_("søknader")), total,
        [_g("etterspurt", str(_("Med krav om dokumentasjon")), asked, total),
         _g("frist_ute", str(_("Frist gått ut uten dokument")), missed, total)],
        per_case=per)


def interpreter(scope: Scope, area: Area, period: Period) -> Indicator:
    rows = list(Samtale.objects.filter(area_q(scope, area, "soknad__"), period.q("tidspunkt"))
                .values_list("soknad_id", "tolk_brukt"))
    total = len(rows)
    used = [s for s, t in rows if t]
    return Indicator(
        "tolk", str(_("Bruk av tolk")),
        str(_("Samtaler med personen i perioden, og andelen der tolk ble brukt.")),
        str(_("samtaler")), total,
        [_g("tolk", str(_("Samtaler med tolk")), set(used), total, len(used)),
         _g("uten_tolk", str(_("Samtaler uten tolk")), {s for s, t in rows if not t}, total,
            total - len(used))])


def appeals(scope: Scope, area: Area, period: Period) -> Indicator:
    rows = list(Klage.objects.filter(area_q(scope, area, "vedtak__sak__soknad__"),
                                     period.q("mottatt", is_datetime=False))
                .values_list("vedtak__sak__soknad_id", "status", "sf_utfall"))
    total = len(rows)
    groups = [_g(f"status-{st.value.lower()}", str(st.label),
                 {s for s, x, _u in rows if x == st.value}, total,
                 sum(1 for _s, x, _u in rows if x == st.value)) for st in KlageStatus]
    decided = [(s, u) for s, x, u in rows if x == KlageStatus.AVGJORT and u]
    sf_word = _("Statsforvalteren")
    groups += [_g(f"sf-{u.value.lower()}", f"{sf_word}: {u.label}",
                  {s for s, x in decided if x == u.value}, len(decided),
                  sum(1 for _s, x in decided if x == u.value)) for u in StatsforvalterUtfall]
    return Indicator(
        "klager", str(_("Klager og Statsforvalterens utfall")),
        str(_("Klager mottatt i perioden etter hvor de står nå; for klager Statsforvalteren "
              "har avgjort, andelen etter utfall (av de avgjorte).")), str(_("klager")), total,
        groups)


def financial_counselling(scope: Scope, area: Area, period: Period) -> Indicator:
    firsts = _first_decisions(scope, area, period)
    given = {s for s, temaer, nei in Veiledning.objects.filter(soknad_id__in=firsts)
             .values_list("soknad_id", "temaer", "takket_nei")
             if not nei and set(temaer or ()) & set(FINANCIAL_TOPICS)}
    # The counselling service itself (issue 14: services.Radgivning), granted in the case.
    given |= set(Radgivning.objects.filter(soknad_id__in=firsts,
                                           utfall=RadgivningUtfall.INNVILGET)
                 .values_list("soknad_id", flat=True))
    total = len(firsts)
    return Indicator(
        "okonomisk_radgivning", str(_("Økonomisk rådgivning gitt")),
        str(_("Søknader med første vedtak i perioden der personen i saken fikk økonomisk "
              "rådgivning eller gjeldsrådgivning: som veiledning etter § 17 (ikke takket nei) "
              "eller som innvilget rådgivningstjeneste.")),
        str(_("søknader")), total,
        [_g("gitt", str(_("Fikk økonomisk rådgivning")), given, total),
         _g("ikke_gitt", str(_("Fikk ikke")), set(firsts) - given, total)])


def paid_between(first: date, last: date) -> Q:
    """Payments paid from ``first`` to ``last`` (the paid date, else the due date)."""
    return (Q(utbetalt_dato__gte=first, utbetalt_dato__lte=last)
            | Q(utbetalt_dato__isnull=True, forfallsdato__gte=first, forfallsdato__lte=last))


def _months_back(day: date, n: int) -> date:
    k = day.year * 12 + day.month - 1 - n
    return date(k // 12, k % 12 + 1, 1)


def kvp_assessed(scope: Scope, area: Area, period: Period) -> Indicator:
    """Long-term: paid in at least 6 of the 12 months up to the period's end."""
    start = _months_back(period.til, LONG_TERM_WINDOW - 1)
    months: dict[int, set[date]] = defaultdict(set)
    latest: dict[int, int] = {}
    for person, soknad, paid, due in (Utbetaling.objects.filter(
            area_q(scope, area, "vedtak__sak__soknad__"), paid_between(start, period.til),
            status=UtbetalingStatus.UTBETALT)
            .exclude(vedtak__hjemmel="§ 35")
            .values_list("vedtak__sak__soknad__person_id", "vedtak__sak__soknad_id",
                         "utbetalt_dato", "forfallsdato")):
        day = paid or due
        if start <= day <= period.til:
            months[person].add(day.replace(day=1))
            latest[person] = max(latest.get(person, 0), soknad)
    long_term = {p for p, ms in months.items() if len(ms) >= LONG_TERM_MONTHS}
    assessed_people = set(KvpVurdering.objects.filter(
        area_q(scope, area, "soknad__"), person_id__in=long_term,
        vurdert_dato__lte=period.til, vurdert_dato__gte=start - timedelta(days=365))
        .values_list("person_id", flat=True))
    total = len(long_term)
    return Indicator(
        "kvp_vurdert", str(_("Langtidsmottakere vurdert for KVP")),
        str(_("Personer som fikk utbetalt økonomisk sosialhjelp i minst 6 av de 12 månedene "
              "fram til periodens slutt (langtidsmottakere), og andelen som er vurdert for "
              "kvalifiseringsprogrammet (§ 29) de siste to årene.")), str(_("personer")),
        total,
        [_g("vurdert", str(_("Vurdert for KVP")),
            {latest[p] for p in long_term & assessed_people}, total,
            len(long_term & assessed_people)),
         _g("ikke_vurdert", str(_("Ikke vurdert")),
            {latest[p] for p in long_term - assessed_people}, total,
            len(long_term - assessed_people))])


def kvp_places(scope: Scope, area: Area, period: Period) -> Indicator:
    return Indicator(
        "kvp_plasser", str(_("KVP-deltakere mot finansierte plasser")),
        str(_("Deltakere i kvalifiseringsprogrammet mot kontorets finansierte plasser (en "
              "innstilling; direktoratets brev fra 2022 ga 9 200 plasser nasjonalt).")),
        str(_("deltakere")), 0, available=False,
        note=str(_("Ikke ennå: programmet og kontorets plasser registreres ikke i sosialsak "
                   "ennå, så tallet vises ikke.")))


IndicatorFn = Callable[[Scope, Area, Period, date], Indicator]

INDICATORS: dict[str, IndicatorFn] = {
    "aktivitetsplikt": lambda s, a, p, t: activity_under_30(s, a, p),
    "barn_kartlagt": lambda s, a, p, t: children_mapped(s, a, p),
    "kvp_vurdert": lambda s, a, p, t: kvp_assessed(s, a, p),
    "kvp_plasser": lambda s, a, p, t: kvp_places(s, a, p),
    "behandlingstid": lambda s, a, p, t: processing_time(s, a, p),
    "forelopig_svar": preliminary_replies,
    "dokumentasjon": documentation,
    "okonomisk_radgivning": lambda s, a, p, t: financial_counselling(s, a, p),
    "tolk": lambda s, a, p, t: interpreter(s, a, p),
    "klager": lambda s, a, p, t: appeals(s, a, p),
}


def all_indicators(*, scope: Scope, area: Area, period: Period, today: date) -> list[Indicator]:
    """Every indicator for the area and period, in the issue's order. Counts only."""
    return [fn(scope, area, period, today) for fn in INDICATORS.values()]
