"""Conversations and meetings, § 17 guidance, and follow-up tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import writable
from sosialsak.contexts.cases.models import (
    Oppgave,
    OppgaveType,
    Samtale,
    SamtaleKanal,
    Veiledning,
    VeiledningTema,
)
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed


class UnableToRecord(ValidationFailed):
    code = "unable_to_record"


def _fail(field_name: str, message: str) -> UnableToRecord:
    return UnableToRecord(f"{field_name}: {message}", field=field_name)


@dataclass(frozen=True)
class SamtaleInput:
    tidspunkt: datetime
    kanal: str
    notat: str
    deltakere: str = ""
    tolk_brukt: bool = False
    tolkesprak: str = ""
    oppfolging: str = ""  # a follow-up task, if any
    oppfolging_frist: date | None = None


@transaction.atomic
def record_samtale(
    *, scope: Scope, actor: object, soknad_id: int, data: SamtaleInput, now: datetime
) -> Samtale:
    """Record a meeting or contact with its notes, and open its follow-up task if one is given."""
    soknad = writable(scope, soknad_id, lock=True)
    if data.kanal not in SamtaleKanal.values:
        raise _fail("kanal", f"ukjent kanal «{data.kanal}».")
    if not data.notat.strip():
        raise _fail("notat", "skriv hva samtalen handlet om.")
    if data.tidspunkt > now:
        raise _fail("tidspunkt", "samtalen kan ikke være fram i tid.")
    if data.tolk_brukt and not data.tolkesprak.strip():
        raise _fail("tolkesprak", "skriv hvilket språk tolken brukte.")
    if data.oppfolging.strip() and data.oppfolging_frist is None:
        raise _fail("oppfolging_frist", "sett en frist for oppfølgingen.")
    if data.oppfolging.strip() and data.oppfolging_frist is not None:
        _check_frist(data.oppfolging_frist, now, "oppfolging_frist")
    samtale = Samtale.objects.create(
        soknad=soknad, person_id=soknad.person_id, tidspunkt=data.tidspunkt, kanal=data.kanal,
        deltakere=data.deltakere.strip()[:300], tolk_brukt=data.tolk_brukt,
        tolkesprak=data.tolkesprak.strip()[:40] if data.tolk_brukt else "",
        notat=data.notat.strip(), notat_sok=data.notat.strip().casefold(), skrevet_at=now,
        skrevet_av_id=getattr(actor, "pk", None))
    record_hendelse(soknad=soknad, type="cases.samtale", actor=actor, at=now,
                    data={"samtale_id": samtale.pk, "kanal": data.kanal,
                          "tidspunkt": data.tidspunkt.isoformat()})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere samtale", kontor_id=soknad.kontor_id)
    if data.oppfolging.strip() and data.oppfolging_frist is not None:
        open_task(soknad=soknad, type=OppgaveType.OPPFOLGING, tittel=data.oppfolging,
                  frist=data.oppfolging_frist, actor=actor, now=now, samtale=samtale)
    return samtale


@dataclass(frozen=True)
class VeiledningInput:
    dato: date
    temaer: list[str] = field(default_factory=list)
    henvist_til: str = ""
    takket_nei: bool = False
    notat: str = ""


@transaction.atomic
def record_veiledning(
    *, scope: Scope, actor: object, soknad_id: int, data: VeiledningInput, now: datetime
) -> Veiledning:
    """Record the information, advice and guidance offered (sosialtjenesteloven § 17)."""
    soknad = writable(scope, soknad_id, lock=True)
    temaer = list(dict.fromkeys(data.temaer))
    if not temaer:
        raise _fail("temaer", "velg minst ett tema.")
    for t in temaer:
        if t not in VeiledningTema.values:
            raise _fail("temaer", f"ukjent tema «{t}».")
    if VeiledningTema.ANNET in temaer and not data.notat.strip():
        raise _fail("notat", "skriv hva veiledningen gjaldt når du velger «Annet».")
    if data.dato > local_date(now):
        raise _fail("dato", "datoen kan ikke være fram i tid.")
    veiledning = Veiledning.objects.create(
        soknad=soknad, person_id=soknad.person_id, dato=data.dato, temaer=temaer,
        henvist_til=data.henvist_til.strip()[:300], takket_nei=data.takket_nei,
        notat=data.notat.strip(), skrevet_at=now, skrevet_av_id=getattr(actor, "pk", None))
    record_hendelse(soknad=soknad, type="cases.veiledning", actor=actor, at=now,
                    data={"veiledning_id": veiledning.pk, "temaer": temaer,
                          "henvist": bool(veiledning.henvist_til)})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere veiledning", kontor_id=soknad.kontor_id)
    return veiledning


def _check_frist(frist: date, now: datetime, field_name: str) -> None:
    if frist < local_date(now):
        raise _fail(field_name, "fristen kan ikke være før i dag.")


def open_task(
    *, soknad: Soknad, type: str, tittel: str, frist: date, actor: object, now: datetime,
    samtale: Samtale | None = None,
) -> Oppgave:
    """Open a task on an application already checked for write access (private helper)."""
    tittel = tittel.strip()
    if not tittel:
        raise _fail("tittel", "skriv hva som skal gjøres.")
    oppgave = Oppgave.objects.create(
        soknad=soknad, type=type, tittel=tittel[:200], frist=frist, samtale=samtale,
        tildelt_id=soknad.saksbehandler_id or getattr(actor, "pk", None), opprettet_at=now,
        opprettet_av_id=getattr(actor, "pk", None))
    record_hendelse(soknad=soknad, type="cases.oppgave.opprettet", actor=actor, at=now,
                    data={"oppgave_id": oppgave.pk, "type": type, "frist": frist.isoformat()})
    return oppgave


def close_tasks(*, soknad: Soknad, type: str, actor: object, now: datetime) -> int:
    """Mark the open tasks of ``type`` on the application done; return how many."""
    tasks = list(Oppgave.objects.filter(soknad=soknad, type=type, utfort_at__isnull=True))
    for task in tasks:
        _done(task, soknad, actor, now)
    return len(tasks)


def _done(task: Oppgave, soknad: Soknad, actor: object, now: datetime) -> None:
    task.utfort_at, task.utfort_av_id = now, getattr(actor, "pk", None)
    task.save(update_fields=["utfort_at", "utfort_av"])
    record_hendelse(soknad=soknad, type="cases.oppgave.utfort", actor=actor, at=now,
                    data={"oppgave_id": task.pk, "type": task.type})


@transaction.atomic
def create_oppgave(
    *, scope: Scope, actor: object, soknad_id: int, tittel: str, frist: date, now: datetime
) -> Oppgave:
    """Open a follow-up task on the application."""
    soknad = writable(scope, soknad_id, lock=True)
    _check_frist(frist, now, "frist")
    oppgave = open_task(soknad=soknad, type=OppgaveType.OPPFOLGING, tittel=tittel, frist=frist,
                        actor=actor, now=now)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="opprette oppgave", kontor_id=soknad.kontor_id)
    return oppgave


@transaction.atomic
def complete_oppgave(*, scope: Scope, actor: object, oppgave_id: int, now: datetime) -> Oppgave:
    """Mark a task done. Raise NotFound outside scope, UnableToRecord when already done."""
    task = Oppgave.objects.filter(pk=oppgave_id, soknad__in=scoped_soknader(scope)).first()
    if task is None:
        raise NotFound("Fant ikke oppgaven.")
    soknad = writable(scope, task.soknad_id, lock=True)
    task = Oppgave.objects.get(pk=task.pk)
    if not task.apen:
        raise UnableToRecord("status: oppgaven er allerede utført.", code="oppgave_done",
                             field="status")
    _done(task, soknad, actor, now)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="fullføre oppgave", kontor_id=soknad.kontor_id)
    return task
