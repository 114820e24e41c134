from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "sosialsak.contexts.audit"
    verbose_name = _("Tilgangslogg")  # the admin's heading (issue 12: not English)
    label = "audit"

    def ready(self) -> None:
        from sosialsak.contexts.audit.access_log import connect

        connect()
