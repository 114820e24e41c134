"""What a proposed rate set would change (issue 15 item 6 a): the office's current caseload of
livsopphold decisions run through the vectorised rules (``rules.batch_from_households`` and
``calculate_batch``) twice, with the rules as they are and with the proposed set overlaid,
and the change summed per household type and in total.

Each household is the application's household as stated (adults, children and where they
live, shared dwelling) with the month's housing costs, income and individual adjustment as the
decision froze them (``Vedtak.beregning``): the counted housing as rent (caps then apply
again), the counted income as one income that counts. Both runs use the same documents, so
the difference is the rates' alone. A household the rules refuse is left out and counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import SakStatus, Utfall, Vedtak
from sosialsak.contexts.insight.area import Area, area_q
from sosialsak.contexts.intake.household import SoknadHousehold, household_many
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.rates.queries import legal_ruleset, registered_rate_sets
from sosialsak.rules.engine import RateSet
from sosialsak.rules.engine.overlays import RATE_NAMES

LIVSOPPHOLD = ("§ 18", "§ 19")


@dataclass(frozen=True)
class TypeChange:
    household_type: str
    households: int
    now: int  # kroner per month, summed
    proposed: int

    @property
    def change(self) -> int:
        return self.proposed - self.now


@dataclass(frozen=True)
class WhatIf:
    month: date
    rows: list[TypeChange]
    left_out: int

    @property
    def total(self) -> TypeChange:
        return TypeChange("", sum(r.households for r in self.rows),
                          sum(r.now for r in self.rows), sum(r.proposed for r in self.rows))


def _kroner(value: Any) -> int | Decimal:
    d = Decimal(str(value or 0))
    return int(d) if d == d.to_integral_value() else d


def household_type(doc: dict[str, Any]) -> str:
    adults = "Par" if len(doc["adults"]) > 1 else "Enslig"
    if doc.get("shares_dwelling") and len(doc["adults"]) == 1:
        adults = "Bofellesskap"
    kids = [c for c in doc.get("children", []) if c.get("bosted") != "samvaer"]
    return f"{adults} {'med barn' if kids else 'uten barn'}"


def current_caseload(*, scope: Scope, area: Area, month: date) -> list[dict[str, Any]]:
    """The household documents of the livsopphold decisions in force in ``month`` (the latest
    per application), for ``month``."""
    end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    decisions = (Vedtak.objects.filter(
        area_q(scope, area, "sak__soknad__"), sak__status=SakStatus.AKTIV,
        utfall__in=(Utfall.INNVILGET, Utfall.DELVIS_INNVILGET), hjemmel__in=LIVSOPPHOLD,
        periode_fra__lt=end).filter(Q(periode_til__isnull=True) | Q(periode_til__gt=month))
        .exclude(beregning={}).order_by("sak__soknad_id", "-fattet_at", "-pk")
        .values_list("sak__soknad_id", "beregning"))
    latest: dict[int, dict[str, Any]] = {}
    for soknad_id, beregning in decisions:
        if "amount" in beregning:
            latest.setdefault(soknad_id, beregning)
    soknader = list(Soknad.objects.filter(pk__in=latest).select_related("person"))
    households = household_many(soknader)
    docs = [document(s, households[s.pk], latest[s.pk], month) for s in soknader]
    return [d for d in docs if d is not None]


def document(s: Soknad, hh: SoknadHousehold, beregning: dict[str, Any],
             month: date) -> dict[str, Any] | None:
    """The household JSON document of an application for ``month``, with the housing, income
    and adjustment the decision froze; None without the applicant's birth date."""
    b = beregning
    if s.person.fodselsdato is None:
        return None
    adults = [{"birth_date": s.person.fodselsdato.isoformat()}]
    if hh.partner is not None and hh.partner.bor_sammen and hh.partner.fodselsdato:
        adults.append({"birth_date": hh.partner.fodselsdato.isoformat()})
    doc: dict[str, Any] = {
        "month": month.strftime("%Y-%m"), "adults": adults,
        "shares_dwelling": bool(s.deler_bolig),
        "children": [{"birth_date": c.fodselsdato.isoformat(),
                      "bosted": str(getattr(c, "bosted", "FAST")).lower()} for c in hh.barn],
        "housing_costs": {"rent": _kroner(b.get("housing"))},
        "income": [{"type": "salary", "amount": _kroner(b.get("income_counted"))}]
        if Decimal(str(b.get("income_counted") or 0)) > 0 else [],
    }
    if b.get("kommune"):
        doc["kommune"] = b["kommune"]
    adjustments = Decimal(str(b.get("adjustments") or 0))
    if adjustments:
        doc["individual_assessment"] = {
            "reason": "Som i vedtaket",
            "adjustments": [{"amount": _kroner(adjustments), "reason": "Som i vedtaket"}]}
    return doc


def calculable(docs: list[dict[str, Any]], ruleset: rules.Ruleset) -> list[int]:
    """The indexes of the documents the rules accept (the others are reported as left out)."""
    good = []
    for i, doc in enumerate(docs):
        try:
            rules.household_request(doc, i, ruleset)
        except (rules.InvalidHousehold, rules.InvalidAssessment):
            continue
        good.append(i)
    return good


def amounts(docs: list[dict[str, Any]], ruleset: rules.Ruleset) -> list[int]:
    h = rules.batch_from_households(docs, rules=ruleset)
    return [int(a) for a in rules.calculate_batch(households=h, rules=ruleset).amount]


def what_if(*, scope: Scope, actor: object, area: Area, proposed: RateSet) -> WhatIf:
    """The change in the monthly amounts of the caseload if ``proposed`` applied from its
    ``valid_from`` (the caseload in force that month). Reads the households: audited."""
    month = proposed.valid_from.replace(day=1)
    docs = current_caseload(scope=scope, area=area, month=month)
    base = legal_ruleset()
    registered = registered_rate_sets()
    now_rules = base.with_rate_sets(registered)
    new_rules = base.with_rate_sets((*registered, proposed))
    good = [docs[i] for i in calculable(docs, now_rules)]
    now_amounts = amounts(good, now_rules) if good else []
    new_amounts = amounts(good, new_rules) if good else []
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc, a, b in zip(good, now_amounts, new_amounts, strict=True):
        row = by_type[household_type(doc)]
        row[0] += 1
        row[1] += a
        row[2] += b
    for kontor_id in sorted(area.kontor_ids):
        record(actor=actor, action=Action.READ, object_type="kontor", object_id=kontor_id,
               purpose="hva om: satser på kontorets saker", kontor_id=kontor_id)
    return WhatIf(month, [TypeChange(t, *v) for t, v in sorted(by_type.items())],
                  len(docs) - len(good))


def rates_in_force(*, on: date, kommune: str | None) -> dict[str, int]:
    """The six livsopphold rates in force on ``on`` (a form's starting point)."""
    ruleset = legal_ruleset().with_rate_sets(registered_rate_sets())
    out = {}
    for name in RATE_NAMES:
        try:
            out[name] = ruleset.value(f"veiledende_satser.livsopphold.{name}", on=on,
                                      kommune=kommune).as_int()
        except rules.ParameterNotFound:
            out[name] = 0
    return out
