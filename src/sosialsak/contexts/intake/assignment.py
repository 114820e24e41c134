"""Who handles a case (issue 12, item 2): take a case, hand it over to a named colleague in the
same office, or (leder) redistribute many at once.

Every change is an event in the case's log, naming the actor, and an audit entry (ids only).
A case outside the caller's scope answers NotFound, like an unknown one; a read-only role
(statsforvalter) is refused with ``Forbidden`` before anything is read.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_noop

from sosialsak.contexts.accounts.models import Role, User
from sosialsak.contexts.accounts.scope import Scope, scope_for
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.kernel.errors import Forbidden, NotFound, ValidationFailed

READ_ONLY = gettext_noop("Rollen din kan lese saker, men ikke endre dem.")
ONLY_LEDER = gettext_noop("Bare en leder kan fordele mange saker på en gang.")
NOT_COLLEAGUE = ("saksbehandler: velg en veileder eller leder ved samme NAV-kontor som saken.")
MAX_BULK = 200


def colleagues(*, kontor_id: int | None) -> list[User]:
    """The active veiledere and ledere of one office, by name (who a case can be given to)."""
    if kontor_id is None:
        return []
    return list(User.objects.filter(kontor_id=kontor_id, is_active=True,
                                    groups__name__in=(Role.VEILEDER, Role.LEDER))
                .distinct().order_by("first_name", "last_name", "username"))


def _check_writer(scope: Scope) -> None:
    if not scope.can_write:
        raise Forbidden(READ_ONLY)


def _assign_one(*, soknad: Soknad, actor: User, to: User | None, now: datetime) -> bool:
    if soknad.saksbehandler_id == (to.pk if to else None):
        return False
    if to is not None and to.pk == actor.pk:
        tekst = f"Saken er tatt av {actor.get_full_name() or actor.username}"
    elif to is not None:
        tekst = f"Saken er gitt til {to.get_full_name() or to.username}"
    else:
        tekst = "Saken har ikke lenger en saksbehandler"
    previous = soknad.saksbehandler_id
    soknad.saksbehandler = to
    soknad.save(update_fields=["saksbehandler"])
    record_hendelse(soknad=soknad, type="intake.soknad.saksbehandler", actor=actor, at=now,
                    tekst=tekst, data={"fra": previous, "til": to.pk if to else None})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="tildele saksbehandler", kontor_id=soknad.kontor_id)
    return True


def _target(to_user_id: int | None, kontor_id: int) -> User | None:
    if to_user_id is None:
        return None
    to = User.objects.filter(pk=to_user_id, kontor_id=kontor_id, is_active=True,
                             groups__name__in=(Role.VEILEDER, Role.LEDER)).first()
    if to is None:
        raise ValidationFailed(NOT_COLLEAGUE, field="saksbehandler")
    return to


def _check_sees(to: User | None, soknad_ids: list[int]) -> None:
    """A case is given only to a colleague who can see it: a strengt fortrolig case to someone
    without the permission would vanish from their own list while it stays theirs."""
    if to is None:
        return
    seen = scoped_soknader(scope_for(to)).filter(pk__in=soknad_ids).count()
    if seen != len(set(soknad_ids)):
        raise ValidationFailed("saksbehandler: kollegaen har ikke tilgang til alle sakene; "
                               "velg en som har det.", field="saksbehandler")


@transaction.atomic
def assign(*, scope: Scope, actor: User, soknad_id: int, to_user_id: int | None,
           now: datetime) -> Soknad:
    """Give one case to ``to_user_id`` (the actor: take it; None: release it)."""
    _check_writer(scope)
    soknad = scoped_soknader(scope).select_for_update().filter(pk=soknad_id).first()
    if soknad is None:
        raise NotFound("Fant ikke søknaden, eller du har ikke tilgang til å endre den.")
    to = _target(to_user_id, soknad.kontor_id)
    _check_sees(to, [soknad.pk])
    _assign_one(soknad=soknad, actor=actor, to=to, now=now)
    return soknad


@transaction.atomic
def assign_many(*, scope: Scope, actor: User, soknad_ids: list[int], to_user_id: int,
                now: datetime) -> int:
    """A leder gives many cases of the office to one colleague; return how many changed.

    All or nothing: one id outside the scope refuses the whole batch."""
    _check_writer(scope)
    if Role.LEDER not in scope.roles:
        raise Forbidden(ONLY_LEDER)
    ids = sorted(set(soknad_ids))
    if not ids:
        raise ValidationFailed("soknader: velg minst én sak.", field="soknader")
    if len(ids) > MAX_BULK:
        raise ValidationFailed(f"soknader: høyst {MAX_BULK} saker om gangen.", field="soknader")
    kontor_id = getattr(actor, "kontor_id", None)
    rows = list(scoped_soknader(scope).select_for_update().filter(pk__in=ids, kontor_id=kontor_id)
                .order_by("pk"))
    if len(rows) != len(ids):
        raise NotFound("Fant ikke alle sakene, eller du har ikke tilgang til å endre dem.")
    to = _target(to_user_id, int(kontor_id or 0))
    _check_sees(to, ids)
    return sum(_assign_one(soknad=s, actor=actor, to=to, now=now) for s in rows)
