"""Link a citizen's login to a person by fødselsnummer (issue 16, item 1).

The login (ID-porten's ``pid`` claim) names a fødselsnummer. A person we know with that number
gets one citizen user, made the first time and reused after; nobody links a user to a person
by hand. The login never creates or changes a person (ADR 0010): the only write to the person
is the link to the user, once. Someone we do not know yet gets a citizen user of their own;
their first application (which creates the person through the intake) links them.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from sosialsak.contexts.accounts.models import Role, User
from sosialsak.contexts.accounts.operations import create_user
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.people.models import Person
from sosialsak.contexts.people.operations import check_fnr
from sosialsak.kernel.errors import NotFound


def login_username(fnr: str) -> str:
    """Return the user name for a login by fødselsnummer: a keyed hash, so the name shown in
    the admin and the audit log never reveals the number."""
    key = settings.SECRET_KEY.encode()
    return "id-" + hmac.new(key, fnr.encode(), hashlib.sha256).hexdigest()[:24]


def person_id_for_fnr(fnr: str) -> int | None:
    """Return the id of the person with this fødselsnummer, or None (a people query)."""
    return Person.objects.filter(fodselsnummer=fnr).values_list("pk", flat=True).first()


@transaction.atomic
def citizen_for_login(*, pid: str) -> User:
    """Return the citizen user for an authenticated ``pid``; link it to the person if known."""
    fnr = check_fnr(pid, field="pid")
    person = Person.objects.select_for_update().filter(fodselsnummer=fnr).first()
    if person is not None and person.user_id is not None:
        user = User.objects.get(pk=person.user_id)
        if user.kontor_id is not None or not user.groups.filter(name=Role.BRUKER).exists():
            raise NotFound("Innloggingen kan ikke brukes her.")  # a staff account: never
        return user
    user = User.objects.filter(username=login_username(fnr)).first() or create_user(
        username=login_username(fnr), password=None, role=Role.BRUKER)
    if person is not None:
        link_person(person=person, user=user)
    return user


def link_person(*, person: Person, user: User) -> None:
    """Link the person to the citizen user (the one write a login makes); audited."""
    if person.user_id is not None:
        return
    person.user = user
    person.save(update_fields=["user"])
    record(actor=user, action=Action.WRITE, object_type="person", object_id=person.pk,
           purpose="innlogging koblet til person")


@transaction.atomic
def link_after_application(*, fnr: str, user: User) -> None:
    """After the person's own first application created the person, link the login."""
    person = Person.objects.select_for_update().filter(fodselsnummer=fnr).first()
    if person is not None:
        link_person(person=person, user=user)
