"""Who may see what. Every query in the contexts filters through a Scope built here.

The rule: staff see their own office; a leder also sees the office's audit log; a
statsforvalter reads (never writes) the offices serving kommuner in their county; a citizen sees
only their own applications; nobody sees a case for a person with strengt fortrolig adresse
without the explicit permission. An admin (or a superuser) manages users and settings and has
no case scope at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, Value

from sosialsak.contexts.accounts.models import NavKontor, Role, User


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    roles: frozenset[str]
    kontor_ids: frozenset[int]
    is_citizen: bool
    can_write: bool
    can_view_strengt_fortrolig: bool
    can_view_audit: bool
    # Issue 12: exporting bank files is its own permission (leder by default), so whoever
    # decides and plans a payment cannot also send it to the bank alone.
    can_export_payments: bool = False

    @property
    def sees_cases(self) -> bool:
        return bool(self.kontor_ids) or self.is_citizen

    def kontor_allowed(self, kontor_id: int | None) -> bool:
        return kontor_id is not None and kontor_id in self.kontor_ids


NO_ACCESS = Scope(None, frozenset(), frozenset(), False, False, False, False)


def roles_of(user: User) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(user.groups.values_list("name", flat=True))


SCOPE_PERMISSIONS = ("view_strengt_fortrolig", "view_audit", "export_payments")


def _roles_and_permissions(user: User) -> tuple[frozenset[str], frozenset[str]]:
    """Return the user's roles and which of the scope's permissions (``accounts.*``) they hold,
    directly or through a group, in one query instead of three (every page needs them)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset(), frozenset()
    roles = (Group.objects.filter(user=user).order_by().annotate(kind=Value("r"))
             .values_list("kind", "name"))
    perms = (Permission.objects.filter(Q(user=user) | Q(group__user=user),
                                       content_type__app_label="accounts",
                                       codename__in=SCOPE_PERMISSIONS)
             .order_by().annotate(kind=Value("p")).values_list("kind", "codename"))
    rows = list(roles.union(perms))
    granted = frozenset(SCOPE_PERMISSIONS) if user.is_superuser else frozenset(
        name for kind, name in rows if kind == "p")
    return frozenset(name for kind, name in rows if kind == "r"), granted


def scope_for(user: User) -> Scope:
    """Return the Scope of an authenticated user (NO_ACCESS for anyone else)."""
    roles, perms = _roles_and_permissions(user)
    if not roles:
        return NO_ACCESS
    if Role.ADMIN in roles or user.is_superuser:
        # An administrator manages users and settings, never cases: neither the admin role nor
        # the superuser flag gives case scope, whatever office or role the account also has
        # (issue 10, item 9: a superuser gave itself an office and read strengt fortrolig).
        return Scope(user.pk, roles, frozenset(), False, False, False, False)
    kontor_ids: set[int] = set()
    can_write = False
    if roles & {Role.VEILEDER, Role.LEDER} and user.kontor_id:
        kontor_ids.add(user.kontor_id)
        can_write = True
    if Role.STATSFORVALTER in roles and user.fylkesnummer:
        kontor_ids.update(
            NavKontor.objects.filter(kommuner__nummer__startswith=user.fylkesnummer)
            .values_list("id", flat=True)
        )
    return Scope(
        user_id=user.pk,
        roles=roles,
        kontor_ids=frozenset(kontor_ids),
        is_citizen=Role.BRUKER in roles and not kontor_ids,
        can_write=can_write,
        can_view_strengt_fortrolig="view_strengt_fortrolig" in perms,
        can_view_audit=Role.LEDER in roles and "view_audit" in perms,
        can_export_payments=can_write and "export_payments" in perms,
    )


def system_scope(*, kontor_ids: Iterable[int] | None = None) -> Scope:
    """Return the scope of the system itself (imports, scheduled jobs): every office, no user;
    only ``kontor_ids`` when given (an import that has chosen its office needs no query).

    Used only by jobs and imports that act on behalf of the municipality, never for a request.
    """
    return Scope(
        user_id=None,
        roles=frozenset({"system"}),
        kontor_ids=frozenset(NavKontor.objects.values_list("id", flat=True)
                             if kontor_ids is None else kontor_ids),
        is_citizen=False,
        can_write=True,
        can_view_strengt_fortrolig=True,
        can_view_audit=False,
        can_export_payments=True,
    )
