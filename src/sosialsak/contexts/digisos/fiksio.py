"""Fiks IO-shaped adapters for the intake and innsyn ports (issue 18 item 8; docs/adr/0011).

Fiks IO carries messages between accounts (kontoer): an envelope (meldingId, meldingType,
avsender and mottaker konto, svarPaMelding, time to live, headers) and a payload of files
(encrypted as a zip on the wire: the transport's business, not ours). A message stays on
the queue until it is acknowledged (ack), or comes back when it is returned (nack).

- ``FiksIoInbox`` takes Digisos deliveries from our account: each message becomes a
  ``Delivery`` for the same importer as the inbox folder, gets a receipt (kvittering: mottatt,
  or avvist with the errors), and is acked only once the receipt is sent. A message whose
  receipt cannot be sent is returned to the queue; its import is idempotent (DUPLIKAT).
- ``FiksIoOutbox`` implements ``InnsynOutbox``: the innsyn file and its letters go as one
  message, sent with retries under one meldingId (a receiver drops a repeat); a copy
  (another ``InnsynOutbox``, usually the folder) remembers what was published.
- ``FakeFiksIo``: the transport in memory, with queues per account, dedup on meldingId and
  injected failures: the local fake the tests and development use.

The inbox folder stays the simplest intake adapter; this one sits beside it.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.digisos.importer import ImportResult, import_delivery
from sosialsak.contexts.digisos.outbox import InnsynOutbox, OutboxUnavailable

TYPE_SOKNAD = "no.nav.digisos.soknad.v1"
TYPE_INNSYN = "no.nav.digisos.innsyn.v1"
TYPE_MOTTATT = "no.ks.fiks.kvittering.mottatt.v1"
TYPE_AVVIST = "no.ks.fiks.kvittering.avvist.v1"


class FiksIoUnavailable(Exception):
    """The transport did not take or give a message this time (try again)."""


@dataclass(frozen=True)
class Melding:
    """One Fiks IO message: the envelope and its files."""

    melding_type: str
    avsender_konto: str
    mottaker_konto: str
    filer: Mapping[str, bytes] = field(default_factory=dict)
    melding_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    svar_pa_melding: str | None = None
    ttl_seconds: int = 2 * 24 * 3600
    headere: Mapping[str, str] = field(default_factory=dict)


class FiksIoTransport(Protocol):
    def send(self, melding: Melding) -> None: ...
    def receive(self, konto: str, *, limit: int = 100) -> list[Melding]: ...
    def ack(self, konto: str, melding_id: str) -> None: ...
    def nack(self, konto: str, melding_id: str) -> None: ...


def send_with_retry(transport: FiksIoTransport, melding: Melding, *, attempts: int = 3,
                    backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
    """Send, retrying a failed attempt under the same meldingId; raise OutboxUnavailable
    after the last."""
    for attempt in range(1, attempts + 1):
        try:
            transport.send(melding)
            return
        except FiksIoUnavailable:
            if attempt == attempts:
                raise OutboxUnavailable(f"Fiks IO tok ikke imot meldingen etter {attempts} "
                                        "forsøk; prøv igjen senere.", field="fiksio") from None
            sleep(backoff * attempt)


def _plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name \
        and "\0" not in name and not name.startswith(".")


class FiksIoInbox:
    def __init__(self, transport: FiksIoTransport, *, konto: str, attempts: int = 3,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.transport, self.konto, self.attempts, self.sleep = transport, konto, attempts, sleep

    def import_all(self, *, now: datetime) -> list[ImportResult]:
        """Import every waiting delivery; receipt, then ack, each."""
        results = []
        for melding in self.transport.receive(self.konto):
            if melding.melding_type != TYPE_SOKNAD:
                self._receipt(melding, TYPE_AVVIST, {"feil": "ukjent meldingstype"})
                continue
            if not all(_plain_name(n) for n in melding.filer):
                self._receipt(melding, TYPE_AVVIST, {"feil": "ugyldig filnavn i meldingen"})
                continue
            delivery = Delivery(source="fiksio", label=f"fiksio:{melding.melding_id}",
                                files=dict(melding.filer))
            result = import_delivery(delivery=delivery, now=now)
            results.append(result)
            kind = TYPE_MOTTATT if result.ok else TYPE_AVVIST
            self._receipt(melding, kind, {"utfall": result.outcome,
                                          "feil": " | ".join(result.errors)[:2000]})
        return results

    def _receipt(self, melding: Melding, kind: str, headere: Mapping[str, str]) -> None:
        receipt = Melding(melding_type=kind, avsender_konto=self.konto,
                          mottaker_konto=melding.avsender_konto,
                          svar_pa_melding=melding.melding_id,
                          melding_id=str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                    f"kvittering:{melding.melding_id}")),
                          headere={k: v for k, v in headere.items() if v})
        try:
            send_with_retry(self.transport, receipt, attempts=self.attempts, sleep=self.sleep)
        except OutboxUnavailable:
            self.transport.nack(self.konto, melding.melding_id)  # back on the queue
            return
        self.transport.ack(self.konto, melding.melding_id)


class FiksIoOutbox:
    """``InnsynOutbox`` over Fiks IO; ``copy`` keeps what was published (for the check that
    the history never shrinks)."""

    def __init__(self, transport: FiksIoTransport, *, konto: str, mottaker: str,
                 copy: InnsynOutbox, attempts: int = 3,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.transport, self.konto, self.mottaker, self.copy = transport, konto, mottaker, copy
        self.attempts, self.sleep = attempts, sleep

    def published(self, key: str) -> Any:
        return self.copy.published(key)

    def send(self, key: str, *, document: bytes, letters: Mapping[str, bytes]) -> str:
        files = {f"{file_id}.pdf": pdf for file_id, pdf in letters.items()}
        files["digisos-soker.json"] = document
        melding = Melding(melding_type=TYPE_INNSYN, avsender_konto=self.konto,
                          mottaker_konto=self.mottaker, filer=files, headere={"digisosId": key})
        send_with_retry(self.transport, melding, attempts=self.attempts, sleep=self.sleep)
        self.copy.send(key, document=document, letters=letters)
        return f"fiksio:{melding.melding_id}"


class FakeFiksIo:
    """Fiks IO in memory: ``send`` queues for the receiver's account (a repeated meldingId is
    dropped), ``receive`` hands out what is not yet acked, ``nack`` returns it."""

    def __init__(self) -> None:
        self.queues: dict[str, list[Melding]] = defaultdict(list)
        self.in_flight: dict[str, dict[str, Melding]] = defaultdict(dict)
        self.seen: set[str] = set()
        self.fail_next_sends = 0
        self.sent: list[Melding] = []

    def send(self, melding: Melding) -> None:
        if self.fail_next_sends > 0:
            self.fail_next_sends -= 1
            raise FiksIoUnavailable("fake: midlertidig feil")
        if melding.melding_id in self.seen:
            return
        self.seen.add(melding.melding_id)
        self.sent.append(melding)
        self.queues[melding.mottaker_konto].append(replace(melding))

    def receive(self, konto: str, *, limit: int = 100) -> list[Melding]:
        taken, self.queues[konto] = self.queues[konto][:limit], self.queues[konto][limit:]
        for m in taken:
            self.in_flight[konto][m.melding_id] = m
        return taken

    def ack(self, konto: str, melding_id: str) -> None:
        self.in_flight[konto].pop(melding_id, None)

    def nack(self, konto: str, melding_id: str) -> None:
        m = self.in_flight[konto].pop(melding_id, None)
        if m is not None:
            self.queues[konto].append(m)
