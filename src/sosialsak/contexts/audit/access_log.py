"""The Tilgangslogg's record of who may do what (issue 10, items 8 and 9).

Failed logins and lock-outs, and every change to an account's roles, office, permissions,
superuser/staff/active flags or password, are written to the audit log wherever they are made
(Django admin, ``sosialsak createuser``, an operation, the shell): these receivers hang on the
model and auth signals, not on one screen. The log holds ids only: a user id for a known
account, never the username typed at the login form (it may be a mistyped password or a
fødselsnummer), never an address.

No account may change its own roles, office or permissions: the acting user of the request is
known here (``acting_user``, set by the web interface), and a change of the actor's own access
is refused with PermissionDenied, whichever screen or call tries it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sosialsak.contexts.accounts.models import User
from sosialsak.contexts.audit.log import _channel
from sosialsak.contexts.audit.models import Action, AuditEntry

# The fields that decide what an account may see or do.
ACCESS_FIELDS = ("kontor_id", "fylkesnummer", "is_superuser", "is_staff", "is_active")
SELF_CHANGE_REFUSED = "Du kan ikke endre dine egne roller, kontor eller tillatelser."

_acting: contextvars.ContextVar[Any] = contextvars.ContextVar("acting_user", default=None)


@contextmanager
def acting_user(user: Any) -> Iterator[None]:
    """Name the user on whose behalf everything inside runs (a request's user)."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def _actor() -> Any:
    user = _acting.get()
    return user if getattr(user, "is_authenticated", False) else None


def _write(*, actor: Any, action: str, object_type: str, object_id: object, purpose: str,
           kontor_id: int | None, anonymous: str = "system") -> None:
    AuditEntry.objects.create(
        at=timezone.now(), actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or anonymous, action=action,
        object_type=object_type, object_id=str(object_id), kontor_id=kontor_id,
        purpose=purpose[:100], channel=_channel.get())


# --- logins (item 8) ---------------------------------------------------------------------

def _known(credentials: dict[str, Any] | None) -> User | None:
    username = (credentials or {}).get("username")
    if not isinstance(username, str) or not username:
        return None
    return User.objects.filter(username=username).first()


def login_failed(sender: object, credentials: dict[str, Any] | None = None,
                 request: object = None, **_: object) -> None:
    """A wrong password (or an attempt while locked out): the account's id if it exists."""
    user = _known(credentials)
    _write(actor=None, action=Action.DENIED, object_type="innlogging",
           object_id=user.pk if user else "", purpose="innlogging feilet",
           kontor_id=user.kontor_id if user else None, anonymous="anonym")


def locked_out(sender: object, request: Any = None, username: str | None = None,
               **_: object) -> None:
    """Too many failures: the account (or the address) is locked for the cool-off period."""
    user = _known({"username": username})
    _write(actor=None, action=Action.DENIED, object_type="innlogging",
           object_id=user.pk if user else "", purpose="innlogging sperret etter for mange forsøk",
           kontor_id=user.kontor_id if user else None, anonymous="anonym")


# --- changes of access (item 9) ------------------------------------------------------------

def _refuse_own(user_ids: set[int]) -> None:
    actor = _actor()
    if actor is not None and actor.pk in user_ids:
        raise PermissionDenied(SELF_CHANGE_REFUSED)


def user_pre_save(sender: type[User], instance: User, raw: bool = False,
                  update_fields: Any = None, **_: object) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & {
            "kontor", "fylkesnummer", "is_superuser", "is_staff", "is_active", "password"}:
        return  # e.g. last_login at each login
    before = User.objects.filter(pk=instance.pk).values(*ACCESS_FIELDS, "password").first()
    if before is None:
        return
    changed = [f for f in ACCESS_FIELDS if before[f] != getattr(instance, f)]
    if changed:
        _refuse_own({instance.pk})
    if before["password"] != instance.password:
        changed.append("password")
    instance._access_changed = changed  # type: ignore[attr-defined]


def user_post_save(sender: type[User], instance: User, created: bool, raw: bool = False,
                   **_: object) -> None:
    if raw:
        return
    if created:
        _write(actor=_actor(), action=Action.WRITE, object_type="bruker", object_id=instance.pk,
               purpose="bruker opprettet", kontor_id=instance.kontor_id)
        return
    changed = getattr(instance, "_access_changed", None)
    if changed:
        names = ", ".join(f.removesuffix("_id") for f in changed)
        _write(actor=_actor(), action=Action.WRITE, object_type="bruker",
               object_id=instance.pk, purpose=f"bruker endret: {names}",
               kontor_id=instance.kontor_id)
        instance._access_changed = []  # type: ignore[attr-defined]


def _users_of(instance: Any, reverse: bool, pk_set: set[int] | None) -> list[int]:
    if not reverse:
        return [instance.pk]
    return sorted(pk_set or ()) if pk_set is not None else list(
        instance.user_set.values_list("pk", flat=True))


def user_m2m_changed(sender: type, instance: Any, action: str, reverse: bool, model: type,
                     pk_set: set[int] | None, **_: object) -> None:
    """Roles (groups) and direct permissions of a user, from either side of the relation."""
    what = "roller" if sender is User.groups.through else "tillatelser"
    if action in ("pre_add", "pre_remove", "pre_clear"):
        if reverse and action == "pre_clear":
            _refuse_own(set(instance.user_set.values_list("pk", flat=True)))
        else:
            _refuse_own(set(_users_of(instance, reverse, pk_set)))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    verb = {"post_add": "lagt til", "post_remove": "fjernet", "post_clear": "fjernet alle"}[action]
    ids = _users_of(instance, reverse, pk_set) if not (reverse and action == "post_clear") \
        else []
    kontor = dict(User.objects.filter(pk__in=ids).values_list("pk", "kontor_id"))
    for user_id in ids:
        _write(actor=_actor(), action=Action.WRITE, object_type="bruker", object_id=user_id,
               purpose=f"{what} {verb}", kontor_id=kontor.get(user_id))


def group_permissions_changed(sender: type, instance: Any, action: str, reverse: bool,
                              pk_set: set[int] | None, **_: object) -> None:
    """A role's permissions (every member's access changes): refused for a member."""
    groups = [instance] if not reverse else list(Group.objects.filter(pk__in=pk_set or ()))
    if action in ("pre_add", "pre_remove", "pre_clear"):
        for group in groups:
            _refuse_own(set(group.user_set.values_list("pk", flat=True)))
        return
    if action in ("post_add", "post_remove", "post_clear"):
        for group in groups:
            _write(actor=_actor(), action=Action.WRITE, object_type="rolle", object_id=group.pk,
                   purpose="rollens tillatelser endret", kontor_id=None)


def connect() -> None:
    from django.contrib.auth.signals import user_login_failed
    from django.db.models.signals import m2m_changed, post_save, pre_save

    user_login_failed.connect(login_failed, dispatch_uid="audit_login_failed")
    pre_save.connect(user_pre_save, sender=User, dispatch_uid="audit_user_pre_save")
    post_save.connect(user_post_save, sender=User, dispatch_uid="audit_user_post_save")
    m2m_changed.connect(user_m2m_changed, sender=User.groups.through,
                        dispatch_uid="audit_user_groups")
    m2m_changed.connect(user_m2m_changed, sender=User.user_permissions.through,
                        dispatch_uid="audit_user_permissions")
    m2m_changed.connect(group_permissions_changed, sender=Group.permissions.through,
                        dispatch_uid="audit_group_permissions")
    try:
        from axes.signals import user_locked_out
    except ImportError:  # pragma: no cover - axes is a dependency; kept optional for tools
        return
    user_locked_out.connect(locked_out, dispatch_uid="audit_locked_out")
