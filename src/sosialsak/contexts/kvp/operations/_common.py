"""Shared pieces of the KVP writes: the lock order, events, audit and the letters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import DokumentType, VedtakDokument
from sosialsak.contexts.decisions.operations import (
    klageinfo,
    kontor_of,
    mottaker_of,
    name_of,
    store_letter,
    writable_soknad,
)
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.kvp.models import Deltakelse, KvpInnstillinger
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

NOT_FOUND = "Fant ikke deltakelsen i kvalifiseringsprogram, eller du har ikke tilgang."


def locked(scope: Scope, deltakelse_id: int) -> Deltakelse:
    """Lock the case first (the KVP application once there is one, else the case the person
    was found in), then read the participation under its row lock."""
    soknad_id = owner_id(Deltakelse, deltakelse_id, "soknad_id") or owner_id(
        Deltakelse, deltakelse_id, "fra_soknad_id")
    if soknad_id is None:
        raise NotFound(NOT_FOUND)
    writable_soknad(scope, soknad_id, lock=True)
    d = lock(Deltakelse, deltakelse_id, "person", "fra_soknad", "soknad")
    if d is None:
        raise NotFound(NOT_FOUND)
    return d


def case_of(d: Deltakelse) -> Soknad:
    """The case the participation's events and letters belong to."""
    return d.soknad if d.soknad is not None else d.fra_soknad


def event(d: Deltakelse, kind: str, actor: object, now: datetime, purpose: str,
          **data: Any) -> None:
    soknad = case_of(d)
    record_hendelse(soknad=soknad, type=f"kvp.{kind}", actor=actor, at=now,
                    data={"deltakelse_id": d.pk, "status": d.status, **data})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


def fulltid(kontor_id: int) -> Decimal:
    row = KvpInnstillinger.objects.filter(kontor_id=kontor_id).first()
    return Decimal(row.fulltid_timer) if row else Decimal("37.5")


def varsel_dager(kontor_id: int) -> int:
    row = KvpInnstillinger.objects.filter(kontor_id=kontor_id).first()
    return row.programslutt_varsel_dager if row else 60


def letter(*, d: Deltakelse, actor: object, now: datetime, tittel: str, utfall: str,
           begrunnelse: str, belop: int | None = None,
           periode: tuple[date, date] | None = None) -> VedtakDokument:
    """Render and store a KVP decision letter (fvl §§ 24–25, 27: reasons and the appeal
    information with the Statsforvalter of the responsible municipality)."""
    soknad = case_of(d)
    punkt = letters.Vedtakspunkt(
        tittel=tittel, utfall=letters.Utfall(utfall), hjemmel="sosialtjenesteloven §§ 29–35",
        begrunnelse=begrunnelse,
        stonadsform=letters.Stonadsform.BIDRAG if belop is not None else None,
        periode=letters.Periode(fra=periode[0], til=periode[1]) if periode else None,
        belop=Decimal(belop) if belop is not None else None)
    brev = letters.Vedtaksbrev(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=local_date(now),
        saksreferanse=saksnummer(soknad.pk), vedtak=(punkt,),
        klage=klageinfo(soknad, dato=local_date(now)),
        saksbehandler=name_of(actor, f"NAV {soknad.kontor.navn.removeprefix('NAV ')}"),
        soknadsdato=local_date(soknad.mottatt_at))
    return store_letter(soknad=soknad, type=DokumentType.VEDTAK, letter=brev, actor=actor,
                        now=now, vedtak_id=d.vedtak_id)


def letter_data(d: Deltakelse, brev: VedtakDokument, utfall: str) -> dict[str, Any]:
    """What the innsyn export needs to publish a KVP decision letter (vedtakFattet)."""
    sak = d.vedtak.sak.referanse if d.vedtak_id and d.vedtak else ""
    return {"brev_id": brev.pk, "dokumentlager_id": str(brev.dokumentlager_id),
            "sha256": brev.sha256, "sak": sak, "utfall": utfall}
