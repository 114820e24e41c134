"""Reads for rate sets: the registered sets as the rules' overlay data."""

from __future__ import annotations

from sosialsak.contexts.rates.models import RateSet
from sosialsak.rules import HousingCaps, Ruleset, load_ruleset
from sosialsak.rules import RateSet as RuleRateSet
from sosialsak.rules.engine.overlays import RATE_NAMES


def _as_rules(row: RateSet) -> RuleRateSet:
    caps = (row.tak_husleie, row.tak_strom, row.tak_kommunale_avgifter, row.tak_forsikring)
    return RuleRateSet(
        valid_from=row.valid_from,
        reference=row.reference,
        kommunenummer=row.kommunenummer or None,
        housing_caps=(HousingCaps(*caps) if row.kommunenummer else None),
        **{name: getattr(row, name) for name in RATE_NAMES},
    )


def registered_rate_sets() -> tuple[RuleRateSet, ...]:
    """Return every registered rate set as plain data for ``Ruleset.with_rate_sets``."""
    return tuple(_as_rules(row) for row in RateSet.objects.order_by("valid_from", "id"))


def current_ruleset() -> Ruleset:
    """Return the baseline rules with every registered state and municipal rate set overlaid."""
    return load_ruleset().with_rate_sets(registered_rate_sets())
