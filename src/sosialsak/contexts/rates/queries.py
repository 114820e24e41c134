"""Reads for rate sets and the rules as the app runs them: the registered sets as the rules'
overlay data, and the configured commencement of new acts (``SOSIALSAK_IKRAFTTREDELSER``)."""

from __future__ import annotations

import os
from datetime import date

from sosialsak.contexts.rates.models import RateSet
from sosialsak.formats.letters import Lovhenvisninger
from sosialsak.rules import (
    HousingCaps,
    InvalidCommencement,
    ParameterNotFound,
    Ruleset,
    load_ruleset,
    parse_commencements,
)
from sosialsak.rules import RateSet as RuleRateSet
from sosialsak.rules.engine.overlays import RATE_NAMES

COMMENCEMENTS_ENV = "SOSIALSAK_IKRAFTTREDELSER"
"""Environment variable: acts' commencement dates, ``LOV-2025-06-20-81=2027-01-01[,...]``.

Read on every call (no database, no restart of a cached value), so an act whose date
``Kongen bestemmer`` can be switched on by configuration before the YAML is updated."""


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


def configured_commencements() -> dict[str, date]:
    """Return the commencement dates set in ``SOSIALSAK_IKRAFTTREDELSER`` (none when unset).

    Raise InvalidCommencement naming the variable when it is malformed."""
    try:
        return parse_commencements(os.environ.get(COMMENCEMENTS_ENV, ""))
    except InvalidCommencement as exc:
        raise InvalidCommencement(f"{COMMENCEMENTS_ENV}: {exc.message}",
                                  field=COMMENCEMENTS_ENV) from exc


def legal_ruleset() -> Ruleset:
    """Return the baseline rules with the configured commencement dates (no database)."""
    return load_ruleset().with_commencements(configured_commencements())


def current_ruleset() -> Ruleset:
    """Return the rules as the app runs them: the configured commencement dates, and every
    registered state and municipal rate set overlaid."""
    return legal_ruleset().with_rate_sets(registered_rate_sets())


def letter_references(on: date, *, rules: Ruleset | None = None) -> Lovhenvisninger:
    """Return the procedural references a letter dated ``on`` prints, from the rules' dated
    legal data (``parameters/hjemler``) with the configured commencements."""
    rules = rules or legal_ruleset()

    def text(key: str) -> str:
        return rules.hjemmel(key, on=on).text

    try:
        stay: str | None = text("fvl.utsatt_iverksetting")
    except ParameterNotFound:  # no verified section in the act in force: no number printed
        stay = None
    return Lovhenvisninger(
        forelopig_svar=text("fvl.forelopig_svar"), forhandsvarsel=text("fvl.forhandsvarsel"),
        innsyn=text("fvl.innsyn"), klagefrist=text("fvl.klagefrist"),
        klagefrist_uker=rules.integer("frister.klagefrist_uker", on=on),
        utsatt_iverksetting=stay, lov_id=rules.hjemmel("fvl.klagefrist", on=on).law_id)
