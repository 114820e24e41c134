"""The office's catalogue of measures (tiltak) and the referrals of people to them.

A ``Tiltak`` is offered by the municipality, the state (NAV's arbeidsrettede tiltak), a
voluntary organisation or a social enterprise. A ``Henvisning`` refers one person, in one case
(``soknad``: the scope and the innsyn file hang on it), to one measure: when, by whom and why,
then start, stop with reason, and the outcome. The outcome is stored as a KOSTRA 11CF «situation
after» code (``rules.kostra_kvp``) so it can fill the report. A measure with a capacity has a
waiting list: a referral to a full measure waits until a place is given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person
from sosialsak.rules.kostra_kvp import kodeverk_11cf


class Tilbyder(models.TextChoices):
    KOMMUNE = "KOMMUNE", _("Kommunen")
    STAT = "STAT", _("Staten (NAVs arbeidsrettede tiltak)")
    FRIVILLIG = "FRIVILLIG", _("Frivillig organisasjon")
    SOSIALT_ENTREPRENORSKAP = "SOSIALT_ENTREPRENORSKAP", _("Sosial entreprenør")


class Tiltak(models.Model):
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="tiltak")
    navn = models.CharField(_("navn"), max_length=200)
    tilbyder = models.CharField(_("tilbyder"), max_length=30, choices=Tilbyder.choices)
    tilbyder_navn = models.CharField(_("tilbyderens navn"), max_length=200, blank=True)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    malgruppe = models.CharField(_("målgruppe"), max_length=300)
    kapasitet = models.PositiveIntegerField(_("antall plasser"), null=True, blank=True)
    timeplan = models.CharField(_("når (dager og tider)"), max_length=300, blank=True)
    sted = models.CharField(_("sted"), max_length=200, blank=True)
    timer_per_uke = models.DecimalField(_("timer per uke"), max_digits=4, decimal_places=1)
    kontakt = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    aktiv = models.BooleanField(_("aktivt"), default=True)
    avsluttet_dato = models.DateField(_("avsluttet"), null=True, blank=True)
    opprettet_at = models.DateTimeField()
    endret_at = models.DateTimeField()
    endret_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["navn", "id"]
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        constraints = [
            models.CheckConstraint(condition=~models.Q(navn=""), name="tiltak_has_name"),
            models.CheckConstraint(condition=models.Q(timer_per_uke__gt=0)
                                   & models.Q(timer_per_uke__lte=60),
                                   name="tiltak_hours_0_60"),
            models.CheckConstraint(condition=models.Q(aktiv=True)
                                   | models.Q(avsluttet_dato__isnull=False),
                                   name="tiltak_ended_is_dated"),
        ]

    def __str__(self) -> str:
        return f"Tiltak {self.pk}"


class HenvisningStatus(models.TextChoices):
    VENTELISTE = "VENTELISTE", _("På venteliste")
    HENVIST = "HENVIST", _("Henvist, ikke startet")
    STARTET = "STARTET", _("I tiltaket")
    AVSLUTTET = "AVSLUTTET", _("Avsluttet")


class Utfall(models.TextChoices):
    ARBEID = "ARBEID", _("Arbeid")
    UTDANNING = "UTDANNING", _("Utdanning")
    ANNEN_YTELSE = "ANNEN_YTELSE", _("Annen ytelse eller annet tiltak")
    AVBRUTT = "AVBRUTT", _("Falt fra")
    ANNET = "ANNET", _("Annet")


# Places are taken by referrals that are referred or started; waiting ones take none.
TAR_PLASS = (HenvisningStatus.HENVIST, HenvisningStatus.STARTET)


class Henvisning(models.Model):
    tiltak = models.ForeignKey(Tiltak, on_delete=models.PROTECT, related_name="henvisninger")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="henvisninger")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="henvisninger")
    henvist_dato = models.DateField(_("henvist"))
    henvist_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    grunn = models.TextField(_("hvorfor"))
    status = models.CharField(_("status"), max_length=12, choices=HenvisningStatus.choices)
    startet_dato = models.DateField(_("startet"), null=True, blank=True)
    stoppet_dato = models.DateField(_("sluttet"), null=True, blank=True)
    stopp_grunn = models.TextField(_("hvorfor sluttet"), blank=True)
    utfall = models.CharField(_("utfall"), max_length=12, choices=Utfall.choices, blank=True)
    # KOSTRA 11CF «situation after» (AVSL_*), from the reference data.
    situasjon_etter = models.CharField(_("situasjon etter (KOSTRA)"), max_length=2, blank=True,
                                       choices=kodeverk_11cf().situasjon_choices())
    registrert_at = models.DateTimeField()
    endret_at = models.DateTimeField()

    class Meta:
        ordering = ["henvist_dato", "id"]
        indexes = [models.Index(fields=["tiltak", "status"])]
        verbose_name = _("henvisning til tiltak")
        verbose_name_plural = _("henvisninger til tiltak")
        constraints = [
            models.CheckConstraint(condition=~models.Q(grunn=""), name="henvisning_has_reason"),
            models.CheckConstraint(
                condition=models.Q(stoppet_dato__isnull=True)
                | models.Q(startet_dato__isnull=True)
                | models.Q(stoppet_dato__gte=models.F("startet_dato")),
                name="henvisning_stop_after_start"),
            models.CheckConstraint(
                condition=~models.Q(status="AVSLUTTET") | models.Q(stoppet_dato__isnull=False),
                name="henvisning_ended_is_dated"),
        ]

    def __str__(self) -> str:
        return f"Henvisning {self.pk}"


class TiltakInnstillinger(models.Model):
    """The office's clock for referrals: a referral without an outcome after this many weeks
    is on the worklist."""

    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE,
                                  related_name="tiltak_innstillinger")
    henvisning_uten_utfall_uker = models.PositiveSmallIntegerField(
        _("henvisning uten utfall etter (uker)"), default=8)

    class Meta:
        verbose_name = _("innstillinger for tiltak")
        verbose_name_plural = _("innstillinger for tiltak")

    def __str__(self) -> str:
        return f"TiltakInnstillinger {self.kontor_id}"
