"""Breach of a condition → advance warning (fvl § 16) → reduction decision (sotjl. § 20 third
paragraph). Each step is an event, a letter where the person must be told, and visible in innsyn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import override

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import (
    BruddStatus,
    DokumentType,
    Vedtak,
    VedtakArt,
    Vedtaksforslag,
    Vilkar,
    Vilkarsbrudd,
    VilkarStatus,
)
from sosialsak.contexts.decisions.operations._builder import periode_inclusive
from sosialsak.contexts.decisions.operations._core import (
    VedtakInput,
    create_vedtak,
    in_force,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._letter import (
    klageinfo,
    kontor_of,
    letters_kroner,
    mottaker_of,
    name_of,
    store,
    utbetaling_of,
)
from sosialsak.contexts.decisions.operations._make import ApprovalRequired, store_proposal
from sosialsak.contexts.decisions.operations._settings import decision_settings
from sosialsak.contexts.decisions.policy import (
    CheckResult,
    ReducedMonth,
    ReductionFacts,
    UnableToReduce,
    check_reduced_months,
    check_reduction,
    needs_approval,
    reduced_months,
)
from sosialsak.contexts.decisions.ports import replace_payments
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad, StonadType
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed


def _vilkar(scope: Scope, vilkar_id: int) -> tuple[Vilkar, Soknad]:
    soknad_id = owner_id(Vilkar, vilkar_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vilkåret.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    row = lock(Vilkar, vilkar_id, "vedtak__sak")  # state read under the lock (issue 10, 6)
    if row is None:
        raise NotFound("Fant ikke vilkåret.")
    return row, soknad


def _brudd(scope: Scope, brudd_id: int) -> tuple[Vilkarsbrudd, Soknad]:
    soknad_id = owner_id(Vilkarsbrudd, brudd_id, "vilkar__vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke bruddet.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    # The breach's status is read only now, under the lock: two reductions (or a warning and
    # a reduction) for one breach at once must not both succeed (issue 10, item 6).
    row = lock(Vilkarsbrudd, brudd_id, "vilkar__vedtak__sak", "varsel")
    if row is None:
        raise NotFound("Fant ikke bruddet.")
    return row, soknad


def _log(soknad: Soknad, actor: object, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


@transaction.atomic
def record_brudd(
    *, scope: Scope, actor: object, vilkar_id: int, hva: str, forklaring: str, now: datetime
) -> Vilkarsbrudd:
    """Record that a condition was not met, with the person's own explanation."""
    vilkar, soknad = _vilkar(scope, vilkar_id)
    if not hva.strip():
        raise ValidationFailed("hva: skriv hva som ikke ble gjort.", code="invalid_brudd",
                               field="hva")
    if vilkar.status == VilkarStatus.ANNULLERT:
        raise ValidationFailed("Vilkåret er annullert og gjelder ikke lenger.",
                               code="vilkar_annullert", field="vilkar_id")
    row = Vilkarsbrudd.objects.create(
        vilkar=vilkar, hva=hva.strip(), forklaring=forklaring.strip(), registrert_at=now,
        registrert_av_id=getattr(actor, "pk", None))
    vilkar.status = VilkarStatus.IKKE_OPPFYLT
    vilkar.save(update_fields=["status"])
    record_hendelse(soknad=soknad, type="decisions.vilkar.brudd", actor=actor, at=now, data={
        "brudd_id": row.pk, "vilkar_referanse": vilkar.referanse, "vedtak_id": vilkar.vedtak_id,
        "sak": vilkar.vedtak.sak.referanse, "status": VilkarStatus.IKKE_OPPFYLT})
    _log(soknad, actor, "registrere brudd på vilkår")
    return row


def _require_in_force(vilkar: Vilkar) -> None:
    """A condition that has been annulled (withdrawn, or its decision changed after an appeal)
    can no longer lead to a warning or a reduction."""
    if vilkar.status == VilkarStatus.ANNULLERT:
        raise UnableToReduce("Vilkåret er annullert og gjelder ikke lenger. Stønaden kan ikke "
                             "reduseres for brudd på det.", code="vilkar_annullert",
                             field="brudd_id")


def _stated(vilkar: Vilkar) -> bool:
    return bool(vilkar.konsekvens.strip()) and vilkar.sanksjon != "02"


def vilkar_hjemmel(vilkar: Vilkar) -> str:
    """Return the basis the condition was set on: § 20 a for an activity condition on a person
    under 30 (the decision's § 20 a check applied), otherwise § 20."""
    sjekker = (vilkar.vedtak.vilkarsvurdering or {}).get("sjekker", [])
    under_30 = any(c.get("code") == "AKTIVITETSPLIKT" and c.get("applies") for c in sjekker)
    return "§ 20 a" if vilkar.aktivitet and under_30 else "§ 20"


def reduksjon_hjemmel(vilkar: Vilkar) -> str:
    """Return the basis of a reduction for breach of ``vilkar`` (§ 20 third paragraph, with
    § 20 a when the condition was an activity condition under § 20 a)."""
    basis = vilkar_hjemmel(vilkar)
    return "sosialtjenesteloven § 20 tredje ledd" + (", jf. § 20 a" if basis == "§ 20 a"
                                                     else "")


# Items whose support is not named «stønad til …» in the letters; every other item is named
# from its ``StonadType`` label (one list of labels: the enum).
_POST_STONAD_SAERNAVN = {"NODHJELP": "nødhjelp", "MIDLERTIDIG_BOTILBUD": "midlertidig botilbud"}


def _post_stonad(type_: str, label: str) -> str:
    """Name the support an item gives: «stønad til <its StonadType label>»."""
    if type_ in _POST_STONAD_SAERNAVN:
        return _POST_STONAD_SAERNAVN[type_]
    known = StonadType.__members__.get(type_)
    if known is None or known == StonadType.ANNET:
        return f"stønad til {label.lower()}"  # the item's own words
    with override("nb"):  # letters are in Bokmål whatever the caseworker's language
        return f"stønad til {str(known.label).lower()}"


def stonad_navn(vedtak: Vedtak) -> str:
    """Return the support the decision gives, as the letters name it (from its items and
    basis), e.g. «stønad til livsopphold og stønad til husleie» or «stønad etter § 19»."""
    if vedtak.hjemmel == "§ 19":
        return "stønad etter sosialtjenesteloven § 19"
    names = []
    for post in vedtak.poster.all().order_by("id"):
        name = _post_stonad(post.type, post.label)
        if name not in names:
            names.append(name)
    return " og ".join(names) or "økonomisk stønad"


def _periode(vedtak: Vedtak, today: date, fra: date | None, til: date | None,
             field: str = "periode_fra") -> tuple[date, date]:
    """Return the reduction's period ``[fra, til)``, checked to lie within the decision's
    (a reduction is time-limited, chosen by the caseworker; R35 4.20). Default: from today (or
    the decision's start) to the decision's end."""
    start = max(vedtak.periode_fra or today, today)
    fra = fra or start
    til = til or vedtak.periode_til
    if til is None:
        raise UnableToReduce("Vedtaket har ingen sluttdato. Velg hvor lenge reduksjonen skal "
                             "gjelde (til-dato).", code="reduksjon_periode", field="periode_til")
    if fra < start:
        raise UnableToReduce(f"Reduksjonen kan tidligst gjelde fra {start:%d.%m.%Y} (i dag, "
                             "innenfor vedtakets periode).", code="reduksjon_periode",
                             field=field)
    if vedtak.periode_til is not None and til > vedtak.periode_til:
        raise UnableToReduce(f"Reduksjonen må slutte innen vedtakets periode "
                             f"(til {vedtak.periode_til - timedelta(days=1):%d.%m.%Y}).",
                             code="reduksjon_periode", field="periode_til")
    if til <= fra:
        raise UnableToReduce("Til-datoen må være etter fra-datoen.", code="reduksjon_periode",
                             field="periode_til")
    return fra, til


def _svar_tekst(brudd: Vilkarsbrudd) -> str:
    """The person's reply to the warning as the reasons address it (fvl § 16, § 25)."""
    if brudd.svar.strip() and brudd.svar_dato:
        return (f"Du svarte på forhåndsvarselet {brudd.svar_dato:%d.%m.%Y}: {brudd.svar.strip()} "
                "Vi har tatt med svaret ditt i vurderingen nedenfor.")
    frist = f" innen fristen {brudd.svarfrist:%d.%m.%Y}" if brudd.svarfrist else ""
    return f"Vi fikk ikke svar fra deg på forhåndsvarselet{frist}."


@transaction.atomic
def record_varselsvar(
    *, scope: Scope, actor: object, brudd_id: int, svar: str, svar_dato: date | None,
    ingen_svar: bool, now: datetime,
) -> Vilkarsbrudd:
    """Record the person's reply to the advance warning with its date, or that no reply came
    by the deadline (fvl § 16: the right to comment before the decision)."""
    brudd, soknad = _brudd(scope, brudd_id)
    if brudd.status != BruddStatus.VARSLET:
        raise UnableToReduce("Svaret kan bare registreres etter forhåndsvarselet og før "
                             "vedtaket om reduksjon.", code="svar_ikke_varslet", field="brudd_id")
    today = local_date(now)
    if ingen_svar:
        if svar.strip():
            raise ValidationFailed("svar: velg enten et svar eller at det ikke kom svar.",
                                   code="invalid_svar", field="svar")
        if brudd.svarfrist and today <= brudd.svarfrist:
            raise UnableToReduce(f"Svarfristen er {brudd.svarfrist:%d.%m.%Y}. Det kan ikke "
                                 "registreres at svar mangler før fristen er ute.",
                                 code="svarfrist_ikke_ute", field="ingen_svar")
        brudd.svar, brudd.svar_dato, brudd.svar_mangler = "", None, True
    else:
        if not svar.strip():
            raise ValidationFailed("svar: skriv hva personen svarte.", code="invalid_svar",
                                   field="svar")
        varslet = local_date(brudd.varslet_at or now)
        if svar_dato is None or not varslet <= svar_dato <= today:
            raise ValidationFailed(f"svar_dato: datoen svaret kom må være mellom "
                                   f"{varslet:%d.%m.%Y} og i dag.", code="invalid_svar",
                                   field="svar_dato")
        brudd.svar, brudd.svar_dato, brudd.svar_mangler = svar.strip(), svar_dato, False
    brudd.svar_registrert_at = now
    brudd.save(update_fields=["svar", "svar_dato", "svar_mangler", "svar_registrert_at"])
    record_hendelse(soknad=soknad, type="decisions.forhandsvarsel.svar", actor=actor, at=now,
                    data={"brudd_id": brudd.pk, "svar_dato": svar_dato.isoformat()
                          if svar_dato and not ingen_svar else None, "ingen_svar": ingen_svar})
    _log(soknad, actor, "registrere svar på forhåndsvarsel")
    return brudd


@transaction.atomic
def send_forhandsvarsel(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int, svarfrist: date,
    now: datetime, periode_fra: date | None = None, periode_til: date | None = None,
) -> Vilkarsbrudd:
    """Send the advance warning of a reduction, with a response deadline (fvl § 16); the
    period is the one considered (``periode_til`` exclusive; default: the rest of the
    decision)."""
    brudd, soknad = _brudd(scope, brudd_id)
    _require_in_force(brudd.vilkar)
    vedtak = in_force(brudd.vilkar.vedtak, on=local_date(now))
    if not _stated(brudd.vilkar):
        raise UnableToReduce("Vedtaket sa ikke at stønaden kunne reduseres om vilkåret ikke ble "
                             "oppfylt. Stønaden kan derfor ikke reduseres (sosialtjenesteloven "
                             "§ 20 tredje ledd).", code="reduksjon_konsekvens_ikke_opplyst",
                             field="vilkar")
    if brudd.status != BruddStatus.REGISTRERT:
        raise UnableToReduce("Det er allerede sendt forhåndsvarsel for dette bruddet.",
                             code="forhandsvarsel_finnes", field="brudd_id")
    today = local_date(now)
    if vedtak.periode_til is None and periode_til is None:
        fra, til = max(vedtak.periode_fra or today, today), None
    else:
        fra, til = _periode(vedtak, today, periode_fra, periode_til)
    last = til - timedelta(days=1) if til else fra
    plan = reduction_plan(vedtak, fra, til, belop_redusert)
    letter = letters.Forhandsvarsel(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=today,
        saksreferanse=saksnummer(soknad.pk), saksbehandler=name_of(actor, soknad.kontor.navn),
        vedtaksdato=local_date(vedtak.fattet_at), vilkar=brudd.vilkar.beskrivelse,
        brudd=brudd.hva, stonad=stonad_navn(vedtak),
        belop_na=Decimal(plan.belop_na),  # the first month's whole amount
        belop_redusert=Decimal(belop_redusert), periode=letters.Periode(fra=fra, til=last),
        # every month of the period with its own amounts, part months by days (issue 11)
        maneder=tuple(letters.Varselmaaned(m.maned, Decimal(m.na), Decimal(m.etter))
                      for m in plan.months),
        svarfrist=svarfrist, hjemmel=reduksjon_hjemmel(brudd.vilkar),
        vilkar_hjemmel=f"sosialtjenesteloven {vilkar_hjemmel(brudd.vilkar)}")
    dok = store(soknad=soknad, type=DokumentType.FORHANDSVARSEL, letter=letter, actor=actor,
                now=now, vedtak_id=vedtak.pk)
    brudd.varsel, brudd.varslet_at, brudd.svarfrist = dok, now, svarfrist
    brudd.foreslatt_belop, brudd.status = belop_redusert, BruddStatus.VARSLET
    brudd.save()
    record_hendelse(soknad=soknad, type="decisions.forhandsvarsel", actor=actor, at=now, data={
        "brudd_id": brudd.pk, "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
        "brev_id": dok.pk, "dokumentlager_id": str(dok.dokumentlager_id),
        "svarfrist": svarfrist.isoformat(), "belop_na": plan.belop_na,
        "belop_redusert": belop_redusert, "periode_fra": fra.isoformat(),
        "maneder": [{"maned": m.maned.isoformat(), "belop_na": m.na, "belop_redusert": m.etter}
                    for m in plan.months],
        "periode_til": til.isoformat() if til else None})
    _log(soknad, actor, "sende forhåndsvarsel")
    return brudd


def _protected_lines(lines: list[dict[str, Any]]) -> int:
    total = sum(Decimal(str(x["amount"])) for x in lines if x["kind"] in ("sats_barn", "bolig"))
    return int(total)


def _protected(vedtak: Vedtak) -> int:
    """Return the children's rates plus housing in the original calculation (kroner)."""
    return _protected_lines((vedtak.beregning or {}).get("lines", []))


def _month_key(raw: object) -> date:
    text = str(raw)  # "YYYY-MM" (a livsopphold month) or an ISO date (KVP, a reduction)
    return date.fromisoformat(text if len(text) > 7 else f"{text}-01")


def _months_of(vedtak: Vedtak) -> list[dict[str, Any]]:
    b = vedtak.beregning or {}
    rows = b.get("maneder") or ([b] if "month" in b and "amount" in b else [])
    return [r for r in rows if isinstance(r, dict) and "month" in r and "amount" in r]


def whole_month_amounts(vedtak: Vedtak) -> dict[date, int]:
    """Return the decision's amount for each whole month, each calculated with that month's
    rates and facts (its frozen calculation); empty when it has one flat amount."""
    return {_month_key(r["month"]): int(r["amount"]) for r in _months_of(vedtak)}


def protected_by_month(*vedtak: Vedtak) -> dict[date, int]:
    """Return the children's rates plus housing of each month in the decisions' calculations
    (later decisions win): the floor of a reduction, month by month."""
    out: dict[date, int] = {}
    for v in vedtak:
        out.update({_month_key(r["month"]): _protected_lines(r["lines"])
                    for r in _months_of(v) if "lines" in r})
    return out


@dataclass(frozen=True)
class ReductionPlan:
    """What a reduction gives: the decision's whole-month amount in the first month, the cut
    of a whole month, and every month of the period with its own amounts."""

    belop_na: int
    cut: int
    months: list[ReducedMonth]

    @property
    def total(self) -> int | None:
        """The reduced amount over the reduction's period (None when open-ended)."""
        return sum(m.etter for m in self.months) if self.months else None


def reduction_plan(original: Vedtak, fra: date, til: date | None,
                   belop_redusert: int) -> ReductionPlan:
    """Return the reduction of ``original`` to ``belop_redusert`` (a whole month, in the first
    month) for ``[fra, til)``: the same cut each month from that month's own amount, each part
    month by days (sotjl. § 20 third paragraph; ``policy.reduced_months``)."""
    amounts = whole_month_amounts(original)
    default = original.belop or 0
    belop_na = amounts.get(fra.replace(day=1), default)
    cut = belop_na - belop_redusert
    months = reduced_months(fra=fra, til=til, vedtak_fra=original.periode_fra,
                            vedtak_til=original.periode_til, amounts=amounts, default=default,
                            cut=cut) if til is not None else []
    return ReductionPlan(belop_na, cut, months)


@transaction.atomic
def decide_reduksjon(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
    periode_fra: date | None = None, periode_til: date | None = None,
) -> Vedtak:
    """Make the reduction decision after the warning; raise UnableToReduce naming what is
    missing (stated consequence, warning, deadline, assessment, a forsvarlig amount), or
    ApprovalRequired when the office asks for a second caseworker (``propose_reduksjon``).

    The reduction replaces the original from today (or the original's start): the original's
    planned payments due from then are stopped and the reduced amount is planned in their place
    (``replace_payments``), in this transaction."""
    brudd, soknad = _brudd(scope, brudd_id)
    checked = _checked(brudd, soknad, belop_redusert=belop_redusert,
                       individuell_vurdering=individuell_vurdering,
                       nodvendig_belop=nodvendig_belop, today=local_date(now),
                       periode_fra=periode_fra, periode_til=periode_til)
    # Four-eyes compares the decision's total over its period (docs/rules.md).
    if needs_approval(decision_settings(soknad.kontor_id), utfall="DELVIS_INNVILGET",
                      belop=checked.plan.total or belop_redusert, reduksjon=True):
        raise ApprovalRequired("Kontoret krever at en annen saksbehandler godkjenner vedtak om "
                               "reduksjon. Send det til godkjenning.", field="godkjenning")
    return reduce_after_breach(scope=scope, actor=actor, brudd_id=brudd_id,
                               belop_redusert=belop_redusert,
                               individuell_vurdering=individuell_vurdering,
                               nodvendig_belop=nodvendig_belop, now=now,
                               periode_fra=periode_fra, periode_til=periode_til)


@transaction.atomic
def propose_reduksjon(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
    periode_fra: date | None = None, periode_til: date | None = None,
) -> Vedtaksforslag:
    """Store a reduction that passes every check for a second caseworker's approval."""
    brudd, soknad = _brudd(scope, brudd_id)
    _checked(brudd, soknad, belop_redusert=belop_redusert,
             individuell_vurdering=individuell_vurdering, nodvendig_belop=nodvendig_belop,
             today=local_date(now), periode_fra=periode_fra, periode_til=periode_til)
    return store_proposal(
        soknad=soknad, actor=actor, now=now, art=VedtakArt.REDUKSJON, belop=belop_redusert,
        utfall="DELVIS_INNVILGET", brudd=brudd,
        data={"hjemmel": brudd.vilkar.vedtak.hjemmel, "belop_redusert": belop_redusert,
              "individuell_vurdering": individuell_vurdering.strip(),
              "nodvendig_belop": nodvendig_belop,
              "periode_fra": periode_fra.isoformat() if periode_fra else None,
              "periode_til": periode_til.isoformat() if periode_til else None})


@dataclass(frozen=True)
class _Checked:
    first: Vedtak  # the decision that set the condition
    original: Vedtak  # the decision in force now, which the reduction replaces
    fra: date
    til: date | None  # None: open-ended (to the original's end)
    plan: ReductionPlan


def _checked(brudd: Vilkarsbrudd, soknad: Soknad, *, belop_redusert: int,
             individuell_vurdering: str, nodvendig_belop: int, today: date,
             periode_fra: date | None = None, periode_til: date | None = None,
             ) -> _Checked:
    """Check that the breach may be reduced as asked, every month of the period (the floor
    each month: sotjl. § 20 third paragraph); return the decisions, the period and the
    reduction month by month."""
    if brudd.status == BruddStatus.REDUSERT:
        raise UnableToReduce("Stønaden er allerede redusert for dette bruddet.",
                             code="allerede_redusert", field="brudd_id")
    if brudd.status == BruddStatus.AVSLUTTET:
        raise UnableToReduce("Bruddet er avsluttet uten reduksjon.", code="brudd_avsluttet",
                             field="brudd_id")
    _require_in_force(brudd.vilkar)
    # The condition was set in the first decision; a reduction replaces the one now in force.
    first = brudd.vilkar.vedtak
    original = in_force(first, on=today)  # a reduction that has ended is no longer in force
    start = max(original.periode_fra or today, today)
    belop_na = reduction_plan(original, periode_fra or start, None, belop_redusert).belop_na
    check = rules.sjekk_reduksjon(vedtaksdato=today,
                                  vedtak_opplyste_konsekvens=_stated(brudd.vilkar),
                                  forhandsvarslet=brudd.varsel_id is not None)
    check_reduction(ReductionFacts(
        konsekvens_opplyst=_stated(brudd.vilkar), forhandsvarslet=brudd.varsel_id is not None,
        svarfrist=brudd.svarfrist, today=today, individuell_vurdering=individuell_vurdering,
        belop_na=belop_na, belop_redusert=belop_redusert,
        barn_og_bolig=_protected(first), nodvendig_belop=nodvendig_belop,
        svar_registrert=bool(brudd.svar.strip())),
        rule_check=CheckResult(check.code, check.ok, check.applies, check.message, check.hjemmel))
    if original.periode_til is not None and start >= original.periode_til:
        raise UnableToReduce("Perioden vedtaket gjelder for er ute. Det er ingen stønad igjen å "
                             "redusere.", code="reduksjon_periode_ute", field="brudd_id")
    if original.periode_til is None and periode_til is None:
        # open-ended: from ``start`` on, one amount (the first month's floor is checked above)
        return _Checked(first, original, start, None,
                        reduction_plan(original, start, None, belop_redusert))
    fra, til = _periode(original, today, periode_fra, periode_til)
    plan = reduction_plan(original, fra, til, belop_redusert)
    by_month = protected_by_month(first, original)
    check_reduced_months(plan.months, nodvendig_belop=nodvendig_belop,
                         floors={m.maned: by_month.get(m.maned, _protected(first))
                                 for m in plan.months})
    return _Checked(first, original, fra, til, plan)


def reduce_after_breach(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
    godkjent_av: object = None, periode_fra: date | None = None,
    periode_til: date | None = None,
) -> Vedtak:
    """Make the reduction (inside the caller's transaction); every check is made again."""
    brudd, soknad = _brudd(scope, brudd_id)
    today = local_date(now)
    checked = _checked(
        brudd, soknad, belop_redusert=belop_redusert,
        individuell_vurdering=individuell_vurdering, nodvendig_belop=nodvendig_belop,
        today=today, periode_fra=periode_fra, periode_til=periode_til)
    first, original, fra, plan = checked.first, checked.original, checked.fra, checked.plan
    til = checked.til
    if not brudd.svar.strip() and not brudd.svar_mangler:
        # The deadline has passed without a recorded reply (checked above): record that.
        brudd.svar_mangler, brudd.svar_registrert_at = True, now
    begrunnelse = (f"Vilkåret var: {brudd.vilkar.beskrivelse} Vi har registrert: {brudd.hva}"
                   + (f" Din forklaring: {brudd.forklaring}" if brudd.forklaring else "")
                   + f"\n\n{_svar_tekst(brudd)}")
    vedtak = create_vedtak(
        soknad=soknad, poster=list(original.poster.all()), actor=actor, now=now,
        sak=original.sak, data=VedtakInput(
            post_ids=[], hjemmel=original.hjemmel, utfall="DELVIS_INNVILGET",
            begrunnelse=begrunnelse, stonadsform=original.stonadsform,
            periode_fra=fra, periode_til=til or original.periode_til, belop=belop_redusert),
        art=VedtakArt.REDUKSJON, endrer=original,
        individuell_vurdering=individuell_vurdering.strip(),
        godkjent_av_id=getattr(godkjent_av, "pk", None),
        godkjent_at=now if godkjent_av is not None else None,
        fakta=f"Vedtak {local_date(original.fattet_at):%d.%m.%Y}; forhåndsvarsel "
              f"{local_date(brudd.varslet_at or now):%d.%m.%Y}.",
        beregning={"amount": belop_redusert, "original": plan.belop_na,
                   "nodvendig": max(nodvendig_belop, _protected(first)),
                   "reduksjon_per_maned": plan.cut,
                   # each month: the whole-month amounts before and after, the days covered
                   # and what the month's (replaced) payment pays
                   "maneder": [{"month": m.maned.isoformat(), "amount": m.redusert,
                                "for_reduksjon": m.for_reduksjon, "dager": m.dager,
                                "betales": m.betales} for m in plan.months]},
        # What each month's payment pays (part months by days; a month's payment is replaced
        # whole, so it carries the decision's own days of that month outside the reduction).
        maned_belop=[{"maned": m.maned.isoformat(), "belop": m.betales} for m in plan.months])
    payments = replace_payments(scope=scope, actor=actor, vedtak_id=original.pk,
                                ny_vedtak_id=vedtak.pk, fra=fra, now=now,
                                til=til if til != original.periode_til else None)
    periode = periode_inclusive(fra, til or original.periode_til)
    stonad = stonad_navn(original)
    vedtaksdato = f"{local_date(original.fattet_at):%d.%m.%Y}"
    # A part month's payment also pays the decision's own days of that month (issue 11).
    delmaneder = [
        f"Utbetalingen for {m.maned:%m.%Y} er {letters_kroner(m.betales)}: "
        f"{letters_kroner(m.etter)} i redusert stønad for {m.dager} dager, og "
        f"{letters_kroner(m.betales - m.etter)} etter vedtaket av {vedtaksdato} for de andre "
        "dagene i måneden."
        for m in plan.months if m.betales != m.etter]
    punkt = letters.Vedtakspunkt(
        tittel=f"Redusert {stonad}", utfall=letters.Utfall.DELVIS_INNVILGET,
        hjemmel=reduksjon_hjemmel(brudd.vilkar),
        periode=letters.Periode(fra=periode[0], til=periode[1]) if periode else None,
        begrunnelse="\n\n".join([begrunnelse, individuell_vurdering.strip(), *delmaneder]),
        stonadsform=letters.Stonadsform(original.stonadsform) if original.stonadsform else None,
        belop=Decimal(belop_redusert), beregning=(
            letters.Beregningslinje("Stønad etter vedtaket",
                                    Decimal(plan.belop_na)),
            letters.Beregningslinje("Reduksjon fordi vilkåret ikke er oppfylt",
                                    Decimal(-plan.cut))),
        maneder=tuple(letters.Maanedsbelop(m.maned, Decimal(m.etter)) for m in plan.months)
        if len(plan.months) > 1 or any(m.etter != m.redusert for m in plan.months) else ())
    dok = store(soknad=soknad, type=DokumentType.VEDTAK, actor=actor, now=now,
                vedtak_id=vedtak.pk, letter=letters.Vedtaksbrev(
                    kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=today,
                    saksreferanse=saksnummer(soknad.pk), vedtak=(punkt,),
                    klage=klageinfo(soknad, dato=today),
                    saksbehandler=name_of(actor, soknad.kontor.navn),
                    utbetalinger=tuple(utbetaling_of(u) for u in payments.planlagt)))
    brudd.reduksjon, brudd.status = vedtak, BruddStatus.REDUSERT
    brudd.save(update_fields=["reduksjon", "status", "svar_mangler", "svar_registrert_at"])
    record_hendelse(soknad=soknad, type="decisions.vedtak.fattet", actor=actor, at=now, data={
        "vedtak_id": vedtak.pk, "sak": original.sak.referanse, "utfall": "DELVIS_INNVILGET",
        "hjemmel": original.hjemmel, "belop": belop_redusert, "art": VedtakArt.REDUKSJON,
        "endrer_vedtak_id": original.pk, "brudd_id": brudd.pk, "brev_id": dok.pk,
        "dokumentlager_id": str(dok.dokumentlager_id), "sha256": dok.sha256,
        "vilkar": [], "utbetalinger": [u.referanse for u in payments.planlagt],
        "stoppet": list(payments.stoppet), "gjelder_fra": fra.isoformat(),
        "gjelder_til": til.isoformat() if til else None,
        "godkjent_av": getattr(godkjent_av, "pk", None)})
    _log(soknad, actor, "vedtak om reduksjon")
    return vedtak
