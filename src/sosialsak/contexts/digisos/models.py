"""Every Digisos delivery we received, imported or quarantined, and every innsyn file we wrote."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person


class LeveringType(models.TextChoices):
    SOKNAD = "SOKNAD", _("Søknad")
    ETTERSENDELSE = "ETTERSENDELSE", _("Ettersendelse")


class LeveringStatus(models.TextChoices):
    IMPORTERT = "IMPORTERT", _("Importert")
    KARANTENE = "KARANTENE", _("I karantene")
    ERSTATTET = "ERSTATTET", _("Rettet og importert på nytt")


class Levering(models.Model):
    """One delivery (søknad or ettersendelse), identified by its digisosId and eksternRef.

    The same pair delivered again is a no-op. An eksternRef names one submission, so only one
    imported delivery may have it; a delivery that reuses it under another digisosId, or that
    brings a new soknad.json for a digisosId we have, is rejected (quarantined) with both ids.
    A rejected delivery keeps its files in its own quarantine folder and its errors here, so
    an administrator can fix and replay it; nothing of it reaches the case tables until then.
    """

    ekstern_ref = models.CharField(max_length=100)
    digisos_id = models.CharField(max_length=100, db_index=True)
    type = models.CharField(max_length=14, choices=LeveringType.choices)
    status = models.CharField(max_length=10, choices=LeveringStatus.choices)
    mottatt_at = models.DateTimeField()
    kilde = models.CharField(max_length=20)  # inbox | api | cli
    soknad = models.ForeignKey(Soknad, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="leveringer")
    feil = models.JSONField(default=list, blank=True)
    karantene_mappe = models.CharField(max_length=300, blank=True)
    forsok = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-mottatt_at", "-id"]
        verbose_name = _("Digisos-levering")
        verbose_name_plural = _("Digisos-leveringer")
        constraints = [
            models.UniqueConstraint(fields=["digisos_id", "ekstern_ref"],
                                    name="levering_unik_digisos_id_ekstern_ref"),
            models.UniqueConstraint(fields=["ekstern_ref"],
                                    condition=models.Q(soknad__isnull=False),
                                    name="levering_importert_unik_ekstern_ref"),
        ]

    def __str__(self) -> str:
        return f"Levering {self.pk} ({self.status})"


class InnsynFil(models.Model):
    """The latest digisos-soker.json written for an application (the whole public history)."""

    soknad = models.OneToOneField(Soknad, on_delete=models.CASCADE, related_name="innsynfil")
    skrevet_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    antall_hendelser = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Innsynfil {self.pk}"


class UgyldigIdent(models.Model):
    """The identity string of an applicant whose fødselsnummer failed the check, and the person
    we created for it, so the next application with the same string reuses that person.

    The number itself never reaches ``Person.fodselsnummer`` (it is not a valid one); it is kept
    here only to recognise the person again, and only within imports.
    """

    ident = models.CharField(max_length=100, db_index=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    opprettet_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ident", "person"],
                                               name="ugyldig_ident_unik_per_person")]

    def __str__(self) -> str:
        return f"UgyldigIdent {self.pk}"


class Utkast(models.Model):
    """A person's own application form in progress (issue 16, item 2).

    Kept per citizen user, server-side, until it is sent; then it becomes a Digisos delivery
    through the importer and is deleted. Staff never read this table: a draft is not an
    application until it is sent.
    """

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE,
                                related_name="soknad_utkast")
    data = models.JSONField(default=dict)
    opprettet_at = models.DateTimeField()
    endret_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Utkast {self.pk}"


class UtkastVedlegg(models.Model):
    """An attachment to a draft (bounded: ``citizen_draft.MAX_FILES`` of ``MAX_FILE_BYTES``)."""

    utkast = models.ForeignKey(Utkast, on_delete=models.CASCADE, related_name="vedlegg")
    filnavn = models.CharField(max_length=100)
    type = models.CharField(max_length=40)
    innhold = models.BinaryField()

    def __str__(self) -> str:
        return f"Vedlegg {self.pk} til utkast {self.utkast_id}"
