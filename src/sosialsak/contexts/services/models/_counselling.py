"""Økonomisk rådgivning and gjeldsrådgivning (sotjl. § 17): a service with a decision, a start
date and a level (NAV's levels; KOSTRA 11F ``GITT_OKONOMIRAD`` counts levels II and III)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class RadgivningArt(models.TextChoices):
    OKONOMISK = "OKONOMISK", _("Økonomisk rådgivning")
    GJELD = "GJELD", _("Gjeldsrådgivning")


class Niva(models.TextChoices):
    """NAV's levels of økonomisk rådgivning (veileder for økonomisk rådgivning)."""

    I = "I", _("Nivå I: enkel veiledning")  # noqa: E741 - the level's own name
    II = "II", _("Nivå II: midlertidig betalingsudyktighet")
    III = "III", _("Nivå III: varig betalingsudyktighet")


class RadgivningUtfall(models.TextChoices):
    INNVILGET = "INNVILGET", _("Innvilget")
    AVSLATT = "AVSLATT", _("Avslått")


class Resultat(models.TextChoices):
    BUDSJETT = "BUDSJETT", _("Budsjett og betalingsplan")
    AVTALE_KREDITORER = "AVTALE_KREDITORER", _("Frivillig avtale med kreditorene")
    GJELDSORDNING = "GJELDSORDNING", _("Søknad om gjeldsordning")
    AVBRUTT = "AVBRUTT", _("Avbrutt av personen")
    ANNET = "ANNET", _("Annet")


class Radgivning(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="radgivninger")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="radgivninger")
    art = models.CharField(_("tjeneste"), max_length=10, choices=RadgivningArt.choices)
    vedtak_dato = models.DateField(_("vedtaksdato"))
    utfall = models.CharField(_("vedtak"), max_length=10, choices=RadgivningUtfall.choices)
    start = models.DateField(_("startdato"), null=True, blank=True)
    niva = models.CharField(_("nivå"), max_length=3, choices=Niva.choices)
    avsluttet = models.DateField(_("avsluttet"), null=True, blank=True)
    resultat = models.CharField(_("resultat"), max_length=20, choices=Resultat.choices,
                                blank=True)
    resultat_notat = models.TextField(_("om resultatet"), blank=True)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-vedtak_dato", "-pk"]
        verbose_name = _("økonomisk rådgivning")
        verbose_name_plural = _("økonomisk rådgivning")
        constraints = [
            models.CheckConstraint(condition=models.Q(utfall="AVSLATT") | models.Q(
                start__isnull=False), name="radgivning_granted_has_start"),
            models.CheckConstraint(condition=models.Q(avsluttet__isnull=True) | ~models.Q(
                resultat=""), name="radgivning_closed_has_result"),
        ]

    def __str__(self) -> str:
        return f"Rådgivning {self.pk}"


class HenvisningTil(models.TextChoices):
    NAMSMANNEN = "NAMSMANNEN", _("Namsmannen (gjeldsordning)")
    KOMMUNEN = "KOMMUNEN", _("Kommunens gjeldsrådgivning")
    ANNET = "ANNET", _("Annen")


class Henvisning(models.Model):
    radgivning = models.ForeignKey(Radgivning, on_delete=models.CASCADE,
                                   related_name="henvisninger")
    til = models.CharField(_("henvist til"), max_length=12, choices=HenvisningTil.choices)
    navn = models.CharField(_("hvem"), max_length=200, blank=True)
    dato = models.DateField(_("dato"))
    notat = models.TextField(_("notat"), blank=True)

    class Meta:
        ordering = ["dato", "pk"]
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")

    def __str__(self) -> str:
        return f"Henvisning {self.pk}"
