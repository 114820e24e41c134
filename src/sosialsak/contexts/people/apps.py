from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sosialsak.contexts.people"
    verbose_name = _("Personer")  # the admin's heading (issue 12: not English)
    label = "people"
