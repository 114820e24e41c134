"""Each NAV office's own settings: opening hours, the duty contact for nødhjelp, thresholds.

One row per office, edited by the office's leder. An office without a row uses the defaults in
``policy.Settings``, so nothing breaks before a leder has saved the page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor


class OfficeSettings(models.Model):
    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE, related_name="innstillinger")
    apner = models.TimeField(_("åpner"))
    stenger = models.TimeField(_("stenger"))
    apne_dager = models.CharField(_("åpne ukedager (1 = mandag … 7 = søndag)"), max_length=7)
    vakt_ved_nodhjelp = models.BooleanField(
        _("nødhjelp utenfor åpningstid går til vakt"), default=False)
    vakt_navn = models.CharField(_("vakt: hvem"), max_length=200, blank=True)
    vakt_telefon = models.CharField(_("vakt: telefon"), max_length=20, blank=True)
    kartlegging_frist_dager = models.PositiveSmallIntegerField(
        _("frist for kartlegging etter nødhjelp (dager)"))
    kartlegging_gyldig_maneder = models.PositiveSmallIntegerField(
        _("hvor lenge en kartlegging kan brukes i en ny søknad (måneder)"))
    dokumentasjon_terskel = models.PositiveSmallIntegerField(
        _("flagg når flere dokumenter enn dette er etterspurt"))
    dokumentasjon_paminnelse_dager = models.PositiveSmallIntegerField(
        _("påminnelse om dokumentasjon (dager før fristen)"))
    forelopig_svar_varsel_dager = models.PositiveSmallIntegerField(
        _("varsel om foreløpig svar (dager før fristen)"))
    uten_vedtak_dager = models.PositiveSmallIntegerField(
        _("søknader uten vedtak etter (dager)"))
    vedtaksperiode_varsel_dager = models.PositiveSmallIntegerField(
        _("vedtaksperioder som slutter innen (dager)"))
    klage_oversending_dager = models.PositiveSmallIntegerField(
        _("klager skal være vurdert og sendt videre innen (dager)"), default=21)
    endret_at = models.DateTimeField()
    endret_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("kontorinnstillinger")
        verbose_name_plural = _("kontorinnstillinger")
        constraints = [
            models.CheckConstraint(condition=models.Q(stenger__gt=models.F("apner")),
                                   name="office_closes_after_opening"),
            models.CheckConstraint(
                condition=models.Q(vakt_ved_nodhjelp=False) | ~models.Q(vakt_telefon=""),
                name="office_duty_contact_has_phone"),
            models.CheckConstraint(
                condition=models.Q(kartlegging_frist_dager__gte=1,
                                   kartlegging_gyldig_maneder__gte=1,
                                   dokumentasjon_terskel__gte=1, uten_vedtak_dager__gte=1),
                name="office_thresholds_positive"),
        ]

    def __str__(self) -> str:
        return f"Innstillinger for {self.kontor_id}"
