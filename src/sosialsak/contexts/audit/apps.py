from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sosialsak.contexts.audit"
    label = "audit"
