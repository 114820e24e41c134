from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigisosConfig(AppConfig):
    name = "sosialsak.contexts.digisos"
    verbose_name = _("Digisos")  # the admin's heading (issue 12: not English)
    label = "digisos"
