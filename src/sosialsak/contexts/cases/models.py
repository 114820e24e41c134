"""Case progress before the decision: documentation requests (more comes with kartlegging)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad


class KravStatus(models.TextChoices):
    ETTERSPURT = "ETTERSPURT", _("Etterspurt")
    LEVERT = "LEVERT", _("Levert")
    IKKE_LEVERT = "IKKE_LEVERT", _("Ikke levert innen fristen")
    ANNULLERT = "ANNULLERT", _("Trukket tilbake")


class Dokumentasjonskrav(models.Model):
    """A document the caseworker asked for, with a deadline."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE,
                               related_name="dokumentasjonskrav")
    tittel = models.CharField(_("dokument"), max_length=200)
    beskrivelse = models.CharField(_("forklaring"), max_length=500, blank=True)
    frist = models.DateField(_("frist"))
    status = models.CharField(max_length=12, choices=KravStatus.choices,
                              default=KravStatus.ETTERSPURT)
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    levert_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["frist", "id"]
        verbose_name = _("dokumentasjonskrav")
        verbose_name_plural = _("dokumentasjonskrav")

    def __str__(self) -> str:
        return f"Dokumentasjonskrav {self.pk}"
