from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sosialsak.contexts.cases"
    verbose_name = _("Saksgang")  # the admin's heading (issue 12: not English)
    label = "cases"
