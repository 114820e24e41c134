from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiltakConfig(AppConfig):
    name = "sosialsak.contexts.tiltak"
    verbose_name = _("Tiltak")
    label = "tiltak"
