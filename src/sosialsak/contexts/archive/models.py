"""Archive packages made and data listed for removal (issue 18 items 5–6). Rows hold ids,
kinds, dates and checksums only: never personal data, so they outlive what they describe."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad


class Arkivuttrekk(models.Model):
    """One Noark 5 package made for a closed application."""

    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="+")
    uttrekk_id = models.UUIDField(unique=True)
    laget_at = models.DateTimeField()
    laget_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    sha256 = models.CharField(max_length=64)  # of arkivstruktur.xml
    antall_dokumenter = models.PositiveIntegerField()

    class Meta:
        ordering = ["-laget_at"]
        verbose_name = _("arkivuttrekk")
        verbose_name_plural = _("arkivuttrekk")

    def __str__(self) -> str:
        return f"Arkivuttrekk {self.pk}"


class Tiltak(models.TextChoices):
    SLETT = "SLETT", _("Slettes")
    ANONYMISER = "ANONYMISER", _("Anonymiseres")


class SletteStatus(models.TextChoices):
    LISTET = "LISTET", _("Venter på bekreftelse")
    UTFORT = "UTFORT", _("Utført")


class Slettekandidat(models.Model):
    """Data of one application past its retention period: listed, and removed only when a
    leder confirms."""

    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="+")
    kontor = models.ForeignKey("accounts.NavKontor", on_delete=models.PROTECT, related_name="+")
    kategori = models.CharField(_("type opplysninger"), max_length=40)
    tiltak = models.CharField(_("tiltak"), max_length=12, choices=Tiltak.choices)
    avsluttet = models.DateField(_("saken avsluttet"))
    utlop = models.DateField(_("oppbevaringstiden gikk ut"))
    hjemmel = models.CharField(_("hjemmel"), max_length=300)
    bekreftet_periode = models.BooleanField(default=False)
    listet_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=SletteStatus.choices,
                              default=SletteStatus.LISTET)
    utfort_at = models.DateTimeField(null=True, blank=True)
    utfort_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["utlop", "id"]
        constraints = [models.UniqueConstraint(fields=["soknad", "kategori"],
                                               name="slettekandidat_once")]
        verbose_name = _("slettekandidat")
        verbose_name_plural = _("slettekandidater")

    def __str__(self) -> str:
        return f"Slettekandidat {self.pk}"
