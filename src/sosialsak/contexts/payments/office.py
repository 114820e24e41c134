"""An office's payment settings: the payment day and the municipal account paid from.

An office without a row pays on the 15th (``plan.DEFAULT_UTBETALINGSDAG``), the middle of the
month, until its leder chooses a day; the bank file (pain.001) cannot be made before the
municipality's account and name are set, because the bank needs them as the debtor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.payments.models import Utbetalingsinnstillinger
from sosialsak.contexts.payments.plan import DEFAULT_UTBETALINGSDAG
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.kernel.identity import parse_kontonummer, parse_organisasjonsnummer

BIC = re.compile(r"[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?")


class UnableToSetUtbetalingsinnstillinger(ValidationFailed):
    code = "unable_to_set_utbetalingsinnstillinger"


@dataclass(frozen=True)
class Debitor:
    """The account the municipality pays from, as the bank file names it."""

    navn: str
    kontonummer: str
    organisasjonsnummer: str
    bic: str


def utbetalingsdag_for(kontor_id: int) -> int:
    """Return the office's payment day (1–28), or the default when none is set."""
    row = Utbetalingsinnstillinger.objects.filter(kontor_id=kontor_id).first()
    return row.utbetalingsdag if row else DEFAULT_UTBETALINGSDAG


def debitor_for(kontor_id: int) -> Debitor | None:
    """Return the office's debtor account, or None while it is not set."""
    row = Utbetalingsinnstillinger.objects.filter(kontor_id=kontor_id).first()
    if row is None or not (row.debitor_navn and row.debitor_kontonummer):
        return None
    return Debitor(row.debitor_navn, row.debitor_kontonummer,
                   row.debitor_organisasjonsnummer, row.debitor_bic)


@transaction.atomic
def set_utbetalingsinnstillinger(
    *, scope: Scope, actor: object, kontor_id: int, utbetalingsdag: int,
    debitor_navn: str = "", debitor_kontonummer: str = "", debitor_organisasjonsnummer: str = "",
    debitor_bic: str = "",
) -> Utbetalingsinnstillinger:
    """Save the office's payment settings; only the office's own leder may do this."""
    if Role.LEDER not in scope.roles or not scope.kontor_allowed(kontor_id) \
            or not scope.can_write:
        raise NotFound("Fant ikke kontoret, eller du kan ikke endre innstillingene.")
    if not 1 <= utbetalingsdag <= 28:
        raise UnableToSetUtbetalingsinnstillinger(
            "utbetalingsdag: velg en dag fra 1 til 28, som finnes i alle måneder.",
            field="utbetalingsdag")
    konto = parse_kontonummer(debitor_kontonummer, field="debitor_kontonummer") \
        if debitor_kontonummer.strip() else ""
    orgnr = parse_organisasjonsnummer(debitor_organisasjonsnummer,
                                      field="debitor_organisasjonsnummer") \
        if debitor_organisasjonsnummer.strip() else ""
    bic = debitor_bic.strip().upper()
    if bic and not BIC.fullmatch(bic):
        raise UnableToSetUtbetalingsinnstillinger(
            "debitor_bic: en BIC har 8 eller 11 tegn, for eksempel DNBANOKK.", field="debitor_bic")
    row, _created = Utbetalingsinnstillinger.objects.update_or_create(
        kontor_id=kontor_id,
        defaults={"utbetalingsdag": utbetalingsdag, "debitor_navn": debitor_navn.strip()[:70],
                  "debitor_kontonummer": konto, "debitor_organisasjonsnummer": orgnr,
                  "debitor_bic": bic},
    )
    record(actor=actor, action=Action.WRITE, object_type="utbetalingsinnstillinger",
           object_id=row.pk, purpose="endre utbetalingsinnstillinger", kontor_id=kontor_id)
    return row
