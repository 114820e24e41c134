from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "sosialsak.contexts.decisions"
    verbose_name = _("Vedtak")  # the admin's heading (issue 12: not English)
    label = "decisions"
