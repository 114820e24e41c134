"""Journal notes on an application (issue 12): short dated entries by the caseworker.

Append-only: a note is never changed or deleted; a correction is a new entry that names the
note it corrects, so the file shows what was written when and by whom.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad

MAX_NOTAT = 4000  # characters; a journal entry, not a report


class NotatType(models.TextChoices):
    SAMTALE = "SAMTALE", _("Samtale")
    TELEFON = "TELEFON", _("Telefon")
    NOTAT = "NOTAT", _("Notat")
    MOTE = "MOTE", _("Møte")


class Journalnotat(models.Model):
    """One journal entry on an application."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="journalnotater")
    type = models.CharField(_("type"), max_length=8, choices=NotatType.choices)
    tekst = models.TextField(_("tekst"), max_length=MAX_NOTAT)
    skrevet_at = models.DateTimeField()
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    korrigerer = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="korreksjoner")

    class Meta:
        ordering = ["-skrevet_at", "-id"]
        indexes = [models.Index(fields=["soknad", "-skrevet_at"], name="journalnotat_soknad")]
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")

    def __str__(self) -> str:
        return f"Journalnotat {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: an entry once written is never changed (a correction is a new entry).
        if self.pk is not None:
            raise ValueError("Et journalnotat kan ikke endres; skriv en korrigering.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Et journalnotat kan ikke slettes.")
