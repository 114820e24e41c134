"""Documents the caseworker asked for, each with its deadline and how it arrived."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.cases.models._brev import Brev
from sosialsak.contexts.intake.models import Soknad


class KravStatus(models.TextChoices):
    ETTERSPURT = "ETTERSPURT", _("Etterspurt")
    LEVERT = "LEVERT", _("Levert")
    IKKE_LEVERT = "IKKE_LEVERT", _("Ikke levert innen fristen")
    ANNULLERT = "ANNULLERT", _("Trukket tilbake")


class LevertVia(models.TextChoices):
    OPPLASTING = "OPPLASTING", _("Lastet opp på nav.no")
    ETTERSENDELSE = "ETTERSENDELSE", _("Ettersendt digitalt")
    PA_KONTORET = "PA_KONTORET", _("Levert på kontoret")
    POST = "POST", _("Sendt i posten")


class Dokumentasjonskrav(models.Model):
    """A document the caseworker asked for, with a deadline."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE,
                               related_name="dokumentasjonskrav")
    tittel = models.CharField(_("dokument"), max_length=200)
    beskrivelse = models.CharField(_("forklaring"), max_length=500, blank=True)
    frist = models.DateField(_("frist"))
    frist_forklaring = models.CharField(_("hvordan fristen er regnet ut"), max_length=500,
                                        blank=True)
    status = models.CharField(max_length=12, choices=KravStatus.choices,
                              default=KravStatus.ETTERSPURT)
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    levert_at = models.DateTimeField(null=True, blank=True)
    levert_via = models.CharField(_("levert via"), max_length=14, choices=LevertVia.choices,
                                  blank=True)
    brev = models.ForeignKey(Brev, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="krav")
    paminnet_at = models.DateTimeField(_("påminnelse sendt"), null=True, blank=True)

    class Meta:
        ordering = ["frist", "id"]
        indexes = [
            models.Index(fields=["status", "frist"]),
            # The work queue's next documentation deadline per listed application, and the
            # documentation worklists (issue 13).
            models.Index(fields=["soknad", "frist"], name="krav_etterspurt_frist",
                         condition=models.Q(status="ETTERSPURT")),
        ]
        verbose_name = _("dokumentasjonskrav")
        verbose_name_plural = _("dokumentasjonskrav")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="LEVERT") | (models.Q(levert_at__isnull=False)
                                                        & ~models.Q(levert_via="")),
                name="krav_levert_has_time_and_channel"),
        ]

    def __str__(self) -> str:
        return f"Dokumentasjonskrav {self.pk}"
