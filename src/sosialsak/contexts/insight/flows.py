"""Stock, inflow and outflow of recipients by month from the payments actually made
(issue 15 item 4; the formula is ``rules.flows``).

stock(m) is the people paid sosialhjelp in month m: payments with status UTBETALT, by the month
they were paid (``utbetalt_dato``, else the due date, as the KOSTRA derivation counts them), on
a decision other than kvalifiseringsstønad (§ 35). The «main income» series keeps the people
whose payments that month were at least each income source they reported on the applications
behind them (``rules.flows.sosialhjelp_is_main_income``): the recorded KOSTRA answer (VKLO) is
not on every case, the payments and the reported incomes are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.insight.area import Area, area_q
from sosialsak.contexts.insight.indicators import paid_between
from sosialsak.contexts.intake.models import OkonomiKind, OkonomiPost
from sosialsak.contexts.payments.models import Utbetaling, UtbetalingStatus
from sosialsak.rules.flows import (
    Flow,
    flows,
    month_steps,
    previous_month,
    sosialhjelp_is_main_income,
)

KVP_HJEMMEL = "§ 35"


@dataclass(frozen=True)
class FlowSeries:
    months: list[date]
    all: list[Flow]
    main_income: list[Flow]


def _add_months(month: date, n: int) -> date:
    k = month.year * 12 + month.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def last_months(today: date, n: int = 24) -> list[date]:
    """The ``n`` months up to and including the month of ``today``."""
    end = today.replace(day=1)
    return month_steps(_add_months(end, 1 - n), end)


def monthly_flows(*, scope: Scope, area: Area, months: list[date]) -> FlowSeries:
    """The flows of ``months`` (consecutive), all recipients and those with sosialhjelp as
    main income. Counts only: no person is named, so nothing personal is read out."""
    first, end = previous_month(months[0]), _add_months(months[-1], 1)
    rows = (Utbetaling.objects.filter(area_q(scope, area, "vedtak__sak__soknad__"),
                                      paid_between(first, end - timedelta(days=1)),
                                      status=UtbetalingStatus.UTBETALT)
            .exclude(vedtak__hjemmel=KVP_HJEMMEL)
            .values_list("vedtak__sak__soknad__person_id", "vedtak__sak__soknad_id",
                         "utbetalt_dato", "forfallsdato", "belop"))
    paid: dict[tuple[date, int], int] = defaultdict(int)
    apps: dict[tuple[date, int], set[int]] = defaultdict(set)
    for person, soknad, utbetalt, forfall, belop in rows.iterator(chunk_size=5000):
        day = utbetalt or forfall
        if not first <= day < end:
            continue
        key = (day.replace(day=1), person)
        paid[key] += belop
        apps[key].add(soknad)
    incomes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    soknad_ids = {s for ids in apps.values() for s in ids}
    for soknad, type_, income in (OkonomiPost.objects.filter(
            soknad_id__in=soknad_ids, kind=OkonomiKind.INNTEKT, belop__gt=0)
            .values_list("soknad_id", "type", "belop")):
        incomes[soknad][type_] += income or 0
    stocks: dict[date, set[int]] = defaultdict(set)
    main: dict[date, set[int]] = defaultdict(set)
    for (month, person), amount in paid.items():
        stocks[month].add(person)
        sources: dict[str, int] = defaultdict(int)
        for s in apps[(month, person)]:
            for t, b in incomes.get(s, {}).items():
                sources[t] = max(sources[t], b)  # the same income on two applications: once
        if sosialhjelp_is_main_income(paid=amount, other_incomes=list(sources.values())):
            main[month].add(person)
    return FlowSeries(months, flows(stocks, months), flows(main, months))  # type: ignore[arg-type]
