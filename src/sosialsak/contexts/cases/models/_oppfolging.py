"""Conversations and meetings, § 17 guidance given, and follow-up tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class SamtaleKanal(models.TextChoices):
    KONTOR = "KONTOR", _("På kontoret")
    TELEFON = "TELEFON", _("Telefon")
    VIDEO = "VIDEO", _("Video")
    HJEMMEBESOK = "HJEMMEBESOK", _("Hjemmebesøk")
    OPPSOKENDE = "OPPSOKENDE", _("Oppsøkende (ute)")


class Samtale(models.Model):
    """A meeting or contact with the person, with the caseworker's notes."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="samtaler")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="samtaler")
    tidspunkt = models.DateTimeField(_("tidspunkt"))
    kanal = models.CharField(_("hvor eller hvordan"), max_length=12, choices=SamtaleKanal.choices)
    deltakere = models.CharField(_("deltakere"), max_length=300, blank=True)
    tolk_brukt = models.BooleanField(_("tolk brukt"), default=False)
    tolkesprak = models.CharField(_("tolkespråk"), max_length=40, blank=True)
    notat = models.TextField(_("notat"))
    # The notes case-folded, so search finds «VINTERKLÆR» in «vinterklær» on every database
    # (SQLite folds only ASCII letters).
    notat_sok = models.TextField(editable=False)
    skrevet_at = models.DateTimeField()
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-tidspunkt", "-id"]
        verbose_name = _("samtale")
        verbose_name_plural = _("samtaler")
        constraints = [
            models.CheckConstraint(condition=~models.Q(notat=""), name="samtale_has_notes"),
            models.CheckConstraint(
                condition=models.Q(tolk_brukt=False) | ~models.Q(tolkesprak=""),
                name="samtale_interpreter_has_language"),
        ]

    def __str__(self) -> str:
        return f"Samtale {self.pk}"


class VeiledningTema(models.TextChoices):
    OKONOMISK_RADGIVNING = "OKONOMISK_RADGIVNING", _("Økonomisk rådgivning og budsjett")
    GJELDSRADGIVNING = "GJELDSRADGIVNING", _("Gjeldsrådgivning")
    BOLIG = "BOLIG", _("Bolig")
    ARBEID_UTDANNING = "ARBEID_UTDANNING", _("Arbeid og utdanning")
    HELSE_RUS = "HELSE_RUS", _("Helse og rus")
    FAMILIE_BARN = "FAMILIE_BARN", _("Familie og barn")
    RETTIGHETER = "RETTIGHETER", _("Andre rettigheter og ytelser")
    ANNET = "ANNET", _("Annet")


class Veiledning(models.Model):
    """Information, advice and guidance offered (sosialtjenesteloven § 17), and any referral."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="veiledninger")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="veiledninger")
    dato = models.DateField(_("dato"))
    temaer = models.JSONField(_("tema"), default=list)
    henvist_til = models.CharField(_("henvist til"), max_length=300, blank=True)
    takket_nei = models.BooleanField(_("personen takket nei"), default=False)
    notat = models.TextField(_("hva som ble gitt"), blank=True)
    skrevet_at = models.DateTimeField()
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-dato", "-id"]
        verbose_name = _("veiledning (§ 17)")
        verbose_name_plural = _("veiledninger (§ 17)")

    def __str__(self) -> str:
        return f"Veiledning {self.pk}"


class OppgaveType(models.TextChoices):
    KARTLEGGING = "KARTLEGGING", _("Kartlegging")
    OPPFOLGING = "OPPFOLGING", _("Oppfølging")


class Oppgave(models.Model):
    """A follow-up task with a due date. Open until someone marks it done."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="oppgaver")
    type = models.CharField(_("type"), max_length=12, choices=OppgaveType.choices)
    tittel = models.CharField(_("hva skal gjøres"), max_length=200)
    frist = models.DateField(_("frist"))
    tildelt = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="oppgaver")
    samtale = models.ForeignKey(Samtale, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="oppgaver")
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    utfort_at = models.DateTimeField(null=True, blank=True)
    utfort_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["frist", "id"]
        indexes = [models.Index(fields=["utfort_at", "frist"])]
        verbose_name = _("oppgave")
        verbose_name_plural = _("oppgaver")

    def __str__(self) -> str:
        return f"Oppgave {self.pk}"

    @property
    def apen(self) -> bool:
        return self.utfort_at is None
