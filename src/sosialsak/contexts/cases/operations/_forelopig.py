"""The preliminary reply (foreløpig svar, forvaltningsloven § 11 a): letter and event at once."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import writable
from sosialsak.contexts.cases.models import Brev, BrevType
from sosialsak.contexts.cases.operations import _brev
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import ValidationFailed


class UnableToSendForelopigSvar(ValidationFailed):
    code = "unable_to_send_forelopig_svar"


@transaction.atomic
def send_forelopig_svar(
    *, scope: Scope, actor: object, soknad_id: int, grunn: str, forventet_dato: date,
    now: datetime,
) -> Brev:
    """Send the preliminary reply: why it takes time and when to expect a decision.

    Stores the letter (PDF) and records the ``cases.forelopig_svar`` event the innsyn export
    publishes as ``forelopigSvar``.
    """
    soknad = writable(scope, soknad_id, lock=True)
    today = local_date(now)
    if soknad.status not in ("MOTTATT", "UNDER_BEHANDLING"):
        raise UnableToSendForelopigSvar(
            "status: søknaden er avsluttet; foreløpig svar trengs ikke.", code="soknad_closed",
            field="status")
    grunn = grunn.strip()
    if not grunn:
        raise UnableToSendForelopigSvar("grunn: skriv hvorfor behandlingen tar tid.",
                                        field="grunn")
    if forventet_dato <= today:
        raise UnableToSendForelopigSvar("forventet_dato: forventet svardato må være etter i dag.",
                                        field="forventet_dato")
    letter = letters.ForelopigSvar(
        kontor=_brev.kontor_of(soknad), mottaker=_brev.mottaker_of(soknad), dato=today,
        saksreferanse=saksnummer(soknad.pk), saksbehandler=_brev.signer(actor, soknad),
        soknadsdato=local_date(soknad.mottatt_at), grunn=grunn, forventet_dato=forventet_dato,
    )
    brev = _brev.store(soknad=soknad, type=BrevType.FORELOPIG_SVAR, letter=letter,
                       frist=forventet_dato, actor=actor, now=now)
    record_hendelse(soknad=soknad, type="cases.forelopig_svar", actor=actor, at=now,
                    data={"brev_id": brev.pk, "forventet_dato": forventet_dato.isoformat(),
                          "begrunnelse": grunn})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="sende foreløpig svar", kontor_id=soknad.kontor_id)
    return brev
