"""The follow-up of a concern sent to barnevernet (sotjl. § 45): when, to whom, the reply and
the next step. A concern recorded in the children's mapping (``cases.Kartleggingsdel``,
``bekymring_barnevern``) is the usual start."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class Bekymringsmelding(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bekymringer")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="bekymringer")
    kartlegging = models.ForeignKey(Kartleggingsdel, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    barn_navn = models.CharField(_("barnet"), max_length=200)
    sendt_dato = models.DateField(_("sendt"))
    barneverntjeneste = models.CharField(_("barneverntjeneste"), max_length=200)
    # Set from the office's days when recorded; moved for open concerns when the leder
    # changes the days (so a worklist needs no per-office arithmetic in SQL).
    svar_frist = models.DateField(_("svar ventet innen"))
    svar_dato = models.DateField(_("svar mottatt"), null=True, blank=True)
    svar = models.TextField(_("svaret"), blank=True)
    neste_steg = models.TextField(_("neste steg"), blank=True)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-sendt_dato", "-pk"]
        indexes = [models.Index(fields=["svar_frist"], name="bekymring_uten_svar",
                                condition=models.Q(svar_dato__isnull=True))]
        verbose_name = _("bekymringsmelding til barnevernet")
        verbose_name_plural = _("bekymringsmeldinger til barnevernet")
        constraints = [models.CheckConstraint(
            condition=models.Q(svar_dato__isnull=True) | models.Q(
                svar_dato__gte=models.F("sendt_dato")), name="bekymring_reply_after_sent")]

    def __str__(self) -> str:
        return f"Bekymringsmelding {self.pk}"


class Tjenesteinnstillinger(models.Model):
    """The office's settings for these services, edited by its leder; defaults in
    ``policy.ServiceSettings`` until saved."""

    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE,
                                  related_name="tjenesteinnstillinger")
    barnevern_svar_dager = models.PositiveSmallIntegerField(
        _("bekymringsmelding uten svar etter (dager)"))
    endret_at = models.DateTimeField()

    class Meta:
        verbose_name = _("innstillinger for sosiale tjenester")
        verbose_name_plural = _("innstillinger for sosiale tjenester")
        constraints = [models.CheckConstraint(
            condition=models.Q(barnevern_svar_dager__gte=1, barnevern_svar_dager__lte=365),
            name="services_settings_days_in_range")]

    def __str__(self) -> str:
        return f"Tjenesteinnstillinger {self.kontor_id}"
