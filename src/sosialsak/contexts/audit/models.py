"""The audit log: who touched which object, when and why. It never holds the personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "READ", _("Lest")
    WRITE = "WRITE", _("Endret")
    DENIED = "DENIED", _("Nektet")
    EXPORT = "EXPORT", _("Eksportert")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Append-only: rows cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Append-only: rows cannot be deleted.")


class AuditEntry(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_username = models.CharField(max_length=150)
    action = models.CharField(max_length=8, choices=Action.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=64)
    kontor_id = models.IntegerField(null=True, db_index=True)
    purpose = models.CharField(max_length=100)
    channel = models.CharField(max_length=10, default="web")  # web | api | cli | job

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("tilgangslogg")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Append-only: audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Append-only: audit entries cannot be deleted.")
