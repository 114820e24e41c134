"""Build a decision from the builder's input: the calculation, the rules' checks, the policy's
problems and the letter. Shared by the preview (a read) and by making the decision (a write),
so the caseworker previews exactly what will be made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sosialsak import rules
from sosialsak.contexts.accounts.queries import responsible_kommune
from sosialsak.contexts.cases.queries import children_in
from sosialsak.contexts.decisions.models import KvpVurdering, Vilkar, VilkarStatus
from sosialsak.contexts.decisions.operations._core import UnableToRecordVedtak
from sosialsak.contexts.decisions.operations._inputs import VedtakUtkast
from sosialsak.contexts.decisions.operations._settings import decision_settings
from sosialsak.contexts.decisions.policy import (
    CheckResult,
    DecisionSettings,
    Problem,
    VedtakFacts,
    VilkarFacts,
    needs_approval,
    problems,
)
from sosialsak.contexts.intake.household import SoknadHousehold, household_of
from sosialsak.contexts.intake.models import Soknad, SoktStonad
from sosialsak.contexts.people.models import Barn
from sosialsak.contexts.rates.queries import current_ruleset
from sosialsak.contexts.rates.status import rate_set_status
from sosialsak.kernel.bounds import EARLIEST_CASE_DATE, LATEST_CASE_DATE, in_case_range
from sosialsak.kernel.errors import DomainError

# § 21 (the form: goods and services) on a livsopphold item is still a decision about
# livsopphold: the calculation, the children's guard and the § 20 a checks apply to it too.
LIVSOPPHOLD_HJEMLER = ("§ 18", "§ 21")
CHECKED_HJEMLER = ("§ 18", "§ 18 nødhjelp", "§ 19")


def _checked_basis(hjemmel: str, poster: list[SoktStonad]) -> bool:
    """Whether the § 20 / § 20 a checks run: § 18, nødhjelp, § 19, and § 21 on livsopphold."""
    return hjemmel in CHECKED_HJEMLER or (
        hjemmel == "§ 21" and any(p.type == "LIVSOPPHOLD" for p in poster))


@dataclass(frozen=True)
class Built:
    """A decision as it would be made: amount, calculation, checks and what still blocks it."""

    soknad: Soknad
    data: VedtakUtkast
    poster: list[SoktStonad]
    children: list[Barn]
    belop: int | None
    result: rules.LivsoppholdResult | None
    checks: list[CheckResult]
    problems: list[Problem]
    settings: DecisionSettings
    needs_approval: bool
    today: date
    # Every month of the period calculated on its own (livsopphold or KVP), and what is paid
    # for each month; empty for a one-month livsopphold decision and other decisions.
    period: rules.LivsoppholdPeriod | None = None
    kvp: rules.KvpPeriode | None = None
    maneder: tuple[tuple[date, int], ...] = ()
    # The household and the municipality whose rates and appeal body apply, read once per
    # build and passed along to the letter (issue 11).
    kommune: str = ""
    household: SoknadHousehold | None = None

    @property
    def livsopphold(self) -> bool:
        return self.result is not None

    @property
    def total(self) -> int | None:
        """The sum paid for the period when it is calculated month by month."""
        return sum(b for _, b in self.maneder) if self.maneder else None

    @property
    def flags(self) -> list[tuple[str, str]]:
        """The calculation's flags over every month (each code once), and for KVP the
        unverified barnetillegg rate that the municipality must confirm."""
        out: dict[str, str] = {}
        for r in self.period.months if self.period else ([self.result] if self.result else []):
            for f in r.flags:
                out.setdefault(f.code, f.message)
        for m in self.kvp.months if self.kvp else ():
            for line in m.lines:
                if line.kind == "kvp_barnetillegg" and "ikke verifisert" in line.detail:
                    out.setdefault("KVP_BARNETILLEGG_IKKE_VERIFISERT", KVP_BARNETILLEGG_NOTE)
        return list(out.items())

    def forklaring(self) -> str:
        """The calculation line by line, each month under its own heading."""
        if self.kvp is not None:
            return "\n\n".join(
                f"== {m.month:%m.%Y} ==\n" + "\n".join(
                    f"{line.rule}: {line.amount} kr ({line.hjemmel})"
                    + (f" – {line.detail}" if line.detail else "") for line in m.lines)
                + f"\nStønad for måneden: {m.amount} kr" for m in self.kvp.months)
        months = self.period.months if self.period else ([self.result] if self.result else [])
        if len(months) == 1:
            return rules.render_for_caseworker(months[0])
        return "\n\n".join(f"== {r.month:%m.%Y} ==\n{rules.render_for_caseworker(r)}"
                             for r in months)


KVP_BARNETILLEGG_NOTE = ("Satsen for barnetillegg i kvalifiseringsstønaden er ikke verifisert. "
                         "Kommunen må bekrefte satsen før vedtaket fattes.")


def _fail(field: str, message: str) -> UnableToRecordVedtak:
    return UnableToRecordVedtak(f"{field}: {message}", field=field)


def _poster(soknad: Soknad, data: VedtakUtkast) -> list[SoktStonad]:
    poster = list(SoktStonad.objects.filter(soknad=soknad, pk__in=data.post_ids))
    if not data.post_ids or len(poster) != len(set(data.post_ids)):
        raise _fail("post_ids", "velg det eller de tingene i søknaden som vedtaket gjelder.")
    return poster


# The field names of the household as the caseworker knows them (people.Partner, Barn).
_HOUSEHOLD_FIELDS = {"partner.birth_date": "partner.fodselsdato",
                     "applicant.birth_date": "fodselsdato"}


def _household_field(field: str) -> str:
    if field.startswith("children["):
        return "barn" + field[len("children"):].replace("birth_date", "fodselsdato")
    return _HOUSEHOLD_FIELDS.get(field, field)


def household(soknad: Soknad, data: VedtakUtkast, children: list[Barn],
              hh: SoknadHousehold | None = None) -> rules.Household:
    """Return the household facts of the application for the livsopphold rule.

    Who is in the household is ``rules.members_at_rate`` fed from ``household_of(soknad)``
    (the one definition ``calculate --soknad`` uses too): a partner who lives with the
    applicant but has no birth date stops the decision naming ``partner.fodselsdato``; a
    samvær child is no child rate (counted, so the SAMVAER_IKKE_VURDERT flag shows).
    ``hh`` is the household already read for this build (read here when not given)."""
    partner = (hh or household_of(soknad)).partner  # as stated in this application (issue 10)
    try:
        members = rules.members_at_rate(
            applicant_birth_date=soknad.person.fodselsdato,
            partner=rules.PartnerFacts(partner.fodselsdato, lives_together=partner.bor_sammen)
            if partner is not None else None,
            children=[rules.ChildFacts(b.fodselsdato, getattr(b, "bosted", "FAST"))
                      for b in children])
    except rules.InvalidHousehold as exc:
        field = _household_field(exc.field)
        raise _fail(field, exc.message.split(": ", 1)[-1]) from None
    try:
        income = tuple(rules.Income(rules.IncomeType(i.type), Decimal(i.belop))
                       for i in data.inntekter)
    except ValueError as exc:
        raise _fail("inntekter", "ukjent inntektstype.") from exc
    return rules.Household(
        adults=members.adults, children=members.children,
        samvaer_children=members.samvaer_children, shares_dwelling=soknad.deler_bolig,
        housing_costs=rules.HousingCosts(rent=Decimal(data.husleie),
                                         electricity=Decimal(data.strom)),
        income=income)


def period_months(data: VedtakUtkast, today: date) -> tuple[date, date]:
    """Return the first and the last month of the decision's period (inclusive)."""
    fra = data.periode_fra or today
    last = data.periode_til - timedelta(days=1) if data.periode_til else fra
    return fra.replace(day=1), max(last, fra).replace(day=1)


def calculate(soknad: Soknad, data: VedtakUtkast, children: list[Barn],
              today: date, *, hh: SoknadHousehold, kommune: str) -> rules.LivsoppholdPeriod:
    """Return livsopphold for every month of the period, each month on its own (a child's new
    age band or 18th birthday, a new rate set; ``rules.calculate_livsopphold_period``)."""
    assessment = rules.IndividualAssessment(
        data.individuell_vurdering,
        tuple(rules.Adjustment(Decimal(j.belop), j.begrunnelse, j.grunnlag or None)
              for j in data.justeringer),
    ) if data.individuell_vurdering.strip() else None
    under_18 = rules.Under18Assessment(Decimal(data.under_18.belop),
                                       data.under_18.begrunnelse) if data.under_18 else None
    first, last = period_months(data, today)
    try:
        return rules.calculate_livsopphold_period(
            household=household(soknad, data, children, hh), first_month=first,
            last_month=last, rules=current_ruleset(), kommune=kommune or None,
            assessment=assessment, under_18=under_18)
    except DomainError as exc:
        raise UnableToRecordVedtak(exc.message, code=exc.code, **exc.extra) from exc


def kvp_calculate(soknad: Soknad, data: VedtakUtkast, children: list[Barn],
                  today: date) -> rules.KvpPeriode:
    """Return kvalifiseringsstønad (§ 35) for every month of the period: G in force each day
    (1 May), barnetillegg for the children living in the household, and the reduction for the
    other income of each month."""
    born = soknad.person.fodselsdato
    if born is None:
        raise _fail("fodselsdato", "søkerens fødselsdato mangler; stønaden kan ikke beregnes.")
    kvp = data.kvp
    assert kvp is not None
    first, last = period_months(data, today)
    income: dict[date, list[rules.KvpInntekt]] = {}
    for i, x in enumerate(kvp.inntekter):
        try:
            kind = rules.KvpInntektType(x.type)
        except ValueError:
            raise _fail(f"kvp.inntekter[{i}].type", "ukjent inntektstype.") from None
        if x.belop < 0:
            raise _fail(f"kvp.inntekter[{i}].belop", "beløpet kan ikke være negativt.")
        income.setdefault(x.maned.replace(day=1), []).append(
            rules.KvpInntekt(kind, Decimal(x.belop)))
    barn = [b.fodselsdato for b in children if getattr(b, "bosted", "FAST") != "SAMVAER"]
    # Paid from the later of the participation's start and the decision's period start: a
    # decision from the 15th pays the first month from the 15th (by weekdays, § 35), never
    # the whole month, even when the programme began earlier (issue 11).
    starts = [d for d in (kvp.deltakelse_fra, data.periode_fra) if d is not None]
    try:
        return rules.kvp_periode(
            first_month=first, last_month=last, fodselsdato=born,
            deltakelse_fra=max(starts) if starts else today,
            deltakelse_til=data.periode_til, barn=barn, andre_inntekter=income,
            rules=current_ruleset())
    except DomainError as exc:
        raise UnableToRecordVedtak(exc.message, code=exc.code, **exc.extra) from exc


def kommune_of(soknad: Soknad, hh: SoknadHousehold | None = None) -> str:
    """Return the municipality responsible for the case (sotjl. § 3: the office's), whose
    rates apply, not the one on the person's registered address). The kommune the applicant
    stated in this application only picks among an interkommunalt office's own. ``hh`` is the
    household already read (read here when not given)."""
    stated = (hh or household_of(soknad)).husstand
    return responsible_kommune(kontor_id=soknad.kontor_id,
                               bosted=stated.kommunenummer if stated else "")


def rate_problems(soknad: Soknad, data: VedtakUtkast, today: date,
                  kommune: str | None = None) -> list[Problem]:
    """Return a problem for each year of the decision's period whose rates the municipality
    has not confirmed (a set starting that year, or a leder's confirmation): a livsopphold
    decision is never made on last year's rates by default."""
    fra = data.periode_fra or today
    last = data.periode_til - timedelta(days=1) if data.periode_til else fra
    kommune = kommune_of(soknad) if kommune is None else kommune
    out = []
    # the first month and January of every later year of the period (each month is
    # calculated on its own rates)
    months = {fra.replace(day=1)} | {date(y, 1, 1) for y in range(fra.year + 1, last.year + 1)}
    for month in sorted(months):
        status = rate_set_status(kommune=kommune, month=month)
        if not status.covered:
            out.append(Problem("satser_ikke_bekreftet", "periode_fra", status.message))
    return out


def _as_check(s: rules.Sjekk) -> CheckResult:
    return CheckResult(s.code, s.ok, s.applies, s.message, s.hjemmel)


def _activity_in_force(soknad: Soknad, data: VedtakUtkast, today: date) -> list[rules.Vilkar]:
    """Return the person's activity conditions, set in other decisions, whose period overlaps
    this one: § 20 a asks for an activity condition for the period, not one per decision, so a
    rent decision beside a livsopphold decision with a condition needs no exemption."""
    fra = data.periode_fra or today
    til = data.periode_til or fra + timedelta(days=1)
    rows = Vilkar.objects.filter(
        vedtak__sak__soknad__person_id=soknad.person_id, aktivitet=True,
        status=VilkarStatus.RELEVANT, vedtak__periode_fra__lt=til, vedtak__periode_til__gt=fra,
    ).exclude(vedtak__endringer__isnull=False)  # a replaced decision's conditions are gone
    return [rules.Vilkar(type=rules.VilkarType(v.kode), satt=v.satt or today,
                         beskrivelse=v.beskrivelse, aktivitet=True) for v in rows]


def rule_checks(soknad: Soknad, data: VedtakUtkast, today: date,
                poster: list[SoktStonad] | None = None) -> list[CheckResult]:
    """Run the § 20 / § 20 a checks for a granted decision on livsopphold or § 19."""
    born = soknad.person.fodselsdato
    if data.utfall not in ("INNVILGET", "DELVIS_INNVILGET") or born is None or (
            not _checked_basis(data.hjemmel, poster or [])):
        return []
    ruleset = current_ruleset()
    vilkar = [rules.Vilkar(type=rules.VilkarType(v.kode), satt=today, beskrivelse=v.beskrivelse,
                           aktivitet=v.aktivitet) for v in data.vilkar]
    unntak = rules.Unntak(tuple(rules.UnntakGrunn(g) for g in data.unntak.grunner),
                          data.unntak.begrunnelse) if data.unntak else None
    kvp = (KvpVurdering.objects.filter(person_id=soknad.person_id, vurdert_dato__lte=today,
                                       soknad__kontor_id=soknad.kontor_id)  # issue 10
           .order_by("-vurdert_dato").values_list("vurdert_dato", flat=True).first())
    n = data.norsk
    return [_as_check(s) for s in (
        rules.sjekk_aktivitetsplikt(fodselsdato=born, vedtaksdato=today,
                                    vilkar=vilkar + _activity_in_force(soknad, data, today),
                                    unntak=unntak, rules=ruleset,
                                    nodssituasjon=data.hjemmel == "§ 18 nødhjelp"),
        rules.sjekk_kvp_vurdert(vilkar=vilkar, kvp_vurdert=kvp, rules=ruleset),
        rules.sjekk_norskopplaering(
            fodselsdato=born, vedtaksdato=today, vilkar=vilkar,
            manglende_norsk_er_arsak=n.manglende_norsk_er_arsak,
            rett_og_plikt_introduksjonsprogram=n.rett_og_plikt_introduksjonsprogram,
            vurdert=n.vurdert, tungtveiende_grunner=n.tungtveiende_grunner, rules=ruleset),
    )]


def _check_dates(data: VedtakUtkast) -> None:
    """Every date in the decision lies in the case range of ``kernel.bounds`` (issue 10)."""
    dates = [("periode_fra", data.periode_fra), ("periode_til", data.periode_til)]
    dates += [(f"vilkar[{i}].frist", v.frist) for i, v in enumerate(data.vilkar)]
    dates += [(f"dokumentasjonskrav[{i}].frist", k.frist)
              for i, k in enumerate(data.dokumentasjonskrav)]
    for field, day in dates:
        if day is not None and not in_case_range(day):
            raise _fail(field, f"datoen må ligge mellom {EARLIEST_CASE_DATE:%d.%m.%Y} og "
                               f"{LATEST_CASE_DATE:%d.%m.%Y}.")


def _check_codes(data: VedtakUtkast) -> None:
    _check_dates(data)
    for i, v in enumerate(data.vilkar):
        try:
            rules.VilkarType(v.kode)
        except ValueError:
            raise _fail(f"vilkar[{i}].kode", f"ukjent vilkårstype «{v.kode}».") from None
    if data.unntak:
        for g in data.unntak.grunner:
            if g not in set(rules.UnntakGrunn):
                raise _fail("unntak.grunner", f"ukjent unntaksgrunn «{g}».")


def is_nodhjelp(data: VedtakUtkast, poster: list[SoktStonad]) -> bool:
    """Whether the decision is emergency help (§ 18 nødhjelp, or an item of type NODHJELP)."""
    return data.hjemmel == "§ 18 nødhjelp" or any(p.type == "NODHJELP" for p in poster)


def _assesses_children(data: VedtakUtkast, poster: list[SoktStonad]) -> bool:
    """Whether the reasons must address each child: every decision on the merits (not a
    dismissal), except nødhjelp, which is decided at once and followed up with mapping."""
    return data.utfall != "AVVIST" and not is_nodhjelp(data, poster)


def build(*, soknad: Soknad, data: VedtakUtkast, today: date) -> Built:
    """Return the decision as it would be made on ``today``; raise only for malformed input."""
    poster = _poster(soknad, data)
    _check_codes(data)
    hh = household_of(soknad)  # read once for the whole build (issue 11)
    kommune = kommune_of(soknad, hh)
    barn = hh.barn
    children = children_in(barn, today)  # whose needs the reasons must address
    first_month = period_months(data, today)[0]
    granted = data.utfall in ("INNVILGET", "DELVIS_INNVILGET")
    is_livsopphold = data.hjemmel in LIVSOPPHOLD_HJEMLER and any(
        p.type == "LIVSOPPHOLD" for p in poster)
    result, period, kvp, maneder = None, None, None, []
    belop = data.belop if granted else None
    if is_livsopphold and granted:
        # Each month on its own; the children under 18 at the start (18 later: the rules).
        period = calculate(soknad, data, children_in(barn, first_month), today, hh=hh,
                           kommune=kommune)
        result = period.months[0]
        belop = result.amount
        if len(period.months) > 1:
            maneder = rules.month_shares(data.periode_fra, data.periode_til,
                                         [(r.month, r.amount) for r in period.months])
    elif data.hjemmel == "§ 35" and granted and data.kvp is not None:
        kvp = kvp_calculate(soknad, data, barn, today)
        maneder = [(m.month, m.amount) for m in kvp.months]
        belop = maneder[0][1]
    checks = rule_checks(soknad, data, today, poster)
    stale = rate_problems(soknad, data, today, kommune) if result is not None else []
    facts = VedtakFacts(
        hjemmel=data.hjemmel, utfall=data.utfall, stonadsform=data.stonadsform,
        livsopphold=is_livsopphold and granted, individuell_vurdering=data.individuell_vurdering,
        begrunnelse=data.begrunnelse, fakta=data.fakta,
        children=[(b.pk, b.navn) for b in children] if _assesses_children(data, poster)
        else [],
        barnevurderinger={b.barn_id: b.vurdering for b in data.barn},
        vilkar=[VilkarFacts(v.beskrivelse, v.frist, v.oppfolging, v.konsekvens,
                            v.holder_tilbake_utbetaling, v.utsettelse_grunnlag)
                for v in data.vilkar],
        checks=checks, nedbetaling=data.nedbetaling,
        dokumentasjonskrav=[k.tittel for k in data.dokumentasjonskrav],
        ramme_belop=data.ramme.belop if data.ramme else None,
        har_periode=bool(data.periode_fra and data.periode_til),
        nodhjelp=is_nodhjelp(data, poster), nodhjelp_vilkar_grunn=data.nodhjelp_vilkar_grunn)
    settings = decision_settings(soknad.kontor_id)
    return Built(soknad=soknad, data=data, poster=poster, children=children, belop=belop,
                 result=result, checks=checks, problems=stale + problems(facts), settings=settings,
                 needs_approval=needs_approval(
                     settings, utfall=data.utfall,
                     belop=approval_amount(data, belop, maneder, monthly=is_livsopphold)),
                 today=today, period=period, kvp=kvp, maneder=tuple(maneder), kommune=kommune,
                 household=hh)


def approval_amount(data: VedtakUtkast, belop: int | None, maneder: list[tuple[date, int]],
                    *, monthly: bool = False) -> int | None:
    """Return the amount four-eyes compares with the office's threshold: what the decision
    gives **in all over its period** (docs/rules.md, «To-trinns godkjenning»), the same way
    whether it is paid at once or month by month: the months' sum for a decision calculated
    month by month; a monthly amount (livsopphold, or paid monthly) for every month of the
    period, part months by days; a one-off amount as it is; a frame decision's monthly frame
    over the period when that is higher."""
    fra, til = data.periode_fra, data.periode_til
    months = rules.months_between(fra, til) if fra and til else []
    per_month = monthly or (data.utbetaling is not None
                            and data.utbetaling.hyppighet == "MANEDLIG")
    if maneder:
        total = sum(b for _, b in maneder)
    elif belop and per_month and months:
        total = sum(rules.month_share(belop, m, fra, til) for m in months)
    else:
        total = belop or 0
    if data.ramme is not None:
        frame = sum(rules.month_share(data.ramme.belop, m, fra, til) for m in months)
        total = max(total, frame or data.ramme.belop)
    return total or None


def periode_inclusive(fra: date | None, til: date | None) -> tuple[date, date] | None:
    """Return the half-open ``[fra, til)`` as the letter's inclusive period."""
    if fra is None or til is None:
        return None
    return fra, til - timedelta(days=1)
