"""The quarantine for administrators: see why a delivery was rejected, fix it, replay it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from sosialsak.contexts.digisos.models import Levering, LeveringStatus
from sosialsak.kernel.errors import DomainError


@admin.register(Levering)
class LeveringAdmin(admin.ModelAdmin):
    list_display = ("id", "mottatt_at", "digisos_id", "ekstern_ref", "type", "status", "kilde",
                    "forsok", "antall_feil")
    list_filter = ("status", "type", "kilde")
    search_fields = ("=digisos_id", "=ekstern_ref")
    readonly_fields = ("ekstern_ref", "digisos_id", "type", "status", "mottatt_at", "kilde",
                       "soknad", "feil", "karantene_mappe", "forsok")
    actions = ["replay_selected"]

    @admin.display(description="feil")
    def antall_feil(self, obj: Levering) -> int:
        return len(obj.feil or [])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description="Importer på nytt fra karantenemappen (etter retting)")
    def replay_selected(self, request: HttpRequest, queryset: QuerySet[Levering]) -> None:
        # Imported here, not at the top: the admin modules load at every start-up (CLI
        # included) and the importer pulls in most of the domain (issue 13, start-up).
        from sosialsak.contexts.digisos.importer import replay

        for levering in queryset.filter(status=LeveringStatus.KARANTENE):
            try:
                result = replay(levering_id=levering.pk, now=timezone.now())
            except DomainError as exc:
                self.message_user(request, f"Levering {levering.pk}: {exc.message}",
                                  messages.ERROR)
                continue
            level = messages.SUCCESS if result.ok else messages.ERROR
            text = f"Levering {levering.pk}: {result.outcome}"
            if result.errors:
                text += " – " + "; ".join(result.errors[:3])
            self.message_user(request, text, level)
