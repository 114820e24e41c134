"""An administrator cannot give itself case access; every change of access is audited
(issue 10, item 9).

Threat: a superuser edited its own account into an office and the veileder group in Django
admin and then read cases, strengt fortrolig included, and nothing recorded the change. Now
neither the admin role nor the superuser flag gives case scope, no account may change its own
roles, office or permissions (admin shows them read-only; any other path is refused), and
every change of roles, office, flags, permissions or password is in the Tilgangslogg.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _admin_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_role_or_superuser_flag_never_gives_case_scope(users: Any, offices: Any,
                                                                 make_soknad: Any) -> None:
    from django.contrib.auth.models import Group

    from sosialsak.contexts.accounts.scope import scope_for

    soknad = make_soknad(beskyttelse="STRENGT_FORTROLIG")
    admin = users["admin"]
    # As if the admin had done it to itself by some other path than the checked ones.
    type(admin).objects.filter(pk=admin.pk).update(kontor=offices["A"])
    admin.refresh_from_db()
    Group.objects.get(name="veileder").user_set.add(admin)  # no acting user: not refused
    superuser_veileder = users["veileder_a"]
    type(superuser_veileder).objects.filter(pk=superuser_veileder.pk).update(is_superuser=True)
    superuser_veileder.refresh_from_db()

    for user in (admin, superuser_veileder):
        scope = scope_for(user)
        assert scope.kontor_ids == frozenset() and not scope.can_write
        assert not scope.can_view_strengt_fortrolig and not scope.can_view_audit
    page = _admin_client(admin).get(f"/soknad/{soknad.pk}/")
    assert page.status_code == 404


def test_admin_cannot_change_its_own_roles_office_or_flags(users: Any, offices: Any) -> None:
    from django.contrib.auth.models import Group

    admin = users["admin"]
    client = _admin_client(admin)
    form = client.get(f"/admin/accounts/user/{admin.pk}/change/").content.decode()
    veileder = Group.objects.get(name="veileder")

    client.post(f"/admin/accounts/user/{admin.pk}/change/", {
        "username": admin.username, "groups": [veileder.pk], "kontor": offices["A"].pk,
        "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "date_joined_0": "2024-01-01", "date_joined_1": "10:00:00"})

    admin.refresh_from_db()
    assert 'name="groups"' not in form and 'name="kontor"' not in form
    assert admin.kontor_id is None
    assert not admin.groups.filter(name="veileder").exists()


def test_a_change_of_ones_own_access_is_refused_whatever_the_path(users: Any,
                                                                  offices: Any) -> None:
    from django.contrib.auth.models import Group, Permission
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from sosialsak.contexts.audit.access_log import acting_user

    admin = users["admin"]
    veileder, leder = Group.objects.get(name="veileder"), Group.objects.get(name="leder")
    with acting_user(admin):
        with pytest.raises(PermissionDenied), transaction.atomic():
            admin.groups.add(veileder)
        with pytest.raises(PermissionDenied), transaction.atomic():
            leder.user_set.add(admin)
        with pytest.raises(PermissionDenied), transaction.atomic():
            Group.objects.get(name="admin").permissions.add(  # a role the actor holds
                Permission.objects.get(codename="view_strengt_fortrolig"))
        admin.kontor = offices["A"]
        with pytest.raises(PermissionDenied), transaction.atomic():
            admin.save()
    admin.refresh_from_db()
    assert admin.kontor_id is None and not admin.groups.exclude(name="admin").exists()


def test_changes_of_access_from_admin_are_in_the_tilgangslogg(users: Any, offices: Any) -> None:
    from django.contrib.auth.models import Group

    from sosialsak.contexts.audit.models import AuditEntry

    admin, target = users["admin"], users["veileder_b"]
    client = _admin_client(admin)
    leder = Group.objects.get(name="leder")
    before = AuditEntry.objects.count()

    response = client.post(f"/admin/accounts/user/{target.pk}/change/", {
        "username": target.username, "groups": [leder.pk], "kontor": offices["A"].pk,
        "is_active": "on", "date_joined_0": "2024-01-01", "date_joined_1": "10:00:00"})

    assert response.status_code == 302
    new = AuditEntry.objects.order_by("id")[before:]
    rows = {(e.purpose, e.object_id, e.actor_id) for e in new if e.object_type == "bruker"}
    assert ("bruker endret: kontor", str(target.pk), admin.pk) in rows
    assert ("roller lagt til", str(target.pk), admin.pk) in rows
    assert ("roller fjernet", str(target.pk), admin.pk) in rows
    assert all(target.username not in e.purpose for e in new)


def test_a_user_made_on_the_command_line_is_in_the_tilgangslogg(offices: Any) -> None:
    from django.core.management import call_command

    from sosialsak.contexts.accounts.models import User
    from sosialsak.contexts.audit.models import AuditEntry

    call_command("createuser", "ny.veileder", "--role", "veileder", "--kontor", "1201",
                 "--password", "langt-og-trygt-passord-2026")

    user = User.objects.get(username="ny.veileder")
    rows = set(AuditEntry.objects.filter(object_type="bruker", object_id=str(user.pk))
               .values_list("purpose", "channel", "kontor_id"))
    assert {("bruker opprettet", "cli", user.kontor_id),
            ("roller lagt til", "cli", user.kontor_id)} <= rows
