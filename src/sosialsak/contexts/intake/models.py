"""Applications from every channel, the items applied for, and each application's event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.people.models import Husstand, Person


class Kanal(models.TextChoices):
    DIGITAL = "DIGITAL", _("Digital søknad")
    PAPIR = "PAPIR", _("Papirsøknad")
    MUNTLIG = "MUNTLIG", _("Muntlig ved kontoret")
    TELEFON = "TELEFON", _("Telefon")


class SoknadStatus(models.TextChoices):
    MOTTATT = "MOTTATT", _("Mottatt")
    UNDER_BEHANDLING = "UNDER_BEHANDLING", _("Under behandling")
    FERDIGBEHANDLET = "FERDIGBEHANDLET", _("Ferdig behandlet")
    BEHANDLES_IKKE = "BEHANDLES_IKKE", _("Behandles ikke")


class StonadType(models.TextChoices):
    LIVSOPPHOLD = "LIVSOPPHOLD", _("Livsopphold")
    HUSLEIE = "HUSLEIE", _("Husleie")
    STROM = "STROM", _("Strøm og oppvarming")
    DEPOSITUM = "DEPOSITUM", _("Depositum")
    NODHJELP = "NODHJELP", _("Nødhjelp")
    TANNBEHANDLING = "TANNBEHANDLING", _("Tannbehandling")
    MEDISINER = "MEDISINER", _("Medisiner")
    MIDLERTIDIG_BOTILBUD = "MIDLERTIDIG_BOTILBUD", _("Midlertidig botilbud")
    ANNET = "ANNET", _("Annet")


class Soknad(models.Model):
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="soknader")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="soknader")
    mottatt_at = models.DateTimeField(_("mottatt"), db_index=True)
    kanal = models.CharField(_("kanal"), max_length=10, choices=Kanal.choices)
    nodhjelp = models.BooleanField(_("nødhjelp"), default=False)
    egne_ord = models.TextField(_("søkerens egne ord"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=SoknadStatus.choices,
                              default=SoknadStatus.MOTTATT, db_index=True)
    deler_bolig = models.BooleanField(_("deler bolig med andre voksne"), default=False)
    digisos_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    ekstern_ref = models.CharField(max_length=64, blank=True)
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    saksbehandler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="tildelte_soknader")
    status_endret_at = models.DateTimeField(null=True, blank=True)
    # The applicant's details and household as stated in this application (issue 10).
    husstand = models.OneToOneField(Husstand, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="soknad")
    # Registered by an office that could not see the person (strengt fortrolig adresse): the
    # office sees this application, which holds only what it was told, like any other; see
    # docs/adr on registering an application for a protected person.
    registrert_uten_innsyn = models.BooleanField(default=False)

    class Meta:
        ordering = ["-nodhjelp", "mottatt_at"]
        indexes = [
            models.Index(fields=["kontor", "status", "nodhjelp", "mottatt_at"]),
            # The work queue and the API list, in their keyset order (issue 13): the open
            # applications of an office, and those of one status.
            models.Index(fields=["kontor", "-nodhjelp", "mottatt_at", "id"],
                         condition=models.Q(status__in=("MOTTATT", "UNDER_BEHANDLING")),
                         name="soknad_queue_open"),
            models.Index(fields=["kontor", "status", "-nodhjelp", "mottatt_at", "id"],
                         name="soknad_queue_status"),
        ]
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")

    def __str__(self) -> str:
        return f"Søknad {self.pk}"

    @property
    def soker_navn(self) -> str:
        """The applicant's name as stated in this application (never the person record of
        another office's case; issue 10). Fetch with ``select_related("husstand")``."""
        return self.husstand.navn if self.husstand is not None else ""

    @property
    def beskyttet(self) -> bool:
        """Show this application as one for a person with a protected address? Never for one
        registered without sight of the person, so that office learns nothing (issue 10)."""
        return self.person.has_protected_address and not self.registrert_uten_innsyn


class SoktStonad(models.Model):
    """One thing applied for. Each one must get a decision (no part of an application is lost)."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="poster")
    type = models.CharField(_("hva det søkes om"), max_length=30, choices=StonadType.choices)
    beskrivelse = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    belop = models.PositiveIntegerField(_("beløp søkt om (kr)"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("søkt stønad")
        verbose_name_plural = _("søkte stønader")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(type="ANNET") | ~models.Q(beskrivelse=""),
                name="annet_needs_beskrivelse",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.pk})"

    @property
    def label(self) -> str:
        return self.beskrivelse if self.type == StonadType.ANNET else str(self.get_type_display())


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Append-only: hendelser cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Append-only: hendelser cannot be deleted.")


class Hendelse(models.Model):
    """One event in an application's history. Append-only: the timeline and the innsyn source.

    ``type`` is a reverse-domain code (``intake.soknad.mottatt``); ``data`` holds the facts the
    innsyn export and the timeline need (ids, statuses, amounts, dates).
    """

    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="hendelser")
    at = models.DateTimeField(db_index=True)
    type = models.CharField(max_length=60)
    tekst = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")

    def __str__(self) -> str:
        return f"{self.type} ({self.pk})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Append-only: a hendelse cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Append-only: a hendelse cannot be deleted.")


class VedleggKilde(models.TextChoices):
    SOKNAD = "SOKNAD", _("Sendt med søknaden")
    ETTERSENDELSE = "ETTERSENDELSE", _("Ettersendt digitalt")
    SKRANKE = "SKRANKE", _("Levert på kontoret")
    # Issue 16: a document the office sends the person with a message.
    KONTOR = "KONTOR", _("Sendt fra kontoret")


class Vedlegg(models.Model):
    """An attachment to an application: the file is stored under MEDIA_ROOT, its hash here."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="vedlegg")
    kilde = models.CharField(max_length=14, choices=VedleggKilde.choices)
    type = models.CharField(_("dokumenttype"), max_length=100)
    tilleggsinfo = models.CharField(max_length=200, blank=True)
    filnavn = models.CharField(max_length=255)
    fil = models.FileField(upload_to="vedlegg/%Y/%m/", max_length=300)
    sha256 = models.CharField(max_length=64)
    storrelse = models.PositiveIntegerField()
    hendelse_referanse = models.CharField(max_length=100, blank=True)
    mottatt_at = models.DateTimeField()
    levering_ref = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["mottatt_at", "id"]
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")

    def __str__(self) -> str:
        return f"Vedlegg {self.pk}"


class Flagg(models.Model):
    """Something odd about an application the caseworker must look at (kept until resolved)."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="flagg")
    kode = models.CharField(max_length=40)
    tekst = models.CharField(max_length=500)
    opprettet_at = models.DateTimeField()
    lost_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opprettet_at", "id"]
        verbose_name = _("merknad")
        verbose_name_plural = _("merknader")

    def __str__(self) -> str:
        return f"{self.kode} ({self.pk})"


class OkonomiKind(models.TextChoices):
    INNTEKT = "INNTEKT", _("Inntekt")
    UTGIFT = "UTGIFT", _("Utgift")
    BOUTGIFT = "BOUTGIFT", _("Boutgift")
    FORMUE = "FORMUE", _("Formue")
    UTBETALING = "UTBETALING", _("Utbetaling mottatt")


class OkonomiPost(models.Model):
    """One income, expense, housing cost or asset the applicant reported, as given."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="okonomi")
    kind = models.CharField(max_length=10, choices=OkonomiKind.choices)
    type = models.CharField(max_length=60)
    tittel = models.CharField(max_length=200)
    belop = models.IntegerField(null=True, blank=True)
    kilde = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("økonomipost")
        verbose_name_plural = _("økonomiposter")

    def __str__(self) -> str:
        return f"{self.kind} {self.type} ({self.pk})"
