from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sosialsak.contexts.audit"
    label = "audit"

    def ready(self) -> None:
        from sosialsak.contexts.audit.access_log import connect

        connect()
