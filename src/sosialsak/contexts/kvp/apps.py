from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KvpConfig(AppConfig):
    name = "sosialsak.contexts.kvp"
    verbose_name = _("Kvalifiseringsprogram")
    label = "kvp"
