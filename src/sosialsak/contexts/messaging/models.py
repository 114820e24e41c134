"""A thread per application, and its messages with the side that wrote them and when the other
side first read them (the read receipt)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TEKST = 4000


class Side(models.TextChoices):
    PERSON = "PERSON", _("Deg")
    KONTOR = "KONTOR", _("NAV-kontoret")


class Meldingstrad(models.Model):
    """The one thread of an application. ``venter_svar_siden`` is when the person's oldest
    message the office has not answered was written (empty when nothing waits)."""

    soknad = models.OneToOneField("intake.Soknad", on_delete=models.PROTECT,
                                  related_name="meldingstrad")
    opprettet_at = models.DateTimeField()
    venter_svar_siden = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("meldingstråd")
        verbose_name_plural = _("meldingstråder")

    def __str__(self) -> str:
        return f"Meldingstråd {self.pk}"


class Melding(models.Model):
    trad = models.ForeignKey(Meldingstrad, on_delete=models.PROTECT, related_name="meldinger")
    fra = models.CharField(max_length=10, choices=Side.choices)
    tekst = models.TextField(max_length=MAX_TEKST)
    skrevet_at = models.DateTimeField()
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # The read receipt: when the other side first opened the thread after this was written.
    lest_at = models.DateTimeField(null=True, blank=True)
    vedlegg = models.ForeignKey("intake.Vedlegg", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ("skrevet_at", "pk")
        indexes = [models.Index(fields=["trad", "fra", "lest_at"], name="melding_ulest")]

    def __str__(self) -> str:  # never the text: it is personal data
        return f"Melding {self.pk}"
