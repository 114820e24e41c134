"""Kartlegging: the structured mapping of a person's situation, one section at a time.

Each save of a section is a new row, dated and signed by its author; the newest row of a section
is the current one. Sections belong to the person (reused and updated across applications) and
record the application they were written in. Children each have their own section, linked to
their ``Barn`` row, with the child's name kept so the history still reads if the child later
leaves the household.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Barn, Person


class KartleggingsdelType(models.TextChoices):
    OKONOMI = "OKONOMI", _("Økonomi")
    BOLIG = "BOLIG", _("Bolig")
    HELSE_SOSIALT = "HELSE_SOSIALT", _("Helse og sosial situasjon")
    ARBEID_UTDANNING = "ARBEID_UTDANNING", _("Arbeid og utdanning")
    BARN = "BARN", _("Barn")


class Kartleggingsdel(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kartlegging")
    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="kartlegging")
    del_type = models.CharField(_("del"), max_length=20, choices=KartleggingsdelType.choices)
    barn = models.ForeignKey(Barn, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="kartlegging")
    barn_navn = models.CharField(_("barnets navn"), max_length=200, blank=True)
    svar = models.JSONField(_("svar"), default=dict, blank=True)
    fullfort = models.BooleanField(_("fullført"), default=False)
    ikke_kartlagt_grunn = models.TextField(_("hvorfor delen ikke er kartlagt"), blank=True)
    skrevet_at = models.DateTimeField(_("skrevet"))
    skrevet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["skrevet_at", "id"]
        indexes = [models.Index(fields=["person", "del_type", "barn", "skrevet_at"])]
        verbose_name = _("kartleggingsdel")
        verbose_name_plural = _("kartleggingsdeler")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(del_type="BARN", barn_navn__gt="")
                | (~models.Q(del_type="BARN") & models.Q(barn__isnull=True)),
                name="kartlegging_child_section_names_the_child"),
        ]

    def __str__(self) -> str:
        return f"Kartleggingsdel {self.pk}"

    @property
    def avklart(self) -> bool:
        """Whether the section is completed, or a reason why not is recorded."""
        return self.fullfort or bool(self.ikke_kartlagt_grunn.strip())
