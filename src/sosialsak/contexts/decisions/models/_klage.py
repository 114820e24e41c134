"""Appeals (klage) against a decision: received at the office (fvl § 32), checked against the
deadline (§ 29; a late appeal may still be heard, § 31), reviewed by the office (§ 33) and
either decided anew or forwarded to the Statsforvalter with a case package."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions.models._dokument import VedtakDokument
from sosialsak.contexts.decisions.models._vedtak import Vedtak


class KlageKilde(models.TextChoices):
    DIGISOS = "DIGISOS", _("Digital klage (nav.no)")
    PAPIR = "PAPIR", _("Papir eller muntlig")


class KlageStatus(models.TextChoices):
    MOTTATT = "MOTTATT", _("Mottatt")
    AVVIST_FOR_SENT = "AVVIST_FOR_SENT", _("Ikke behandlet: for sent")
    OMGJORT = "OMGJORT", _("Omgjort av kontoret")
    OVERSENDT = "OVERSENDT", _("Sendt til Statsforvalteren")
    AVGJORT = "AVGJORT", _("Avgjort av Statsforvalteren")


class StatsforvalterUtfall(models.TextChoices):
    STADFESTET = "STADFESTET", _("Vedtaket er stadfestet")
    OMGJORT = "OMGJORT", _("Vedtaket er endret")
    OPPHEVET = "OPPHEVET", _("Vedtaket er opphevet og sendt tilbake")
    AVVIST = "AVVIST", _("Klagen er avvist")


class Klage(models.Model):
    vedtak = models.ForeignKey(Vedtak, on_delete=models.PROTECT, related_name="klager")
    kilde = models.CharField(max_length=10, choices=KlageKilde.choices)
    klage_id = models.CharField(_("klageId (Digisos)"), max_length=64, null=True, blank=True,
                                unique=True)
    mottatt = models.DateField(_("mottatt"))
    sendt = models.DateField(_("sendt eller postlagt (fvl § 30)"), null=True, blank=True)
    tekst = models.TextField(_("klagen"))
    kom_fram = models.DateField(_("vedtaket kom fram"))
    klagefrist = models.DateField(_("klagefrist"))
    for_sent = models.BooleanField(_("klagen kom for sent"))
    behandles = models.BooleanField(_("behandles"), null=True, blank=True)
    for_sent_vurdering = models.TextField(_("vurdering av sen klage (fvl § 31)"), blank=True)
    # fvl § 31 first paragraph: (a) the party cannot be blamed for the delay, (b) special
    # reasons make it reasonable to hear it. None: not assessed (older records).
    sen_unnskyldelig = models.BooleanField(_("parten kan ikke lastes for forsinkelsen"),
                                           null=True, blank=True)
    sen_saerlige_grunner = models.BooleanField(_("særlige grunner for å behandle klagen"),
                                               null=True, blank=True)
    status = models.CharField(max_length=16, choices=KlageStatus.choices,
                              default=KlageStatus.MOTTATT)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    kontorets_vurdering = models.TextField(_("kontorets vurdering (fvl § 33)"), blank=True)
    nytt_vedtak = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    oversendt_at = models.DateTimeField(null=True, blank=True)
    pakke = models.ForeignKey(VedtakDokument, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    pakke_json = models.JSONField(default=dict, blank=True)
    sf_utfall = models.CharField(_("Statsforvalterens utfall"), max_length=12, blank=True,
                                 choices=StatsforvalterUtfall.choices)
    sf_dato = models.DateField(_("Statsforvalterens vedtaksdato"), null=True, blank=True)
    sf_merknad = models.TextField(_("merknad"), blank=True)

    class Meta:
        ordering = ["mottatt", "id"]
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        constraints = [
            models.CheckConstraint(condition=~models.Q(tekst=""), name="klage_has_text"),
            models.CheckConstraint(
                condition=models.Q(for_sent=False) | models.Q(behandles__isnull=True)
                | ~models.Q(for_sent_vurdering=""),
                name="late_klage_decision_is_reasoned"),
        ]

    def __str__(self) -> str:
        return f"Klage {self.pk}"
