"""Every Digisos delivery we received, imported or quarantined, and every innsyn file we wrote."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad


class LeveringType(models.TextChoices):
    SOKNAD = "SOKNAD", _("Søknad")
    ETTERSENDELSE = "ETTERSENDELSE", _("Ettersendelse")


class LeveringStatus(models.TextChoices):
    IMPORTERT = "IMPORTERT", _("Importert")
    KARANTENE = "KARANTENE", _("I karantene")
    ERSTATTET = "ERSTATTET", _("Rettet og importert på nytt")


class Levering(models.Model):
    """One delivery (søknad or ettersendelse), keyed by its eksternRef for idempotency.

    A rejected delivery keeps its files in the quarantine folder and its errors here, so an
    administrator can fix and replay it; nothing of it reaches the case tables until then.
    """

    ekstern_ref = models.CharField(max_length=100, unique=True)
    digisos_id = models.CharField(max_length=100, db_index=True)
    type = models.CharField(max_length=14, choices=LeveringType.choices)
    status = models.CharField(max_length=10, choices=LeveringStatus.choices)
    mottatt_at = models.DateTimeField()
    kilde = models.CharField(max_length=20)  # inbox | api | cli
    soknad = models.ForeignKey(Soknad, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="leveringer")
    feil = models.JSONField(default=list, blank=True)
    karantene_mappe = models.CharField(max_length=300, blank=True)
    forsok = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-mottatt_at", "-id"]
        verbose_name = _("Digisos-levering")
        verbose_name_plural = _("Digisos-leveringer")

    def __str__(self) -> str:
        return f"Levering {self.pk} ({self.status})"


class InnsynFil(models.Model):
    """The latest digisos-soker.json written for an application (the whole public history)."""

    soknad = models.OneToOneField(Soknad, on_delete=models.CASCADE, related_name="innsynfil")
    skrevet_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    antall_hendelser = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Innsynfil {self.pk}"
