"""The role groups and their permissions, kept in step after every migration (idempotent)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from sosialsak.contexts.accounts.models import Role

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.VEILEDER: [],
    Role.LEDER: ["accounts.view_audit", "accounts.export_payments"],
    Role.STATSFORVALTER: [],
    Role.BRUKER: [],
    Role.ADMIN: [],
}


def ensure_roles(**_: Any) -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
