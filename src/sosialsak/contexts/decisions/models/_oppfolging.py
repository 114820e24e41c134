"""Follow-up of conditions: the KVP assessment before activity conditions (§ 20 a, § 29), and a
breach of a condition with its advance warning (fvl § 16) and the reduction decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions.models._dokument import VedtakDokument
from sosialsak.contexts.decisions.models._vedtak import Vedtak, Vilkar
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class KvpVurdering(models.Model):
    """The assessment of whether the person has a right to the qualification programme."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kvp_vurderinger")
    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="kvp_vurderinger")
    vurdert_dato = models.DateField(_("vurdert"))
    har_rett = models.BooleanField(_("har rett til kvalifiseringsprogram"))
    begrunnelse = models.TextField(_("begrunnelse"))
    vurdert_at = models.DateTimeField()
    vurdert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["vurdert_dato", "id"]
        verbose_name = _("KVP-vurdering")
        verbose_name_plural = _("KVP-vurderinger")
        constraints = [models.CheckConstraint(condition=~models.Q(begrunnelse=""),
                                              name="kvp_vurdering_has_reasons")]

    def __str__(self) -> str:
        return f"KvpVurdering {self.pk}"


class BruddStatus(models.TextChoices):
    REGISTRERT = "REGISTRERT", _("Registrert")
    VARSLET = "VARSLET", _("Forhåndsvarslet")
    REDUSERT = "REDUSERT", _("Stønaden er redusert")
    AVSLUTTET = "AVSLUTTET", _("Avsluttet uten reduksjon")


class Vilkarsbrudd(models.Model):
    """A condition that was not met, the person's explanation, and what followed."""

    vilkar = models.ForeignKey(Vilkar, on_delete=models.PROTECT, related_name="brudd")
    hva = models.TextField(_("hva vi har registrert"))
    forklaring = models.TextField(_("personens forklaring"), blank=True)
    status = models.CharField(max_length=12, choices=BruddStatus.choices,
                              default=BruddStatus.REGISTRERT)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    varsel = models.ForeignKey(VedtakDokument, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    varslet_at = models.DateTimeField(null=True, blank=True)
    svarfrist = models.DateField(_("svarfrist"), null=True, blank=True)
    foreslatt_belop = models.PositiveIntegerField(_("foreslått redusert beløp"), null=True,
                                                  blank=True)
    reduksjon = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # The person's reply to the warning (fvl § 16), or that none came by the deadline.
    svar = models.TextField(_("personens svar på forhåndsvarselet"), blank=True)
    svar_dato = models.DateField(_("svaret kom"), null=True, blank=True)
    svar_mangler = models.BooleanField(_("ikke svar innen fristen"), default=False)
    svar_registrert_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registrert_at", "id"]
        verbose_name = _("brudd på vilkår")
        verbose_name_plural = _("brudd på vilkår")
        constraints = [
            models.CheckConstraint(condition=~models.Q(hva=""), name="brudd_says_what"),
            models.CheckConstraint(
                condition=models.Q(reduksjon__isnull=True) | models.Q(varsel__isnull=False),
                name="brudd_reduction_needs_warning"),
            models.CheckConstraint(
                condition=models.Q(svar="") | (models.Q(svar_dato__isnull=False)
                                               & models.Q(svar_mangler=False)),
                name="brudd_reply_is_dated"),
        ]

    def __str__(self) -> str:
        return f"Vilkarsbrudd {self.pk}"
