"""Writes for users: create staff and citizen users with their role."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from sosialsak.contexts.accounts.models import NavKontor, Role, User
from sosialsak.kernel.errors import ValidationFailed


class UnableToCreateUser(ValidationFailed):
    code = "unable_to_create_user"


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str | None,
    role: str,
    kontor: NavKontor | None = None,
    fylkesnummer: str = "",
    first_name: str = "",
    last_name: str = "",
    extra_permissions: tuple[str, ...] = (),
) -> User:
    """Create a user with one role; staff roles need an office, statsforvalter a county."""
    if role not in Role.values:
        raise UnableToCreateUser(f"role: ukjent rolle «{role}». Gyldige: {', '.join(Role.values)}.",
                                 field="role")
    if role in (Role.VEILEDER, Role.LEDER) and kontor is None:
        raise UnableToCreateUser("kontor: veileder og leder må høre til et NAV-kontor.",
                                 field="kontor")
    if role == Role.STATSFORVALTER and not fylkesnummer:
        raise UnableToCreateUser("fylkesnummer: statsforvalter må ha et fylke.",
                                 field="fylkesnummer")
    if User.objects.filter(username=username).exists():
        raise UnableToCreateUser(f"username: brukernavnet «{username}» finnes fra før.",
                                 field="username")
    user = User(username=username, first_name=first_name, last_name=last_name,
                kontor=kontor, fylkesnummer=fylkesnummer,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    for codename in extra_permissions:
        app_label, code = codename.split(".", 1)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=code)
        )
    return user
