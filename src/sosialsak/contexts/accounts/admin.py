from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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
