from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "sosialsak.contexts.offices"
    verbose_name = _("Kontorinnstillinger")  # the admin's heading (issue 12: not English)
    label = "offices"
