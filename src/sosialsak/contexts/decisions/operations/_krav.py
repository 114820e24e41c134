"""Documentation a decision requires (``dokumentasjonkrav``) and frame decisions
(``rammevedtak``): stored and published when the decision is made; a requirement is later
marked delivered or annulled (never deleted). Each change publishes the requirement's whole
current state, because nav.no replaces it by reference."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import (
    DokumentasjonskravStatus,
    Vedtak,
    VedtakDokumentasjonskrav,
)
from sosialsak.contexts.decisions.operations._core import writable_soknad
from sosialsak.contexts.decisions.operations._inputs import VedtakUtkast
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.kernel.errors import NotFound, ValidationFailed


class UnableToChangeDokumentasjonskrav(ValidationFailed):
    code = "unable_to_change_dokumentasjonskrav"


def ramme_fields(data: VedtakUtkast) -> dict[str, Any]:
    """Return the Vedtak fields of a frame decision (empty when it is none). The reference is
    set before the payments are planned, so their events can name it."""
    if data.ramme is None:
        return {}
    return {"ramme": True, "ramme_belop": data.ramme.belop,
            "ramme_beskrivelse": data.ramme.beskrivelse.strip()[:200],
            "ramme_referanse": uuid.uuid4().hex[:20]}


def publish_ramme(*, soknad: Soknad, vedtak: Vedtak, actor: object, now: datetime) -> None:
    """Publish the frame decision (fom/tom inclusive, as Digisos wants them)."""
    if not vedtak.ramme or vedtak.periode_fra is None or vedtak.periode_til is None:
        return
    record_hendelse(soknad=soknad, type="decisions.rammevedtak", actor=actor, at=now, data={
        "referanse": vedtak.ramme_referanse, "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
        "beskrivelse": vedtak.ramme_beskrivelse or vedtak.sak.tittel,
        "belop": vedtak.ramme_belop, "fom": vedtak.periode_fra.isoformat(),
        "tom": (vedtak.periode_til - timedelta(days=1)).isoformat()})


def krav_event(row: VedtakDokumentasjonskrav, *, actor: object, now: datetime) -> None:
    """Record the requirement's whole current state as a ``decisions.dokumentasjonkrav``."""
    record_hendelse(soknad=row.vedtak.sak.soknad, type="decisions.dokumentasjonkrav",
                    actor=actor, at=now, data={
                        "referanse": row.referanse, "vedtak_id": row.vedtak_id,
                        "sak": row.vedtak.sak.referanse, "tittel": row.tittel,
                        "beskrivelse": row.beskrivelse,
                        "frist": row.frist.isoformat() if row.frist else None,
                        "status": row.status, "utbetalinger": list(row.utbetalinger)})


def store_krav(*, vedtak: Vedtak, data: VedtakUtkast, payment_refs: list[str], actor: object,
               now: datetime) -> list[VedtakDokumentasjonskrav]:
    """Store and publish the decision's documentation requirements (inside ``fatt``)."""
    out = []
    for k in data.dokumentasjonskrav:
        row = VedtakDokumentasjonskrav.objects.create(
            vedtak=vedtak, referanse=uuid.uuid4().hex[:20], tittel=k.tittel.strip()[:200],
            beskrivelse=k.beskrivelse.strip(), frist=k.frist,
            utbetalinger=payment_refs if k.gjelder_utbetalinger else [], endret_at=now,
            endret_av_id=getattr(actor, "pk", None))
        krav_event(row, actor=actor, now=now)
        out.append(row)
    return out


def _krav(scope: Scope, krav_id: int) -> tuple[VedtakDokumentasjonskrav, Soknad]:
    soknad_id = owner_id(VedtakDokumentasjonskrav, krav_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke dokumentasjonskravet.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    # The requirement's status is read only now, under the lock (issue 10, item 6).
    row = lock(VedtakDokumentasjonskrav, krav_id, "vedtak__sak__soknad")
    if row is None:
        raise NotFound("Fant ikke dokumentasjonskravet.")
    return row, soknad


def _changed(row: VedtakDokumentasjonskrav, actor: object, now: datetime) -> None:
    """Save a change to the requirement with who and when, and publish it (innsyn)."""
    row.endret_at, row.endret_av_id = now, getattr(actor, "pk", None)
    row.save()
    krav_event(row, actor=actor, now=now)


def annul_krav(row: VedtakDokumentasjonskrav, *, grunn: str, actor: object,
               now: datetime) -> None:
    """Annul one requirement (never deleted) and publish it; the caller logs the write."""
    row.status, row.annullert_grunn = DokumentasjonskravStatus.ANNULLERT, grunn
    _changed(row, actor, now)


def _save(row: VedtakDokumentasjonskrav, soknad: Soknad, actor: object, now: datetime,
          purpose: str) -> VedtakDokumentasjonskrav:
    _changed(row, actor, now)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)
    return row


@transaction.atomic
def mark_dokumentasjonskrav_levert(
    *, scope: Scope, actor: object, krav_id: int, now: datetime
) -> VedtakDokumentasjonskrav:
    """Record that the required documentation has arrived (nav.no: LEVERT_TIDLIGERE)."""
    row, soknad = _krav(scope, krav_id)
    if row.status != DokumentasjonskravStatus.RELEVANT:
        raise UnableToChangeDokumentasjonskrav(
            "Dokumentasjonskravet er allerede levert eller annullert.",
            code="dokumentasjonskrav_ikke_apent", field="krav_id")
    row.status = DokumentasjonskravStatus.LEVERT
    return _save(row, soknad, actor, now, "dokumentasjonskrav levert")


@transaction.atomic
def annul_dokumentasjonskrav(
    *, scope: Scope, actor: object, krav_id: int, grunn: str, now: datetime
) -> VedtakDokumentasjonskrav:
    """Withdraw a requirement that no longer applies, with the reason (never deleted)."""
    row, soknad = _krav(scope, krav_id)
    if not grunn.strip():
        raise UnableToChangeDokumentasjonskrav("Skriv hvorfor kravet annulleres.",
                                               code="grunn_mangler", field="grunn")
    if row.status == DokumentasjonskravStatus.ANNULLERT:
        raise UnableToChangeDokumentasjonskrav("Dokumentasjonskravet er allerede annullert.",
                                               code="allerede_annullert", field="krav_id")
    annul_krav(row, grunn=grunn.strip(), actor=actor, now=now)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="annullere dokumentasjonskrav", kontor_id=soknad.kontor_id)
    return row
