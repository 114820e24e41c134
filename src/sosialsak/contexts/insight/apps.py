from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "sosialsak.contexts.insight"
    verbose_name = _("Styringsinformasjon")
    label = "insight"
