"""How a decision reached the person, and the appeal deadline that follows (fvl 1967 § 29:
three weeks from when notice of the decision came forward; new act § 63)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.deadline import appeal_deadline
from sosialsak.contexts.decisions.models import Forsendelse, Vedtak
from sosialsak.contexts.decisions.operations._core import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound, ValidationFailed


class UnableToRecordForsendelse(ValidationFailed):
    code = "unable_to_record_forsendelse"


@transaction.atomic
def record_forsendelse(
    *, scope: Scope, actor: object, vedtak_id: int, forsendelse: str, sendt: date,
    mottatt: date | None, now: datetime,
) -> Vedtak:
    """Record how the decision was sent and, if known, when the person received it."""
    # Lock, then read (contexts/locking.py): only the owning application's id is read before
    # its lock; the decision's state is read under the lock, so two recordings at once cannot
    # both check against the state before the other.
    soknad_id = owner_id(Vedtak, vedtak_id, "sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vedtaket.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    vedtak = lock(Vedtak, vedtak_id, "sak")
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    if forsendelse not in Forsendelse.values:
        raise UnableToRecordForsendelse(f"forsendelse: ukjent verdi «{forsendelse}».",
                                        field="forsendelse")
    made, today = local_date(vedtak.fattet_at), local_date(now)
    if not made <= sendt <= today:
        raise UnableToRecordForsendelse(
            f"sendt: datoen må være mellom vedtaksdatoen ({made:%d.%m.%Y}) og i dag.",
            field="sendt")
    if mottatt is not None and mottatt > today:
        raise UnableToRecordForsendelse("mottatt: datoen kan ikke være fram i tid.",
                                        field="mottatt")
    try:
        rules.kom_fram(kanal=forsendelse, sendt=sendt, mottatt=mottatt, rules=legal_ruleset())
    except DomainError as exc:
        raise UnableToRecordForsendelse(exc.message, field="mottatt") from exc
    vedtak.forsendelse, vedtak.sendt_dato, vedtak.mottatt_dato = forsendelse, sendt, mottatt
    vedtak.save(update_fields=["forsendelse", "sendt_dato", "mottatt_dato"])
    fram, frist = appeal_deadline(vedtak)
    record_hendelse(soknad=soknad, type="decisions.vedtak.forsendelse", actor=actor, at=now,
                    data={"vedtak_id": vedtak.pk, "forsendelse": forsendelse,
                          "sendt": sendt.isoformat(), "kom_fram": fram.dato.isoformat(),
                          "klagefrist": frist.due.isoformat()})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere forsendelse av vedtak", kontor_id=soknad.kontor_id)
    return vedtak
