"""Kommuner, NAV offices, staff and citizen users, roles and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

four_digits = RegexValidator(r"^\d{4}$", _("Må være fire siffer."), code="four_digits")
two_digits = RegexValidator(r"^\d{2}$", _("Må være to siffer."), code="two_digits")


class Kommune(models.Model):
    nummer = models.CharField(_("kommunenummer"), max_length=4, unique=True,
                              validators=[four_digits])
    navn = models.CharField(_("navn"), max_length=100)

    class Meta:
        ordering = ["nummer"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.nummer} {self.navn}"

    @property
    def fylkesnummer(self) -> str:
        return self.nummer[:2]


class NavKontor(models.Model):
    enhetsnummer = models.CharField(_("enhetsnummer"), max_length=4, unique=True,
                                    validators=[four_digits])
    navn = models.CharField(_("navn"), max_length=100)
    kommuner = models.ManyToManyField(Kommune, related_name="kontorer", verbose_name=_("kommuner"))
    adresse = models.CharField(_("besøksadresse"), max_length=200, blank=True)
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    # Oslo's offices each serve a bydel, which KOSTRA reports on its own (BYDELSNR).
    bydelsnummer = models.CharField(_("bydelsnummer (Oslo)"), max_length=2, blank=True,
                                    validators=[two_digits])

    class Meta:
        ordering = ["enhetsnummer"]
        verbose_name = _("NAV-kontor")
        verbose_name_plural = _("NAV-kontorer")

    def __str__(self) -> str:
        return f"{self.enhetsnummer} {self.navn}"


class Role(models.TextChoices):
    """Roles are Django groups with these names; permissions hang on the groups."""

    VEILEDER = "veileder", _("Veileder/saksbehandler")
    LEDER = "leder", _("Leder")
    STATSFORVALTER = "statsforvalter", _("Statsforvalter")
    BRUKER = "bruker", _("Bruker")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person who logs in. Staff belong to one office; statsforvalter users to one county."""

    kontor = models.ForeignKey(NavKontor, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="ansatte", verbose_name=_("NAV-kontor"))
    fylkesnummer = models.CharField(_("fylkesnummer (statsforvalter)"), max_length=2, blank=True,
                                    validators=[two_digits])

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        permissions = [
            ("view_strengt_fortrolig", "Kan se saker for personer med strengt fortrolig adresse"),
            ("view_audit", "Kan søke i tilgangsloggen for sitt kontor"),
            # Issue 12: separation of duties, the one who decides is not the one who pays.
            ("export_payments", "Kan eksportere betalingsfiler til bank og regnskap"),
        ]

    def __str__(self) -> str:
        return self.username


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
