"""Documentation a decision requires (Digisos ``dokumentasjonkrav``), for example receipts for
electricity within 30 days, tied to the decision's payments. Never deleted: a requirement that
no longer applies is annulled, with the reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions.models._vedtak import Vedtak


class DokumentasjonskravStatus(models.TextChoices):
    RELEVANT = "RELEVANT", _("Venter på dokumentasjon")
    LEVERT = "LEVERT", _("Levert")
    ANNULLERT = "ANNULLERT", _("Annullert")


class VedtakDokumentasjonskrav(models.Model):
    """One piece of documentation the person must deliver after the decision."""

    vedtak = models.ForeignKey(Vedtak, on_delete=models.PROTECT,
                               related_name="dokumentasjonskrav")
    referanse = models.CharField(max_length=40, unique=True)
    tittel = models.CharField(_("hva som skal leveres"), max_length=200)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    frist = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=DokumentasjonskravStatus.choices,
                              default=DokumentasjonskravStatus.RELEVANT)
    utbetalinger = models.JSONField(_("utbetalingene kravet gjelder"), default=list, blank=True)
    endret_at = models.DateTimeField()
    endret_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    annullert_grunn = models.TextField(_("hvorfor kravet er annullert"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("dokumentasjonskrav i vedtak")
        verbose_name_plural = _("dokumentasjonskrav i vedtak")
        constraints = [
            models.CheckConstraint(condition=~models.Q(tittel=""),
                                   name="vedtak_dokkrav_has_title"),
            models.CheckConstraint(
                condition=~models.Q(status="ANNULLERT") | ~models.Q(annullert_grunn=""),
                name="vedtak_dokkrav_annulment_is_reasoned"),
        ]

    def __str__(self) -> str:
        return f"VedtakDokumentasjonskrav {self.pk}"
