"""The deviation register (avvik, issue 17 item 4) and the thresholds that raise one from a
check. An avvik belongs to an office, not to a case: it records what went wrong, where and
when, how serious, which risk point it touches, who follows it up, the cause, the measures
(each with an owner and a deadline) and, when closed, the evaluation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor


class AvvikKilde(models.TextChoices):
    KONTROLL = "KONTROLL", _("Automatisk kontroll")
    MANUELL = "MANUELL", _("Meldt av en ansatt")


class Alvorlighet(models.TextChoices):
    LAV = "LAV", _("Lav")
    MIDDELS = "MIDDELS", _("Middels")
    HOY = "HOY", _("Høy")


class AvvikStatus(models.TextChoices):
    REGISTRERT = "REGISTRERT", _("Registrert")
    TILDELT = "TILDELT", _("Tildelt")
    ANALYSERT = "ANALYSERT", _("Årsak funnet")
    LUKKET = "LUKKET", _("Lukket")


class Avvik(models.Model):
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="+")
    kilde = models.CharField(max_length=10, choices=AvvikKilde.choices)
    kontroll = models.CharField(_("kontroll"), max_length=40, blank=True)
    risikopunkt = models.PositiveSmallIntegerField(_("risikopunkt"), null=True, blank=True)
    hva = models.TextField(_("hva skjedde"))
    hvor = models.CharField(_("hvor"), max_length=200, blank=True)
    dato = models.DateField(_("når"))
    alvorlighet = models.CharField(_("alvorlighet"), max_length=8, choices=Alvorlighet.choices)
    status = models.CharField(max_length=12, choices=AvvikStatus.choices,
                              default=AvvikStatus.REGISTRERT, db_index=True)
    ansvarlig = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    arsak = models.TextField(_("årsaksanalyse"), blank=True)
    evaluering = models.TextField(_("evaluering"), blank=True)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    lukket_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registrert_at", "id"]
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")

    def __str__(self) -> str:
        return f"Avvik {self.pk}"


class AvvikTiltak(models.Model):
    avvik = models.ForeignKey(Avvik, on_delete=models.CASCADE, related_name="tiltak")
    hva = models.TextField(_("tiltak"))
    ansvarlig = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    frist = models.DateField(_("frist"))
    utfort_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["frist", "id"]

    def __str__(self) -> str:
        return f"Tiltak {self.pk}"


class Kontrollterskel(models.Model):
    """The office's threshold for one check: more findings than this raise an avvik."""

    kontor = models.ForeignKey(NavKontor, on_delete=models.CASCADE, related_name="+")
    kontroll = models.CharField(max_length=40)
    terskel = models.PositiveIntegerField(_("terskel"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kontor", "kontroll"],
                                               name="kontrollterskel_unik")]

    def __str__(self) -> str:
        return f"{self.kontroll}: {self.terskel}"
