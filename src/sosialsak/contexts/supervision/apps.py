from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "sosialsak.contexts.supervision"
    verbose_name = _("Internkontroll og tilsyn")
    label = "supervision"
