"""Letters of the decision flow stored as the PDF that was sent: decision letters, advance
warnings (fvl § 16) and case packages.

Like ``cases.Brev`` the PDF lives in the database, written in the same transaction as the
decision and its event. ``dokumentlager_id`` is the UUID the Digisos innsyn export uses as the
letter's ``dokumentlagerDokumentId`` (``vedtakFattet.vedtaksfil``); a Digisos ``klage.json``
names the appealed decision by it (``vedtakId``). Lists must ``defer("pdf")``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.decisions.models._vedtak import Vedtak
from sosialsak.contexts.intake.models import Soknad


class DokumentType(models.TextChoices):
    VEDTAK = "VEDTAK", _("Vedtaksbrev")
    FORHANDSVARSEL = "FORHANDSVARSEL", _("Forhåndsvarsel")
    KLAGEPAKKE = "KLAGEPAKKE", _("Klagesak til Statsforvalteren")


class VedtakDokument(models.Model):
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="vedtaksdokumenter")
    vedtak = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="dokumenter")
    type = models.CharField(_("type"), max_length=20, choices=DokumentType.choices)
    tittel = models.CharField(_("tittel"), max_length=200)
    dato = models.DateField(_("brevets dato"))
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    tekst = models.TextField(_("brevet som tekst"), blank=True)
    dokumentlager_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opprettet_at = models.DateTimeField()
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["opprettet_at", "id"]
        indexes = [models.Index(fields=["soknad", "type"])]
        verbose_name = _("vedtaksdokument")
        verbose_name_plural = _("vedtaksdokumenter")

    def __str__(self) -> str:
        return f"VedtakDokument {self.pk}"

    @property
    def filnavn(self) -> str:
        return f"{self.type.lower()}-{self.pk}.pdf"
