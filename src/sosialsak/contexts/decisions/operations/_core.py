"""Writes for decisions: open a sak, record a vedtak, move the application's status (core).

The full vedtak builder (calculation, reasons per child, conditions, four-eyes) builds on
``record_vedtak``; the rule that every item applied for must be decided lives in
``change_status`` because only this context knows what has been decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.operations import (
    close_open_requests,
    guard_vedtak_children,
    open_requests,
)
from sosialsak.contexts.decisions.decided import decided_items
from sosialsak.contexts.decisions.models import (
    Hjemmel,
    Sak,
    SakStatus,
    Stonadsform,
    Utfall,
    Vedtak,
    VedtakArt,
)
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad, SoktStonad
from sosialsak.contexts.intake.policy import check_open_requests, check_transition
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import sak_referanse
from sosialsak.kernel.errors import NotFound, ValidationFailed


class UnableToRecordVedtak(ValidationFailed):
    code = "unable_to_record_vedtak"


def writable_soknad(scope: Scope, soknad_id: int, *, lock: bool = False) -> Soknad:
    """Return the application if ``scope`` may change it; raise NotFound otherwise."""
    qs = scoped_soknader(scope).filter(pk=soknad_id)
    if lock:
        qs = qs.select_for_update()
    soknad = qs.first()
    if soknad is None or not scope.can_write:
        raise NotFound("Fant ikke søknaden, eller du har ikke tilgang til å endre den.")
    return soknad


def undecided_items(soknad: Soknad) -> list[str]:
    """Return the labels of the items applied for that have no vedtak in a sak in force (the
    decisions of a feilregistrert sak do not count)."""
    decided = decided_items(soknad).values("pk")
    return [p.label for p in SoktStonad.objects.filter(soknad=soknad).exclude(pk__in=decided)]


@transaction.atomic
def change_status(
    *, scope: Scope, actor: object, soknad_id: int, target: str, now: datetime, reason: str = "",
    close_requests: bool = False,
) -> Soknad:
    """Move the application to ``target``; raise a DomainError and change nothing if not allowed.

    Finishing a case (FERDIGBEHANDLET) with documentation requests still open is refused with
    a warning naming them, unless ``close_requests``: then they are withdrawn and the person
    sees in innsyn that the documents are no longer needed."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    check_transition(current=soknad.status, target=target,
                     undecided_items=undecided_items(soknad) if target == "FERDIGBEHANDLET"
                     else [])
    check_open_requests(target=target, open_requests=[k.tittel for k in open_requests(soknad)],
                        close=close_requests)
    if target == "FERDIGBEHANDLET":
        close_open_requests(soknad=soknad, actor=actor, now=now)
    previous = soknad.status
    soknad.status, soknad.status_endret_at = target, now
    soknad.save(update_fields=["status", "status_endret_at"])
    record_hendelse(soknad=soknad, type="intake.soknad.status", actor=actor, at=now,
                    data={"fra": previous, "status": target, "begrunnelse": reason},
                    tekst=f"Status endret til {soknad.get_status_display()}")
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="endre status", kontor_id=soknad.kontor_id)
    return soknad


@dataclass(frozen=True)
class VedtakInput:
    post_ids: list[int]
    hjemmel: str
    utfall: str
    begrunnelse: str
    stonadsform: str = ""
    periode_fra: date | None = None
    periode_til: date | None = None
    belop: int | None = None
    sak_tittel: str = ""


def check_vedtak_input(data: VedtakInput, soknad: Soknad) -> list[SoktStonad]:
    def fail(field: str, msg: str) -> UnableToRecordVedtak:
        return UnableToRecordVedtak(f"{field}: {msg}", field=field)

    if data.hjemmel not in Hjemmel.values:
        raise fail("hjemmel", f"ukjent hjemmel «{data.hjemmel}».")
    if data.utfall not in Utfall.values:
        raise fail("utfall", f"ukjent utfall «{data.utfall}».")
    if data.stonadsform and data.stonadsform not in Stonadsform.values:
        raise fail("stonadsform", f"ukjent stønadsform «{data.stonadsform}».")
    granted = data.utfall in (Utfall.INNVILGET, Utfall.DELVIS_INNVILGET)
    if granted and not data.stonadsform:
        raise fail("stonadsform", "velg stønadsform for et innvilget vedtak.")
    if not data.begrunnelse.strip():
        raise fail("begrunnelse", "et vedtak må begrunnes (forvaltningsloven §§ 24–25).")
    if data.periode_fra and data.periode_til and data.periode_til <= data.periode_fra:
        raise fail("periode_til", "perioden må slutte etter at den begynner.")
    if data.belop is not None and data.belop < 0:
        raise fail("belop", "beløpet kan ikke være negativt.")
    poster = list(SoktStonad.objects.filter(soknad=soknad, pk__in=data.post_ids))
    if not data.post_ids or len(poster) != len(set(data.post_ids)):
        raise fail("post_ids", "velg det eller de tingene i søknaden som vedtaket gjelder.")
    return poster


def replacement_chain(vedtak: Vedtak) -> list[Vedtak]:
    """Return ``vedtak`` and each decision that has replaced it since (a reduction or a change
    after an appeal), oldest first; the last one is in force."""
    chain = [vedtak]
    while (newer := Vedtak.objects.filter(endrer=chain[-1]).order_by("-fattet_at", "-id")
           .first()) is not None:
        chain.append(newer)
    return chain


def in_force(vedtak: Vedtak, on: date | None = None) -> Vedtak:
    """Return the decision in force for ``vedtak`` on ``on`` (itself when nothing replaced it).

    A reduction has its own period (R35 4.20: it is time-limited): outside that period the
    decision it replaced is in force again, so a second breach after the reduction has ended
    reduces the decision it replaced. A change after an appeal replaces the whole decision.
    Without ``on`` the newest decision of the chain is returned."""
    chain = replacement_chain(vedtak)
    if on is None:
        return chain[-1]
    for candidate in reversed(chain):
        if candidate.art != VedtakArt.REDUKSJON or _covers(candidate, on):
            return candidate
    return chain[0]


def _covers(vedtak: Vedtak, on: date) -> bool:
    return ((vedtak.periode_fra is None or vedtak.periode_fra <= on)
            and (vedtak.periode_til is None or on < vedtak.periode_til))


def _check_undecided(soknad: Soknad, poster: list[SoktStonad]) -> None:
    if soknad.status == "BEHANDLES_IKKE":
        raise UnableToRecordVedtak("Søknaden behandles ikke, og det kan ikke gjøres vedtak i den.",
                                   code="soknad_behandles_ikke", field="soknad")
    decided = set(decided_items(soknad).filter(pk__in=[p.pk for p in poster])
                  .values_list("pk", flat=True))
    labels = [p.label for p in poster if p.pk in decided]
    if labels:
        raise UnableToRecordVedtak(
            f"post_ids: {', '.join(labels)} har allerede vedtak. Et vedtak endres bare etter "
            "klage eller ved reduksjon.", code="allerede_avgjort", field="post_ids")


def create_vedtak(
    *, soknad: Soknad, poster: list[SoktStonad], data: VedtakInput, actor: object, now: datetime,
    sak: Sak | None = None, **extra: object,
) -> Vedtak:
    """Create the sak (when none is given) and the vedtak; no vedtak event (the caller's).

    A first decision on an item may not be made twice: an item already decided in a sak in
    force is changed only by a decision that replaces the earlier one (``endrer``: after an
    appeal, or a reduction)."""
    if extra.get("endrer") is None:
        _check_undecided(soknad, poster)
    guard_vedtak_children(soknad=soknad, hjemmel=data.hjemmel, utfall=data.utfall,
                          post_types=[p.type for p in poster], actor=actor, now=now)
    if sak is None:
        sak = Sak.objects.create(soknad=soknad, referanse=sak_referanse(
                                     soknad.pk, Sak.objects.filter(soknad=soknad).count() + 1),
                                 tittel=data.sak_tittel or ", ".join(p.label for p in poster),
                                 opprettet_at=now)
        record_hendelse(soknad=soknad, type="decisions.sak.opprettet", actor=actor, at=now,
                        data={"referanse": sak.referanse, "tittel": sak.tittel})
    elif sak.soknad_id != soknad.pk:
        raise UnableToRecordVedtak("sak: saken hører til en annen søknad.", field="sak")
    elif Sak.objects.filter(pk=sak.pk, status=SakStatus.FEILREGISTRERT).exists():
        raise UnableToRecordVedtak("sak: saken er feilregistrert.", field="sak")
    vedtak = Vedtak.objects.create(
        sak=sak, hjemmel=data.hjemmel, utfall=data.utfall, stonadsform=data.stonadsform,
        periode_fra=data.periode_fra, periode_til=data.periode_til, belop=data.belop,
        begrunnelse=data.begrunnelse.strip(), fattet_at=now,
        fattet_av_id=getattr(actor, "pk", None), **extra,
    )
    vedtak.poster.set(poster)
    return vedtak


@transaction.atomic
def record_vedtak(
    *, scope: Scope, actor: object, soknad_id: int, data: VedtakInput, now: datetime,
    sak: Sak | None = None,
) -> Vedtak:
    """Record a decision on one or more items, opening a sak when none is given.

    The short form used by demo data and imports; the builder's ``make_vedtak`` adds the
    calculation, the reasons per child, the conditions, the letter and the payment plan.
    """
    soknad = writable_soknad(scope, soknad_id, lock=True)
    poster = check_vedtak_input(data, soknad)
    vedtak = create_vedtak(soknad=soknad, poster=poster, data=data, actor=actor, now=now, sak=sak)
    # Imported here: the letter module builds on the builder, which builds on this module.
    from sosialsak.contexts.decisions.operations._short_letter import short_letter

    brev = short_letter(vedtak=vedtak, actor=actor, now=now)
    record_hendelse(soknad=soknad, type="decisions.vedtak.fattet", actor=actor, at=now,
                    data={"vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
                          "utfall": data.utfall, "hjemmel": data.hjemmel, "belop": data.belop,
                          "brev_id": brev.pk, "dokumentlager_id": str(brev.dokumentlager_id)})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="fatte vedtak", kontor_id=soknad.kontor_id)
    return vedtak
