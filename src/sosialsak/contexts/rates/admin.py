from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from sosialsak.contexts.rates.models import RateConfirmation, RateSet


@admin.register(RateSet)
class RateSetAdmin(admin.ModelAdmin):
    """Registered rate sets are history: they can be added and read, never changed."""

    list_display = ("__str__", "scope", "kommunenummer", "valid_from", "enslig",
                    "ektepar_samboere", "reference", "registered_by")
    list_filter = ("scope",)
    search_fields = ("kommunenummer", "reference")
    readonly_fields = ("registered_at", "registered_by")

    def has_change_permission(self, request: HttpRequest, obj: RateSet | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: RateSet | None = None) -> bool:
        return False

    def save_model(self, request: Any, obj: RateSet, form: Any, change: bool) -> None:
        obj.registered_at = timezone.now()
        obj.registered_by = request.user.get_username()
        super().save_model(request, obj, form, change)


@admin.register(RateConfirmation)
class RateConfirmationAdmin(admin.ModelAdmin):
    """Read-only: a confirmation is made by a leder on the office's rates page (or through
    ``confirm_rates_for_year``), which checks the role and writes the audit entry."""

    list_display = ("kommunenummer", "year", "rate_set_from", "confirmed_by_name",
                    "confirmed_at")
    search_fields = ("kommunenummer",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest,
                              obj: RateConfirmation | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest,
                              obj: RateConfirmation | None = None) -> bool:
        return False
