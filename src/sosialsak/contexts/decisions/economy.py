"""The household's economy as the vedtak builder starts from it: each income by type and the
housing costs as numbers, each with where it came from (issue 12, item 3).

The application's økonomi (``intake.OkonomiPost``, stored from the Digisos soknad.json) gives
the incomes and housing costs the applicant reported; the caseworker's mapping («Bolig»:
boutgift) gives the housing cost checked in conversation and wins over the application, since
it is newer and checked. The Digisos codes are read with the same tables as
``calculate --soknad`` (``formats.digisos.household``), so both give the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak import rules
from sosialsak.contexts.cases.queries import mapped_housing_cost
from sosialsak.contexts.intake.models import OkonomiKind, OkonomiPost, Soknad
from sosialsak.formats.digisos.household import HOUSING, INCOME
from sosialsak.kernel.clock import local_date

# Where a figure came from; the builder shows it by the field.
SOKNAD = "SOKNAD"
KARTLEGGING = "KARTLEGGING"
ENDRET = "ENDRET"  # the caseworker typed another figure than the one given

# The builder's number fields: one per income type, and the housing costs the decision takes.
INCOME_FIELDS: tuple[tuple[str, rules.IncomeType], ...] = tuple(
    (f"inntekt_{t.value}", t) for t in rules.IncomeType)
HOUSING_FIELDS: tuple[tuple[str, str], ...] = (("husleie", "rent"), ("strom", "electricity"))
FIELDS: tuple[str, ...] = tuple(n for n, _ in INCOME_FIELDS) + tuple(n for n, _ in HOUSING_FIELDS)
MAX_KRONER = 10_000_000  # one month's income or housing cost: far above any real figure


@dataclass(frozen=True)
class Kilde:
    """A pre-filled figure and where it came from (``SOKNAD`` or ``KARTLEGGING``)."""

    belop: int
    kilde: str
    dato: date


def economy_prefill(soknad: Soknad) -> dict[str, Kilde]:
    """Return the pre-filled figure of each builder field that has one (two queries).

    Callers have read ``soknad`` through its scope."""
    sent = local_date(soknad.mottatt_at)
    sums: dict[str, int] = {}
    housing = {cost: name for name, cost in HOUSING_FIELDS}
    for kind, type_, belop in OkonomiPost.objects.filter(
            soknad=soknad, kind__in=(OkonomiKind.INNTEKT, OkonomiKind.BOUTGIFT),
            belop__gt=0).values_list("kind", "type", "belop"):
        if kind == OkonomiKind.INNTEKT:
            name = f"inntekt_{INCOME.get(type_, rules.IncomeType.OTHER.value)}"
        else:
            name = housing.get(HOUSING.get(type_, ""), "")
        if name and belop:  # never None: filtered above
            sums[name] = sums.get(name, 0) + belop
    out = {name: Kilde(min(v, MAX_KRONER), SOKNAD, sent) for name, v in sums.items()}
    mapped = mapped_housing_cost(soknad)
    if mapped is not None:
        out["husleie"] = Kilde(min(mapped[0], MAX_KRONER), KARTLEGGING, local_date(mapped[1]))
    return out


def source_of(name: str, value: int, prefill: dict[str, Kilde]) -> str:
    """Where the figure ``value`` of field ``name`` came from: the pre-filled source while it
    is unchanged, else ``ENDRET``."""
    given = prefill.get(name)
    return given.kilde if given is not None and given.belop == value else ENDRET
