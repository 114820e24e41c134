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
from sosialsak.contexts.intake.household import household_of
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

    @property
    def livsopphold(self) -> bool:
        return self.result is not None


def _fail(field: str, message: str) -> UnableToRecordVedtak:
    return UnableToRecordVedtak(f"{field}: {message}", field=field)


def _poster(soknad: Soknad, data: VedtakUtkast) -> list[SoktStonad]:
    poster = list(SoktStonad.objects.filter(soknad=soknad, pk__in=data.post_ids))
    if not data.post_ids or len(poster) != len(set(data.post_ids)):
        raise _fail("post_ids", "velg det eller de tingene i søknaden som vedtaket gjelder.")
    return poster


def household(soknad: Soknad, data: VedtakUtkast, children: list[Barn]) -> rules.Household:
    """Return the household facts of the application for the livsopphold rule."""
    person = soknad.person
    if person.fodselsdato is None:
        raise _fail("fodselsdato", "søkerens fødselsdato mangler; livsopphold kan ikke beregnes.")
    adults = [rules.Person(person.fodselsdato)]
    partner = household_of(soknad).partner  # as stated in this application (issue 10)
    if partner is not None and partner.bor_sammen and partner.fodselsdato:
        adults.append(rules.Person(partner.fodselsdato))
    try:
        income = tuple(rules.Income(rules.IncomeType(i.type), Decimal(i.belop))
                       for i in data.inntekter)
    except ValueError as exc:
        raise _fail("inntekter", "ukjent inntektstype.") from exc
    return rules.Household(
        adults=tuple(adults), children=tuple(rules.Person(b.fodselsdato) for b in children),
        shares_dwelling=soknad.deler_bolig,
        housing_costs=rules.HousingCosts(rent=Decimal(data.husleie),
                                         electricity=Decimal(data.strom)),
        income=income)


def calculate(soknad: Soknad, data: VedtakUtkast, children: list[Barn],
              month: date) -> rules.LivsoppholdResult:
    assessment = rules.IndividualAssessment(
        data.individuell_vurdering,
        tuple(rules.Adjustment(Decimal(j.belop), j.begrunnelse) for j in data.justeringer),
    ) if data.individuell_vurdering.strip() else None
    try:
        return rules.calculate_livsopphold(
            household=household(soknad, data, children), month=month.replace(day=1),
            rules=current_ruleset(), kommune=kommune_of(soknad) or None,
            assessment=assessment)
    except DomainError as exc:
        raise UnableToRecordVedtak(exc.message, code=exc.code, **exc.extra) from exc


def kommune_of(soknad: Soknad) -> str:
    """Return the municipality responsible for the case (sotjl. § 3: the office's), whose
    rates apply, not the one on the person's registered address). The kommune the applicant
    stated in this application only picks among an interkommunalt office's own."""
    stated = household_of(soknad).husstand
    return responsible_kommune(kontor_id=soknad.kontor_id,
                               bosted=stated.kommunenummer if stated else "")


def rate_problems(soknad: Soknad, data: VedtakUtkast, today: date) -> list[Problem]:
    """Return a problem for each year of the decision's period whose rates the municipality
    has not confirmed (a set starting that year, or a leder's confirmation): a livsopphold
    decision is never made on last year's rates by default."""
    fra = data.periode_fra or today
    last = data.periode_til - timedelta(days=1) if data.periode_til else fra
    kommune, out = kommune_of(soknad), []
    for month in sorted({fra.replace(day=1), last.replace(day=1)}):
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
    children = children_in(household_of(soknad).barn, today)
    granted = data.utfall in ("INNVILGET", "DELVIS_INNVILGET")
    is_livsopphold = data.hjemmel in LIVSOPPHOLD_HJEMLER and any(
        p.type == "LIVSOPPHOLD" for p in poster)
    result = None
    belop = data.belop if granted else None
    if is_livsopphold and granted:
        result = calculate(soknad, data, children, data.periode_fra or today)
        belop = result.amount
    checks = rule_checks(soknad, data, today, poster)
    stale = rate_problems(soknad, data, today) if result is not None else []
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
                     belop=max(belop or 0, data.ramme.belop if data.ramme else 0) or None),
                 today=today)


def periode_inclusive(fra: date | None, til: date | None) -> tuple[date, date] | None:
    """Return the half-open ``[fra, til)`` as the letter's inclusive period."""
    if fra is None or til is None:
        return None
    return fra, til - timedelta(days=1)
