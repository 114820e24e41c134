"""Payments that follow from decisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions.models import Vedtak


class UtbetalingStatus(models.TextChoices):
    PLANLAGT = "PLANLAGT", _("Planlagt")
    UTBETALT = "UTBETALT", _("Utbetalt")
    STOPPET = "STOPPET", _("Stoppet")
    ANNULLERT = "ANNULLERT", _("Annullert")


class MottakerType(models.TextChoices):
    SOKER = "SOKER", _("Søker")
    ANNEN = "ANNEN", _("Annen mottaker (for eksempel utleier)")


class Utbetaling(models.Model):
    vedtak = models.ForeignKey(Vedtak, on_delete=models.PROTECT, related_name="utbetalinger")
    referanse = models.CharField(max_length=40, unique=True)
    belop = models.PositiveIntegerField(_("beløp (kr)"))
    forfallsdato = models.DateField(_("forfallsdato"), db_index=True)
    utbetalt_dato = models.DateField(_("utbetalt"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=UtbetalingStatus.choices,
                              default=UtbetalingStatus.PLANLAGT)
    mottaker_type = models.CharField(max_length=6, choices=MottakerType.choices,
                                     default=MottakerType.SOKER)
    mottaker_navn = models.CharField(_("mottaker"), max_length=200)
    kontonummer = models.CharField(_("kontonummer"), max_length=11)
    melding = models.CharField(_("melding til mottaker"), max_length=140, blank=True)

    class Meta:
        ordering = ["forfallsdato", "id"]
        verbose_name = _("utbetaling")
        verbose_name_plural = _("utbetalinger")
        constraints = [
            models.CheckConstraint(condition=models.Q(belop__gt=0), name="utbetaling_positive"),
        ]

    def __str__(self) -> str:
        return f"Utbetaling {self.referanse}"
