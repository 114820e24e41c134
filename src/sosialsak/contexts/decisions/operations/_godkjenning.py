"""Four-eyes: a decision the office's setting says needs approval is proposed by one
caseworker and made when a second caseworker at the office approves it."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import ForslagStatus, Vedtak, VedtakArt, Vedtaksforslag
from sosialsak.contexts.decisions.operations._brudd import reduce_after_breach
from sosialsak.contexts.decisions.operations._builder import build
from sosialsak.contexts.decisions.operations._core import writable_soknad
from sosialsak.contexts.decisions.operations._inputs import (
    VedtakUtkast,
    utkast_as_json,
    utkast_from_json,
)
from sosialsak.contexts.decisions.operations._klage import check_open, replace_after_klage
from sosialsak.contexts.decisions.operations._make import fatt, require_complete, store_proposal
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.locking import lock, owner_id
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound


class UnableToApprove(DomainError):
    code = "unable_to_approve"


@transaction.atomic
def propose_vedtak(
    *, scope: Scope, actor: object, soknad_id: int, data: VedtakUtkast, now: datetime
) -> Vedtaksforslag:
    """Store a complete decision for a second caseworker's approval."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    built = build(soknad=soknad, data=data, today=local_date(now))
    require_complete(built)
    return store_proposal(soknad=soknad, actor=actor, now=now, art=VedtakArt.ORDINAER,
                          data=utkast_as_json(data), belop=built.belop, utfall=data.utfall)


def _forslag(scope: Scope, forslag_id: int, actor: object) -> Vedtaksforslag:
    soknad_id = owner_id(Vedtaksforslag, forslag_id, "soknad_id")
    if soknad_id is None:
        raise NotFound("Fant ikke vedtaksforslaget.")
    writable_soknad(scope, soknad_id, lock=True)
    # The status is read only now, under the lock: approve and return at once must not both
    # succeed (issue 10, item 6).
    forslag = lock(Vedtaksforslag, forslag_id, "foreslatt_av", "soknad")
    if forslag is None:
        raise NotFound("Fant ikke vedtaksforslaget.")
    if forslag.status != ForslagStatus.VENTER:
        raise UnableToApprove("Forslaget er allerede behandlet.", field="forslag_id")
    if forslag.foreslatt_av_id == getattr(actor, "pk", None):
        raise UnableToApprove("En annen saksbehandler enn den som foreslo vedtaket må godkjenne "
                              "det.", code="godkjenning_samme_person", field="forslag_id")
    return forslag


def _make_approved(scope: Scope, forslag: Vedtaksforslag, actor: object, now: datetime) -> Vedtak:
    """Make the proposed decision with its proposer as the one who made it and ``actor`` as
    the approver; every rule is checked again as of now."""
    if forslag.art == VedtakArt.REDUKSJON and forslag.brudd_id is not None:
        d = forslag.data
        return reduce_after_breach(
            scope=scope, actor=forslag.foreslatt_av, brudd_id=forslag.brudd_id,
            belop_redusert=int(d["belop_redusert"]),
            individuell_vurdering=str(d["individuell_vurdering"]),
            nodvendig_belop=int(d["nodvendig_belop"]), now=now, godkjent_av=actor,
            periode_fra=_day(d.get("periode_fra")), periode_til=_day(d.get("periode_til")))
    soknad = writable_soknad(scope, forslag.soknad_id)
    built = build(soknad=soknad, data=utkast_from_json(forslag.data), today=local_date(now))
    require_complete(built)
    if forslag.art == VedtakArt.OMGJORING and forslag.klage is not None:
        klage = forslag.klage
        check_open(klage)
        return replace_after_klage(scope=scope, actor=forslag.foreslatt_av, klage=klage,
                                   built=built, vurdering=forslag.vurdering, now=now,
                                   godkjent_av=actor)
    return fatt(scope=scope, actor=forslag.foreslatt_av, built=built, now=now,
                godkjent_av=actor, hendelse={"forslag_id": forslag.pk})


@transaction.atomic
def approve_vedtak(
    *, scope: Scope, actor: object, forslag_id: int, now: datetime
) -> Vedtak:
    """Approve a proposal and make the decision, with the approver on it and in the letter."""
    forslag = _forslag(scope, forslag_id, actor)
    vedtak = _make_approved(scope, forslag, actor, now)
    forslag.status, forslag.behandlet_at, forslag.vedtak = ForslagStatus.GODKJENT, now, vedtak
    forslag.behandlet_av_id = getattr(actor, "pk", None)
    forslag.save()
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=forslag.soknad_id,
           purpose="godkjenne vedtak", kontor_id=forslag.soknad.kontor_id)
    return vedtak


@transaction.atomic
def return_vedtak(
    *, scope: Scope, actor: object, forslag_id: int, merknad: str, now: datetime
) -> Vedtaksforslag:
    """Send a proposal back to its caseworker with a note."""
    forslag = _forslag(scope, forslag_id, actor)
    if not merknad.strip():
        raise UnableToApprove("Skriv hvorfor forslaget sendes tilbake.", field="merknad")
    forslag.status, forslag.behandlet_at = ForslagStatus.RETURNERT, now
    forslag.behandlet_av_id, forslag.merknad = getattr(actor, "pk", None), merknad.strip()
    forslag.save()
    record_hendelse(soknad=forslag.soknad, type="decisions.vedtak.returnert", actor=actor,
                    at=now, data={"forslag_id": forslag.pk})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=forslag.soknad_id,
           purpose="returnere vedtaksforslag", kontor_id=forslag.soknad.kontor_id)
    return forslag


def _day(value: object) -> date | None:
    """A proposal's stored date (absent in proposals stored before reductions had a period)."""
    return date.fromisoformat(str(value)) if value else None
