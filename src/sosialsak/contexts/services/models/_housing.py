"""Midlertidig botilbud (sotjl. § 27): providers and their quality assessments, stays, and the
exclusion of a person from a provider (an enkeltvedtak with a letter)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.decisions.models import Vedtak, VedtakDokument
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class BotilbudType(models.TextChoices):
    HOSPITS = "HOSPITS", _("Hospits eller pensjonat")
    HOTELL = "HOTELL", _("Hotell eller campinghytte")
    KOMMUNAL = "KOMMUNAL", _("Kommunalt botilbud")
    ANNET = "ANNET", _("Annet")


class Botilbud(models.Model):
    """A provider the office uses for temporary housing."""

    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="botilbud")
    navn = models.CharField(_("navn"), max_length=200)
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=BotilbudType.choices)
    aktiv = models.BooleanField(_("i bruk"), default=True)

    class Meta:
        ordering = ["navn", "pk"]
        verbose_name = _("midlertidig botilbud")
        verbose_name_plural = _("midlertidige botilbud")

    def __str__(self) -> str:
        return f"Botilbud {self.pk}"


class Kvalitetsvurdering(models.Model):
    botilbud = models.ForeignKey(Botilbud, on_delete=models.CASCADE, related_name="vurderinger")
    dato = models.DateField(_("dato"))
    vurdert_av = models.CharField(_("vurdert av"), max_length=200)
    funn = models.TextField(_("funn"))
    forsvarlig = models.BooleanField(_("botilbudet er forsvarlig"))
    godkjent_for_barn = models.BooleanField(_("godkjent for barn"))
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-dato", "-pk"]
        indexes = [models.Index(fields=["botilbud", "dato"])]
        verbose_name = _("kvalitetsvurdering")
        verbose_name_plural = _("kvalitetsvurderinger")

    def __str__(self) -> str:
        return f"Kvalitetsvurdering {self.pk}"


class Opphold(models.Model):
    """One stay: ``til`` is the day the household moved out (not a night there)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="opphold")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="opphold")
    botilbud = models.ForeignKey(Botilbud, on_delete=models.PROTECT, related_name="opphold")
    antall_voksne = models.PositiveSmallIntegerField(_("voksne"), default=1)
    antall_barn = models.PositiveSmallIntegerField(_("barn"), default=0)
    fra = models.DateField(_("fra"))
    til = models.DateField(_("flyttet ut"), null=True, blank=True)
    pris_per_dogn = models.PositiveIntegerField(_("pris per døgn (kr)"))
    vedtak = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-fra", "-pk"]
        indexes = [models.Index(fields=["til", "fra"], name="opphold_active")]
        verbose_name = _("opphold i midlertidig botilbud")
        verbose_name_plural = _("opphold i midlertidig botilbud")
        constraints = [models.CheckConstraint(
            condition=models.Q(til__isnull=True) | models.Q(til__gt=models.F("fra")),
            name="opphold_ends_after_start")]

    def __str__(self) -> str:
        return f"Opphold {self.pk}"


class Utestengelse(models.Model):
    """A decision to exclude a person from a provider: an enkeltvedtak (sotjl. § 27, fvl.
    §§ 24-25, 27), reasoned, with the person's comments and the appeal information in its
    letter (``brev``)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="utestengelser")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="utestengelser")
    botilbud = models.ForeignKey(Botilbud, on_delete=models.PROTECT,
                                 related_name="utestengelser")
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til og med"), null=True, blank=True)
    fakta = models.TextField(_("hva som har skjedd"))
    kontradiksjon = models.TextField(_("hva personen har sagt"))
    begrunnelse = models.TextField(_("begrunnelse"))
    brev = models.OneToOneField(VedtakDokument, on_delete=models.PROTECT, related_name="+")
    fattet_at = models.DateTimeField()
    fattet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-fra", "-pk"]
        verbose_name = _("utestengelse fra botilbud")
        verbose_name_plural = _("utestengelser fra botilbud")
        constraints = [models.CheckConstraint(
            condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
            name="utestengelse_ends_after_start")]

    def __str__(self) -> str:
        return f"Utestengelse {self.pk}"
