"""Payments that follow from decisions, the person's payment wishes, and the bank files.

``Utbetaling`` is one vedtak's payment for one due date: the unit the person sees in innsyn,
with its own reference and sak. ``SamletUtbetaling`` is one bank transfer that pays several
such shares to the same person in the same month (the salary-like single payment a person may
choose). Each share keeps its own vedtak, amount and events and points to the transfer through
``samlet_i``, so the bookkeeping and the innsyn file stay per vedtak while the bank sees one
payment. ``Betalingsoppdrag`` is one export batch for an office and a due date: a payment is
in at most one batch (the nullable ``oppdrag`` key), which is what makes re-exporting the same
day give the same payments and never a payment twice. ``Eksportkjoring`` records each run.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.decisions.models import Vedtak, Vilkar
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import parse_kontonummer, parse_organisasjonsnummer


def _kontonummer(value: str) -> None:
    try:
        parse_kontonummer(value)
    except ValidationFailed as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


def _organisasjonsnummer(value: str) -> None:
    try:
        parse_organisasjonsnummer(value)
    except ValidationFailed as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


class UtbetalingStatus(models.TextChoices):
    PLANLAGT = "PLANLAGT", _("Planlagt")
    UTBETALT = "UTBETALT", _("Utbetalt")
    STOPPET = "STOPPET", _("Stoppet")
    ANNULLERT = "ANNULLERT", _("Annullert")


class MottakerType(models.TextChoices):
    SOKER = "SOKER", _("Søker")
    ANNEN = "ANNEN", _("Annen mottaker (for eksempel utleier)")


class Hyppighet(models.TextChoices):
    ENGANGS = "ENGANGS", _("Engangsutbetaling")
    MANEDLIG = "MANEDLIG", _("Månedlig")


class Utbetalingsinnstillinger(models.Model):
    """An office's payment day and the municipal account its payments are made from."""

    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE,
                                  related_name="utbetalingsinnstillinger")
    utbetalingsdag = models.PositiveSmallIntegerField(
        _("utbetalingsdag i måneden (1–28)"), default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)])
    debitor_navn = models.CharField(_("betales fra (kommunens navn)"), max_length=70, blank=True)
    debitor_kontonummer = models.CharField(_("kommunens konto"), max_length=11, blank=True,
                                           validators=[_kontonummer])
    debitor_organisasjonsnummer = models.CharField(_("kommunens organisasjonsnummer"),
                                                   max_length=9, blank=True,
                                                   validators=[_organisasjonsnummer])
    debitor_bic = models.CharField(_("bankens BIC (valgfritt)"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("utbetalingsinnstillinger")
        verbose_name_plural = _("utbetalingsinnstillinger")
        constraints = [
            models.CheckConstraint(condition=models.Q(utbetalingsdag__gte=1,
                                                      utbetalingsdag__lte=28),
                                   name="utbetalingsdag_1_28"),
        ]

    def __str__(self) -> str:
        return f"Utbetalingsinnstillinger {self.kontor_id}"


class Betalingsprofil(models.Model):
    """How a person wants to be paid, as told to one office: their own account, and one payment
    a month or not. Per office, so that another office's registration of the same number never
    reads or changes it (issue 10)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="betalingsprofiler")
    kontor = models.ForeignKey(NavKontor, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    kontonummer = models.CharField(_("kontonummer"), max_length=11)
    samlet_manedlig_utbetaling = models.BooleanField(
        _("én samlet utbetaling i måneden"), default=False)
    endret_at = models.DateTimeField()
    endret_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("betalingsprofil")
        verbose_name_plural = _("betalingsprofiler")
        constraints = [models.UniqueConstraint(fields=["person", "kontor"],
                                               name="betalingsprofil_per_kontor")]

    def __str__(self) -> str:
        return f"Betalingsprofil {self.pk}"


class Samtykke(models.Model):
    """The person's consent to paying (part of) their support to someone else (sotjl. § 22)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="samtykker")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="samtykker")
    gitt_dato = models.DateField(_("samtykket er gitt"))
    gjelder = models.CharField(_("hva samtykket gjelder"), max_length=200)
    mottaker_navn = models.CharField(_("hvem som kan få pengene"), max_length=140)
    mottaker_organisasjonsnummer = models.CharField(_("organisasjonsnummer"), max_length=9,
                                                    blank=True)
    gyldig_til = models.DateField(_("gjelder til (ikke inkludert)"), null=True, blank=True)
    trukket_dato = models.DateField(_("trukket tilbake"), null=True, blank=True)
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["gitt_dato", "id"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gyldig_til__isnull=True)
                | models.Q(gyldig_til__gt=models.F("gitt_dato")),
                name="samtykke_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"Samtykke {self.pk}"


class SamletUtbetaling(models.Model):
    """One bank transfer that pays several decisions' monthly shares to the same person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="+")
    maned = models.DateField(_("måned (første dag)"))
    referanse = models.CharField(max_length=35, unique=True)
    forfallsdato = models.DateField(_("forfallsdato"), db_index=True)
    mottaker_navn = models.CharField(_("mottaker"), max_length=140)
    kontonummer = models.CharField(_("kontonummer"), max_length=11)

    class Meta:
        ordering = ["forfallsdato", "id"]
        verbose_name = _("samlet utbetaling")
        verbose_name_plural = _("samlede utbetalinger")
        constraints = [
            models.UniqueConstraint(fields=["person", "kontor", "maned"],
                                    name="one_samlet_utbetaling_per_month"),
        ]

    def __str__(self) -> str:
        return f"Samlet utbetaling {self.referanse}"


class Betalingsoppdrag(models.Model):
    """One export batch: the payments handed to the bank for an office and a due date."""

    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="+")
    forfallsdato = models.DateField(_("forfallsdato"))
    lopenummer = models.PositiveSmallIntegerField(_("løpenummer for dagen"))
    msg_id = models.CharField(max_length=35, unique=True)
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["forfallsdato", "lopenummer"]
        verbose_name = _("betalingsoppdrag")
        verbose_name_plural = _("betalingsoppdrag")
        constraints = [
            models.UniqueConstraint(fields=["kontor", "forfallsdato", "lopenummer"],
                                    name="one_oppdrag_number_per_day"),
        ]

    def __str__(self) -> str:
        return f"Betalingsoppdrag {self.msg_id}"


class Eksportformat(models.TextChoices):
    CSV = "CSV", _("CSV til regnskap")
    PAIN001 = "PAIN001", _("ISO 20022 pain.001 til banken")


class Eksportkjoring(models.Model):
    """One export run: who made which file of which batch, when, and its checksum."""

    oppdrag = models.ForeignKey(Betalingsoppdrag, on_delete=models.PROTECT,
                                related_name="kjoringer")
    format = models.CharField(max_length=8, choices=Eksportformat.choices)
    kjort_at = models.DateTimeField()
    kjort_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    kjort_av_navn = models.CharField(max_length=150)
    kanal = models.CharField(max_length=10)
    antall = models.PositiveIntegerField()
    sum_belop = models.PositiveBigIntegerField(_("sum (kr)"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["kjort_at", "id"]
        verbose_name = _("eksportkjøring")
        verbose_name_plural = _("eksportkjøringer")

    def __str__(self) -> str:
        return f"Eksportkjøring {self.pk}"


class Utbetaling(models.Model):
    vedtak = models.ForeignKey(Vedtak, on_delete=models.PROTECT, related_name="utbetalinger")
    referanse = models.CharField(max_length=40, unique=True)
    belop = models.PositiveIntegerField(_("beløp (kr)"))
    forfallsdato = models.DateField(_("forfallsdato"), db_index=True)
    utbetalt_dato = models.DateField(_("utbetalt"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=UtbetalingStatus.choices,
                              default=UtbetalingStatus.PLANLAGT)
    mottaker_type = models.CharField(max_length=6, choices=MottakerType.choices,
                                     default=MottakerType.SOKER)
    mottaker_navn = models.CharField(_("mottaker"), max_length=200)
    mottaker_organisasjonsnummer = models.CharField(max_length=9, blank=True)
    kontonummer = models.CharField(_("kontonummer"), max_length=11)
    kid = models.CharField(_("KID"), max_length=25, blank=True)
    melding = models.CharField(_("melding til mottaker"), max_length=140, blank=True)
    periode_fra = models.DateField(_("gjelder fra"), null=True, blank=True)
    periode_til = models.DateField(_("gjelder til (ikke inkludert)"), null=True, blank=True)
    samtykke = models.ForeignKey(Samtykke, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="utbetalinger")
    samlet_i = models.ForeignKey(SamletUtbetaling, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="andeler")
    oppdrag = models.ForeignKey(Betalingsoppdrag, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="utbetalinger")

    class Meta:
        ordering = ["forfallsdato", "id"]
        verbose_name = _("utbetaling")
        verbose_name_plural = _("utbetalinger")
        constraints = [
            models.CheckConstraint(condition=models.Q(belop__gt=0), name="utbetaling_positive"),
            models.CheckConstraint(
                condition=~models.Q(mottaker_type="SOKER") | models.Q(samtykke__isnull=True),
                name="utbetaling_samtykke_only_for_annen"),
        ]

    def __str__(self) -> str:
        return f"Utbetaling {self.referanse}"


class Tilbakeholdelse(models.Model):
    """A payment held until a condition is met (issue 14). Only a condition whose decision
    says the payment waits for it (``Vilkar.holder_tilbake_utbetaling`` with its grounds, the
    risk assessment's «vilkår – utbetaling utsettes») may hold a payment; it is released when
    the condition is marked met. Both steps are events on the case and in the audit log."""

    utbetaling = models.ForeignKey(Utbetaling, on_delete=models.PROTECT,
                                   related_name="tilbakeholdelser")
    vilkar = models.ForeignKey(Vilkar, on_delete=models.PROTECT, related_name="tilbakeholdelser")
    holdt_at = models.DateTimeField()
    holdt_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    frigitt_at = models.DateTimeField(null=True, blank=True)
    frigitt_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["holdt_at", "id"]
        verbose_name = _("tilbakeholdt utbetaling")
        verbose_name_plural = _("tilbakeholdte utbetalinger")
        constraints = [
            models.UniqueConstraint(fields=["utbetaling"], condition=models.Q(
                frigitt_at__isnull=True), name="one_open_hold_per_utbetaling"),
        ]

    def __str__(self) -> str:
        return f"Tilbakeholdelse {self.pk}"
