"""Writes for users: create staff and citizen users with their role, and set passwords.

Every password set here passes ``AUTH_PASSWORD_VALIDATORS`` (Django's ``validate_password``);
a refusal is an ``UnableToCreateUser`` whose ``field`` names the field and whose message says
in plain Bokmål what is wrong. A citizen (or a staff user made without a password) gets an
unusable password: they log in another way, or an administrator sets one later.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sosialsak.contexts.accounts.models import NavKontor, Role, User
from sosialsak.kernel.errors import ValidationFailed


class UnableToCreateUser(ValidationFailed):
    code = "unable_to_create_user"


class UnacceptablePassword(UnableToCreateUser):
    code = "unacceptable_password"


# Our own Bokmål wording for Django's validators (its nb catalogue lacks some of them).
_PASSWORD_MESSAGES = {
    "password_too_short": "passordet er for kort; det må ha minst {min_length} tegn.",
    "password_too_common": "passordet er for vanlig; velg et som er vanskeligere å gjette.",
    "password_entirely_numeric": "passordet kan ikke bare være siffer.",
    "password_too_similar": "passordet ligner for mye på brukernavnet eller navnet.",
}


def _password_problems(error: ValidationError) -> str:
    texts = []
    for item in error.error_list:
        template = _PASSWORD_MESSAGES.get(item.code or "")
        texts.append(template.format(**(item.params or {})) if template
                     else " ".join(str(m) for m in item.messages))
    # One line: "passordet er for kort; … Passordet er for vanlig; …"
    return " ".join([texts[0], *(t[:1].upper() + t[1:] for t in texts[1:])])


def check_password(password: str, user: User | None = None) -> None:
    """Raise UnacceptablePassword (field ``password``) unless ``password`` passes the
    configured password validators."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise UnacceptablePassword(f"password: {_password_problems(exc)}",
                                   field="password") from exc


def set_password(user: User, password: str) -> None:
    """Set ``user``'s password after checking it against the validators (not saved)."""
    check_password(password, user)
    user.set_password(password)


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
        set_password(user, password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise UnableToCreateUser(f"{field}: {' '.join(messages)}", field=field) from exc
    user.save()
    user.groups.add(Group.objects.get(name=role))
    for codename in extra_permissions:
        app_label, code = codename.split(".", 1)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=code)
        )
    return user
