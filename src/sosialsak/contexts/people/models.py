"""People and their households: the applicant, a spouse or partner, and each child."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Adressebeskyttelse(models.TextChoices):
    INGEN = "INGEN", _("Ingen")
    FORTROLIG = "FORTROLIG", _("Fortrolig adresse")
    STRENGT_FORTROLIG = "STRENGT_FORTROLIG", _("Strengt fortrolig adresse")


class Person(models.Model):
    fodselsnummer = models.CharField(_("fødselsnummer eller D-nummer"), max_length=11,
                                     unique=True, null=True, blank=True)
    fornavn = models.CharField(_("fornavn"), max_length=100)
    etternavn = models.CharField(_("etternavn"), max_length=100)
    fodselsdato = models.DateField(_("fødselsdato"), null=True, blank=True)
    gateadresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=4, blank=True)
    poststed = models.CharField(_("poststed"), max_length=100, blank=True)
    kommunenummer = models.CharField(_("kommunenummer"), max_length=4, blank=True)
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    adressebeskyttelse = models.CharField(_("adressebeskyttelse"), max_length=20,
                                          choices=Adressebeskyttelse.choices,
                                          default=Adressebeskyttelse.INGEN)
    # What the population register last said and when (issue 18): the register is
    # authoritative, and only the register lifts a protection it gave (docs/adr/0011).
    adressebeskyttelse_register = models.CharField(max_length=20, blank=True,
                                                   choices=Adressebeskyttelse.choices)
    adressebeskyttelse_fra_register = models.DateTimeField(null=True, blank=True)
    sprak = models.CharField(_("foretrukket språk"), max_length=40, default="norsk")
    tolkebehov = models.BooleanField(_("trenger tolk"), default=False)
    tolkesprak = models.CharField(_("tolkespråk"), max_length=40, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="person")

    class Meta:
        # Every scoped read excludes the few strictly confidential people (issue 13).
        indexes = [models.Index(fields=["id"], name="person_strengt_fortrolig",
                                condition=models.Q(adressebeskyttelse="STRENGT_FORTROLIG"))]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return f"Person {self.pk}"  # never the name or number: __str__ ends up in logs

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"

    @property
    def has_protected_address(self) -> bool:
        return self.adressebeskyttelse != Adressebeskyttelse.INGEN

    @property
    def is_strengt_fortrolig(self) -> bool:
        return self.adressebeskyttelse == Adressebeskyttelse.STRENGT_FORTROLIG


class Kilde(models.TextChoices):
    """Where the facts of one application's household came from."""

    DIGISOS = "DIGISOS", _("Digital søknad")
    SAKSBEHANDLER = "SAKSBEHANDLER", _("Registrert av saksbehandler")
    PERSONREGISTER = "PERSONREGISTER", _("Fra personregisteret")


class Husstand(models.Model):
    """The applicant's details and household *as stated in one application* (issue 10).

    Facts belong to the application, with their source and date: a new application never
    changes the ``Person`` record (which is corrected only by an audited correction by someone
    who has the person in scope), nor another application's household. Read it through
    ``intake.household.household_of``.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="husstander")
    kilde = models.CharField(max_length=15, choices=Kilde.choices)
    oppgitt_at = models.DateTimeField(_("oppgitt"))
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    kontor = models.ForeignKey("accounts.NavKontor", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    fornavn = models.CharField(_("fornavn"), max_length=100)
    etternavn = models.CharField(_("etternavn"), max_length=100)
    gateadresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=4, blank=True)
    poststed = models.CharField(_("poststed"), max_length=100, blank=True)
    kommunenummer = models.CharField(_("kommunenummer"), max_length=4, blank=True)
    telefon = models.CharField(_("telefon"), max_length=20, blank=True)
    kontonummer = models.CharField(_("kontonummer"), max_length=11, blank=True)
    tolkebehov = models.BooleanField(_("trenger tolk"), default=False)
    tolkesprak = models.CharField(_("tolkespråk"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("husstand oppgitt i søknad")
        verbose_name_plural = _("husstander oppgitt i søknader")

    def __str__(self) -> str:
        return f"Husstand {self.pk}"

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"


class PartnerRelasjon(models.TextChoices):
    EKTEFELLE = "EKTEFELLE", _("Ektefelle")
    SAMBOER = "SAMBOER", _("Samboer")
    REGISTRERT_PARTNER = "REGISTRERT_PARTNER", _("Registrert partner")


class Partner(models.Model):
    """The applicant's spouse, registered partner or cohabitant (samboer), as stated in one
    application's household."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="partnere")
    husstand = models.OneToOneField(Husstand, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="partner")
    relasjon = models.CharField(max_length=20, choices=PartnerRelasjon.choices)
    navn = models.CharField(_("navn"), max_length=200)
    fodselsnummer = models.CharField(max_length=11, blank=True)
    fodselsdato = models.DateField(null=True, blank=True)
    bor_sammen = models.BooleanField(_("bor sammen med søker"), default=True)

    def __str__(self) -> str:
        return f"Partner {self.pk}"


class Bosted(models.TextChoices):
    FAST = "FAST", _("Bor fast hos søker")
    DELT = "DELT", _("Delt bosted")
    SAMVAER = "SAMVAER", _("Samvær")


class Barn(models.Model):
    """One child of the applicant as known to one office, each its own record: children are
    assessed one by one, and a child's kartlegging stays with the row across that office's
    applications. Which children belong to an application's household, and where each lives,
    is ``HusstandBarn``; another office's applications never reuse or change the row."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="barn")
    kontor = models.ForeignKey("accounts.NavKontor", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    navn = models.CharField(_("navn"), max_length=200)
    fodselsnummer = models.CharField(max_length=11, blank=True)
    fodselsdato = models.DateField(_("fødselsdato"))
    bosted = models.CharField(_("bosted"), max_length=10, choices=Bosted.choices,
                              default=Bosted.FAST)

    class Meta:
        ordering = ["fodselsdato", "id"]
        verbose_name = _("barn")
        verbose_name_plural = _("barn")

    def __str__(self) -> str:
        return f"Barn {self.pk}"


class HusstandBarn(models.Model):
    """A child in one application's household, with where it lives as stated there."""

    husstand = models.ForeignKey(Husstand, on_delete=models.CASCADE, related_name="medlemmer")
    barn = models.ForeignKey(Barn, on_delete=models.CASCADE, related_name="husstander")
    bosted = models.CharField(_("bosted"), max_length=10, choices=Bosted.choices,
                              default=Bosted.FAST)

    class Meta:
        ordering = ["barn__fodselsdato", "barn_id"]
        constraints = [models.UniqueConstraint(fields=["husstand", "barn"],
                                               name="husstand_barn_once")]

    def __str__(self) -> str:
        return f"HusstandBarn {self.pk}"
