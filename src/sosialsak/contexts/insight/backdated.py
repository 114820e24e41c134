"""Back-dated rate sets (issue 15 item 6 b): a rate set registered with a start date before
the day it was registered changes months that decisions had already been made for. This lists
each such decision in the caller's area, with each changed month's amount as decided and as
the rules give it now (with the set), and the difference: what a correcting decision
(etterbetaling) would pay, or what was paid too much.

A month the decision covers only partly is compared by its share of days, as it was paid
(``rules.month_share``). The new amounts come from the vectorised rules on the household
documents of ``whatif.document``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import SakStatus, Utfall, Vedtak
from sosialsak.contexts.insight.area import Area, area_q
from sosialsak.contexts.insight.whatif import LIVSOPPHOLD, amounts, calculable, document
from sosialsak.contexts.intake.household import household_many
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.rates.models import RateSet
from sosialsak.contexts.rates.queries import current_ruleset
from sosialsak.kernel.clock import local_date
from sosialsak.rules.periode import month_share, months_between


@dataclass(frozen=True)
class MonthChange:
    month: date
    decided: int
    now: int

    @property
    def difference(self) -> int:
        return self.now - self.decided


@dataclass(frozen=True)
class ChangedDecision:
    vedtak_id: int
    soknad_id: int
    saksnummer: str
    months: list[MonthChange]

    @property
    def difference(self) -> int:
        return sum(m.difference for m in self.months)


@dataclass(frozen=True)
class BackdatedSet:
    rate_set_id: int
    valid_from: date
    registered: date
    kommunenummer: str
    reference: str
    decisions: list[ChangedDecision]


def backdated_rate_sets() -> list[RateSet]:
    """Rate sets registered after the day they apply from, newest registration first."""
    return [r for r in RateSet.objects.order_by("-registered_at", "-pk")
            if r.valid_from < local_date(r.registered_at)]


def changed_decisions(*, scope: Scope, actor: object, area: Area,
                      rate_set: RateSet) -> BackdatedSet:
    """The decisions made before ``rate_set`` was registered whose months from its start the
    set now changes, with the difference per month. Lists cases: every one read is audited."""
    q = Vedtak.objects.filter(
        area_q(scope, area, "sak__soknad__"), sak__status=SakStatus.AKTIV,
        utfall__in=(Utfall.INNVILGET, Utfall.DELVIS_INNVILGET), hjemmel__in=LIVSOPPHOLD,
        fattet_at__lt=rate_set.registered_at, periode_fra__isnull=False,
        periode_til__gt=rate_set.valid_from).exclude(beregning={})
    if rate_set.kommunenummer:
        q = q.filter(beregning__kommune=rate_set.kommunenummer)
    vedtak = list(q.select_related("sak__soknad__person").order_by("fattet_at", "pk"))
    households = household_many([v.sak.soknad for v in vedtak])
    start = rate_set.valid_from.replace(day=1)
    docs, keys = [], []
    for v in vedtak:
        assert v.periode_fra is not None and v.periode_til is not None
        for m in months_between(v.periode_fra, v.periode_til):
            if m < start:
                continue
            doc = document(v.sak.soknad, households[v.sak.soknad_id], v.beregning, m)
            if doc is not None:
                docs.append(doc)
                keys.append((v, m))
    ruleset = current_ruleset()
    good = calculable(docs, ruleset)
    new = amounts([docs[i] for i in good], ruleset) if good else []
    changes: dict[int, list[MonthChange]] = {}
    for i, amount in zip(good, new, strict=True):
        v, m = keys[i]
        decided = (v.belop_for(m) or 0) if v.maned_belop else month_share(
            v.belop or 0, m, v.periode_fra, v.periode_til)
        now = month_share(amount, m, v.periode_fra, v.periode_til)
        if now != decided:
            changes.setdefault(v.pk, []).append(MonthChange(m, decided, now))
    rows = [ChangedDecision(v.pk, v.sak.soknad_id, saksnummer(v.sak.soknad_id), changes[v.pk])
            for v in vedtak if v.pk in changes]
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[r.soknad_id for r in rows],
                purpose="tilbakevirkende satser: berørte vedtak",
                kontor_ids=[v.sak.soknad.kontor_id for v in vedtak if v.pk in changes])
    return BackdatedSet(rate_set.pk, rate_set.valid_from, local_date(rate_set.registered_at),
                        rate_set.kommunenummer, rate_set.reference, rows)

