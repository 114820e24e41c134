from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "sosialsak.contexts.followup"
    verbose_name = _("Oppfølging")
    label = "followup"
