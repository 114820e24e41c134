"""Registered rate sets: new state guideline rates, or a municipality's own rates, from a date.

They are registered by an administrator without a code change and handed to the rules as
overlay data (``queries.registered_rate_sets``). History is never edited in place: a change is a
new set with a later ``valid_from``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

KOMMUNENUMMER = RegexValidator(r"^\d{4}$", _("Kommunenummer har fire siffer."))


class Scope(models.TextChoices):
    STATE = "STATE", _("Statlige veiledende satser")
    MUNICIPAL = "MUNICIPAL", _("Kommunens egne satser")


class RateSet(models.Model):
    """The six livsopphold rates (whole kroner per month) and optional housing caps."""

    scope = models.CharField(_("gjelder for"), max_length=10, choices=Scope.choices)
    kommunenummer = models.CharField(_("kommunenummer"), max_length=4, blank=True,
                                     validators=[KOMMUNENUMMER])
    valid_from = models.DateField(_("gjelder fra"))
    reference = models.CharField(_("kilde"), max_length=300,
                                 help_text=_("F.eks. rundskrivets nummer eller kommunens vedtak."))
    enslig = models.PositiveIntegerField(_("enslig"))
    ektepar_samboere = models.PositiveIntegerField(_("ektepar/samboere"))
    bofellesskap = models.PositiveIntegerField(_("person i bofellesskap"))
    barn_0_5 = models.PositiveIntegerField(_("barn 0–5 år"))
    barn_6_10 = models.PositiveIntegerField(_("barn 6–10 år"))
    barn_11_17 = models.PositiveIntegerField(_("barn 11–17 år"))
    tak_husleie = models.PositiveIntegerField(_("tak husleie"), null=True, blank=True)
    tak_strom = models.PositiveIntegerField(_("tak strøm og oppvarming"), null=True, blank=True)
    tak_kommunale_avgifter = models.PositiveIntegerField(_("tak kommunale avgifter"), null=True,
                                                         blank=True)
    tak_forsikring = models.PositiveIntegerField(_("tak innboforsikring"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registrert"))
    registered_by = models.CharField(_("registrert av"), max_length=150)

    class Meta:
        ordering = ["scope", "kommunenummer", "valid_from"]
        verbose_name = _("satssett")
        verbose_name_plural = _("satssett")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "kommunenummer", "valid_from"], name="rates_rateset_one_per_date",
                violation_error_message=_("Det finnes allerede et satssett fra denne datoen.")),
            models.CheckConstraint(
                condition=(models.Q(scope="STATE", kommunenummer="")
                           | models.Q(scope="MUNICIPAL", kommunenummer__regex=r"^[0-9]{4}$")),
                name="rates_rateset_kommune_matches_scope",
                violation_error_message=_("Kommunale satser trenger kommunenummer; statlige "
                                          "satser skal ikke ha kommunenummer."),
            ),
            models.CheckConstraint(
                condition=models.Q(scope="MUNICIPAL") | models.Q(
                    tak_husleie__isnull=True, tak_strom__isnull=True,
                    tak_kommunale_avgifter__isnull=True, tak_forsikring__isnull=True),
                name="rates_rateset_caps_only_municipal",
                violation_error_message=_("Bare kommunale satser kan ha tak på boutgifter."),
            ),
            models.CheckConstraint(
                condition=models.Q(enslig__gt=0, ektepar_samboere__gt=0, bofellesskap__gt=0,
                                   barn_0_5__gt=0, barn_6_10__gt=0, barn_11_17__gt=0),
                name="rates_rateset_rates_positive",
                violation_error_message=_("Alle satsene må være over 0."),
            ),
        ]

    def __str__(self) -> str:
        who = f"kommune {self.kommunenummer}" if self.kommunenummer else "staten"
        return f"Satser for {who} fra {self.valid_from.isoformat()}"

    def clean(self) -> None:
        caps = (self.tak_husleie, self.tak_strom, self.tak_kommunale_avgifter,
                self.tak_forsikring)
        if not self.kommunenummer and any(c is not None for c in caps):
            raise ValidationError({"tak_husleie": _(
                "Bare kommunale satser kan ha tak på boutgifter; oppgi kommunenummer.")})


class RateConfirmation(models.Model):
    """A leder's or administrator's confirmation that the rate set in force at the start of a
    year still applies for that year in the municipality (no new set was adopted). Without a
    set starting in the year or this confirmation, no livsopphold decision is made for a month
    of the year: the rates would be last year's by default, never by choice."""

    kommunenummer = models.CharField(_("kommunenummer"), max_length=4,
                                     validators=[KOMMUNENUMMER])
    year = models.PositiveSmallIntegerField(_("år"))
    rate_set_from = models.DateField(_("satssettet som fortsatt gjelder, fra"))
    confirmed_at = models.DateTimeField(_("bekreftet"))
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("bekreftet av"))
    confirmed_by_name = models.CharField(_("bekreftet av (brukernavn)"), max_length=150)

    class Meta:
        ordering = ["kommunenummer", "year"]
        verbose_name = _("bekreftelse av satser")
        verbose_name_plural = _("bekreftelser av satser")
        constraints = [
            models.UniqueConstraint(fields=["kommunenummer", "year"],
                                    name="rates_confirmation_one_per_year"),
            models.CheckConstraint(condition=models.Q(rate_set_from__year__lte=models.F("year")),
                                   name="rates_confirmation_set_started_before"),
        ]

    def __str__(self) -> str:
        return f"Satser bekreftet for {self.kommunenummer} {self.year}"
