"""The person's own appeal of a decision (issue 16, item 6): «klag på vedtaket».

The appeal is written as a Digisos ``klage.json`` and registered by the same operation as an
appeal from nav.no (``decisions.register_digisos_klage``), so the deadline check (fvl § 29,
klagefrist from ``rules``), the late flag and the office's review are the same. The person
may appeal only their own decision (``own_vedtak``: NotFound otherwise, audited).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope, system_scope
from sosialsak.contexts.decisions.deadline import decision_reached
from sosialsak.contexts.decisions.models import Klage, Vedtak
from sosialsak.contexts.decisions.operations import register_digisos_klage
from sosialsak.contexts.digisos.citizen_view import own_vedtak, vedtak_letter
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.formats.digisos.soknad_writer import timestamp
from sosialsak.kernel.errors import NotFound, ValidationFailed

MAX_TEXT = 4000


class AppealInvalid(ValidationFailed):
    code = "appeal_invalid"


@dataclass(frozen=True)
class AppealInfo:
    vedtak: Vedtak
    klagefrist: date
    for_sent: bool
    klager: list[Klage]


def appeal_info(*, scope: Scope, actor: object, vedtak_id: int, today: date) -> AppealInfo:
    """Return the decision, its appeal deadline (from ``rules``) and the appeals made."""
    vedtak = own_vedtak(scope=scope, actor=actor, vedtak_id=vedtak_id)
    frist = rules.klagefrist(kom_fram=decision_reached(vedtak).dato, rules=legal_ruleset()).due
    return AppealInfo(vedtak, frist, today > frist, list(vedtak.klager.order_by("mottatt")))


def klage_document(*, vedtak: Vedtak, fnr: str, fornavn: str, etternavn: str, tekst: str,
                   now: datetime) -> dict[str, Any]:
    """Return the appeal as a Digisos ``klage.json``."""
    letter = vedtak_letter(vedtak)
    if letter is None:
        raise NotFound(_("Fant ikke vedtaksbrevet."))
    soknad = vedtak.sak.soknad
    digisos_id = soknad.digisos_id or str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                     f"sosialsak:soknad:{soknad.pk}"))
    return {
        "klageId": str(uuid.uuid4()), "vedtakId": str(letter.dokumentlager_id),
        "digisosId": str(digisos_id),
        "personIdentifikator": {"kilde": "system", "verdi": fnr},
        "navn": {"kilde": "system", "fornavn": fornavn, "mellomnavn": "",
                 "etternavn": etternavn},
        "mottaker": {"enhetsnummer": soknad.kontor.enhetsnummer,
                     "navEnhetsnavn": soknad.kontor.navn},
        "innsendingstidspunkt": timestamp(now),
        "autentisering": {"autentisertDigitalt": True, "autentiseringsTidspunkt": timestamp(now)},
        "begrunnelse": {"kilde": "bruker", "klageTekst": tekst},
    }


def submit_appeal(*, scope: Scope, actor: object, vedtak_id: int, fnr: str, tekst: str,
                  now: datetime) -> Klage:
    """Register the person's appeal of their own decision through the Digisos appeal path."""
    tekst = tekst.strip()
    if not tekst:
        raise AppealInvalid(_("Skriv hvorfor du klager."), field="tekst")
    if len(tekst) > MAX_TEXT:
        raise AppealInvalid(_("Klagen er for lang. Skriv kortere."), field="tekst")
    vedtak = own_vedtak(scope=scope, actor=actor, vedtak_id=vedtak_id)
    person = vedtak.sak.soknad.person
    document = klage_document(vedtak=vedtak, fnr=fnr, fornavn=person.fornavn,
                              etternavn=person.etternavn, tekst=tekst, now=now)
    # The system registers it on the person's behalf (a citizen writes nothing directly);
    # the audit entry names the person as the actor.
    return register_digisos_klage(scope=system_scope(), actor=actor, document=document, now=now)
