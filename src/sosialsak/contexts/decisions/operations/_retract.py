"""Retractions, never deletions: a condition that no longer applies is annulled, and a sak
opened by mistake is marked FEILREGISTRERT (nav.no hides it). Both need a written reason.

A feilregistrert sak's decisions stop counting as decisions on the items applied for
(``undecided_items``), and its conditions, documentation requirements and the payments that have
not left the office are annulled with it, so nothing of it stays in force, visible or payable.
Payments already paid or handed to the bank are kept: they happened."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import (
    DokumentasjonskravStatus,
    Sak,
    SakStatus,
    VedtakDokumentasjonskrav,
    Vilkar,
    VilkarStatus,
)
from sosialsak.contexts.decisions.operations._core import (
    change_status,
    undecided_items,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._krav import annul_krav
from sosialsak.contexts.decisions.ports import annul_payments
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules import KATALOG, VilkarType


class UnableToRetract(ValidationFailed):
    code = "unable_to_retract"


def _reason(grunn: str) -> str:
    if not grunn.strip():
        raise UnableToRetract("Skriv begrunnelsen.", code="grunn_mangler", field="grunn")
    return grunn.strip()


def _log(soknad: Soknad, actor: object, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


def _vilkar_title(v: Vilkar) -> str:
    try:
        return str(KATALOG[VilkarType(v.kode)].label)
    except (ValueError, KeyError):
        return "Vilkår"


def annul(v: Vilkar, *, soknad: Soknad, grunn: str, actor: object, now: datetime) -> None:
    """Annul one condition and publish it (same reference, status ANNULLERT)."""
    first = (soknad.hendelser.filter(type="decisions.vilkar", data__referanse=v.referanse)
             .order_by("at", "id").values_list("data", flat=True).first()) or {}
    v.status, v.annullert_at, v.annullert_grunn = VilkarStatus.ANNULLERT, now, grunn
    v.save(update_fields=["status", "annullert_at", "annullert_grunn"])
    record_hendelse(soknad=soknad, type="decisions.vilkar", actor=actor, at=now, data={
        "referanse": v.referanse, "vedtak_id": v.vedtak_id, "sak": v.vedtak.sak.referanse,
        "tittel": first.get("tittel") or _vilkar_title(v), "beskrivelse": v.beskrivelse,
        "frist": v.frist.isoformat() if v.frist else None, "status": v.status, "kode": v.kode,
        "konsekvens": v.konsekvens, "utbetalinger": first.get("utbetalinger", [])})


@transaction.atomic
def annul_vilkar(*, scope: Scope, actor: object, vilkar_id: int, grunn: str,
                 now: datetime) -> Vilkar:
    """Withdraw a condition that no longer applies (innsyn: vilkar ANNULLERT)."""
    soknad_id = owner_id(Vilkar, vilkar_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vilkåret.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    v = lock(Vilkar, vilkar_id, "vedtak__sak")  # state read under the lock (issue 10, 6)
    if v is None:
        raise NotFound("Fant ikke vilkåret.")
    reason = _reason(grunn)
    if v.status == VilkarStatus.ANNULLERT:
        raise UnableToRetract("Vilkåret er allerede annullert.", code="allerede_annullert",
                              field="vilkar_id")
    annul(v, soknad=soknad, grunn=reason, actor=actor, now=now)
    _log(soknad, actor, "annullere vilkår")
    return v


@transaction.atomic
def mark_sak_feilregistrert(*, scope: Scope, actor: object, sak_id: int, grunn: str,
                            now: datetime) -> Sak:
    """Mark a sak opened by mistake as FEILREGISTRERT; its items count as undecided again."""
    soknad_id = owner_id(Sak, sak_id, "soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke saken.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    sak = lock(Sak, sak_id)  # state read under the lock (issue 10, 6)
    if sak is None:
        raise NotFound("Fant ikke saken.")
    reason = _reason(grunn)
    if sak.status == SakStatus.FEILREGISTRERT:
        raise UnableToRetract("Saken er allerede feilregistrert.",
                              code="allerede_feilregistrert", field="sak_id")
    sak.status, sak.feilregistrert_at, sak.feilregistrert_grunn = (
        SakStatus.FEILREGISTRERT, now, reason)
    sak.save(update_fields=["status", "feilregistrert_at", "feilregistrert_grunn"])
    for v in Vilkar.objects.filter(vedtak__sak=sak).exclude(
            status=VilkarStatus.ANNULLERT).select_related("vedtak__sak"):
        annul(v, soknad=soknad, grunn=reason, actor=actor, now=now)
    for vedtak in sak.vedtak.all():
        annul_payments(scope=scope, actor=actor, vedtak_id=vedtak.pk, now=now)
    for krav in VedtakDokumentasjonskrav.objects.filter(vedtak__sak=sak).exclude(
            status=DokumentasjonskravStatus.ANNULLERT).select_related("vedtak__sak"):
        annul_krav(krav, grunn=reason, actor=actor, now=now)
    record_hendelse(soknad=soknad, type="decisions.sak.status", actor=actor, at=now, data={
        "referanse": sak.referanse, "tittel": sak.tittel, "status": SakStatus.FEILREGISTRERT})
    _log(soknad, actor, "feilregistrere sak")
    soknad.refresh_from_db(fields=["status"])
    if soknad.status == "FERDIGBEHANDLET" and undecided_items(soknad):
        # The application is not finished after all: what the sak decided is open again.
        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="UNDER_BEHANDLING",
                      now=now, reason="En sak er feilregistrert")
    return sak
