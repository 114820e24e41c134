"""What KOSTRA 11F/11CF asks that the case does not otherwise hold, recorded by the
caseworker with KOSTRA's codes (issue 15): never guessed by the report.

One row per save, dated and signed, like the kartlegging; the newest row for the person at the
office is the situation "at last contact". The codes are SSB's (checked against the year's file
description when saved, ``operations._kostra``); blank means not yet recorded, and the report
then leaves the field blank for SSB's control to name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class KostraOpplysninger(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kostra")
    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="kostra")
    # EKTSTAT, VKLO, TRYGDESIT, ARBSIT, BOSIT: at last contact, SSB's codes
    sivilstand = models.CharField(_("sivilstand ved siste kontakt"), max_length=1, blank=True)
    kilde_livsopphold = models.CharField(_("viktigste kilde til livsopphold"), max_length=1,
                                         blank=True)
    trygdesituasjon = models.CharField(_("trygd eller pensjon"), max_length=2, blank=True)
    arbeidssituasjon = models.CharField(_("arbeidssituasjon"), max_length=2, blank=True)
    bosituasjon = models.CharField(_("bosituasjon"), max_length=1, blank=True)
    journalnummer = models.CharField(_("journalnummer"), max_length=8, blank=True)
    duf_nummer = models.CharField(_("DUF-nummer"), max_length=12, blank=True)
    # VILKARSAMEKT: a condition set on the spouse or partner; None = not recorded
    vilkar_ektefelle = models.BooleanField(_("vilkår stilt til ektefelle eller samboer"),
                                           null=True, blank=True)
    skrevet_at = models.DateTimeField(_("skrevet"))
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["skrevet_at", "id"]
        indexes = [models.Index(fields=["person", "skrevet_at"], name="kostra_person_latest")]
        verbose_name = _("KOSTRA-opplysninger")
        verbose_name_plural = _("KOSTRA-opplysninger")

    def __str__(self) -> str:
        return f"KostraOpplysninger {self.pk}"
