"""Whether a month has rates the municipality stands behind (issue 11, item 4).

The state's guideline rates shipped with the code end with 2024; later sets are registered as
data. A month is *covered* when the rate set the rules use for it (for the responsible
municipality, sotjl. § 3) started in the month's own year, or when a leder/administrator has
confirmed for that year that this set still applies (``RateConfirmation``). Anything else is a
decision on stale rates: refused, with a message that says what to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sosialsak import rules
from sosialsak.contexts.accounts.models import Kommune, Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.rates.models import RateConfirmation
from sosialsak.contexts.rates.queries import current_ruleset


@dataclass(frozen=True)
class RateSetStatus:
    """The rate set in force in a month for a municipality, and whether it is confirmed."""

    kommune: str
    month: date
    covered: bool
    valid_from: date | None  # the set in force; None when no set applies at all
    source: str  # its circular or municipal decision, e.g. "Rundskriv A-3/2023 (+3,8 %)"
    layer: str  # "stat", "stat (registrert)" or "kommune NNNN"
    confirmed_by: str = ""  # set only when covered by a confirmation
    confirmed_at: datetime | None = None

    @property
    def message(self) -> str:
        """Return what the caseworker must know or do, in plain Bokmål."""
        if self.valid_from is None:
            return (f"Det finnes ingen satser for {self.month:%m.%Y}. Kommunen må registrere "
                    "satser for året før det kan gjøres vedtak om livsopphold.")
        if self.covered:
            how = (f"bekreftet av {self.confirmed_by} {self.confirmed_at:%d.%m.%Y}"
                   if self.confirmed_at else f"satssett for {self.month.year}")
            return (f"Satsene fra {self.valid_from:%d.%m.%Y} ({self.source}) gjelder for "
                    f"{self.month.year} ({how}).")
        return (f"Satsene som gjelder for {self.month:%m.%Y} er fra {self.valid_from:%d.%m.%Y} "
                f"({self.source}), og kommunen har ikke bekreftet satser for {self.month.year}. "
                f"Det kan ikke gjøres vedtak om livsopphold før leder eller administrator har "
                f"registrert satsene for {self.month.year}, eller bekreftet at satsene fra "
                f"{self.valid_from:%d.%m.%Y} fortsatt gjelder (siden «Satser» for kontoret).")


def rate_set_status(*, kommune: str, month: date, ruleset: rules.Ruleset | None = None
                    ) -> RateSetStatus:
    """Return whether ``month`` has rates the municipality ``kommune`` has confirmed, and which
    set the rules use. Reads no personal data (not audit-logged)."""
    month = month.replace(day=1)
    ruleset = ruleset or current_ruleset()
    try:
        info = rules.rate_set_info(rules=ruleset, on=month, kommune=kommune or None)
    except rules.ParameterNotFound:
        return RateSetStatus(kommune, month, False, None, "", "")
    if info.valid_from.year == month.year:
        return RateSetStatus(kommune, month, True, info.valid_from, info.source, info.layer)
    confirmation = RateConfirmation.objects.filter(
        kommunenummer=kommune, year=month.year, rate_set_from=info.valid_from).first()
    if confirmation is None:
        return RateSetStatus(kommune, month, False, info.valid_from, info.source, info.layer)
    return RateSetStatus(kommune, month, True, info.valid_from, info.source, info.layer,
                         confirmation.confirmed_by_name, confirmation.confirmed_at)


def rates_overview(*, scope: Scope, years: tuple[int, ...]) -> list[RateSetStatus]:
    """Return the status of January of each year for each municipality the leder's office
    serves (the page where a leder confirms rates). Empty for anyone but a leder."""
    if Role.LEDER not in scope.roles:
        return []
    kommuner = (Kommune.objects.filter(kontorer__id__in=scope.kontor_ids).distinct()
                .order_by("nummer").values_list("nummer", flat=True))
    ruleset = current_ruleset()
    return [rate_set_status(kommune=k, month=date(y, 1, 1), ruleset=ruleset)
            for k in kommuner for y in years]
