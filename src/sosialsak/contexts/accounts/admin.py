from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from sosialsak.contexts.accounts.models import Kommune, NavKontor, User


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ("nummer", "navn")
    search_fields = ("nummer", "navn")


@admin.register(NavKontor)
class NavKontorAdmin(admin.ModelAdmin):
    list_display = ("enhetsnummer", "navn")
    filter_horizontal = ("kommuner",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "kontor", "is_active")
    list_filter = ("groups", "kontor", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("NAV", {"fields": ("kontor", "fylkesnummer")}))
    # No account changes its own access (issue 10, item 9); the audit context refuses it
    # too, whatever screen tries, and logs every change of access in the Tilgangslogg.
    own_access_fields = ("groups", "user_permissions", "is_superuser", "is_staff", "is_active",
                         "kontor", "fylkesnummer")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            return (*fields, *self.own_access_fields)
        return fields
