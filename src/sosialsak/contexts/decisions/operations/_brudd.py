"""Breach of a condition → advance warning (fvl § 16) → reduction decision (sotjl. § 20 third
paragraph). Each step is an event, a letter where the person must be told, and visible in innsyn.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import (
    BruddStatus,
    DokumentType,
    Vedtak,
    VedtakArt,
    Vedtaksforslag,
    Vilkar,
    Vilkarsbrudd,
    VilkarStatus,
)
from sosialsak.contexts.decisions.operations._core import (
    VedtakInput,
    create_vedtak,
    in_force,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._letter import (
    klageinfo,
    kontor_of,
    mottaker_of,
    name_of,
    store,
)
from sosialsak.contexts.decisions.operations._make import ApprovalRequired, store_proposal
from sosialsak.contexts.decisions.operations._ports import replace_payments
from sosialsak.contexts.decisions.operations._settings import decision_settings
from sosialsak.contexts.decisions.policy import (
    CheckResult,
    ReductionFacts,
    UnableToReduce,
    check_reduction,
    needs_approval,
)
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed


def _vilkar(scope: Scope, vilkar_id: int) -> tuple[Vilkar, Soknad]:
    soknad_id = owner_id(Vilkar, vilkar_id, "vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vilkåret.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    row = lock(Vilkar, vilkar_id, "vedtak__sak")  # state read under the lock (issue 10, 6)
    if row is None:
        raise NotFound("Fant ikke vilkåret.")
    return row, soknad


def _brudd(scope: Scope, brudd_id: int) -> tuple[Vilkarsbrudd, Soknad]:
    soknad_id = owner_id(Vilkarsbrudd, brudd_id, "vilkar__vedtak__sak__soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke bruddet.")
    soknad = writable_soknad(scope, soknad_id, lock=True)
    # The breach's status is read only now, under the lock: two reductions (or a warning and
    # a reduction) for one breach at once must not both succeed (issue 10, item 6).
    row = lock(Vilkarsbrudd, brudd_id, "vilkar__vedtak__sak", "varsel")
    if row is None:
        raise NotFound("Fant ikke bruddet.")
    return row, soknad


def _log(soknad: Soknad, actor: object, purpose: str) -> None:
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose=purpose, kontor_id=soknad.kontor_id)


@transaction.atomic
def record_brudd(
    *, scope: Scope, actor: object, vilkar_id: int, hva: str, forklaring: str, now: datetime
) -> Vilkarsbrudd:
    """Record that a condition was not met, with the person's own explanation."""
    vilkar, soknad = _vilkar(scope, vilkar_id)
    if not hva.strip():
        raise ValidationFailed("hva: skriv hva som ikke ble gjort.", code="invalid_brudd",
                               field="hva")
    if vilkar.status == VilkarStatus.ANNULLERT:
        raise ValidationFailed("Vilkåret er annullert og gjelder ikke lenger.",
                               code="vilkar_annullert", field="vilkar_id")
    row = Vilkarsbrudd.objects.create(
        vilkar=vilkar, hva=hva.strip(), forklaring=forklaring.strip(), registrert_at=now,
        registrert_av_id=getattr(actor, "pk", None))
    vilkar.status = VilkarStatus.IKKE_OPPFYLT
    vilkar.save(update_fields=["status"])
    record_hendelse(soknad=soknad, type="decisions.vilkar.brudd", actor=actor, at=now, data={
        "brudd_id": row.pk, "vilkar_referanse": vilkar.referanse, "vedtak_id": vilkar.vedtak_id,
        "sak": vilkar.vedtak.sak.referanse, "status": VilkarStatus.IKKE_OPPFYLT})
    _log(soknad, actor, "registrere brudd på vilkår")
    return row


def _require_in_force(vilkar: Vilkar) -> None:
    """A condition that has been annulled (withdrawn, or its decision changed after an appeal)
    can no longer lead to a warning or a reduction."""
    if vilkar.status == VilkarStatus.ANNULLERT:
        raise UnableToReduce("Vilkåret er annullert og gjelder ikke lenger. Stønaden kan ikke "
                             "reduseres for brudd på det.", code="vilkar_annullert",
                             field="brudd_id")


def _stated(vilkar: Vilkar) -> bool:
    return bool(vilkar.konsekvens.strip()) and vilkar.sanksjon != "02"


@transaction.atomic
def send_forhandsvarsel(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int, svarfrist: date,
    now: datetime,
) -> Vilkarsbrudd:
    """Send the advance warning of a reduction, with a response deadline (fvl § 16)."""
    brudd, soknad = _brudd(scope, brudd_id)
    _require_in_force(brudd.vilkar)
    vedtak = in_force(brudd.vilkar.vedtak)
    if not _stated(brudd.vilkar):
        raise UnableToReduce("Vedtaket sa ikke at stønaden kunne reduseres om vilkåret ikke ble "
                             "oppfylt. Stønaden kan derfor ikke reduseres (sosialtjenesteloven "
                             "§ 20 tredje ledd).", code="reduksjon_konsekvens_ikke_opplyst",
                             field="vilkar")
    if brudd.status != BruddStatus.REGISTRERT:
        raise UnableToReduce("Det er allerede sendt forhåndsvarsel for dette bruddet.",
                             code="forhandsvarsel_finnes", field="brudd_id")
    today = local_date(now)
    fra = max(vedtak.periode_fra or today, today)
    til = (vedtak.periode_til - timedelta(days=1)) if vedtak.periode_til and (
        vedtak.periode_til > fra) else fra
    letter = letters.Forhandsvarsel(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=today,
        saksreferanse=saksnummer(soknad.pk), saksbehandler=name_of(actor, soknad.kontor.navn),
        vedtaksdato=local_date(vedtak.fattet_at), vilkar=brudd.vilkar.beskrivelse,
        brudd=brudd.hva, stonad="stønad til livsopphold", belop_na=Decimal(vedtak.belop or 0),
        belop_redusert=Decimal(belop_redusert), periode=letters.Periode(fra=fra, til=til),
        svarfrist=svarfrist)
    dok = store(soknad=soknad, type=DokumentType.FORHANDSVARSEL, letter=letter, actor=actor,
                now=now, vedtak_id=vedtak.pk)
    brudd.varsel, brudd.varslet_at, brudd.svarfrist = dok, now, svarfrist
    brudd.foreslatt_belop, brudd.status = belop_redusert, BruddStatus.VARSLET
    brudd.save()
    record_hendelse(soknad=soknad, type="decisions.forhandsvarsel", actor=actor, at=now, data={
        "brudd_id": brudd.pk, "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
        "brev_id": dok.pk, "dokumentlager_id": str(dok.dokumentlager_id),
        "svarfrist": svarfrist.isoformat(), "belop_na": vedtak.belop,
        "belop_redusert": belop_redusert})
    _log(soknad, actor, "sende forhåndsvarsel")
    return brudd


def _protected(vedtak: Vedtak) -> int:
    """Return the children's rates plus housing in the original calculation (kroner)."""
    lines = vedtak.beregning.get("lines", [])
    total = sum(Decimal(str(x["amount"])) for x in lines if x["kind"] in ("sats_barn", "bolig"))
    return int(total)


@transaction.atomic
def decide_reduksjon(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
) -> Vedtak:
    """Make the reduction decision after the warning; raise UnableToReduce naming what is
    missing (stated consequence, warning, deadline, assessment, a forsvarlig amount), or
    ApprovalRequired when the office asks for a second caseworker (``propose_reduksjon``).

    The reduction replaces the original from today (or the original's start): the original's
    planned payments due from then are stopped and the reduced amount is planned in their place
    (``replace_payments``), in this transaction."""
    brudd, soknad = _brudd(scope, brudd_id)
    if needs_approval(decision_settings(soknad.kontor_id), utfall="DELVIS_INNVILGET",
                      belop=belop_redusert, reduksjon=True):
        _checked(brudd, soknad, belop_redusert=belop_redusert,
                 individuell_vurdering=individuell_vurdering, nodvendig_belop=nodvendig_belop,
                 today=local_date(now))
        raise ApprovalRequired("Kontoret krever at en annen saksbehandler godkjenner vedtak om "
                               "reduksjon. Send det til godkjenning.", field="godkjenning")
    return reduce_after_breach(scope=scope, actor=actor, brudd_id=brudd_id,
                               belop_redusert=belop_redusert,
                               individuell_vurdering=individuell_vurdering,
                               nodvendig_belop=nodvendig_belop, now=now)


@transaction.atomic
def propose_reduksjon(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
) -> Vedtaksforslag:
    """Store a reduction that passes every check for a second caseworker's approval."""
    brudd, soknad = _brudd(scope, brudd_id)
    _checked(brudd, soknad, belop_redusert=belop_redusert,
             individuell_vurdering=individuell_vurdering, nodvendig_belop=nodvendig_belop,
             today=local_date(now))
    return store_proposal(
        soknad=soknad, actor=actor, now=now, art=VedtakArt.REDUKSJON, belop=belop_redusert,
        utfall="DELVIS_INNVILGET", brudd=brudd,
        data={"hjemmel": brudd.vilkar.vedtak.hjemmel, "belop_redusert": belop_redusert,
              "individuell_vurdering": individuell_vurdering.strip(),
              "nodvendig_belop": nodvendig_belop})


def _checked(brudd: Vilkarsbrudd, soknad: Soknad, *, belop_redusert: int,
             individuell_vurdering: str, nodvendig_belop: int, today: date
             ) -> tuple[Vedtak, Vedtak]:
    """Check that the breach may be reduced as asked; return the decision that set the
    condition and the one in force now (which the reduction replaces)."""
    if brudd.status == BruddStatus.REDUSERT:
        raise UnableToReduce("Stønaden er allerede redusert for dette bruddet.",
                             code="allerede_redusert", field="brudd_id")
    if brudd.status == BruddStatus.AVSLUTTET:
        raise UnableToReduce("Bruddet er avsluttet uten reduksjon.", code="brudd_avsluttet",
                             field="brudd_id")
    _require_in_force(brudd.vilkar)
    # The condition was set in the first decision; a reduction replaces the one now in force.
    first = brudd.vilkar.vedtak
    original = in_force(first)
    check = rules.sjekk_reduksjon(vedtaksdato=today,
                                  vedtak_opplyste_konsekvens=_stated(brudd.vilkar),
                                  forhandsvarslet=brudd.varsel_id is not None)
    check_reduction(ReductionFacts(
        konsekvens_opplyst=_stated(brudd.vilkar), forhandsvarslet=brudd.varsel_id is not None,
        svarfrist=brudd.svarfrist, today=today, individuell_vurdering=individuell_vurdering,
        belop_na=original.belop or 0, belop_redusert=belop_redusert,
        barn_og_bolig=_protected(first), nodvendig_belop=nodvendig_belop),
        rule_check=CheckResult(check.code, check.ok, check.applies, check.message, check.hjemmel))
    fra = max(original.periode_fra or today, today)
    if original.periode_til is not None and fra >= original.periode_til:
        raise UnableToReduce("Perioden vedtaket gjelder for er ute. Det er ingen stønad igjen å "
                             "redusere.", code="reduksjon_periode_ute", field="brudd_id")
    return first, original


def reduce_after_breach(
    *, scope: Scope, actor: object, brudd_id: int, belop_redusert: int,
    individuell_vurdering: str, nodvendig_belop: int, now: datetime,
    godkjent_av: object = None,
) -> Vedtak:
    """Make the reduction (inside the caller's transaction); every check is made again."""
    brudd, soknad = _brudd(scope, brudd_id)
    today = local_date(now)
    first, original = _checked(brudd, soknad, belop_redusert=belop_redusert,
                               individuell_vurdering=individuell_vurdering,
                               nodvendig_belop=nodvendig_belop, today=today)
    fra = max(original.periode_fra or today, today)
    begrunnelse = (f"Vilkåret var: {brudd.vilkar.beskrivelse} Vi har registrert: {brudd.hva}"
                   + (f" Din forklaring: {brudd.forklaring}" if brudd.forklaring else ""))
    vedtak = create_vedtak(
        soknad=soknad, poster=list(original.poster.all()), actor=actor, now=now,
        sak=original.sak, data=VedtakInput(
            post_ids=[], hjemmel=original.hjemmel, utfall="DELVIS_INNVILGET",
            begrunnelse=begrunnelse, stonadsform=original.stonadsform,
            periode_fra=fra, periode_til=original.periode_til, belop=belop_redusert),
        art=VedtakArt.REDUKSJON, endrer=original,
        individuell_vurdering=individuell_vurdering.strip(),
        godkjent_av_id=getattr(godkjent_av, "pk", None),
        godkjent_at=now if godkjent_av is not None else None,
        fakta=f"Vedtak {local_date(original.fattet_at):%d.%m.%Y}; forhåndsvarsel "
              f"{local_date(brudd.varslet_at or now):%d.%m.%Y}.",
        beregning={"amount": belop_redusert, "original": original.belop,
                   "nodvendig": max(nodvendig_belop, _protected(first))})
    payments = replace_payments(scope=scope, actor=actor, vedtak_id=original.pk,
                                ny_vedtak_id=vedtak.pk, fra=fra, now=now)
    punkt = letters.Vedtakspunkt(
        tittel="Redusert stønad til livsopphold", utfall=letters.Utfall.DELVIS_INNVILGET,
        hjemmel="sosialtjenesteloven § 20 tredje ledd og § 20 a",
        begrunnelse=f"{begrunnelse}\n\n{individuell_vurdering.strip()}",
        stonadsform=letters.Stonadsform(original.stonadsform) if original.stonadsform else None,
        belop=Decimal(belop_redusert), beregning=(
            letters.Beregningslinje("Stønad etter vedtaket", Decimal(original.belop or 0)),
            letters.Beregningslinje("Reduksjon fordi vilkåret ikke er oppfylt",
                                    Decimal(belop_redusert - (original.belop or 0)))))
    dok = store(soknad=soknad, type=DokumentType.VEDTAK, actor=actor, now=now,
                vedtak_id=vedtak.pk, letter=letters.Vedtaksbrev(
                    kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=today,
                    saksreferanse=saksnummer(soknad.pk), vedtak=(punkt,),
                    klage=klageinfo(soknad, today),
                    saksbehandler=name_of(actor, soknad.kontor.navn),
                    utbetalinger=tuple(letters.Utbetaling(
                        dato=u.forfallsdato, belop=Decimal(u.belop), mottaker=u.mottaker_navn)
                        for u in payments.planlagt)))
    brudd.reduksjon, brudd.status = vedtak, BruddStatus.REDUSERT
    brudd.save(update_fields=["reduksjon", "status"])
    record_hendelse(soknad=soknad, type="decisions.vedtak.fattet", actor=actor, at=now, data={
        "vedtak_id": vedtak.pk, "sak": original.sak.referanse, "utfall": "DELVIS_INNVILGET",
        "hjemmel": original.hjemmel, "belop": belop_redusert, "art": VedtakArt.REDUKSJON,
        "endrer_vedtak_id": original.pk, "brudd_id": brudd.pk, "brev_id": dok.pk,
        "dokumentlager_id": str(dok.dokumentlager_id), "sha256": dok.sha256,
        "vilkar": [], "utbetalinger": [u.referanse for u in payments.planlagt],
        "stoppet": list(payments.stoppet), "gjelder_fra": fra.isoformat(),
        "godkjent_av": getattr(godkjent_av, "pk", None)})
    _log(soknad, actor, "vedtak om reduksjon")
    return vedtak
