from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "sosialsak.contexts.intake"
    verbose_name = _("Søknader")  # the admin's heading (issue 12: not English)
    label = "intake"
