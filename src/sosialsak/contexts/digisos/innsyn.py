"""Build an application's digisos-soker.json from its event log (the whole history, every time).

The event log (``Hendelse``) is the only source, so the file can be rebuilt at any time and
says exactly what happened when. Internal events (kartlegging, conversations, tasks) are not
published. Letters are referenced by a stable dokumentlager id derived from the letter's id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Literal

from sosialsak.contexts.digisos.ettersendelse import dokumentreferanse
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.formats.digisos import build_digisos_soker
from sosialsak.formats.digisos import innsyn_events as ev
from sosialsak.kernel.clock import OSLO
from sosialsak.kernel.periods import inclusive_end

_NAMESPACE = uuid.UUID("6f0b3c53-3f43-4b4e-9a55-2b3c1a6f2d10")

PaymentStatus = Literal["PLANLAGT_UTBETALING", "UTBETALT", "STOPPET", "ANNULLERT"]
PAYMENT_STATUS: dict[str, PaymentStatus] = {
    "PLANLAGT": "PLANLAGT_UTBETALING", "UTBETALT": "UTBETALT", "STOPPET": "STOPPET",
    "ANNULLERT": "ANNULLERT"}
KravStatus = Literal["RELEVANT", "LEVERT_TIDLIGERE", "ANNULLERT"]
# Our «delivered» is Digisos LEVERT_TIDLIGERE (nav.no then stops asking for it).
KRAV_STATUS: dict[str, KravStatus] = {
    "RELEVANT": "RELEVANT", "LEVERT": "LEVERT_TIDLIGERE", "LEVERT_TIDLIGERE": "LEVERT_TIDLIGERE",
    "ANNULLERT": "ANNULLERT"}


def letter_file_id(kind: str, letter_id: int) -> str:
    """Return the dokumentlager id for one of our letters (stable, lower-case UUID)."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{letter_id}"))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _deadline(day: str) -> datetime:
    # A deadline date means "by the end of that day" in Norway.
    return datetime.combine(date.fromisoformat(day), time(23, 59), tzinfo=OSLO)


class _Folder:
    """Fold the event log into innsyn events, keeping what later events need."""

    def __init__(self) -> None:
        # Open requests: our documentation requests (int ids) and the person's right to
        # answer an advance warning ("fv-<brudd>"), published as documents we wait for.
        self.open_krav: dict[int | str, tuple[str, str]] = {}
        self.saker: dict[str, str] = {}

    def events(self, h: Hendelse) -> Iterator[ev.InnsynHendelse]:
        d: dict[str, Any] = h.data or {}
        at = h.at
        if h.type == "intake.soknad.mottatt":
            yield ev.SoknadMottatt(tidspunkt=at)
        elif h.type == "intake.soknad.tildelt":
            yield ev.NavKontorTildelt(tidspunkt=at, nav_kontor=d["enhetsnummer"])
        elif h.type == "intake.soknad.status" and d.get("status") != "MOTTATT":
            yield ev.SoknadStatusEndret(tidspunkt=at, status=d["status"])
        elif h.type == "decisions.sak.opprettet":
            self.saker[d["referanse"]] = d["tittel"]
            yield ev.SakStatus(tidspunkt=at, referanse=d["referanse"],
                               status="UNDER_BEHANDLING", tittel=d["tittel"])
        elif h.type == "decisions.sak.status":
            # A retraction (FEILREGISTRERT hides the sak on nav.no); the title is resent
            # because nav.no overwrites it with whatever the event carries.
            yield ev.SakStatus(tidspunkt=at, referanse=d["referanse"], status=d["status"],
                               tittel=d.get("tittel") or self.saker.get(d["referanse"]))
        elif h.type == "decisions.vedtak.fattet":
            yield from self._vedtak(at, d)
        elif h.type == "decisions.dokumentasjonkrav":
            yield ev.Dokumentasjonkrav(
                tidspunkt=at, referanse=d["referanse"], saksreferanse=d["sak"],
                tittel=d["tittel"], beskrivelse=d.get("beskrivelse") or None,
                frist=_deadline(d["frist"]) if d.get("frist") else None,
                status=KRAV_STATUS[d["status"]],
                utbetalingsreferanser=tuple(d.get("utbetalinger", ())))
        elif h.type == "decisions.rammevedtak":
            yield ev.Rammevedtak(tidspunkt=at, referanse=d["referanse"], saksreferanse=d["sak"],
                                 beskrivelse=d.get("beskrivelse") or None,
                                 belop=Decimal(d["belop"]) if d.get("belop") is not None
                                 else None, fom=_day(d.get("fom")), tom=_day(d.get("tom")))
        elif h.type == "decisions.vilkar":
            for v in d.get("vilkar", [d]):
                yield ev.Vilkar(tidspunkt=at, referanse=str(v["referanse"]),
                                saksreferanse=v.get("sak") or d.get("sak", ""),
                                tittel=v.get("tittel", "Vilkår"),
                                beskrivelse=v.get("beskrivelse"),
                                # Met (issue 14) or annulled; else still to be met.
                                status=v["status"] if v.get("status") in ("ANNULLERT",
                                                                          "OPPFYLT")
                                else "RELEVANT",
                                utbetalingsreferanser=tuple(v.get("utbetalinger", ())))
        elif h.type == "cases.dokumentasjon.etterspurt":
            for k in d.get("krav", []):
                self.open_krav[k["id"]] = (k["tittel"], k["frist"])
            brev = ev.Dokumentlager(letter_file_id("cases.brev", d["brev_id"])) \
                if d.get("brev_id") else None
            yield self._etterspurt(at, brev)
        elif h.type in ("cases.dokumentasjon.mottatt",):
            if self.open_krav.pop(d.get("krav_id", -1), None) is not None:
                yield self._etterspurt(at, None)
        elif h.type == "cases.dokumentasjon.lukket":
            # The case is finished with requests still open: nav.no stops asking for them.
            closed = [self.open_krav.pop(k["id"], None) for k in d.get("krav", [])]
            if any(c is not None for c in closed):
                yield self._etterspurt(at, None)
        elif h.type == "cases.dokumentasjon.frist_ute":
            # The deadline has passed and the case is decided on what is there: nav.no must
            # stop asking for these documents.
            closed = [self.open_krav.pop(k["id"], None) for k in d.get("krav", [])]
            if any(c is not None for c in closed):
                yield self._etterspurt(at, None)
        elif h.type == "decisions.forhandsvarsel":
            # fvl § 16: the person may answer by the deadline; nav.no shows it as a task with
            # the warning letter attached.
            self.open_krav[f"fv-{d['brudd_id']}"] = ("Uttalelse til forhåndsvarsel",
                                                     d["svarfrist"])
            yield self._etterspurt(at, ev.Dokumentlager(d["dokumentlager_id"]))
        elif h.type == "cases.forelopig_svar" and d.get("brev_id"):
            yield ev.ForelopigSvar(tidspunkt=at, forvaltningsbrev=ev.Dokumentlager(
                letter_file_id("cases.brev", d["brev_id"])))
        elif h.type == "payments.utbetaling":
            yield self._utbetaling(at, d)
        elif h.type.startswith("kvp."):
            yield from self._kvp(h.type, at, d)

    def _kvp(self, kind: str, at: datetime, d: dict[str, Any]) -> Iterator[ev.InnsynHendelse]:
        """The KVP steps the person must know of (issue 14): the programme plan as the
        condition to take part (a new plan replaces it: same reference), and the decisions
        with their own letters (reduction for absence, interruption, end). The grant and
        an extension are ordinary vedtak events."""
        ref = f"kvp-plan-{d['deltakelse_id']}"
        if kind in ("kvp.programplan", "kvp.startet") and d.get("sak"):
            yield ev.Vilkar(tidspunkt=at, referanse=ref, saksreferanse=d["sak"],
                            tittel="Delta i kvalifiseringsprogrammet etter programplanen",
                            beskrivelse=d.get("plan") or None)
        elif kind in ("kvp.reduksjon", "kvp.avbrutt", "kvp.avsluttet") and d.get("sak"):
            yield ev.VedtakFattet(tidspunkt=at, saksreferanse=d["sak"], utfall=d["utfall"],
                                  vedtaksfil=ev.Dokumentlager(d["dokumentlager_id"]))
            if kind == "kvp.avsluttet":
                yield ev.Vilkar(tidspunkt=at, referanse=ref, saksreferanse=d["sak"],
                                tittel="Delta i kvalifiseringsprogrammet etter programplanen",
                                status="ANNULLERT")

    def _vedtak(self, at: datetime, d: dict[str, Any]) -> Iterator[ev.InnsynHendelse]:
        if d.get("brudd_id") and self.open_krav.pop(f"fv-{d['brudd_id']}", None):
            yield self._etterspurt(at, None)  # the reduction decision closes the warning
        file_id = d.get("dokumentlager_id") or letter_file_id("decisions.vedtak",
                                                             d["vedtak_id"])
        yield ev.VedtakFattet(tidspunkt=at, saksreferanse=d["sak"], utfall=d["utfall"],
                              vedtaksfil=ev.Dokumentlager(file_id))

    def _etterspurt(self, at: datetime, brev: ev.Dokumentlager | None) -> ev.InnsynHendelse:
        docs = tuple(
            ev.EtterspurtDokument(dokumenttype=tittel, innsendelsesfrist=_deadline(frist),
                                  dokumentreferanse=dokumentreferanse(kid)
                                  if isinstance(kid, int) else kid)
            for kid, (tittel, frist) in sorted(self.open_krav.items(), key=lambda kv: str(kv[0])))
        return ev.DokumentasjonEtterspurt(tidspunkt=at, dokumenter=docs, forvaltningsbrev=brev)

    def _utbetaling(self, at: datetime, d: dict[str, Any]) -> ev.InnsynHendelse:
        to_applicant = d.get("mottaker_type", "SOKER") == "SOKER"
        til = _day(d.get("periode_til"))
        return ev.Utbetaling(
            tidspunkt=at, referanse=d["referanse"], status=PAYMENT_STATUS[d["status"]],
            belop=Decimal(d["belop"]), annen_mottaker=not to_applicant,
            saksreferanse=d.get("sak"), beskrivelse=d.get("beskrivelse") or "Økonomisk stønad",
            rammevedtaksreferanse=d.get("rammevedtak") or None,
            forfallsdato=_day(d.get("forfallsdato")), utbetalingsdato=_day(d.get("utbetalt_dato")),
            # Our periods are half-open [fra, til); Digisos fom/tom are both inclusive.
            fom=_day(d.get("periode_fra")), tom=inclusive_end(til),
            mottaker=d.get("mottaker") or None,
            kontonummer=d.get("kontonummer") if to_applicant else None,
        )

def innsyn_events(soknad: Soknad) -> list[ev.InnsynHendelse]:
    folder = _Folder()
    return [e for h in Hendelse.objects.filter(soknad=soknad).order_by("at", "id")
            for e in folder.events(h)]


def build_innsyn(soknad: Soknad) -> dict[str, Any]:
    """Return the validated digisos-soker.json for one application (raises if invalid)."""
    return build_digisos_soker(innsyn_events(soknad))
