"""Four-eyes approval: the office's setting and the decisions waiting for a second caseworker.

A proposal keeps the builder's input as JSON; approving it makes the decision exactly as the
first caseworker built it, with the approver recorded on the vedtak and in the letter. Besides
a first decision (ORDINAER), a change after an appeal (OMGJORING, with its ``klage`` and the
office's assessment) and a reduction after a breach (REDUKSJON, with its ``brudd``) go the same
way when the office's setting asks for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.decisions.models._vedtak import Vedtak, VedtakArt
from sosialsak.contexts.intake.models import Soknad


class Vedtaksinnstillinger(models.Model):
    """An office's decision settings (defaults in ``policy.DecisionSettings``)."""

    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE,
                                  related_name="vedtaksinnstillinger")
    godkjenning_over_belop = models.PositiveIntegerField(
        _("to-trinns godkjenning når beløpet er over (kr)"), null=True, blank=True)
    godkjenning_ved_avslag = models.BooleanField(_("to-trinns godkjenning ved avslag"),
                                                 default=False)
    langtid_maneder = models.PositiveSmallIntegerField(_("langtidsmottaker: måneder med stønad"),
                                                       default=6)
    langtid_av_maneder = models.PositiveSmallIntegerField(_("… av de siste (måneder)"),
                                                          default=12)
    endret_at = models.DateTimeField()

    class Meta:
        verbose_name = _("vedtaksinnstillinger")
        verbose_name_plural = _("vedtaksinnstillinger")
        constraints = [models.CheckConstraint(
            condition=models.Q(langtid_maneder__lte=models.F("langtid_av_maneder")),
            name="langtid_within_window")]

    def __str__(self) -> str:
        return f"Vedtaksinnstillinger {self.kontor_id}"


class ForslagStatus(models.TextChoices):
    VENTER = "VENTER", _("Venter på godkjenning")
    GODKJENT = "GODKJENT", _("Godkjent")
    RETURNERT = "RETURNERT", _("Sendt tilbake")


class Vedtaksforslag(models.Model):
    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="vedtaksforslag")
    art = models.CharField(max_length=10, choices=VedtakArt.choices, default=VedtakArt.ORDINAER)
    klage = models.ForeignKey("decisions.Klage", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    brudd = models.ForeignKey("decisions.Vilkarsbrudd", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    vurdering = models.TextField(_("kontorets vurdering av klagen"), blank=True)
    data = models.JSONField()
    belop = models.PositiveIntegerField(null=True, blank=True)
    utfall = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=ForslagStatus.choices,
                              default=ForslagStatus.VENTER)
    foreslatt_at = models.DateTimeField()
    foreslatt_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    behandlet_at = models.DateTimeField(null=True, blank=True)
    behandlet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    merknad = models.TextField(blank=True)
    vedtak = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")

    class Meta:
        ordering = ["foreslatt_at", "id"]
        verbose_name = _("vedtaksforslag")
        verbose_name_plural = _("vedtaksforslag")

    def __str__(self) -> str:
        return f"Vedtaksforslag {self.pk}"
