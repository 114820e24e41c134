from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "sosialsak.contexts.intake"
    label = "intake"
