"""The person's own application form: drafts kept per citizen, and sending one through the
same intake as a Digisos delivery (issue 16, item 2).

A draft is the person's alone: only their own user reads or changes it, and staff never see
it (no query here takes a staff scope). Sending builds a Digisos ``soknad.json`` with the
format code and hands a ``Delivery`` to ``import_delivery``, the path every nav.no delivery
takes, so checks, flags, the queue and innsyn are the same. Sizes are bounded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sosialsak.contexts.accounts.models import NavKontor, User
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.digisos.importer import import_delivery
from sosialsak.contexts.digisos.models import Utkast, UtkastVedlegg
from sosialsak.contexts.people.login import link_after_application
from sosialsak.formats.digisos.soknad_writer import (
    BarnSkjema,
    SoknadSkjema,
    build_soknad,
    timestamp,
)
from sosialsak.kernel.errors import NotFound, ValidationFailed

log = logging.getLogger("sosialsak.digisos")
MAX_DRAFT_BYTES = 32_000
MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
STEPS = ("om-deg", "husstand", "bolig", "inntekt", "utgifter", "soknad", "vedlegg", "send")
# What is applied for, as words the intake recognises (soknad_import.items_from_text).
HVA = {"livsopphold": "Penger til mat og livsopphold", "husleie": "Husleie",
       "strom": "Strøm", "annet": "Annet"}


class DraftInvalid(ValidationFailed):
    code = "draft_invalid"


@dataclass(frozen=True)
class Sent:
    soknad_id: int | None
    outcome: str
    errors: tuple[str, ...] = ()


def get_draft(*, user: User) -> Utkast | None:
    """Return the person's own draft (or None); the read is audited like any personal data."""
    draft = Utkast.objects.filter(user=user).first()
    if draft is not None:
        record(actor=user, action=Action.READ, object_type="utkast", object_id=draft.pk,
               purpose="eget søknadsutkast")
    return draft


@transaction.atomic
def save_step(*, user: User, values: dict[str, Any], now: datetime) -> Utkast:
    """Merge one step's checked answers into the person's draft (made on the first step)."""
    draft = Utkast.objects.select_for_update().filter(user=user).first() or Utkast(
        user=user, data={}, opprettet_at=now, endret_at=now)
    data = {**draft.data, **values}
    if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_DRAFT_BYTES:
        raise DraftInvalid(_("Utkastet er for stort. Skriv kortere."), field="data")
    draft.data, draft.endret_at = data, now
    draft.save()
    return draft


@transaction.atomic
def add_attachment(*, user: User, filnavn: str, type: str, innhold: bytes,
                   now: datetime) -> None:
    draft = save_step(user=user, values={}, now=now)
    if draft.vedlegg.count() >= MAX_FILES:
        raise DraftInvalid(_("Du kan legge ved høyst %(n)s filer.") % {"n": MAX_FILES}, field="fil")
    if len(innhold) > MAX_FILE_BYTES:
        raise DraftInvalid(_("Filen er for stor. Den kan være høyst 5 MB."), field="fil")
    if not innhold.startswith(b"%PDF-") and not innhold[:3] == b"\xff\xd8\xff" \
            and not innhold.startswith(b"\x89PNG"):
        raise DraftInvalid(_("Filen må være PDF, JPG eller PNG."), field="fil")
    safe = "".join(c for c in filnavn if c.isalnum() or c in "._-")[-60:] or "vedlegg"
    UtkastVedlegg.objects.create(utkast=draft, filnavn=f"{draft.vedlegg.count() + 1}-{safe}",
                                 type=type[:40], innhold=innhold)


def delete_draft(*, user: User) -> None:
    Utkast.objects.filter(user=user).delete()


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) else 0


def skjema_from(data: dict[str, Any], *, fnr: str) -> SoknadSkjema:
    """Return the form answers as the writer's input; raise DraftInvalid for a missing step."""
    kontor = NavKontor.objects.filter(enhetsnummer=data.get("enhetsnummer", "")).prefetch_related(
        "kommuner").first()
    if kontor is None or not data.get("fornavn"):
        raise DraftInvalid(_("Fyll ut «Om deg» først."), field="om-deg")
    if not data.get("hva_typer"):
        raise DraftInvalid(_("Fyll ut «Hva du søker om» først."), field="soknad")
    kommune = kontor.kommuner.order_by("nummer").first()
    hva = ". ".join(HVA[t] for t in data["hva_typer"] if t in HVA)
    if data.get("hva"):
        hva = f"{hva}. {data['hva']}"
    return SoknadSkjema(
        fodselsnummer=fnr, fornavn=data["fornavn"], etternavn=data.get("etternavn", ""),
        telefon=data.get("telefon", ""), kontonummer=data.get("kontonummer", ""),
        gatenavn=data.get("gatenavn", ""), husnummer=data.get("husnummer", ""),
        postnummer=data.get("postnummer", ""), poststed=data.get("poststed", ""),
        kommunenummer=kommune.nummer if kommune else "", enhetsnummer=kontor.enhetsnummer,
        kontornavn=kontor.navn, sivilstatus=data.get("sivilstatus", "ugift"),
        botype=data.get("botype", "annet"), antall_personer=max(1, _int(data, "antall_personer")),
        hva=hva, hvorfor=data.get("hvorfor", ""),
        barn=tuple(BarnSkjema(navn=b["navn"], fodselsdato=date.fromisoformat(b["fodselsdato"]))
                   for b in data.get("barn", [])),
        inntekter={k[8:]: _int(data, k) for k in data if k.startswith("inntekt_")},
        utgifter={k[7:]: _int(data, k) for k in data if k.startswith("utgift_")},
    )


def delivery_for(draft: Utkast, *, fnr: str, now: datetime) -> Delivery:
    """Return the draft as a Digisos delivery (metadata, soknad.json, vedlegg.json, files).

    The ids derive from the draft, so sending twice is the importer's DUPLIKAT, not a copy."""
    soknad = build_soknad(skjema_from(draft.data, fnr=fnr))
    soknad["innsendingstidspunkt"] = timestamp(now)
    seed = f"egen-soknad:{draft.pk}:{draft.opprettet_at.isoformat()}"
    files = {v.filnavn: bytes(v.innhold) for v in draft.vedlegg.order_by("pk")}
    vedlegg = {"vedlegg": [
        {"type": v.type, "tilleggsinfo": v.type, "status": "LastetOpp",
         "hendelseType": "soknad",
         "filer": [{"filnavn": v.filnavn, "sha512": hashlib.sha512(bytes(v.innhold)).hexdigest()}]}
        for v in draft.vedlegg.order_by("pk")]}
    meta = {"digisosId": str(uuid.uuid5(uuid.NAMESPACE_URL, seed)),
            "eksternRef": str(uuid.uuid5(uuid.NAMESPACE_URL, seed + ":ref"))}
    return Delivery(source="citizen", label=f"egen søknad {draft.pk}", files={
        "metadata.json": json.dumps(meta).encode(),
        "soknad.json": json.dumps(soknad, ensure_ascii=False).encode(),
        "vedlegg.json": json.dumps(vedlegg).encode(), **files})


def send_draft(*, user: User, fnr: str, now: datetime) -> Sent:
    """Send the person's draft through the intake; delete it when imported."""
    draft = get_draft(user=user)
    if draft is None:
        raise NotFound(_("Du har ikke noe utkast."))
    delivery = delivery_for(draft, fnr=fnr, now=now)
    result = import_delivery(delivery=delivery, now=now)
    if result.outcome not in ("IMPORTERT", "DUPLIKAT") or result.soknad_id is None:
        log.warning("own application not imported: outcome=%s errors=%d", result.outcome,
                    len(result.errors))
        return Sent(None, result.outcome, result.errors)
    link_after_application(fnr=fnr, user=user)
    record(actor=user, action=Action.WRITE, object_type="soknad", object_id=result.soknad_id,
           purpose="egen søknad sendt")
    draft.delete()
    return Sent(result.soknad_id, result.outcome)
