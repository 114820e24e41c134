"""Appeals: register (paper or Digisos ``klage.json``), check the deadline (fvl § 29; a late
appeal is flagged and the caseworker records whether it is still heard, § 31), the office's own
review (§ 33: a new decision, or forwarding with a case package), and the Statsforvalter's
outcome."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.deadline import decision_reached
from sosialsak.contexts.decisions.models import (
    DokumentType,
    Klage,
    KlageKilde,
    KlageStatus,
    StatsforvalterUtfall,
    Vedtak,
    VedtakArt,
    VedtakDokument,
    Vedtaksforslag,
    Vilkar,
    VilkarStatus,
)
from sosialsak.contexts.decisions.operations._builder import Built, build
from sosialsak.contexts.decisions.operations._core import (
    in_force,
    replacement_chain,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._inputs import VedtakUtkast, utkast_as_json
from sosialsak.contexts.decisions.operations._letter import store_pdf
from sosialsak.contexts.decisions.operations._make import (
    ApprovalRequired,
    fatt,
    require_complete,
    store_proposal,
)
from sosialsak.contexts.decisions.operations._pakke import build_package
from sosialsak.contexts.decisions.operations._retract import annul
from sosialsak.contexts.decisions.policy import appeal_is_late, late_appeal_problem
from sosialsak.contexts.decisions.ports import stop_payments
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.formats.digisos import DocumentKind, validate_document
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound, ValidationFailed


class UnableToHandleKlage(ValidationFailed):
    code = "unable_to_handle_klage"


def _fail(field: str, message: str, code: str = "unable_to_handle_klage") -> DomainError:
    return UnableToHandleKlage(message, code=code, field=field)


def _log(soknad: Soknad, actor: object, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


def _create(*, scope: Scope, actor: object, vedtak: Vedtak, tekst: str, mottatt: date,
            kom_fram: date | None, kilde: str, klage_id: str | None, now: datetime,
            sendt: date | None = None) -> Klage:
    soknad = writable_soknad(scope, vedtak.sak.soknad_id, lock=True)
    if not tekst.strip():
        raise _fail("tekst", "Skriv hva klagen gjelder.")
    current = in_force(vedtak)
    if current.pk != vedtak.pk:
        raise _fail("vedtak_id", f"Vedtaket er erstattet av vedtak {current.pk}. Registrer "
                    "klagen på det vedtaket som gjelder nå.", "vedtak_erstattet")
    made = local_date(vedtak.fattet_at)
    if mottatt < made:
        raise _fail("mottatt", f"Klagen kan ikke være mottatt før vedtaket ble fattet "
                    f"({made:%d.%m.%Y}).")
    if kom_fram is not None and kom_fram < made:
        raise _fail("kom_fram", f"Vedtaket kan ikke ha kommet fram før det ble fattet "
                    f"({made:%d.%m.%Y}).")
    if sendt is not None and not made <= sendt <= mottatt:
        raise _fail("sendt", f"Datoen klagen ble sendt må være mellom vedtaksdatoen "
                    f"({made:%d.%m.%Y}) og datoen den kom inn ({mottatt:%d.%m.%Y}).")
    fram = kom_fram or decision_reached(vedtak).dato
    frist = rules.klagefrist(kom_fram=fram, rules=legal_ruleset()).due
    klage = Klage.objects.create(
        vedtak=vedtak, kilde=kilde, klage_id=klage_id, mottatt=mottatt, sendt=sendt,
        tekst=tekst.strip(), kom_fram=fram, klagefrist=frist,
        for_sent=appeal_is_late(mottatt=mottatt, sendt=sendt, klagefrist=frist),
        registrert_at=now, registrert_av_id=getattr(actor, "pk", None))
    record_hendelse(soknad=soknad, type="decisions.klage.mottatt", actor=actor, at=now, data={
        "klage_id": klage.pk, "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
        "kilde": kilde, "klagefrist": frist.isoformat(), "for_sent": klage.for_sent,
        "sendt": sendt.isoformat() if sendt else None})
    _log(soknad, actor, "registrere klage")
    return klage


@transaction.atomic
def register_klage(
    *, scope: Scope, actor: object, vedtak_id: int, tekst: str, mottatt: date, now: datetime,
    kom_fram: date | None = None, sendt: date | None = None,
) -> Klage:
    """Register a paper or oral appeal; ``kom_fram`` is when the decision reached the party
    (default: from how the decision was sent, ``decision_reached``); ``sendt`` is when the
    appeal was posted or sent (fvl § 30: in time if sent by the deadline)."""
    vedtak = Vedtak.objects.select_related("sak").filter(pk=vedtak_id).first()
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    return _create(scope=scope, actor=actor, vedtak=vedtak, tekst=tekst, mottatt=mottatt,
                   kom_fram=kom_fram, kilde=KlageKilde.PAPIR, klage_id=None, now=now,
                   sendt=sendt)


@transaction.atomic
def register_digisos_klage(
    *, scope: Scope, actor: object, document: dict[str, Any], now: datetime,
    kom_fram: date | None = None,
) -> Klage:
    """Register an appeal from a Digisos ``klage.json`` (idempotent on ``klageId``).

    ``vedtakId`` is the dokumentlager id of the appealed decision's letter."""
    report = validate_document(document, DocumentKind.KLAGE)
    if not report.valid:
        issue = report.issues[0]
        raise _fail(issue.path, f"klage.json er ikke gyldig: {issue}", "invalid_klage_json")
    existing = Klage.objects.filter(klage_id=document["klageId"]).first()
    if existing is not None:
        writable_soknad(scope, existing.vedtak.sak.soknad_id)
        return existing
    dok = VedtakDokument.objects.select_related("vedtak__sak").filter(
        dokumentlager_id=document["vedtakId"], type=DokumentType.VEDTAK).first() \
        if _is_uuid(document["vedtakId"]) else None
    if dok is None or dok.vedtak is None:
        raise NotFound("Fant ikke vedtaket klagen gjelder (vedtakId).")
    begrunnelse = document.get("begrunnelse") or {}
    mottatt = datetime.fromisoformat(document["innsendingstidspunkt"].replace("Z", "+00:00"))
    return _create(scope=scope, actor=actor, vedtak=dok.vedtak,
                   tekst=begrunnelse.get("klageTekst", "") or "(klagen er sendt uten tekst)",
                   mottatt=local_date(mottatt), kom_fram=kom_fram, kilde=KlageKilde.DIGISOS,
                   klage_id=document["klageId"], now=now)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _klage(scope: Scope, klage_id: int) -> tuple[Klage, Soknad]:
    soknad_id = owner_id(Klage, klage_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke klagen.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    # The appeal's status is read only now, under the lock (issue 10, item 6).
    klage = lock(Klage, klage_id, "vedtak__sak__soknad__kontor")
    if klage is None:
        raise NotFound("Fant ikke klagen.")
    return klage, soknad


def check_open(klage: Klage) -> None:
    if klage.status != KlageStatus.MOTTATT:
        raise _fail("klage_id", "Klagen er allerede behandlet av kontoret.", "klage_behandlet")
    if klage.for_sent and klage.behandles is not True:
        raise _fail("behandles", "Klagen kom etter fristen. Vurder først om den likevel skal "
                    "behandles (forvaltningsloven § 31).", "sen_klage_ikke_vurdert")


@transaction.atomic
def decide_late_klage(
    *, scope: Scope, actor: object, klage_id: int, behandles: bool, vurdering: str, now: datetime,
    unnskyldelig: bool | None, saerlige_grunner: bool | None,
) -> Klage:
    """Record whether a late appeal is still heard, with the assessment (fvl § 31): whether
    the party can be blamed for the delay, whether special reasons make a review reasonable,
    and the reasons; never heard more than a year after the decision."""
    klage, soknad = _klage(scope, klage_id)
    if not klage.for_sent:
        raise _fail("klage_id", "Klagen kom innen fristen.")
    if klage.status != KlageStatus.MOTTATT:
        raise _fail("klage_id", "Klagen er allerede behandlet av kontoret.", "klage_behandlet")
    if not vurdering.strip():
        raise _fail("vurdering", "Skriv hvorfor klagen likevel behandles eller ikke.")
    problem = late_appeal_problem(
        behandles=behandles, unnskyldelig=unnskyldelig, saerlige_grunner=saerlige_grunner,
        vedtaksdato=local_date(klage.vedtak.fattet_at), klaget=min(klage.mottatt,
                                                                  klage.sendt or klage.mottatt))
    if problem is not None:
        raise _fail(*problem, "sen_klage_vurdering")
    klage.behandles, klage.for_sent_vurdering = behandles, vurdering.strip()
    klage.sen_unnskyldelig, klage.sen_saerlige_grunner = unnskyldelig, saerlige_grunner
    if not behandles:
        klage.status = KlageStatus.AVVIST_FOR_SENT
    klage.save()
    record_hendelse(soknad=soknad, type="decisions.klage.for_sent", actor=actor, at=now,
                    data={"klage_id": klage.pk, "behandles": behandles,
                          "unnskyldelig": unnskyldelig, "saerlige_grunner": saerlige_grunner})
    _log(soknad, actor, "vurdere sen klage")
    return klage


def _check_change(klage: Klage, vurdering: str, data: VedtakUtkast) -> str:
    check_open(klage)
    if not vurdering.strip():
        raise _fail("vurdering", "Skriv kontorets vurdering av klagen (forvaltningsloven § 33).")
    appealed = set(in_force(klage.vedtak).poster.values_list("pk", flat=True))
    if set(data.post_ids) != appealed:
        raise _fail("post_ids", "Det nye vedtaket må gjelde det samme som vedtaket det er klaget "
                    "på, verken mer eller mindre.", "klage_andre_poster")
    return vurdering.strip()


@transaction.atomic
def change_after_klage(
    *, scope: Scope, actor: object, klage_id: int, data: VedtakUtkast, vurdering: str,
    now: datetime,
) -> Vedtak:
    """The office's review changes the decision: make a new decision that replaces it. Raise
    ApprovalRequired when the office asks for a second caseworker
    (``propose_change_after_klage``)."""
    klage, soknad = _klage(scope, klage_id)
    text = _check_change(klage, vurdering, data)
    built = build(soknad=soknad, data=data, today=local_date(now))
    require_complete(built)
    if built.needs_approval:
        raise ApprovalRequired("Kontoret krever at en annen saksbehandler godkjenner dette "
                               "vedtaket. Send det til godkjenning.", field="godkjenning")
    return replace_after_klage(scope=scope, actor=actor, klage=klage, built=built,
                               vurdering=text, now=now)


def replace_after_klage(
    *, scope: Scope, actor: object, klage: Klage, built: Built, vurdering: str, now: datetime,
    godkjent_av: object = None,
) -> Vedtak:
    """Make the new decision (inside the caller's transaction). It replaces the decision now in
    force for the appealed one (a reduction or an earlier change may have replaced it): that
    decision's payments that have not gone to the bank are stopped, the conditions of the
    decisions it replaces are annulled, and the new decision's own plan and conditions take
    their place."""
    chain = replacement_chain(klage.vedtak)
    old = chain[-1]
    stoppet = list(stop_payments(scope=scope, actor=actor, vedtak_id=old.pk, fra=date.min,
                                 now=now))
    # The conditions of the appealed decision and of what has replaced it since.
    for v in Vilkar.objects.filter(vedtak__in=chain).exclude(
            status=VilkarStatus.ANNULLERT).select_related("vedtak__sak"):
        annul(v, soknad=built.soknad, grunn="Vedtaket er endret etter klage.", actor=actor,
              now=now)
    vedtak = fatt(scope=scope, actor=actor, built=built, now=now, godkjent_av=godkjent_av,
                  extra={"art": VedtakArt.OMGJORING, "endrer": old, "sak": old.sak},
                  hendelse={"endrer_vedtak_id": old.pk, "klage_id": klage.pk,
                            "stoppet": stoppet})
    klage.status, klage.nytt_vedtak, klage.kontorets_vurdering = (
        KlageStatus.OMGJORT, vedtak, vurdering)
    klage.save()
    _log(built.soknad, actor, "omgjøre vedtak etter klage")
    return vedtak


@transaction.atomic
def propose_change_after_klage(
    *, scope: Scope, actor: object, klage_id: int, data: VedtakUtkast, vurdering: str,
    now: datetime,
) -> Vedtaksforslag:
    """Store a complete new decision after an appeal for a second caseworker's approval."""
    klage, soknad = _klage(scope, klage_id)
    text = _check_change(klage, vurdering, data)
    built = build(soknad=soknad, data=data, today=local_date(now))
    require_complete(built)
    return store_proposal(soknad=soknad, actor=actor, now=now, art=VedtakArt.OMGJORING,
                          data=utkast_as_json(data), belop=built.belop, utfall=data.utfall,
                          klage=klage, vurdering=text)


@transaction.atomic
def forward_klage(
    *, scope: Scope, actor: object, klage_id: int, vurdering: str, now: datetime
) -> Klage:
    """Keep the decision and send the appeal to the Statsforvalter with a case package."""
    klage, soknad = _klage(scope, klage_id)
    check_open(klage)
    if not vurdering.strip():
        raise _fail("vurdering", "Skriv kontorets vurdering av klagen (forvaltningsloven § 33).")
    klage.kontorets_vurdering = vurdering.strip()
    pdf, export = build_package(klage=klage, today=local_date(now))
    dok = store_pdf(soknad=soknad, type=DokumentType.KLAGEPAKKE, pdf=pdf,
                    tittel=f"Klagesak {klage.vedtak.sak.referanse}",
                    tekst=json.dumps(export, ensure_ascii=False)[:20000], dato=local_date(now),
                    actor=actor, now=now, vedtak_id=klage.vedtak_id)
    klage.status, klage.oversendt_at, klage.pakke, klage.pakke_json = (
        KlageStatus.OVERSENDT, now, dok, export)
    klage.save()
    record_hendelse(soknad=soknad, type="decisions.klage.oversendt", actor=actor, at=now, data={
        "klage_id": klage.pk, "pakke_id": dok.pk,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "dager": (local_date(now) - klage.mottatt).days})
    _log(soknad, actor, "sende klage til Statsforvalteren")
    return klage


@transaction.atomic
def record_statsforvalter_outcome(
    *, scope: Scope, actor: object, klage_id: int, utfall: str, dato: date, merknad: str,
    now: datetime,
) -> Klage:
    """Record the Statsforvalter's decision on a forwarded appeal."""
    klage, soknad = _klage(scope, klage_id)
    if klage.status != KlageStatus.OVERSENDT:
        raise _fail("klage_id", "Klagen er ikke sendt til Statsforvalteren.")
    if utfall not in StatsforvalterUtfall.values:
        raise _fail("utfall", f"ukjent utfall «{utfall}».")
    klage.status, klage.sf_utfall, klage.sf_dato, klage.sf_merknad = (
        KlageStatus.AVGJORT, utfall, dato, merknad.strip())
    klage.save()
    record_hendelse(soknad=soknad, type="decisions.klage.avgjort", actor=actor, at=now,
                    data={"klage_id": klage.pk, "utfall": utfall, "dato": dato.isoformat()})
    _log(soknad, actor, "registrere Statsforvalterens vedtak")
    return klage
