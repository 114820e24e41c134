from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "sosialsak.contexts.archive"
    verbose_name = _("Arkiv og oppbevaring")
    label = "archive"
