"""Pure rules for decisions (no Django): what makes a decision complete, when a second
caseworker must approve it, when a reduction is lawful, and when an appeal is late.

A decision is complete (fvl §§ 24–25, sotjl. §§ 18, 20, 20 a) when:

* it names the facts it rests on and gives reasons; the legal basis is chosen from the list;
* a § 18 livsopphold decision that grants support records the individual assessment (the
  guideline rates are only a starting point, R35 4.18.1.5);
* when the household has children, the reasons address **each** child (R35 4.18.2.6; the
  Directorate's 2022 letter);
* every condition says what the person must do, by when, how it is followed up, and what
  happens if it is not met — otherwise a later reduction is impossible (§ 20 third paragraph);
* a condition holds back a payment only when the decision states the ground for it (the risk
  assessment's «vilkår – utbetaling utsettes»);
* on nødhjelp, a condition needs a recorded reason (conditions do not apply while the person is
  in an emergency) and never holds the help back;
* the rules' checks pass: under 30 an activity condition or an exemption with written
  justification (§ 20 a), the right to KVP assessed before an activity condition, Norwegian
  training where required;
* a granted loan states its repayment terms.

A reduction after a breach is lawful only when the original decision stated the consequence,
the person was warned in advance (fvl § 16) and the response deadline has passed or the reply
has come (the reduction's reasons address the reply, or say that none came), an individual
assessment is written, and the reduced amount still covers what is necessary. Where the sources
are silent on "necessary" we decided: never less than the children's rates plus the housing
costs of the original calculation (children's needs and the home are protected), and never
less than the amount the caseworker states is necessary for the household.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sosialsak.kernel.errors import ValidationFailed
from sosialsak.rules.frister import klage_i_tide
from sosialsak.rules.periode import days_in, month_share, months_between, next_month


class UnableToMakeVedtak(ValidationFailed):
    """Raise when a decision is incomplete or breaks a rule; ``extra['field']`` names where."""

    code = "unable_to_make_vedtak"


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str

    def error(self) -> UnableToMakeVedtak:
        return UnableToMakeVedtak(self.message, code=self.code, field=self.field)


@dataclass(frozen=True)
class VilkarFacts:
    beskrivelse: str
    frist: date | None
    oppfolging: str
    konsekvens: str
    holder_tilbake_utbetaling: bool = False
    utsettelse_grunnlag: str = ""


@dataclass(frozen=True)
class CheckResult:
    """A rules check (``rules.Sjekk``) as plain data."""

    code: str
    ok: bool
    applies: bool
    message: str
    hjemmel: str


@dataclass(frozen=True)
class VedtakFacts:
    hjemmel: str
    utfall: str
    stonadsform: str
    livsopphold: bool
    individuell_vurdering: str
    begrunnelse: str
    fakta: str
    children: Sequence[tuple[int, str]]  # (barn id, name) of the children under 18
    barnevurderinger: dict[int, str]
    vilkar: Sequence[VilkarFacts]
    checks: Sequence[CheckResult]
    nedbetaling: str = ""
    dokumentasjonskrav: Sequence[str] = ()  # the title of each required document
    ramme_belop: int | None = None  # a frame decision's monthly maximum, when it is one
    har_periode: bool = False
    nodhjelp: bool = False
    nodhjelp_vilkar_grunn: str = ""  # why a condition is set on emergency help at all


GRANTED = ("INNVILGET", "DELVIS_INNVILGET")


def problems(facts: VedtakFacts) -> list[Problem]:
    """Return everything that keeps the decision from being made, in the order of the form."""
    out: list[Problem] = []
    granted = facts.utfall in GRANTED
    if not facts.fakta.strip():
        out.append(Problem("fakta_mangler", "fakta", "Skriv hvilke faktiske forhold vedtaket "
                           "bygger på (forvaltningsloven § 25)."))
    if not facts.begrunnelse.strip():
        out.append(Problem("begrunnelse_mangler", "begrunnelse", "Skriv begrunnelsen: de "
                           "hensynene som har vært avgjørende (forvaltningsloven §§ 24–25)."))
    if facts.livsopphold and not facts.individuell_vurdering.strip():
        out.append(Problem("individuell_vurdering_mangler", "individuell_vurdering",
                           "Skriv den individuelle vurderingen. Veiledende satser er bare et "
                           "utgangspunkt (sosialtjenesteloven § 18)."))
    for barn_id, navn in facts.children:
        if not facts.barnevurderinger.get(barn_id, "").strip():
            out.append(Problem("barnevurdering_mangler", f"barn.{barn_id}",
                               f"Skriv hvordan behovene til {navn} er vurdert. Begrunnelsen "
                               "skal vise vurderingen av hvert barn."))
    for i, v in enumerate(facts.vilkar):
        out += _vilkar_problems(i, v)
    if granted and facts.stonadsform == "LAN" and not facts.nedbetaling.strip():
        out.append(Problem("nedbetaling_mangler", "nedbetaling",
                           "Skriv vilkårene for nedbetaling av lånet."))
    out += _krav_and_ramme_problems(facts, granted)
    out += nodhjelp_vilkar_problems(facts)
    for check in facts.checks:
        if check.applies and not check.ok:
            out.append(Problem(f"sjekk_{check.code.lower()}", "vilkar",
                               f"{check.message} ({check.hjemmel})"))
    return out


def nodhjelp_vilkar_problems(facts: VedtakFacts) -> list[Problem]:
    """Conditions on emergency help (nødhjelp, § 18): conditions do not apply while the person
    is in an emergency (the § 20 a rule, Prop. 13 L (2016–2017); legal-and-rates.md § 6.1), so
    a § 20 condition on a nødhjelp decision needs a recorded reason, and the help itself is
    never held back by a condition."""
    if not facts.nodhjelp or not facts.vilkar:
        return []
    out = []
    if not facts.nodhjelp_vilkar_grunn.strip():
        out.append(Problem("nodhjelp_vilkar_uten_grunn", "nodhjelp_vilkar_grunn",
                           "Vedtaket gjelder nødhjelp. Vilkår stilles ikke så lenge personen "
                           "er i en nødssituasjon; skriv hvorfor det likevel settes vilkår "
                           "(sosialtjenesteloven § 20)."))
    for i, v in enumerate(facts.vilkar):
        if v.holder_tilbake_utbetaling:
            out.append(Problem("nodhjelp_holdes_tilbake", f"vilkar[{i}].holder_tilbake_utbetaling",
                               f"Vilkår {i + 1}: nødhjelp kan ikke holdes tilbake av et vilkår. "
                               "Hjelpen skal utbetales uansett."))
    return out


def _krav_and_ramme_problems(facts: VedtakFacts, granted: bool) -> list[Problem]:
    out = [Problem("dokumentasjonskrav_mangler_tittel", f"dokumentasjonskrav[{i}].tittel",
                   "Skriv hvilken dokumentasjon personen skal levere.")
           for i, tittel in enumerate(facts.dokumentasjonskrav) if not tittel.strip()]
    if facts.ramme_belop is not None:
        if not granted:
            out.append(Problem("rammevedtak_ikke_innvilget", "ramme",
                               "Bare et innvilget vedtak kan være et rammevedtak."))
        if facts.ramme_belop <= 0:
            out.append(Problem("rammevedtak_belop", "ramme.belop",
                               "Skriv hvor mye personen kan få inntil per måned."))
        if not facts.har_periode:
            out.append(Problem("rammevedtak_periode", "periode_til",
                               "Et rammevedtak må ha en periode (fra og til)."))
    return out


def _vilkar_problems(i: int, v: VilkarFacts) -> list[Problem]:
    where = f"vilkar[{i}]"
    out = []
    for name, value, text in (
        ("beskrivelse", v.beskrivelse, "hva personen skal gjøre"),
        ("oppfolging", v.oppfolging, "hvordan vilkåret følges opp"),
        ("konsekvens", v.konsekvens, "hva som skjer hvis vilkåret ikke blir oppfylt "
                                     "(ellers kan stønaden ikke reduseres senere)"),
    ):
        if not value.strip():
            out.append(Problem("vilkar_ufullstendig", f"{where}.{name}",
                               f"Vilkår {i + 1}: skriv {text}."))
    if v.frist is None:
        out.append(Problem("vilkar_ufullstendig", f"{where}.frist",
                           f"Vilkår {i + 1}: sett en frist."))
    if v.holder_tilbake_utbetaling and not v.utsettelse_grunnlag.strip():
        out.append(Problem("vilkar_utsetter_utbetaling", f"{where}.utsettelse_grunnlag",
                           f"Vilkår {i + 1} holder tilbake utbetalingen uten at vedtaket sier "
                           "hvorfor. Et vilkår kan ikke utsette utbetalingen uten hjemmel."))
    return out


def require_complete(facts: VedtakFacts) -> None:
    """Raise the first problem as UnableToMakeVedtak (with every problem in ``extra``)."""
    found = problems(facts)
    if found:
        err = found[0].error()
        err.extra["problems"] = [{"code": p.code, "field": p.field, "message": p.message}
                                 for p in found]
        raise err


# --- Four-eyes and long-term recipients -------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class DecisionSettings:
    godkjenning_over_belop: int | None = None
    godkjenning_ved_avslag: bool = False
    langtid_maneder: int = 6
    langtid_av_maneder: int = 12


def needs_approval(settings: DecisionSettings, *, utfall: str, belop: int | None,
                   reduksjon: bool = False) -> bool:
    """Return whether a second caseworker must approve this decision (the office's setting).

    ``belop`` is what the decision gives in all over its period (``_builder.approval_amount``;
    a reduction: the reduced amount over the reduction's period), compared the same way for a
    one-off and a monthly decision (docs/rules.md, «To-trinns godkjenning»). A reduction takes
    away part of what was granted, so it counts as a refusal for the setting."""
    if settings.godkjenning_ved_avslag and (utfall in ("AVSLATT", "AVVIST") or reduksjon):
        return True
    limit = settings.godkjenning_over_belop
    return limit is not None and belop is not None and belop > limit


def is_long_term(settings: DecisionSettings, *, months_with_support: int) -> bool:
    """Return whether the person counts as a long-term recipient (prompt: KVP and § 19)."""
    return months_with_support >= settings.langtid_maneder


# --- Reduction -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ReductionFacts:
    konsekvens_opplyst: bool
    forhandsvarslet: bool
    svarfrist: date | None
    today: date
    individuell_vurdering: str
    belop_na: int
    belop_redusert: int
    barn_og_bolig: int  # children's rates + housing in the original calculation
    nodvendig_belop: int  # what the caseworker states is necessary for the household
    svar_registrert: bool = False  # the person's reply to the warning is recorded


class UnableToReduce(ValidationFailed):
    code = "unable_to_reduce"


def check_reduction(facts: ReductionFacts, *, rule_check: CheckResult) -> None:
    """Raise UnableToReduce naming the first missing condition for a lawful reduction."""
    if not rule_check.ok:
        code = ("reduksjon_konsekvens_ikke_opplyst" if not facts.konsekvens_opplyst
                else "reduksjon_ikke_forhandsvarslet")
        raise UnableToReduce(f"{rule_check.message} ({rule_check.hjemmel})", code=code,
                             field="vilkar" if code.endswith("opplyst") else "varsel")
    if facts.svarfrist and facts.today <= facts.svarfrist and not facts.svar_registrert:
        raise UnableToReduce(f"Svarfristen i forhåndsvarselet er {facts.svarfrist:%d.%m.%Y}. "
                             "Vent på svaret, eller registrer svaret, før stønaden reduseres "
                             "(forvaltningsloven § 16).",
                             code="reduksjon_svarfrist_ikke_ute", field="varsel")
    if not facts.individuell_vurdering.strip():
        raise UnableToReduce("Skriv den individuelle vurderingen av reduksjonen: personens "
                             "forklaring, forholdsmessighet og barnas behov.",
                             code="reduksjon_uten_vurdering", field="individuell_vurdering")
    if not 0 <= facts.belop_redusert < facts.belop_na:
        raise UnableToReduce("Det reduserte beløpet må være lavere enn dagens beløp.",
                             code="reduksjon_belop", field="belop_redusert")
    floor = max(facts.barn_og_bolig, facts.nodvendig_belop)
    if facts.belop_redusert < floor:
        raise UnableToReduce(
            f"Det reduserte beløpet ({facts.belop_redusert} kr) dekker ikke det som er "
            f"nødvendig for husstanden ({floor} kr: barnas satser og boutgifter, eller det du "
            "har vurdert som nødvendig).", code="reduksjon_under_forsvarlig",
            field="belop_redusert")


@dataclass(frozen=True)
class ReducedMonth:
    """One month of a reduction (sotjl. § 20 third paragraph), each month with its own amounts.

    ``for_reduksjon`` is the whole-month amount the decision gives that month (calculated
    with that month's rates and facts); ``redusert`` the whole-month amount after the
    reduction (the same cut every month, never below 0); ``dager`` the days of the month in
    the reduction's period; ``na``/``etter`` the shares for those days (by days, as the payment
    plan prorates, ``rules.prorate``); ``betales`` what the month's payment pays when it is
    replaced: the reduced share plus the decision's own share of the month's days outside the
    reduction (a month's payment is replaced whole)."""

    maned: date
    for_reduksjon: int
    redusert: int
    dager: int
    na: int
    etter: int
    betales: int


def reduced_months(*, fra: date, til: date, vedtak_fra: date | None, vedtak_til: date | None,
                   amounts: Mapping[date, int], default: int, cut: int) -> list[ReducedMonth]:
    """Return each month the reduction ``[fra, til)`` touches. ``amounts`` are the decision's
    whole-month amounts by month (``default`` for a month not in it); ``cut`` the reduction of
    a whole month. The decision's own period is ``[vedtak_fra, vedtak_til)``."""
    out = []
    for month in months_between(fra, til):
        whole = amounts.get(month, default)
        reduced = max(whole - cut, 0)
        na, etter = month_share(whole, month, fra, til), month_share(reduced, month, fra, til)
        # The decision's own days of the month before and after the reduction.
        before = month_share(whole, month, vedtak_fra, fra)
        after = month_share(whole, month, til, vedtak_til) if til < next_month(month) else 0
        out.append(ReducedMonth(month, whole, reduced, days_in(month, fra, til), na, etter,
                                before + etter + after))
    return out


def check_reduced_months(months: Sequence[ReducedMonth], *, floors: Mapping[date, int],
                         nodvendig_belop: int) -> None:
    """Raise UnableToReduce for the first month whose reduced amount does not cover what is
    necessary *that month* (sotjl. § 20 third paragraph; the floor: that month's children's
    rates plus housing in the decision's calculation, or what the caseworker assessed as
    necessary, whichever is higher). Each month is checked, not only the first: the
    children's rates and the housing may change within the period."""
    for m in months:
        floor = max(floors.get(m.maned, 0), nodvendig_belop)
        if m.redusert < floor:
            raise UnableToReduce(
                f"Det reduserte beløpet for {m.maned:%m.%Y} ({m.redusert} kr) dekker ikke det "
                f"som er nødvendig for husstanden den måneden ({floor} kr: barnas satser og "
                "boutgifter, eller det du har vurdert som nødvendig).",
                code="reduksjon_under_forsvarlig", field="belop_redusert",
                maned=m.maned.isoformat())


# --- Appeals -------------------------------------------------------------------------------

def appeal_is_late(*, mottatt: date, klagefrist: date, sendt: date | None = None) -> bool:
    """Return whether an appeal is after the deadline (fvl § 29). It is in time when it was
    received, or posted or sent, by the deadline (fvl § 30; ``rules.klage_i_tide``)."""
    return not klage_i_tide(klagefrist=klagefrist, mottatt=mottatt, sendt=sendt)


def late_appeal_problem(
    *, behandles: bool, unnskyldelig: bool | None, saerlige_grunner: bool | None,
    vedtaksdato: date, klaget: date,
) -> tuple[str, str] | None:
    """Return (field, message) when the § 31 assessment of a late appeal does not hold.

    fvl 1967 § 31: a late appeal may be heard when (a) the party cannot be blamed for the delay,
    or (b) special reasons make it reasonable; both are recorded, yes or no. It can never be
    heard when more than one year has passed since the decision was made (§ 31 third
    paragraph; new act § 65). Rejecting is possible even when (a) or (b) holds ("kan")."""
    if unnskyldelig is None or saerlige_grunner is None:
        return ("unnskyldelig", "Vurder begge grunnene i forvaltningsloven § 31: om parten kan "
                "lastes for forsinkelsen, og om særlige grunner gjør det rimelig at klagen "
                "blir prøvd.")
    if not behandles:
        return None
    if not (unnskyldelig or saerlige_grunner):
        return ("behandles", "En sen klage kan bare behandles når parten ikke kan lastes for "
                "forsinkelsen, eller særlige grunner gjør det rimelig (forvaltningsloven § 31).")
    one_year = _add_year(vedtaksdato)
    if klaget > one_year:
        return ("behandles", f"Det er gått mer enn ett år siden vedtaket ble fattet "
                f"({vedtaksdato:%d.%m.%Y}). Da kan klagen ikke behandles (forvaltningsloven "
                "§ 31 tredje ledd).")
    return None


def _add_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
