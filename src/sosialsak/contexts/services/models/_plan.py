"""Individuell plan (sotjl. § 28): goals, participants, who does what by when, consent to share
per participant and purpose, and the ansvarsgruppe's meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class Tjeneste(models.TextChoices):
    """The service a participant comes from."""

    BARNEVERN = "BARNEVERN", _("Barnevern")
    HELSE = "HELSE", _("Helse")
    SKOLE = "SKOLE", _("Skole eller barnehage")
    BOLIG = "BOLIG", _("Husbanken eller kommunens boligtjeneste")
    NAV_STAT = "NAV_STAT", _("NAV stat")
    ANNET = "ANNET", _("Annen tjeneste")


class Formal(models.TextChoices):
    """What the information is shared for: consent is given per participant and purpose, and
    every piece of the plan belongs to one purpose."""

    MAL_OG_TILTAK = "MAL_OG_TILTAK", _("Mål og tiltak i planen")
    OKONOMI = "OKONOMI", _("Økonomi")
    BOLIG = "BOLIG", _("Bolig")
    HELSE = "HELSE", _("Helse")
    BARN = "BARN", _("Barn og familie")
    ARBEID = "ARBEID", _("Arbeid og utdanning")


class IndividuellPlan(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="planer")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="planer")
    mal = models.TextField(_("personens mål"))
    koordinator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    barn_langvarige_behov = models.BooleanField(
        _("familien har barn med langvarige og sammensatte behov"), default=False)
    barnekoordinator = models.CharField(_("barnekoordinator"), max_length=200, blank=True)
    neste_evaluering = models.DateField(_("neste evaluering"))
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    avsluttet = models.DateField(_("avsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("individuell plan")
        verbose_name_plural = _("individuelle planer")
        constraints = [models.CheckConstraint(
            condition=models.Q(barn_langvarige_behov=False) | ~models.Q(barnekoordinator=""),
            name="plan_children_need_barnekoordinator")]

    def __str__(self) -> str:
        return f"Individuell plan {self.pk}"


class Deltaker(models.Model):
    plan = models.ForeignKey(IndividuellPlan, on_delete=models.CASCADE, related_name="deltakere")
    tjeneste = models.CharField(_("tjeneste"), max_length=12, choices=Tjeneste.choices)
    navn = models.CharField(_("navn på tjenesten eller kontaktpersonen"), max_length=200)
    kontakt = models.CharField(_("telefon eller e-post"), max_length=200, blank=True)
    lagt_til_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deltaker")
        verbose_name_plural = _("deltakere")

    def __str__(self) -> str:
        return f"Deltaker {self.pk}"


class Samtykke(models.Model):
    """The person's consent to share one purpose's information with one participant. A
    withdrawn consent keeps its row (who, when) and stops sharing from ``trukket_at``."""

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="samtykker")
    formal = models.CharField(_("formål"), max_length=16, choices=Formal.choices)
    gitt_at = models.DateTimeField(_("gitt"))
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    trukket_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    trukket_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["gitt_at", "pk"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        constraints = [models.UniqueConstraint(
            fields=["deltaker", "formal"], condition=models.Q(trukket_at__isnull=True),
            name="one_active_consent_per_participant_and_purpose")]

    def __str__(self) -> str:
        return f"Samtykke {self.pk}"


class Tiltakspunkt(models.Model):
    """Who does what by when."""

    plan = models.ForeignKey(IndividuellPlan, on_delete=models.CASCADE, related_name="tiltak")
    hva = models.TextField(_("hva"))
    formal = models.CharField(_("formål"), max_length=16, choices=Formal.choices,
                              default=Formal.MAL_OG_TILTAK)
    ansvarlig = models.ForeignKey(Deltaker, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="tiltak")  # null: NAV (the coordinator)
    frist = models.DateField(_("frist"), null=True, blank=True)
    utfort = models.DateField(_("utført"), null=True, blank=True)

    class Meta:
        ordering = ["frist", "pk"]
        verbose_name = _("tiltak i planen")
        verbose_name_plural = _("tiltak i planen")

    def __str__(self) -> str:
        return f"Tiltakspunkt {self.pk}"


class Mote(models.Model):
    """A meeting of the ansvarsgruppe, with its minutes under one purpose."""

    plan = models.ForeignKey(IndividuellPlan, on_delete=models.CASCADE, related_name="moter")
    dato = models.DateField(_("dato"))
    deltakere = models.ManyToManyField(Deltaker, blank=True, related_name="moter")
    formal = models.CharField(_("formål"), max_length=16, choices=Formal.choices,
                              default=Formal.MAL_OG_TILTAK)
    referat = models.TextField(_("referat"))
    skrevet_at = models.DateTimeField()
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["dato", "pk"]
        verbose_name = _("møte i ansvarsgruppen")
        verbose_name_plural = _("møter i ansvarsgruppen")

    def __str__(self) -> str:
        return f"Møte {self.pk}"
