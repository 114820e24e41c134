"""Letters sent while a case is open, stored as the PDF that was sent.

The PDF is kept in the database (``BinaryField``), not as a file under MEDIA_ROOT: it is then
written in the same transaction as the request and its event (no orphan file after a rollback,
no row pointing at a missing file), it is backed up and scoped with the rest of the case, and a
letter is small (about 30–60 kB). Lists must ``defer("pdf")``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad


class BrevType(models.TextChoices):
    DOKUMENTASJON = "DOKUMENTASJON", _("Etterspør dokumentasjon")
    PAMINNELSE = "PAMINNELSE", _("Påminnelse om dokumentasjon")
    FORELOPIG_SVAR = "FORELOPIG_SVAR", _("Foreløpig svar")


class Brev(models.Model):
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="brev")
    type = models.CharField(_("type"), max_length=20, choices=BrevType.choices)
    tittel = models.CharField(_("tittel"), max_length=200)
    dato = models.DateField(_("brevets dato"))
    frist = models.DateField(_("frist eller forventet svardato"), null=True, blank=True)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    tekst = models.TextField(_("brevet som tekst"))
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["opprettet_at", "id"]
        indexes = [models.Index(fields=["soknad", "type"])]
        verbose_name = _("brev")
        verbose_name_plural = _("brev")

    def __str__(self) -> str:
        return f"Brev {self.pk}"

    @property
    def filnavn(self) -> str:
        return f"{self.type.lower()}-{self.pk}.pdf"
