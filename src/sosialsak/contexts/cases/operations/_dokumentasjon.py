"""Documentation requests: ask with a letter and a deadline from the rules, record what
arrived and how, remind before the deadline, and close what did not arrive in time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import writable
from sosialsak.contexts.cases.models import BrevType, Dokumentasjonskrav, KravStatus, LevertVia
from sosialsak.contexts.cases.operations import _brev
from sosialsak.contexts.cases.policy import over_document_threshold
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.offices.queries import settings_for, settings_for_many
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.rules import InvalidFacts, dokumentasjonsfrist

OPEN = ("MOTTATT", "UNDER_BEHANDLING")


class UnableToRequestDokumentasjon(ValidationFailed):
    code = "unable_to_request_dokumentasjon"


class KravListe(list[Dokumentasjonskrav]):
    """The new requests (a list, as before), with the letter and the documentation burden."""

    brev_id: int
    antall_apne: int
    over_terskel: bool


def _letter(soknad: Soknad, actor: object, *, dato: date, frist: date,
            dokumenter: list[tuple[str, str]]) -> letters.DokumentasjonsBrev:
    return letters.DokumentasjonsBrev(
        kontor=_brev.kontor_of(soknad), mottaker=_brev.mottaker_of(soknad), dato=dato,
        saksreferanse=saksnummer(soknad.pk), saksbehandler=_brev.signer(actor, soknad),
        dokumenter=tuple(letters.Dokumentkrav(tittel=t, beskrivelse=b) for t, b in dokumenter),
        frist=frist, soknadsdato=local_date(soknad.mottatt_at),
    )


@transaction.atomic
def request_dokumentasjon(
    *, scope: Scope, actor: object, soknad_id: int, titler: list[str], now: datetime,
    frist: date | None = None, dager: int | None = None, beskrivelse: str = "",
) -> KravListe:
    """Ask for documents: store each request, the letter (PDF) and the Digisos event.

    The deadline comes from ``rules.dokumentasjonsfrist``: ``frist`` (a date) or ``dager`` from
    today, or the suggested default; one falling on a weekend or public holiday moves to the
    next working day. A request that takes the open documents above the office's threshold is
    flagged in the event (``over_terskel``), not refused.
    """
    soknad = writable(scope, soknad_id, lock=True)
    if soknad.status not in OPEN:
        raise UnableToRequestDokumentasjon(
            "status: søknaden er avsluttet; det kan ikke bes om mer dokumentasjon.",
            code="soknad_closed", field="status")
    titler = list(dict.fromkeys(t.strip()[:200] for t in titler if t.strip()))
    if not titler:
        raise UnableToRequestDokumentasjon("titler: velg minst ett dokument.", field="titler")
    sendt = local_date(now)
    try:
        due = dokumentasjonsfrist(sendt=sendt, dager=dager, frist=frist, rules=legal_ruleset())
    except InvalidFacts as exc:
        field = str(exc.extra.get("field", "frist"))
        raise UnableToRequestDokumentasjon(f"{field}: {exc.message}", field=field) from exc
    forklaring = due.explanation[:500]
    krav = [
        Dokumentasjonskrav.objects.create(
            soknad=soknad, tittel=t, beskrivelse=beskrivelse.strip()[:500], frist=due.due,
            frist_forklaring=forklaring, opprettet_at=now,
            opprettet_av_id=getattr(actor, "pk", None))
        for t in titler
    ]
    brev = _brev.store(
        soknad=soknad, type=BrevType.DOKUMENTASJON, frist=due.due, actor=actor, now=now,
        letter=_letter(soknad, actor, dato=sendt, frist=due.due,
                       dokumenter=[(k.tittel, k.beskrivelse) for k in krav]))
    Dokumentasjonskrav.objects.filter(pk__in=[k.pk for k in krav]).update(brev=brev)
    antall_apne = Dokumentasjonskrav.objects.filter(
        soknad=soknad, status=KravStatus.ETTERSPURT).count()
    terskel = settings_for(soknad.kontor_id).dokumentasjon_terskel
    result = KravListe(krav)
    result.brev_id, result.antall_apne = brev.pk, antall_apne
    result.over_terskel = over_document_threshold(antall_apne=antall_apne, terskel=terskel)
    record_hendelse(
        soknad=soknad, type="cases.dokumentasjon.etterspurt", actor=actor, at=now,
        data={"krav": [{"id": k.pk, "tittel": k.tittel, "frist": due.due.isoformat()}
                       for k in krav],
              "brev_id": brev.pk, "antall_apne": antall_apne,
              "over_terskel": result.over_terskel},
    )
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="be om dokumentasjon", kontor_id=soknad.kontor_id)
    for k in krav:
        k.brev = brev
    return result


@transaction.atomic
def mark_dokumentasjon_received(
    *, scope: Scope, actor: object, krav_id: int, now: datetime,
    levert_via: str = LevertVia.PA_KONTORET,
) -> Dokumentasjonskrav:
    """Record that a requested document arrived, and how (upload, ettersendelse, desk, post).

    A document that arrives after the deadline was closed is still recorded.
    """
    krav = Dokumentasjonskrav.objects.filter(
        pk=krav_id, soknad__in=scoped_soknader(scope)).first()
    if krav is None:
        raise NotFound("Fant ikke dokumentasjonskravet.")
    soknad = writable(scope, krav.soknad_id, lock=True)
    if levert_via not in LevertVia.values:
        raise UnableToRequestDokumentasjon(f"levert_via: ukjent kanal «{levert_via}».",
                                           field="levert_via")
    krav = Dokumentasjonskrav.objects.get(pk=krav.pk)  # re-read under the application's lock
    if krav.status not in (KravStatus.ETTERSPURT, KravStatus.IKKE_LEVERT):
        raise UnableToRequestDokumentasjon(
            "status: dokumentet er ikke lenger etterspurt.", code="krav_not_open", field="status")
    krav.status, krav.levert_at, krav.levert_via = KravStatus.LEVERT, now, levert_via
    krav.save(update_fields=["status", "levert_at", "levert_via"])
    record_hendelse(soknad=soknad, type="cases.dokumentasjon.mottatt", actor=actor, at=now,
                    data={"krav_id": krav.pk, "tittel": krav.tittel, "levert_via": levert_via})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere mottatt dokumentasjon", kontor_id=soknad.kontor_id)
    return krav


@transaction.atomic
def send_dokumentasjon_reminders(
    *, scope: Scope, actor: object, soknad_id: int, now: datetime
) -> list[int]:
    """Send a reminder letter for the open requests whose deadline has not passed and that
    have not been reminded; return the new letters' ids (one per deadline).

    Raise UnableToRequestDokumentasjon (``nothing_to_remind``) when there is nothing to remind.
    """
    soknad = writable(scope, soknad_id, lock=True)
    today = local_date(now)
    open_krav = list(Dokumentasjonskrav.objects.filter(
        soknad=soknad, status=KravStatus.ETTERSPURT, frist__gt=today, paminnet_at__isnull=True))
    if not open_krav:
        raise UnableToRequestDokumentasjon(
            "krav: ingen åpne dokumentasjonskrav å minne om.", code="nothing_to_remind",
            field="krav")
    brev_ids = []
    for frist in sorted({k.frist for k in open_krav}):
        batch = [k for k in open_krav if k.frist == frist]
        brev = _brev.store(
            soknad=soknad, type=BrevType.PAMINNELSE, frist=frist, actor=actor, now=now,
            letter=_letter(soknad, actor, dato=today, frist=frist,
                           dokumenter=[(k.tittel, k.beskrivelse) for k in batch]))
        Dokumentasjonskrav.objects.filter(pk__in=[k.pk for k in batch]).update(paminnet_at=now)
        record_hendelse(soknad=soknad, type="cases.dokumentasjon.paminnelse", actor=actor,
                        at=now, data={"krav_ids": [k.pk for k in batch], "brev_id": brev.pk,
                                      "frist": frist.isoformat()})
        brev_ids.append(brev.pk)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="minne om dokumentasjon", kontor_id=soknad.kontor_id)
    return brev_ids


@transaction.atomic
def mark_dokumentasjon_not_delivered(
    *, scope: Scope, actor: object, soknad_id: int, now: datetime
) -> list[Dokumentasjonskrav]:
    """Close the requests whose deadline has passed: the application will be decided on the
    information available, as the request letter told the person.

    Raise UnableToRequestDokumentasjon (``no_overdue_krav``) when no deadline has passed.
    """
    soknad = writable(scope, soknad_id, lock=True)
    overdue = list(Dokumentasjonskrav.objects.filter(
        soknad=soknad, status=KravStatus.ETTERSPURT, frist__lt=local_date(now)))
    if not overdue:
        raise UnableToRequestDokumentasjon(
            "krav: ingen dokumentasjonskrav har passert fristen.", code="no_overdue_krav",
            field="krav")
    Dokumentasjonskrav.objects.filter(pk__in=[k.pk for k in overdue]).update(
        status=KravStatus.IKKE_LEVERT)
    record_hendelse(
        soknad=soknad, type="cases.dokumentasjon.frist_ute", actor=actor, at=now,
        data={"krav": [{"id": k.pk, "tittel": k.tittel, "frist": k.frist.isoformat()}
                       for k in overdue]})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="dokumentasjon ikke levert", kontor_id=soknad.kontor_id)
    for k in overdue:
        k.status = KravStatus.IKKE_LEVERT
    return overdue


def send_due_reminders(*, scope: Scope, actor: object, now: datetime) -> list[int]:
    """Send the reminders that are due in every office in scope (for a scheduled job); return
    the applications reminded. Due: an open request whose deadline is after today and within
    the office's ``dokumentasjon_paminnelse_dager``, not yet reminded. Each application is its
    own transaction, so one failure does not hold back the others' reminders."""
    today = local_date(now)
    due: list[int] = []
    for kontor_id, settings in settings_for_many(sorted(scope.kontor_ids)).items():
        last = today + timedelta(days=settings.dokumentasjon_paminnelse_dager)
        due += list(scoped_soknader(scope).filter(
            kontor_id=kontor_id, status__in=OPEN, dokumentasjonskrav__status="ETTERSPURT",
            dokumentasjonskrav__paminnet_at__isnull=True, dokumentasjonskrav__frist__gt=today,
            dokumentasjonskrav__frist__lte=last).values_list("pk", flat=True).distinct())
    for soknad_id in due:
        send_dokumentasjon_reminders(scope=scope, actor=actor, soknad_id=soknad_id, now=now)
    return due


def open_requests(soknad: Soknad) -> list[Dokumentasjonskrav]:
    """Return the documentation requests still waiting for the person (status ETTERSPURT)."""
    return list(Dokumentasjonskrav.objects.filter(soknad=soknad, status=KravStatus.ETTERSPURT))


def close_open_requests(*, soknad: Soknad, actor: object, now: datetime) -> list[int]:
    """Withdraw every open request because the case is closed (the caller holds the lock and
    the transaction). Recorded as an event, so innsyn's ``dokumentasjonEtterspurt`` list no
    longer asks the person for them (Digisos: the list is the complete current one)."""
    rows = open_requests(soknad)
    if not rows:
        return []
    Dokumentasjonskrav.objects.filter(pk__in=[k.pk for k in rows]).update(
        status=KravStatus.ANNULLERT)
    record_hendelse(
        soknad=soknad, type="cases.dokumentasjon.lukket", actor=actor, at=now,
        tekst="Saken er ferdigbehandlet; vi trenger ikke lenger dokumentene vi ba om",
        data={"krav": [{"id": k.pk, "tittel": k.tittel} for k in rows]})
    return [k.pk for k in rows]
