"""The activity plan (aktivitetsplan): the person's own plan at one office, its activities, the
history of every change, and the link from a condition (vilkår) to the activity that fulfils it.

The plan belongs to the person, not to one application: applications come month by month, the
plan goes on. It is kept per office (as ``payments.Betalingsprofil``), so another office never
reads or changes it; whoever may see one of the person's applications at the office may see it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.decisions.models import Vilkar
from sosialsak.contexts.people.models import Person


class Aktivitetsplan(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="aktivitetsplaner")
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="+")
    opprettet_at = models.DateTimeField()

    class Meta:
        verbose_name = _("aktivitetsplan")
        verbose_name_plural = _("aktivitetsplaner")
        constraints = [models.UniqueConstraint(fields=["person", "kontor"],
                                               name="one_aktivitetsplan_per_kontor")]

    def __str__(self) -> str:
        return f"Aktivitetsplan {self.pk}"


class AktivitetStatus(models.TextChoices):
    PLANLAGT = "PLANLAGT", _("Planlagt")
    STARTET = "STARTET", _("Startet")
    FULLFORT = "FULLFORT", _("Fullført")
    AVBRUTT = "AVBRUTT", _("Avbrutt")


OPEN_STATUSES = (AktivitetStatus.PLANLAGT, AktivitetStatus.STARTET)


class Kanal(models.TextChoices):
    """Who made a change or gave the agreement: the person on their own pages, or the
    veileder (who records what the person agreed to in a conversation)."""

    PERSON = "PERSON", _("Personen selv")
    VEILEDER = "VEILEDER", _("Veileder")


class Aktivitet(models.Model):
    plan = models.ForeignKey(Aktivitetsplan, on_delete=models.PROTECT, related_name="aktiviteter")
    mal = models.TextField(_("mål"))
    hva = models.TextField(_("hva"))
    hvem = models.CharField(_("hvem (ansvarlig eller arrangør)"), max_length=200, blank=True)
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til og med"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=AktivitetStatus.choices,
                              default=AktivitetStatus.PLANLAGT)
    timer_per_uke = models.PositiveSmallIntegerField(_("timer per uke"), null=True, blank=True)
    opprettet_at = models.DateTimeField()
    endret_at = models.DateTimeField()
    # The agreement covers the activity as it is now: a change of its content clears it, so
    # "agreed" never stands for a version the person did not see.
    avtalt_at = models.DateTimeField(_("avtalt"), null=True, blank=True)
    avtalt_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    avtalt_kanal = models.CharField(max_length=10, choices=Kanal.choices, blank=True)
    avtalt_merknad = models.CharField(_("hvordan det ble avtalt"), max_length=200, blank=True)

    class Meta:
        ordering = ["fra", "id"]
        indexes = [models.Index(fields=["til"], name="aktivitet_til")]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(condition=~models.Q(hva=""), name="aktivitet_says_what"),
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="aktivitet_period_ordered"),
            models.CheckConstraint(
                condition=models.Q(timer_per_uke__isnull=True) | models.Q(timer_per_uke__lte=80),
                name="aktivitet_hours_bounded"),
        ]

    def __str__(self) -> str:
        return f"Aktivitet {self.pk}"


class EndringType(models.TextChoices):
    OPPRETTET = "OPPRETTET", _("Opprettet")
    ENDRET = "ENDRET", _("Endret")
    STATUS = "STATUS", _("Status endret")
    AVTALT = "AVTALT", _("Avtalt med personen")
    VILKAR_KOBLET = "VILKAR_KOBLET", _("Knyttet til vilkår")
    VILKAR_FRAKOBLET = "VILKAR_FRAKOBLET", _("Fjernet fra vilkår")


class AktivitetEndring(models.Model):
    """One change of an activity: who, when, through which channel, each field before → after.
    Append-only; the history the person and the office see."""

    aktivitet = models.ForeignKey(Aktivitet, on_delete=models.PROTECT, related_name="endringer")
    type = models.CharField(max_length=20, choices=EndringType.choices)
    at = models.DateTimeField()
    av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    kanal = models.CharField(max_length=10, choices=Kanal.choices)
    # {"field": [before, after]} as JSON values (dates as ISO strings).
    endringer = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("endring i aktivitet")
        verbose_name_plural = _("endringer i aktiviteter")

    def __str__(self) -> str:
        return f"AktivitetEndring {self.pk}"


class VilkarAktivitet(models.Model):
    """The activity that fulfils a condition. Kept here rather than on ``decisions.Vilkar``:
    decisions sits below followup in the context DAG and knows nothing of activity plans."""

    vilkar = models.OneToOneField(Vilkar, on_delete=models.PROTECT,
                                  related_name="aktivitetskobling")
    aktivitet = models.ForeignKey(Aktivitet, on_delete=models.PROTECT,
                                  related_name="vilkarskoblinger")
    koblet_at = models.DateTimeField()
    koblet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("vilkår oppfylt gjennom aktivitet")
        verbose_name_plural = _("vilkår oppfylt gjennom aktiviteter")

    def __str__(self) -> str:
        return f"VilkarAktivitet {self.pk}"
