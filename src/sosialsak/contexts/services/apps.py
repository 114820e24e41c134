from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "sosialsak.contexts.services"
    verbose_name = _("Sosiale tjenester")  # the admin's heading
    label = "services"
