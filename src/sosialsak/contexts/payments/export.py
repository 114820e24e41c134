"""The daily export of due payments: a CSV file for accounting and a pain.001 file for the bank.

**Idempotent by batch.** The first export for an office and a due date puts the planned
payments due that day into a ``Betalingsoppdrag`` (batch 1). Exporting again returns the same
batch — the same payments, the same ``MsgId`` and creation time, so the same bytes and
checksum — and a payment is never put in a second batch. Payments that become due for that day
after the batch was made (nødhjelp decided in the afternoon) go into batch 2 on the next run,
with a new ``MsgId``, and only those. An earlier batch can be fetched again by its number.

Exporting marks nothing as paid: the accounting system confirms payments, and
``set_utbetaling_status`` records that. A payment stopped after its batch was handed over must
also be stopped in the bank. Every run is recorded (``Eksportkjoring``: who, when, which batch,
the file's SHA-256) and audit-logged as EXPORT for each application in the file.

A combined monthly payment is one transfer in the bank file and one CSV row per vedtak's share.
A share whose combined payment already went out in an earlier batch is paid on its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils.translation import gettext_noop

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record, record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.payments.csvfile import CsvRow, write_csv
from sosialsak.contexts.payments.models import (
    Betalingsoppdrag,
    Eksportformat,
    Eksportkjoring,
    SamletUtbetaling,
    Utbetaling,
    UtbetalingStatus,
)
from sosialsak.contexts.payments.office import debitor_for
from sosialsak.contexts.payments.planning import month_text
from sosialsak.formats.pain001 import CreditTransfer, Debtor, PaymentMessage, build_pain001
from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.errors import DomainError, Forbidden, NotFound, ValidationFailed


class UnableToExport(ValidationFailed):
    code = "unable_to_export"


class NothingToExport(DomainError):
    code = "nothing_to_export"


@dataclass(frozen=True)
class ExportFile:
    filnavn: str
    content_type: str
    innhold: bytes
    sha256: str
    antall: int  # vedtak shares (CSV rows); the bank file may combine some
    sum_belop: int
    msg_id: str
    lopenummer: int
    oppdrag_id: int
    kjoring_id: int


EXPORT_REFUSED = gettext_noop(
    "Du kan ikke laste ned betalingsfiler. Det krever egen tilgang, som leder har; "
    "be en leder om å eksportere.")


def office_for_export(scope: Scope, actor: object, kontor_id: int,
                      purpose: str = "eksport av utbetalinger") -> NavKontor:
    """Return the office if ``scope`` may export its payments; log and raise NotFound if not."""
    kontor = NavKontor.objects.filter(pk=kontor_id).first()
    if kontor is None or not scope.can_write or not scope.kontor_allowed(kontor_id):
        record(actor=actor, action=Action.DENIED, object_type="kontor", object_id=kontor_id,
               purpose=purpose, kontor_id=kontor_id if kontor else None)
        raise NotFound("Fant ikke kontoret, eller du har ikke tilgang til utbetalingene der.")
    return kontor


def in_scope(scope: Scope, kontor_id: int) -> QuerySet[Soknad]:
    """Return the applications of the office that ``scope`` may see (a subquery)."""
    return scoped_soknader(scope).filter(kontor_id=kontor_id)


def _new_batch(scope: Scope, actor: object, kontor: NavKontor, day: date,
               now: datetime) -> Betalingsoppdrag | None:
    due = list(Utbetaling.objects.select_for_update(of=("self",)).filter(
        status=UtbetalingStatus.PLANLAGT, forfallsdato=day, oppdrag__isnull=True,
        vedtak__sak__soknad__in=in_scope(scope, kontor.pk)).values_list("pk", flat=True))
    if not due:
        return None
    # A combined payment already sent cannot grow: its late shares are paid on their own.
    Utbetaling.objects.filter(pk__in=due, samlet_i__in=SamletUtbetaling.objects.filter(
        andeler__oppdrag__isnull=False)).update(samlet_i=None)
    last = Betalingsoppdrag.objects.filter(kontor=kontor, forfallsdato=day).aggregate(
        n=Max("lopenummer"))["n"] or 0
    batch = Betalingsoppdrag.objects.create(
        kontor=kontor, forfallsdato=day, lopenummer=last + 1,
        msg_id=f"SOSIALSAK-{kontor.enhetsnummer}-{day:%Y%m%d}-{last + 1:02d}",
        opprettet_at=now, opprettet_av_id=getattr(actor, "pk", None))
    Utbetaling.objects.filter(pk__in=due).update(oppdrag=batch)
    return batch


def visible_batches(scope: Scope, kontor_id: int, day: date) -> QuerySet[Betalingsoppdrag]:
    """Return the day's batches holding only payments ``scope`` may see, newest first.

    A batch the system job made with a strictly confidential case in it stays hidden from a
    caller without that permission: even its count and sum would tell that the case exists.
    """
    hidden = Utbetaling.objects.filter(oppdrag=OuterRef("pk")).exclude(
        vedtak__sak__soknad__in=in_scope(scope, kontor_id))
    return (Betalingsoppdrag.objects.filter(kontor_id=kontor_id, forfallsdato=day)
            .exclude(Exists(hidden)).order_by("-lopenummer"))


def _find_batch(scope: Scope, kontor: NavKontor, day: date,
                lopenummer: int | None) -> Betalingsoppdrag:
    batches = visible_batches(scope, kontor.pk, day)
    batch = (batches.filter(lopenummer=lopenummer) if lopenummer else batches).first()
    if batch is None:
        if lopenummer:
            raise NotFound(f"Fant ikke betalingsoppdrag nr. {lopenummer} for {day:%d.%m.%Y}.")
        raise NothingToExport(f"Ingen planlagte utbetalinger forfaller {day:%d.%m.%Y}.")
    return batch


def _transfer_key(u: Utbetaling) -> str:
    return u.samlet_i.referanse if u.samlet_i else u.referanse


def _order(u: Utbetaling) -> tuple[str, str, str]:
    name = u.samlet_i.mottaker_navn if u.samlet_i else u.mottaker_navn
    return (name.casefold(), _transfer_key(u), u.referanse)


def _shares(batch: Betalingsoppdrag) -> list[Utbetaling]:
    # Sorted here, not in SQL: the order (and so the checksum) must not depend on the database.
    # By recipient, then by transfer, so a combined payment's shares stay together.
    return sorted(batch.utbetalinger.select_related("vedtak__sak", "samlet_i"), key=_order)


def _csv(shares: list[Utbetaling]) -> bytes:
    return write_csv([CsvRow(
        referanse=u.referanse, betalingsreferanse=_transfer_key(u), forfallsdato=u.forfallsdato,
        belop=u.belop, mottaker=u.mottaker_navn, kontonummer=u.kontonummer,
        kid_melding=u.kid or u.melding, vedtak_id=u.vedtak_id, sak=u.vedtak.sak.referanse,
    ) for u in shares])


def _pain001(batch: Betalingsoppdrag, kontor: NavKontor, shares: list[Utbetaling]) -> bytes:
    debitor = debitor_for(kontor.pk)
    if debitor is None:
        raise UnableToExport("debitor_kontonummer: kontoret mangler kommunens navn og konto "
                             "for betalingsfilen. En leder kan legge dem inn under "
                             "utbetalingsinnstillinger.", field="debitor_kontonummer")
    transfers = []
    for key, group in groupby(shares, key=_transfer_key):
        parts = list(group)
        first, samlet = parts[0], parts[0].samlet_i
        transfers.append(CreditTransfer(
            end_to_end_id=key, amount=Decimal(sum(u.belop for u in parts)),
            execution_date=first.forfallsdato,
            creditor_name=samlet.mottaker_navn if samlet else first.mottaker_navn,
            creditor_account=samlet.kontonummer if samlet else first.kontonummer,
            creditor_organisation_number=first.mottaker_organisasjonsnummer,
            kid="" if samlet else first.kid,
            remittance_text=f"NAV økonomisk stønad, {month_text(samlet.maned)}" if samlet
            else first.melding))
    return build_pain001(PaymentMessage(
        msg_id=batch.msg_id, created_at=batch.opprettet_at.astimezone(OSLO),
        debtor=Debtor(debitor.navn, debitor.kontonummer, debitor.organisasjonsnummer,
                      debitor.bic),
        transfers=tuple(transfers)))


def export_due_payments(
    *, scope: Scope, actor: object, kontor_id: int, forfallsdato: date, format: str,
    now: datetime, lopenummer: int | None = None,
) -> ExportFile:
    """Return the file of the day's batch (made now if payments are waiting) and record the run.

    ``format`` is CSV or PAIN001. ``lopenummer`` fetches an earlier batch of the day again.
    Raise NotFound outside scope, NothingToExport when no payment falls due that day, and
    UnableToExport naming the field when the file cannot be made.
    """
    if format not in Eksportformat.values:
        raise UnableToExport("format: velg CSV eller PAIN001.", field="format")
    check_case_date(forfallsdato, field="dato")  # the bounds of kernel.bounds (issue 10)
    # Checked outside the transaction, so that the logged denial is not rolled back with it.
    kontor = office_for_export(scope, actor, kontor_id)
    if not scope.can_export_payments:  # issue 12: its own permission (leder by default)
        record(actor=actor, action=Action.DENIED, object_type="kontor", object_id=kontor_id,
               purpose="eksport av utbetalinger: mangler eksporttilgang", kontor_id=kontor_id)
        raise Forbidden(EXPORT_REFUSED)
    return _export(scope=scope, actor=actor, kontor=kontor, forfallsdato=forfallsdato,
                   format=format, now=now, lopenummer=lopenummer)


@transaction.atomic
def _export(*, scope: Scope, actor: object, kontor: NavKontor, forfallsdato: date, format: str,
            now: datetime, lopenummer: int | None) -> ExportFile:
    if lopenummer is None:
        _new_batch(scope, actor, kontor, forfallsdato, now)
    batch = _find_batch(scope, kontor, forfallsdato, lopenummer)
    shares = _shares(batch)
    content = _csv(shares) if format == Eksportformat.CSV else _pain001(batch, kontor, shares)
    digest = hashlib.sha256(content).hexdigest()
    total = sum(u.belop for u in shares)
    purpose = f"eksport av utbetalinger ({batch.msg_id})"
    soknad_ids: list[object] = [*sorted({u.vedtak.sak.soknad_id for u in shares})]
    record_many(actor=actor, action=Action.EXPORT, object_type="soknad", object_ids=soknad_ids,
                purpose=purpose, kontor_ids=[kontor.pk] * len(soknad_ids))
    entry = record(actor=actor, action=Action.EXPORT, object_type="betalingsoppdrag",
                   object_id=batch.pk, purpose=purpose, kontor_id=kontor.pk)
    run = Eksportkjoring.objects.create(
        oppdrag=batch, format=format, kjort_at=now, kjort_av_id=getattr(actor, "pk", None),
        kjort_av_navn=entry.actor_username, kanal=entry.channel, antall=len(shares),
        sum_belop=total, sha256=digest)
    suffix = "csv" if format == Eksportformat.CSV else "xml"
    return ExportFile(
        filnavn=f"utbetalinger-{kontor.enhetsnummer}-{forfallsdato:%Y-%m-%d}-"
                f"{batch.lopenummer}.{suffix}",
        content_type="text/csv; charset=utf-8" if suffix == "csv" else "application/xml",
        innhold=content, sha256=digest, antall=len(shares), sum_belop=total,
        msg_id=batch.msg_id, lopenummer=batch.lopenummer, oppdrag_id=batch.pk,
        kjoring_id=run.pk)
