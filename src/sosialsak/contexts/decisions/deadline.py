"""When a decision reached the person and the appeal deadline from then (fvl 1967 § 29: three
weeks from when notice of the decision came forward; new act § 63). One definition for the
appeal registration, the decision page and the API."""

from __future__ import annotations

from sosialsak import rules
from sosialsak.contexts.decisions.models import Forsendelse, Vedtak
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.kernel.clock import local_date


def decision_reached(vedtak: Vedtak) -> rules.KomFram:
    """Return when the decision is taken to have reached the person.

    From the recorded sending (``record_forsendelse``); when nothing is recorded, we assume it
    was posted on the decision date, the latest arrival the rules give (``rules.kom_fram``),
    so that an unknown sending never shortens the person's deadline."""
    made = local_date(vedtak.fattet_at)
    if vedtak.forsendelse and vedtak.sendt_dato:
        return rules.kom_fram(kanal=vedtak.forsendelse, sendt=vedtak.sendt_dato,
                              mottatt=vedtak.mottatt_dato, rules=legal_ruleset())
    assumed = rules.kom_fram(kanal=Forsendelse.POST, sendt=made, rules=legal_ruleset())
    return rules.KomFram(assumed.dato, False, "Det er ikke registrert hvordan vedtaket ble "
                         "sendt; vi regner det som sendt i posten på vedtaksdatoen. "
                         + assumed.forklaring)


def appeal_deadline(vedtak: Vedtak) -> tuple[rules.KomFram, rules.Frist]:
    """Return when the decision reached the person and the appeal deadline from then."""
    fram = decision_reached(vedtak)
    return fram, rules.klagefrist(kom_fram=fram.dato, rules=legal_ruleset())
