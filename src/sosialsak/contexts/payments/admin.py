"""Admin for the offices' payment settings only: the other payment models hold personal data."""

from __future__ import annotations

from django.contrib import admin

from sosialsak.contexts.payments.models import Utbetalingsinnstillinger


@admin.register(Utbetalingsinnstillinger)
class UtbetalingsinnstillingerAdmin(admin.ModelAdmin):
    list_display = ("kontor", "utbetalingsdag", "debitor_navn", "debitor_kontonummer")
